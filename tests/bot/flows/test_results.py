"""Results: before publication the date; after it, the winners and why each went so."""

from __future__ import annotations

from datetime import timedelta

from actions import browse, campaigns
from actions.store.admin import Result
from actions.store.database import Database
from tests.support.chat import Chat, FakeClock


def publish(database: Database, clock: FakeClock) -> None:
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        first, second, third = (
            browse.by_number(session, campaign_id=west.id, number=n) for n in (1, 2, 3)
        )
        assert first and second and third
        session.add(
            Result(
                campaign_id=west.id, method="greedy", seed=0,
                selected=[first.id, second.id], cost=first.cost + second.cost,
                votes={str(first.id): 812, str(second.id): 640, str(third.id): 12},
                explanations={
                    str(first.id): {"code": "won", "params": {"votes": 812, "rank": 1}},
                    str(second.id): {"code": "won", "params": {"votes": 640, "rank": 2}},
                    str(third.id): {
                        "code": "no_budget_left",
                        "params": {"votes": 12, "rank": 12, "cost": third.cost,
                                   "remaining": 1500},
                    },
                },
                published_at=clock.now,
            )
        )


def test_before_publication_the_date_is_given(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").say("/results")
    chat.expect("The results will be published on")


def test_published_results_and_why_a_proposal_lost(
    chat: Chat, database: Database, clock: FakeClock
) -> None:
    publish(database, clock)
    clock.now += timedelta(days=1)
    chat.start("west").tap("English").tap("I agree").say("/results")
    chat.expect("2 proposals will be carried out", "1. #1", "812 votes", "2. #2", "640 votes")
    chat.tap("Why?").tap("#3 ").expect(
        "#3", "12 votes", "not enough money left after the 11 proposals with more votes",
        "€1,500 was left",
    )
    chat.tap("#1 ").expect("won with 812 votes", "number 1 in votes")
