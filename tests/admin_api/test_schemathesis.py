"""Schemathesis against the app's own OpenAPI schema, in-process: no 5xx, nothing off-schema.

SQLite only, a fresh database per operation, a bounded number of examples. The schema is
read at collection from an app that never touches its database; every test then points the
ASGI proxy at an app on a fresh database holding the mini campaign.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from starlette.types import ASGIApp, Receive, Scope, Send

from actions import tally_campaign, tokens
from actions.limits import INT_MAX
from actions.store.admin import ApiToken
from actions.store.database import Database
from admin_api.app import create_admin_app
from tests.admin_api.conftest import add_idea, add_resident
from tests.conftest import SECRET, load_fixture_campaign
from tests.support.chat import FakeClock
from tests.support.databases import SqliteFactory

EXAMPLES = 15
# Small ids, so that many requests reach the fixture's campaign (1) and its rows.
ID_SPANS = {
    "campaign_id": (1, 2),
    "proposal_id": (1, 6),
    "idea_id": (1, 2),
    "result_id": (1, 2),
    "token_id": (1, 3),
}


class Proxy:
    """An ASGI app that forwards to whichever app the current test set."""

    def __init__(self, target: ASGIApp) -> None:
        self.target = target

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.target(scope, receive, send)


# Building the app connects nothing: only /openapi.json is read from it here.
proxy = Proxy(create_admin_app(Database.connect("sqlite://"), secret=SECRET))
schema = schemathesis.openapi.from_asgi("/openapi.json", proxy)
TOKEN = "pbc_schemathesis-admin-token"
authenticated: list[int] = []  # statuses of the requests that carried the token, per test


@pytest.fixture
def fresh_app(sqlite_factory: SqliteFactory, clock: FakeClock) -> Iterator[None]:
    """Points the proxy at an app on a fresh database: mini, an idea, a result, tokens."""
    database = Database.connect(sqlite_factory.new())
    load_fixture_campaign(database, "mini", clock.now)
    resident = add_resident(database, user="fuzz", campaign_id=1, now=clock.now)
    add_idea(database, campaign_id=1, resident_id=resident)
    with database.transaction() as session:
        for role in ("admin", "moderator", "viewer"):
            tokens.create(session, role=role)
        # An id no generated example names, so that DELETE /tokens/{id} never revokes it.
        session.add(
            ApiToken(id=4242, digest=tokens.digest(TOKEN), role="admin", label="schemathesis")
        )
        tally_campaign.compute(session, campaign_id=1, method="greedy", now=clock.now)
    saved = proxy.target
    proxy.target = create_admin_app(database, secret=SECRET, clock=clock)
    authenticated.clear()
    yield
    proxy.target = saved
    database.dispose()
    # Requests without the token are negative tests of their own; the rest must get past it.
    assert authenticated, "no request carried the token"
    assert 401 not in authenticated


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    """Folds generated ids onto the few that exist (and one that doesn't)."""
    if not path_parameters:
        return path_parameters
    mapped = dict(path_parameters)
    for name, (first, span) in ID_SPANS.items():
        value = mapped.get(name)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)  # explicit examples carry path parameters as text
        # Only valid ids are folded: an out-of-range one must stay a negative test.
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX:
            mapped[name] = first + value % (span + 1)
    return mapped


@schema.hook
def map_body(context: Any, body: Any) -> Any:
    """Keeps generated code counts small: 100,000 codes per example would take minutes."""
    if isinstance(body, dict) and isinstance(body.get("count"), int) and body["count"] > 50:
        return {**body, "count": 1 + body["count"] % 50}
    return body


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_its_schema_and_never_fails(case: Any, fresh_app: None) -> None:
    # Schema-valid input may still break a rule the schema can't express (an unsupported
    # language, a date order, a ballot rule), which is a 422: that check is left out.
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance]
    )
    if "Authorization" in response.request.headers:
        authenticated.append(response.status_code)
