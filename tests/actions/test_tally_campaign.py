"""Counting a campaign from the database: what is counted, what is stored, when it is shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from actions import paper_ballots, results, tally_campaign
from actions.errors import ConflictError, InvalidError
from actions.store.campaigns import Campaign, Proposal
from actions.store.database import Database
from tests.conftest import load_fixture_campaign
from tests.support.chat import FakeClock


@pytest.fixture
def mini(database: Database, clock: FakeClock) -> dict[int, int]:
    """The mini campaign's proposal ids by number, with five ballots (#1 most popular)."""
    load_fixture_campaign(database, "mini", clock.now)
    with database.transaction() as session:
        campaign = session.scalars(select(Campaign).where(Campaign.slug == "mini")).one()
        ids = {
            p.number: p.id
            for p in session.scalars(select(Proposal).where(Proposal.campaign_id == campaign.id))
        }
        ballots = [[1, 4], [1, 2], [1, 3], [2, 4], [3]]
        paper_ballots.store(
            session,
            campaign_id=campaign.id,
            ballots=[(f"k{i}", [ids[n] for n in b]) for i, b in enumerate(ballots)],
            channel="paper",
            now=clock.now,
        )
        return {"campaign": campaign.id, **ids}


def test_a_result_keeps_the_contract_the_chat_reads(
    database: Database, mini: dict[int, int], clock: FakeClock
) -> None:
    with database.transaction() as session:
        result = tally_campaign.compute(
            session, campaign_id=mini["campaign"], method="greedy", seed=5, now=clock.now
        )
        assert result.selected == [mini[1], mini[4], mini[3]]  # ids, in selection order
        assert result.votes == {str(mini[n]): v for n, v in {1: 3, 2: 2, 3: 2, 4: 2}.items()}
        assert result.explanations[str(mini[2])]["code"] == "no_budget_left"
        assert (result.seed, result.cost, result.details["voters"]) == (5, 8500, 5)
        assert result.published_at is None


def test_withdrawn_proposals_are_not_counted(
    database: Database, mini: dict[int, int], clock: FakeClock
) -> None:
    with database.transaction() as session:
        session.get_one(Proposal, mini[1]).status = "withdrawn"
    with database.transaction() as session:
        result = tally_campaign.compute(
            session, campaign_id=mini["campaign"], method="greedy-no-skip", now=clock.now
        )
        assert str(mini[1]) not in result.votes
        assert mini[1] not in result.selected
        assert result.details["voters"] == 5  # the ballots still count, for what else they chose
        assert 0 <= result.seed <= 2**31 - 1


def test_an_unknown_rule_is_invalid(
    database: Database, mini: dict[int, int], clock: FakeClock
) -> None:
    with database.transaction() as session, pytest.raises(InvalidError):
        tally_campaign.compute(session, campaign_id=mini["campaign"], method="borda", now=clock.now)


def test_publishing_opens_the_results_phase(
    database: Database, mini: dict[int, int], clock: FakeClock
) -> None:
    with database.transaction() as session:
        result = tally_campaign.compute(
            session, campaign_id=mini["campaign"], method="greedy", now=clock.now
        )
        with pytest.raises(ConflictError):
            tally_campaign.publish(
                session, campaign_id=mini["campaign"], result_id=result.id, now=clock.now
            )
        later = clock.now + timedelta(days=19)
        tally_campaign.publish(
            session, campaign_id=mini["campaign"], result_id=result.id, now=later
        )
        campaign = session.get_one(Campaign, mini["campaign"])
        assert campaign.results_published == later  # it was planned for day 25
        shown = results.published(session, campaign_id=mini["campaign"])
        assert shown is not None and [w.proposal.id for w in shown.winners] == result.selected
