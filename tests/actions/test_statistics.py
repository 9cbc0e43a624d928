"""Statistics count per day in the campaign's own time zone, and per channel and language."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from actions import paper_ballots, statistics
from actions.store.campaigns import Campaign, Proposal
from actions.store.database import Database
from tests.conftest import load_fixture_campaign
from tests.support.chat import FakeClock


def test_a_late_evening_ballot_counts_on_its_local_day(
    database: Database, clock: FakeClock
) -> None:
    load_fixture_campaign(database, "mini", clock.now)
    with database.transaction() as session:
        campaign = session.scalars(select(Campaign).where(Campaign.slug == "mini")).one()
        proposal = session.scalars(select(Proposal.id)).first()
        assert proposal is not None
        # 22:30 UTC on 1 June is 00:30 on 2 June in Amsterdam.
        for key, when in (
            ("a", datetime(2027, 6, 1, 21, 30, tzinfo=UTC)),
            ("b", datetime(2027, 6, 1, 22, 30, tzinfo=UTC)),
        ):
            paper_ballots.store(
                session,
                campaign_id=campaign.id,
                ballots=[(key, [proposal])],
                channel="paper",
                now=when,
            )
        figures = statistics.of_campaign(session, campaign_id=campaign.id)
    assert figures.ballots.by_day == {"2027-06-01": 1, "2027-06-02": 1}
    assert figures.ballots.by_channel == {"paper": 2}
    assert figures.turnout is None  # no codes issued
