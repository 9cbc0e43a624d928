"""Every route × every role × no token: 401 without a live token, 403 below the route's role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from actions import broadcasts, moderate, tally_campaign
from actions.store.database import Database
from admin_api.app import create_admin_app
from tests.admin_api.conftest import Api, add_idea, add_resident
from tests.conftest import SECRET
from tests.support.chat import FakeClock

# The least role each route needs. A route missing here fails test_the_table_covers_every_route.
REQUIRED = {
    ("GET", "/campaigns"): "viewer",
    ("POST", "/campaigns"): "admin",
    ("GET", "/campaigns/{campaign_id}"): "viewer",
    ("PATCH", "/campaigns/{campaign_id}"): "admin",
    ("POST", "/imports/pabulib"): "admin",
    ("GET", "/campaigns/{campaign_id}/export.pb"): "viewer",
    ("GET", "/campaigns/{campaign_id}/proposals"): "viewer",
    ("POST", "/campaigns/{campaign_id}/proposals"): "moderator",
    ("POST", "/campaigns/{campaign_id}/imports/proposals"): "moderator",
    ("GET", "/campaigns/{campaign_id}/proposals/{proposal_id}"): "viewer",
    ("PATCH", "/campaigns/{campaign_id}/proposals/{proposal_id}"): "moderator",
    ("DELETE", "/campaigns/{campaign_id}/proposals/{proposal_id}"): "moderator",
    ("GET", "/campaigns/{campaign_id}/ideas"): "viewer",
    ("GET", "/campaigns/{campaign_id}/ideas/{idea_id}"): "viewer",
    ("GET", "/campaigns/{campaign_id}/ideas/{idea_id}/photo"): "viewer",
    ("POST", "/campaigns/{campaign_id}/ideas/{idea_id}/moderation"): "moderator",
    ("POST", "/campaigns/{campaign_id}/ideas/{idea_id}/proposal"): "moderator",
    ("POST", "/campaigns/{campaign_id}/broadcasts"): "moderator",
    ("GET", "/campaigns/{campaign_id}/broadcasts"): "viewer",
    ("GET", "/campaigns/{campaign_id}/broadcasts/{broadcast_id}"): "viewer",
    ("POST", "/campaigns/{campaign_id}/broadcasts/{broadcast_id}/cancel"): "moderator",
    ("POST", "/campaigns/{campaign_id}/codes"): "admin",
    ("GET", "/campaigns/{campaign_id}/codes"): "viewer",
    ("POST", "/campaigns/{campaign_id}/codes/revoke"): "admin",
    ("POST", "/campaigns/{campaign_id}/ballots/paper"): "admin",
    ("GET", "/campaigns/{campaign_id}/ballots"): "viewer",
    ("POST", "/campaigns/{campaign_id}/results"): "admin",
    ("GET", "/campaigns/{campaign_id}/results"): "viewer",
    ("GET", "/campaigns/{campaign_id}/results/{result_id}"): "viewer",
    ("POST", "/campaigns/{campaign_id}/results/{result_id}/publish"): "admin",
    ("GET", "/campaigns/{campaign_id}/results/{result_id}/export.csv"): "viewer",
    ("GET", "/campaigns/{campaign_id}/results/{result_id}/export.pb"): "viewer",
    ("GET", "/campaigns/{campaign_id}/statistics"): "viewer",
    ("GET", "/audit"): "admin",
    ("GET", "/me"): "viewer",
    ("GET", "/tokens"): "admin",
    ("POST", "/tokens"): "admin",
    ("DELETE", "/tokens/{token_id}"): "admin",
}
RANK = {"viewer": 1, "moderator": 2, "admin": 3}


def routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app serves, as its OpenAPI schema lists them."""
    return {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }


def test_the_table_covers_every_route(database: Database) -> None:
    assert routes(create_admin_app(database, secret=SECRET)) == set(REQUIRED)


@pytest.fixture
def ids(database: Database, clock: FakeClock, mini: int, role_tokens: dict[str, str]) -> dict:
    """Real ids for every path parameter: a campaign, proposal, idea, result, broadcast, token."""
    resident = add_resident(database, user="r1", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=resident)
    with database.transaction() as session:
        result = tally_campaign.compute(session, campaign_id=mini, method="greedy", now=clock.now)
        proposal = tally_campaign.published_proposals(session, campaign_id=mini)[0]
        idea = moderate.listing(session, campaign_id=mini, limit=1, offset=0).items[0]
        broadcast = broadcasts.send(
            session,
            campaign_id=mini,
            texts={"en": "Voting closes tomorrow."},
            audience=broadcasts.Audience(),
            created_by="test",
            now=clock.now,
        )
        return {
            "campaign_id": mini,
            "proposal_id": proposal.id,
            "idea_id": idea.id,
            "result_id": result.id,
            "broadcast_id": broadcast.id,
            "token_id": 1,
        }


@pytest.mark.parametrize(("method", "path"), sorted(REQUIRED))
def test_every_route_checks_the_token_and_role(
    method: str,
    path: str,
    client: TestClient,
    role_tokens: dict[str, str],
    ids: dict,
    clock: FakeClock,
) -> None:
    clock.now += timedelta(days=30)  # voting has closed: publishing is possible
    url = path.format(**ids)
    for token in (None, "pbc_not-a-real-token"):
        response = Api(client, token).request(method, url, json={})
        assert response.status_code == 401, (token, response.text)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["error"]["code"] == "unauthorized"
    needed = RANK[REQUIRED[(method, path)]]
    for role in sorted(RANK, key=RANK.__getitem__):
        response = Api(client, role_tokens[role]).request(method, url, json={})
        if RANK[role] < needed:
            assert response.status_code == 403, (role, response.text)
            assert response.json()["error"]["code"] == "forbidden"
        else:
            assert response.status_code not in (401, 403), (role, response.text)


def test_a_revoked_token_is_refused_at_once(admin: Api, client: TestClient) -> None:
    issued = admin.post("/tokens", json={"role": "viewer", "label": "intern"}).json()
    intern = Api(client, issued["token"])
    assert intern.get("/me").json() == {
        "token_id": issued["id"],
        "role": "viewer",
        "label": "intern",
    }
    assert admin.delete(f"/tokens/{issued['id']}").json()["revoked_at"] is not None
    response = intern.get("/me")
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert admin.delete(f"/tokens/{issued['id']}").status_code == 409


def test_tokens_are_listed_without_their_secrets(admin: Api, role_tokens: dict[str, str]) -> None:
    page = admin.get("/tokens").json()
    assert page["total"] == 3
    assert {t["role"] for t in page["items"]} == {"admin", "moderator", "viewer"}
    text = str(page)
    assert all(secret not in text for secret in role_tokens.values())
    assert "digest" not in text


def test_a_token_must_come_as_a_bearer_token(client: TestClient, role_tokens: dict) -> None:
    response = client.get("/me", headers={"Authorization": f"Basic {role_tokens['admin']}"})
    assert response.status_code == 401
