"""CORS: the origins a campaign allows (and pbchat's own) may use its widget; others may not."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from actions.store.campaigns import Campaign
from actions.store.database import Database
from tests.bot.channels.web.images import png
from tests.bot.channels.web.visitor import Visitor

WEST_SITE = "https://www.west.example"
DUINOORD_SITE = "https://duinoord.example"
STRANGER = "https://evil.example"


@pytest.fixture(autouse=True)
def origins(database: Database, demo_campaigns: None) -> None:
    with database.transaction() as session:
        session.execute(
            update(Campaign).where(Campaign.slug == "west").values(allowed_origins=[WEST_SITE])
        )
        session.execute(
            update(Campaign)
            .where(Campaign.slug == "duinoord")
            .values(allowed_origins=[DUINOORD_SITE + "/"])
        )


def preflight(client: TestClient, origin: str, endpoint: str = "messages"):
    return client.options(
        f"/widget/api/{endpoint}",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_an_allowed_origin_passes_the_preflight(client: TestClient) -> None:
    for endpoint in ("session", "messages", "history"):
        response = preflight(client, WEST_SITE, endpoint)
        assert response.status_code == 204
        assert response.headers["Access-Control-Allow-Origin"] == WEST_SITE
        assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_another_origin_fails_the_preflight(client: TestClient) -> None:
    response = preflight(client, STRANGER)
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_allowed_origin_may_read_the_answers(client: TestClient) -> None:
    visitor = Visitor(client, Origin=WEST_SITE)
    response = client.post("/widget/api/messages", json={"text": "/help"}, headers=visitor.auth)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == WEST_SITE
    assert response.headers["Vary"] == "Origin"


def test_a_stranger_can_neither_open_nor_use_a_session(client: TestClient) -> None:
    response = client.post(
        "/widget/api/session", json={"campaign": "west"}, headers={"Origin": STRANGER}
    )
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    visitor = Visitor(client)
    headers = {**visitor.auth, "Origin": STRANGER}
    response = client.post("/widget/api/messages", json={"text": "hi"}, headers=headers)
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_origin_is_allowed_only_for_its_own_campaign(client: TestClient) -> None:
    duinoord = Visitor(client, "duinoord", Origin=DUINOORD_SITE)  # stored with a slash
    response = client.post(
        "/widget/api/session", json={"campaign": "west"}, headers={"Origin": DUINOORD_SITE}
    )
    assert response.status_code == 403
    west = Visitor(client)
    headers = {**west.auth, "Origin": DUINOORD_SITE}
    response = client.post("/widget/api/messages", json={"text": "hi"}, headers=headers)
    assert response.status_code == 403
    # Its refusal is readable there, so the widget can tell what went wrong.
    assert response.headers["Access-Control-Allow-Origin"] == DUINOORD_SITE
    assert duinoord.history()


def test_pbchats_own_pages_are_always_allowed(client: TestClient) -> None:
    visitor = Visitor(client, Origin="http://testserver")
    assert visitor.history()


def test_anyone_may_read_the_chrome_texts_and_the_script(client: TestClient) -> None:
    response = client.get("/widget/api/ui?lang=nl", headers={"Origin": STRANGER})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight(client, STRANGER, "ui").status_code == 204
    assert preflight(client, WEST_SITE, "nothing-here").status_code == 404


def test_photos_follow_the_same_origin_rules(client: TestClient) -> None:
    for endpoint in ("photos", "photos/some-photo-id"):
        allowed = preflight(client, DUINOORD_SITE, endpoint)
        assert allowed.status_code == 204
        assert allowed.headers["Access-Control-Allow-Origin"] == DUINOORD_SITE
        assert "content-type" in allowed.headers["Access-Control-Allow-Headers"].lower()
        assert preflight(client, STRANGER, endpoint).status_code == 403
    visitor = Visitor(client, "duinoord", Origin=DUINOORD_SITE)
    response = client.post(
        "/widget/api/photos",
        content=png(),
        headers={**visitor.auth, "Content-Type": "image/png"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == DUINOORD_SITE
    url = f"/widget/api/photos/{response.json()['entries'][0]['photo']['id']}"
    served = client.get(url, headers=visitor.auth)
    assert served.headers["Access-Control-Allow-Origin"] == DUINOORD_SITE
    stranger = client.get(url, headers={**visitor.auth, "Origin": STRANGER})
    assert stranger.status_code == 403
    assert "Access-Control-Allow-Origin" not in stranger.headers
