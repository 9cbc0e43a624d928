"""Greedy counting with and without skipping, ties and explanations."""

from __future__ import annotations

from actions.domain.tally.greedy import greedy, greedy_no_skip
from actions.domain.tally.types import ApprovalBallots, Project, Reason, TieBreak

PROJECTS = (
    Project("a", 50, "Playground"),
    Project("b", 40, "Benches"),
    Project("c", 30, "Trees"),
    Project("d", 10, "Bins"),
    Project("e", 5, "Nobody's"),
)
BALLOTS = ApprovalBallots.of(
    [{"a", "b", "c"}, {"a", "b", "c", "d"}, {"a", "b"}, {"a", "c"}, {"a"}, {"d"}]
)
# votes: a 5, b 3, c 3, d 2, e 0 -> order a, c (cheaper than b), b, d


def test_greedy_skips_what_does_not_fit_and_goes_on() -> None:
    result = greedy(PROJECTS, 100, BALLOTS, TieBreak(7))
    assert result.selected == ("a", "c", "d")
    assert result.cost == 90
    assert result.leftover == 10
    assert result.seed == 7
    assert result.part_funded is None
    assert result.explanations["b"].code is Reason.NO_BUDGET_LEFT
    assert result.explanations["b"].params == {"votes": 3, "rank": 3, "cost": 40, "remaining": 20}
    assert result.explanations["d"].params == {"votes": 2, "rank": 4, "remaining": 10}
    assert result.explanations["e"].code is Reason.NO_VOTES


def test_greedy_no_skip_stops_at_the_first_that_does_not_fit() -> None:
    result = greedy_no_skip(PROJECTS, 100, BALLOTS, TieBreak(0))
    assert result.selected == ("a", "c")
    assert result.leftover == 20
    assert result.part_funded == "b"
    assert result.explanations["d"].code is Reason.STOPPED_BEFORE
    assert result.explanations["d"].params["stopped_at"] == "b"
    assert result.explanations["e"].code is Reason.NO_VOTES


def test_zero_vote_projects_are_never_funded_even_if_they_fit() -> None:
    result = greedy(PROJECTS, 1_000, BALLOTS, TieBreak(0))
    assert "e" not in result.selected
    assert set(result.selected) == {"a", "b", "c", "d"}


def test_equal_votes_and_cost_are_settled_by_the_seeded_lot() -> None:
    projects = [Project(str(i), 10) for i in range(8)]
    ballots = ApprovalBallots.of([{str(i) for i in range(8)}])
    firsts = {greedy(projects, 10, ballots, TieBreak(seed)).selected for seed in range(40)}
    # Each seed names one winner, the same every time, and different seeds differ.
    assert all(len(first) == 1 for first in firsts)
    assert len(firsts) > 1
    assert greedy(projects, 10, ballots, TieBreak(3)) == greedy(projects, 10, ballots, TieBreak(3))


def test_the_lot_does_not_depend_on_the_order_projects_are_listed_in() -> None:
    projects = [Project(str(i), 10) for i in range(8)]
    ballots = ApprovalBallots.of([{str(i) for i in range(8)}])
    for seed in range(10):
        forward = greedy(projects, 30, ballots, TieBreak(seed))
        backward = greedy(projects[::-1], 30, ballots, TieBreak(seed))
        assert forward.selected == backward.selected
