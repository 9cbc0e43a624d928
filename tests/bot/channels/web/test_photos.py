"""Photos in the widget: an idea's photo uploaded, checked, kept in the database, shown only to
its sender and to organisers, and deleted with "delete my data"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from actions import tokens, web_photos
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.web import WebPhoto, WebTranscriptEntry
from bot.channels.web.limits import Limiter
from bot.engine.services import Services
from tests.bot.channels.web.conftest import build_web_app
from tests.bot.channels.web.images import jpeg, png
from tests.bot.channels.web.visitor import Visitor

SIX_MB = 6 * 1024 * 1024


def count(database: Database, table: type[WebPhoto] | type[WebTranscriptEntry]) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def at_the_photo_step(client: TestClient) -> Visitor:
    """A resident of duinoord (ideas open) who filled in an idea up to its photo."""
    visitor = Visitor(client, campaign="duinoord")
    visitor.tap("English").tap("I agree").tap("Share an idea")
    visitor.say("Benches in the Reinkenstraat")
    visitor.say("Two benches by the playground, so grandparents can sit while children play.")
    visitor.tap("Skip").tap("Skip")
    assert "add a photo" in visitor.text
    return visitor


def photo_url(entry: dict) -> str:
    return f"/widget/api/photos/{entry['photo']['id']}"


def test_a_photo_goes_with_the_idea_and_organisers_get_the_same_bytes(
    client: TestClient, database: Database
) -> None:
    visitor = at_the_photo_step(client)
    image = png(3, 2)
    response = visitor.upload(image)
    assert response.status_code == 200, response.text
    mine, *replies = response.json()["entries"]
    assert mine["from"] == "resident" and mine["text"] == "Photo sent"
    assert "Photo: yes" in "\n".join(r["text"] for r in replies)

    served = client.get(photo_url(mine), headers=visitor.auth)
    assert served.status_code == 200
    assert served.content == image
    assert served.headers["content-type"] == "image/png"
    assert served.headers["cache-control"].startswith("private")
    assert served.headers["x-content-type-options"] == "nosniff"
    assert visitor.history()[-len(replies) - 1] == mine  # a reload shows it again

    visitor.tap("Send my idea")
    assert "Your reference is DUINOORD-" in visitor.text
    with database.transaction() as session:
        idea = session.scalars(select(Idea)).one()
        assert idea.photo_ref == f"web-photo:{mine['photo']['id']}"
        assert idea.channel == "web"
        campaign_id, idea_id = idea.campaign_id, idea.id
        viewer = tokens.create(session, role="viewer", label="viewer")
    admin = client.get(
        f"/api/campaigns/{campaign_id}/ideas/{idea_id}/photo",
        headers={"Authorization": f"Bearer {viewer}"},
    )
    assert admin.status_code == 200
    assert admin.content == image and admin.headers["content-type"] == "image/png"
    assert admin.headers["x-content-type-options"] == "nosniff"


def test_a_jpeg_is_kept_as_what_its_bytes_are(client: TestClient) -> None:
    visitor = at_the_photo_step(client)
    # Browsers take the Content-Type from the file's name; the bytes decide.
    response = visitor.upload(jpeg(), content_type="image/png")
    assert response.status_code == 200, response.text
    served = client.get(photo_url(response.json()["entries"][0]), headers=visitor.auth)
    assert served.content == jpeg() and served.headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/png"),
        (b"<html><script>alert(1)</script></html>", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "image/webp"),
        (png(), "image/gif"),
        (png(), "application/octet-stream"),
        (png(), "text/html"),
    ],
)
def test_anything_but_a_jpeg_png_or_webp_is_refused_with_415(
    client: TestClient, database: Database, body: bytes, content_type: str
) -> None:
    visitor = at_the_photo_step(client)
    before = count(database, WebTranscriptEntry)
    response = visitor.upload(body, content_type=content_type)
    assert response.status_code == 415
    assert "JPEG, PNG or WebP" in response.json()["error"]["message"]
    assert count(database, WebPhoto) == 0
    assert count(database, WebTranscriptEntry) == before  # no turn ran


def test_a_photo_over_5_mb_is_refused_with_413(client: TestClient, database: Database) -> None:
    visitor = at_the_photo_step(client)
    big = png() + b"\x00" * SIX_MB
    response = visitor.upload(big)
    assert response.status_code == 413
    assert response.json() == {"error": {"code": 413, "message": "the photo is larger than 5 MB"}}

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap holds while reading
        yield png()
        for _ in range(7):
            yield b"\x00" * (1024 * 1024)

    streamed = client.post(
        "/widget/api/photos",
        content=chunks(),
        headers={**visitor.auth, "Content-Type": "image/png"},
    )
    assert streamed.status_code == 413
    assert count(database, WebPhoto) == 0


def test_exactly_5_mb_is_accepted(client: TestClient) -> None:
    visitor = at_the_photo_step(client)
    image = png()
    response = visitor.upload(image + b"\x00" * (web_photos.MAX_BYTES - len(image)))
    assert response.status_code == 200, response.text


def test_an_empty_body_or_a_bad_message_id_is_refused(client: TestClient) -> None:
    visitor = at_the_photo_step(client)
    assert visitor.upload(b"").status_code == 400
    assert visitor.upload(png(), client_id="no spaces").status_code == 422


def test_no_or_a_forged_session_is_refused_like_messages(
    client: TestClient, database: Database
) -> None:
    visitor = at_the_photo_step(client)
    payload, signature = visitor.token.split(".")
    for headers, status in [
        ({}, 401),
        ({"Authorization": f"Bearer {payload}.{signature[:-2]}AA"}, 403),
        ({"Authorization": "Bearer not-a-token"}, 403),
    ]:
        response = client.post(
            "/widget/api/photos", content=png(), headers={**headers, "Content-Type": "image/png"}
        )
        assert response.status_code == status
        assert response.json()["error"]["code"] == status
    assert count(database, WebPhoto) == 0


def test_only_the_sender_can_see_a_photo(client: TestClient) -> None:
    alice = at_the_photo_step(client)
    url = photo_url(alice.upload(png()).json()["entries"][0])
    bob = Visitor(client, campaign="duinoord")
    bob.tap("English")
    refused = client.get(url, headers=bob.auth)
    assert refused.status_code == 404
    assert refused.json()["error"]["message"] == "there is no such photo of yours"
    assert client.get(url).status_code == 401
    assert client.get(url, headers={"Authorization": "Bearer x.y"}).status_code == 403
    assert client.get("/widget/api/photos/not-there", headers=alice.auth).status_code == 404
    assert client.get("/widget/api/photos/" + "x" * 40, headers=alice.auth).status_code == 404
    assert client.get(url, headers=alice.auth).status_code == 200


def test_a_retried_upload_replays_its_replies_and_keeps_one_photo(
    client: TestClient, database: Database
) -> None:
    visitor = at_the_photo_step(client)
    first = visitor.upload(png(), client_id="photo-1")
    again = visitor.upload(png(), client_id="photo-1")
    assert again.status_code == 200
    assert again.json()["entries"] == first.json()["entries"]
    assert count(database, WebPhoto) == 1


def test_a_photo_where_none_is_asked_for_gets_a_clear_answer(client: TestClient) -> None:
    visitor = Visitor(client, campaign="duinoord")
    visitor.tap("English").tap("I agree")
    response = visitor.upload(png())
    assert response.status_code == 200
    assert "I can't use a photo here." in visitor.text


def test_delete_my_data_deletes_the_photos(client: TestClient, database: Database) -> None:
    visitor = at_the_photo_step(client)
    url = photo_url(visitor.upload(png()).json()["entries"][0])
    visitor.tap("Send my idea")
    assert count(database, WebPhoto) == 1
    visitor.say("/delete")
    assert visitor.post({"payload": "f:yes"})["ended"] is True
    assert count(database, WebPhoto) == 0
    assert client.get(url, headers=visitor.auth).status_code == 404
    with database.transaction() as session:
        assert session.scalars(select(Idea.photo_ref)).one() is None


def test_photos_are_rate_limited(
    database: Database, services: Services, demo_campaigns: None
) -> None:
    web = build_web_app(database, services, photo_limits=Limiter(rate=0.01, burst=1))
    with TestClient(web.app) as client:
        visitor = at_the_photo_step(client)
        assert visitor.upload(png()).status_code == 200
        response = visitor.upload(png())
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) >= 1
    assert count(database, WebPhoto) == 1


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png(), "image/png"),
        (jpeg(), "image/jpeg"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFX\x24\x00\x00\x00WEBPVP8 ", None),
        (b"\xff\xd8", None),
        (b"", None),
        (b"BM\x00\x00", None),
    ],
)
def test_the_bytes_say_what_a_photo_is(data: bytes, kind: str | None) -> None:
    assert web_photos.sniff(data) == kind
