"""Moderation follows the idea transitions exactly, and notices reach only reachable residents."""

from __future__ import annotations

from itertools import product

import pytest
from sqlalchemy import select

from actions import moderate, residents, submit_idea
from actions.campaigns import by_slug
from actions.domain.idea import TRANSITIONS, IdeaStatus
from actions.errors import ConflictError
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from tests.conftest import load_fixture_campaign
from tests.support.chat import FakeClock


@pytest.fixture
def idea(database: Database, clock: FakeClock) -> tuple[int, int]:
    """(campaign id, idea id) of the first of two ideas a Telegram resident sent."""
    load_fixture_campaign(database, "mini", clock.now)
    with database.transaction() as session:
        campaign = by_slug(session, slug="mini")
        assert campaign is not None
        resident, _ = residents.find_or_create(
            session, key="k", channel="telegram", address="12345", now=clock.now
        )
        for title in ("A first idea", "A second idea"):
            submit_idea.submit(
                session,
                campaign=campaign,
                resident_id=resident.id,
                draft=submit_idea.IdeaDraft(title, "Long enough to be a real description."),
                language="en",
                channel="telegram",
            )
        first = session.scalars(select(Idea.id).order_by(Idea.number)).first()
        assert first is not None
        return campaign.id, first


PAIRS = list(product(IdeaStatus, IdeaStatus))


@pytest.mark.parametrize(("start", "target"), PAIRS)
def test_only_the_listed_transitions_are_allowed(
    database: Database,
    clock: FakeClock,
    idea: tuple[int, int],
    start: IdeaStatus,
    target: IdeaStatus,
) -> None:
    campaign_id, idea_id = idea
    with database.transaction() as session:
        row = session.get_one(Idea, idea_id)
        row.status = start.value
        second = session.scalars(select(Idea.id).where(Idea.id != idea_id)).one()
    decision = moderate.Decision(target, reason="Because.", merged_into=second)
    with database.transaction() as session:
        if target in TRANSITIONS[start]:
            moderate.decide(
                session, campaign_id=campaign_id, idea_id=idea_id, decision=decision, now=clock.now
            )
            assert session.get_one(Idea, idea_id).status == target.value
        else:
            with pytest.raises(ConflictError):
                moderate.decide(
                    session,
                    campaign_id=campaign_id,
                    idea_id=idea_id,
                    decision=decision,
                    now=clock.now,
                )


def test_a_resident_without_an_address_is_not_notified(
    database: Database, clock: FakeClock, idea: tuple[int, int]
) -> None:
    campaign_id, idea_id = idea
    with database.transaction() as session:
        session.scalars(select(Resident)).one().address = None
    with database.transaction() as session:
        told = moderate.decide(
            session,
            campaign_id=campaign_id,
            idea_id=idea_id,
            decision=moderate.Decision(IdeaStatus.ACCEPTED),
            now=clock.now,
        )
        assert told is False
        assert session.scalars(select(OutboxMessage)).all() == []
