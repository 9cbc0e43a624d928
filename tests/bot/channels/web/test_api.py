"""The widget API over HTTP: sessions, messages, history, errors and limits."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from actions import notices
from actions.store.database import Database
from actions.store.residents import Resident
from actions.store.web import WebTranscriptEntry
from bot.channels.web.limits import Limiter
from bot.channels.web.session import SessionTokens
from bot.engine.services import Services
from tests.bot.channels.web.conftest import WebApp, a_code, build_web_app
from tests.bot.channels.web.visitor import Visitor
from tests.support.chat import FakeClock


def transcript_size(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(WebTranscriptEntry)) or 0


def test_a_session_opens_with_the_greeting_in_the_browsers_language(client: TestClient) -> None:
    visitor = Visitor(client, **{"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"})
    assert visitor.token.count(".") == 1
    assert [e["from"] for e in visitor.last] == ["bot", "bot"]
    assert all(isinstance(e["id"], int) for e in visitor.last)
    assert visitor.last[1]["language"] == "tr"
    assert visitor.options()[0][0] == "Türkçe"  # the hinted language is offered first


def test_arabic_replies_are_marked_right_to_left(client: TestClient) -> None:
    visitor = Visitor(client, **{"Accept-Language": "ar"})
    assert visitor.last[0]["rtl"] is True and visitor.last[0]["language"] == "ar"


def test_a_session_for_an_unknown_campaign_is_a_404(client: TestClient) -> None:
    response = client.post("/widget/api/session", json={"campaign": "atlantis"})
    assert response.status_code == 404
    assert "atlantis" in response.json()["error"]["message"]


def test_a_session_needs_a_campaign(client: TestClient) -> None:
    response = client.post("/widget/api/session", json={"campaign": 7})
    assert response.status_code == 422


def test_a_missing_token_is_refused(client: TestClient, database: Database) -> None:
    before = transcript_size(database)
    response = client.post("/widget/api/messages", json={"text": "hallo"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "a session token is required"
    assert client.get("/widget/api/history").status_code == 401
    assert transcript_size(database) == before


def test_a_forged_token_is_refused(client: TestClient) -> None:
    visitor = Visitor(client)
    payload, signature = visitor.token.split(".")
    tampered = [
        f"{payload}.{signature[:-2]}AA",  # a changed signature
        f"{payload[:-2]}xx.{signature}",  # a changed session id or campaign
        "not-a-token",
        SessionTokens(b"someone else's secret", FakeClock()).issue("west")[0],
    ]
    for token in tampered:
        headers = {"Authorization": f"Bearer {token}"}
        response = client.post("/widget/api/messages", json={"text": "hi"}, headers=headers)
        assert response.status_code == 403, token
        assert client.get("/widget/api/history", headers=headers).status_code == 403


def test_an_expired_token_is_refused(client: TestClient, clock: FakeClock) -> None:
    visitor = Visitor(client)
    clock.now += timedelta(days=91)
    response = client.post("/widget/api/messages", json={"text": "hi"}, headers=visitor.auth)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_message_over_the_length_limit_is_refused_clearly(
    client: TestClient, database: Database
) -> None:
    visitor = Visitor(client)
    before = transcript_size(database)
    response = client.post("/widget/api/messages", json={"text": "a" * 2001}, headers=visitor.auth)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == (
        "the message is too long: 2001 characters, at most 2000"
    )
    assert transcript_size(database) == before


def test_an_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    visitor = Visitor(client)
    body = b'{"text": "' + b"a" * 20_000 + b'"}'
    response = client.post(
        "/widget/api/messages",
        content=body,
        headers={**visitor.auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "16384 bytes" in response.json()["error"]["message"]


def test_malformed_messages_are_refused(client: TestClient) -> None:
    visitor = Visitor(client)
    bodies = [
        {"text": "hi", "payload": "g:menu"},
        {},
        {"text": 5},
        {"payload": ""},
        {"location": {"latitude": "52", "longitude": 4.9}},
        {"text": "hi", "id": "no spaces allowed"},
    ]
    for body in bodies:
        response = client.post("/widget/api/messages", json=body, headers=visitor.auth)
        assert response.status_code == 422, body
    response = client.post(
        "/widget/api/messages",
        content=b"{not json",
        headers={**visitor.auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 400


def test_a_tap_shows_the_label_and_history_resumes_the_conversation(client: TestClient) -> None:
    visitor = Visitor(client)
    visitor.tap("English").tap("I agree")
    assert visitor.last[0] == {"id": visitor.last[0]["id"], "from": "resident", "text": "I agree"}
    assert "What would you like to do?" in visitor.text
    history = visitor.history()
    assert [e["from"] for e in history] == ["bot", "bot", "resident", "bot", "resident"] + [
        "bot"
    ] * (len(history) - 5)
    assert history[2]["text"] == "English"
    assert history[-1] == visitor.last[-1]
    assert visitor.history(after=history[-2]["id"]) == history[-1:]


def test_a_client_sent_user_id_is_ignored(client: TestClient) -> None:
    alice, bob = Visitor(client), Visitor(client)
    alice.tap("English").tap("I agree")
    before = alice.history()
    bob.post({"text": "hello", "user_id": alice.token, "resident": 1})
    assert alice.history() == before
    assert [e["text"] for e in bob.history() if e["from"] == "resident"] == ["hello"]


def test_a_retried_message_replays_its_replies_without_a_second_turn(
    client: TestClient, database: Database
) -> None:
    visitor = Visitor(client)
    first = visitor.post({"payload": visitor.options()[0][1], "id": "retry-1"})
    size = transcript_size(database)
    again = visitor.post({"payload": visitor.options()[0][1], "id": "retry-1"})
    assert again["entries"] == first["entries"]
    assert transcript_size(database) == size


def test_a_whole_vote_to_a_receipt(client: TestClient, database: Database) -> None:
    visitor = Visitor(client)
    visitor.tap("English").tap("I agree").tap("Vote")
    assert "voting code" in visitor.text
    visitor.say(a_code(database))
    assert "€0 of €300,000" in visitor.text
    visitor.tap("Add a proposal").tap("#3 ")
    assert "#3" in visitor.text
    visitor.tap("Review and vote")
    visitor.post({"payload": visitor.options()[0][1]})
    assert "receipt" in visitor.text.lower()


def test_delete_my_data_ends_the_session_and_erases_the_transcript(
    client: TestClient, database: Database
) -> None:
    visitor = Visitor(client)
    visitor.tap("English").tap("I agree")
    visitor.say("/delete")
    answer = visitor.post({"payload": "f:yes"})
    assert answer["ended"] is True
    assert answer["entries"][0]["id"] is None
    assert "deleted" in answer["entries"][0]["text"]
    assert transcript_size(database) == 0
    assert visitor.history() == []
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0


def test_a_notice_reaches_the_widget_through_the_outbox(
    client: TestClient, web: WebApp, database: Database, clock: FakeClock
) -> None:
    visitor = Visitor(client, **{"Accept-Language": "nl"})
    last = visitor.history()[-1]["id"]
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        queued = notices.notify(
            session,
            resident_id=resident.id,
            code="idea_accepted",
            params={"reference": "DUINOORD-0001", "title": "Bankjes"},
            now=clock.now,
        )
        assert queued
    asyncio.run(client.app.state.sender.drain_once())  # type: ignore[attr-defined]
    news = visitor.history(after=last)
    assert len(news) == 1 and "DUINOORD-0001" in news[0]["text"]
    assert news[0]["language"] == "nl"


def test_the_transcript_keeps_the_newest_messages(
    database: Database, services: Services, demo_campaigns: None
) -> None:
    web = build_web_app(database, services, message_limits=Limiter(rate=1000, burst=1000))
    with TestClient(web.app) as client:
        visitor = Visitor(client)
        visitor.tap("English").tap("I agree")
        for _ in range(100):  # two entries each
            visitor.say("/help")
        history = visitor.history()
    assert len(history) == 200
    assert history[-1]["id"] == visitor.last[-1]["id"]
    assert transcript_size(database) == 200


def test_too_many_messages_are_slowed_down(
    database: Database, services: Services, demo_campaigns: None
) -> None:
    web = build_web_app(database, services, message_limits=Limiter(rate=0.01, burst=2))
    with TestClient(web.app) as client:
        visitor = Visitor(client)
        visitor.say("/help").say("/help")
        response = client.post("/widget/api/messages", json={"text": "hi"}, headers=visitor.auth)
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) >= 1


def test_the_chrome_texts_come_in_the_asked_language(client: TestClient) -> None:
    arabic = client.get("/widget/api/ui?lang=ar").json()
    assert arabic["language"] == "ar" and arabic["rtl"] is True
    english = client.get("/widget/api/ui?lang=xx").json()
    assert english == {
        "language": "en",
        "rtl": False,
        "texts": english["texts"],
    }
    assert english["texts"]["launcher"] == "Chat with us"
    assert english["texts"]["send"] == "Send"
    polish = client.get("/widget/api/ui", headers={"Accept-Language": "fr, pl;q=0.8"}).json()
    assert polish["language"] == "pl"
    assert set(polish["texts"]) == set(english["texts"])
