"""Server-Sent Events: an open widget receives later messages without asking for them."""

from __future__ import annotations

import asyncio
import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from actions import notices
from actions.store.database import Database
from actions.store.residents import Resident
from tests.bot.channels.web.visitor import Visitor
from tests.support.chat import FakeClock


def events(client: TestClient, visitor: Visitor, after: int) -> list[dict[str, object]]:
    """Every entry event of a one-second stream."""
    with client.stream(
        "GET", f"/widget/api/events?after={after}&seconds=1", headers=visitor.auth
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    return [
        json.loads(line.removeprefix("data: "))
        for block in body.split("\n\n")
        for line in block.splitlines()
        if line.startswith("data: ")
    ]


def test_the_stream_carries_a_notice_in_the_residents_language(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    visitor = Visitor(client, **{"Accept-Language": "nl"})
    last = visitor.history()[-1]["id"]
    assert events(client, visitor, last) == []  # nothing new yet
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        notices.notify(
            session,
            resident_id=resident.id,
            code="idea_accepted",
            params={"reference": "DUINOORD-0001", "title": "Bankjes"},
            now=clock.now,
        )
    asyncio.run(client.app.state.sender.drain_once())  # type: ignore[attr-defined]
    (notice,) = events(client, visitor, last)
    assert "DUINOORD-0001" in str(notice["text"]) and notice["language"] == "nl"


def test_the_stream_needs_a_valid_session(client: TestClient) -> None:
    assert client.get("/widget/api/events?seconds=1").status_code == 401
    forged = {"Authorization": "Bearer abc.def"}
    assert client.get("/widget/api/events?seconds=1", headers=forged).status_code in {401, 403}
