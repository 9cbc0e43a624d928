"""Two confirmations at once for one voter store exactly one ballot (real threads)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from actions import browse, campaigns, cast_ballot
from actions.domain.campaign import ChangePolicy
from actions.store.database import Database
from actions.store.voting import Ballot
from tests.conftest import load_fixture_campaign

ATTEMPTS = 8


@pytest.mark.parametrize("policy", [ChangePolicy.FINAL, ChangePolicy.REPLACE])
def test_concurrent_confirmations_store_one_ballot(
    database: Database, policy: ChangePolicy
) -> None:
    now = datetime.now(UTC)
    load_fixture_campaign(database, "mini", now)
    with database.transaction() as session:
        found = campaigns.by_slug(session, slug="mini")
        assert found is not None
        mini = replace(found, change_policy=policy)
        proposal = browse.by_number(session, campaign_id=mini.id, number=1)
        assert proposal is not None
        cast_ballot.add(session, campaign=mini, voter_key="voter", proposal=proposal)
    barrier = threading.Barrier(ATTEMPTS)
    receipts: list[str | None] = []
    errors: list[BaseException] = []

    def confirm() -> None:
        try:
            barrier.wait()
            with database.transaction() as session:
                outcome = cast_ballot.confirm(
                    session, campaign=mini, voter_key="voter", channel="test", now=now
                )
                receipts.append(outcome.receipt)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=confirm) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Ballot)) == 1
    assert not [e for e in errors if "already" not in str(e)], errors


def test_turns_of_one_resident_never_run_at_once(engine, demo_campaigns, database) -> None:
    """Each turn locks its conversation: concurrent messages lose no update."""
    from actions.store.residents import Conversation
    from bot.engine.messages import Inbound

    engine.handle(Inbound("test", "same-user", start_param="west", locale_hint="en"))
    barrier = threading.Barrier(ATTEMPTS)
    errors: list[BaseException] = []

    def send(i: int) -> None:
        try:
            barrier.wait()
            engine.handle(Inbound("test", "same-user", text="/menu", message_id=f"c{i}"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with database.transaction() as session:
        assert session.scalars(select(Conversation.turns)).one() == ATTEMPTS + 1
