"""Fixtures of the admin API tests: the app on each database, tokens per role, residents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from actions import campaigns, residents, submit_idea, tokens
from actions.store.campaigns import Campaign
from actions.store.database import Database
from admin_api.app import create_admin_app
from tests.conftest import SECRET, load_fixture_campaign
from tests.support.chat import FakeClock


class Api:
    """A client that sends one role's bearer token with every request."""

    def __init__(self, client: TestClient, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        """An edit as organisers make it: the ETag just read goes back as If-Match."""
        return self.request("PATCH", path, **self._if_match(path, kwargs))

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **self._if_match(path, kwargs))

    def _if_match(self, path: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        headers = dict(kwargs.pop("headers", {}))
        if "If-Match" not in headers:
            headers["If-Match"] = self.get(path).headers.get("ETag", "*")
        return {**kwargs, "headers": headers}

    def csv(self, path: str, text: str) -> httpx.Response:
        return self.post(path, content=text.encode(), headers={"Content-Type": "text/csv"})


@pytest.fixture
def app(database: Database, clock: FakeClock) -> FastAPI:
    return create_admin_app(database, secret=SECRET, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def role_tokens(database: Database) -> dict[str, str]:
    """A live token per role."""
    with database.transaction() as session:
        return {role: tokens.create(session, role=role, label=role) for role in tokens.ROLES}


@pytest.fixture
def admin(client: TestClient, role_tokens: dict[str, str]) -> Api:
    return Api(client, role_tokens["admin"])


@pytest.fixture
def moderator(client: TestClient, role_tokens: dict[str, str]) -> Api:
    return Api(client, role_tokens["moderator"])


@pytest.fixture
def viewer(client: TestClient, role_tokens: dict[str, str]) -> Api:
    return Api(client, role_tokens["viewer"])


@pytest.fixture
def mini(database: Database, clock: FakeClock) -> int:
    """The id of the tiny fixture campaign (voting open, open eligibility, €10,000)."""
    load_fixture_campaign(database, "mini", clock.now)
    with database.transaction() as session:
        return session.scalars(select(Campaign.id).where(Campaign.slug == "mini")).one()


def add_resident(
    database: Database,
    *,
    user: str,
    campaign_id: int,
    now: datetime,
    channel: str = "telegram",
    language: str = "nl",
) -> int:
    """A resident who chose the campaign and consented; their id."""
    with database.transaction() as session:
        resident, _ = residents.find_or_create(
            session, key=f"key-{channel}-{user}", channel=channel, address=user, now=now
        )
        resident.language = language
        resident.campaign_id = campaign_id
        resident.consent_at = now
        return resident.id


def add_idea(
    database: Database,
    *,
    campaign_id: int,
    resident_id: int,
    title: str = "Benches by the playground",
    description: str = "Two benches so that grandparents can sit while the children play.",
    language: str = "nl",
    channel: str = "telegram",
    cost: int | None = 2500,
    neighbourhood: str | None = None,
) -> str:
    """An idea submitted the way the chat submits it; its reference."""
    with database.transaction() as session:
        campaign = campaigns.by_id(session, campaign_id=campaign_id)
        assert campaign is not None
        return submit_idea.submit(
            session,
            campaign=campaign,
            resident_id=resident_id,
            draft=submit_idea.IdeaDraft(
                title=title, description=description, cost=cost, neighbourhood_key=neighbourhood
            ),
            language=language,
            channel=channel,
        )
