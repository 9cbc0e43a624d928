"""Looking rules up by name."""

from __future__ import annotations

import pytest

from actions.domain.tally.registry import RULES, tally
from actions.domain.tally.types import (
    ApprovalBallots,
    Election,
    Project,
    TallyError,
    TieBreak,
)

ELECTION = Election(
    (Project("a", 30), Project("b", 30)), 50, ApprovalBallots.of([{"a"}, {"a", "b"}])
)


def test_the_three_rules_are_registered_by_their_names() -> None:
    assert list(RULES) == ["greedy", "greedy-no-skip", "mes-add1"]
    for name in RULES:
        result = tally(name, ELECTION, TieBreak(0))
        assert result.method == name
        assert result.selected == ("a",)


def test_unknown_methods_and_misplaced_comparison_are_refused() -> None:
    with pytest.raises(TallyError, match="unknown method 'borda'"):
        tally("borda", ELECTION, TieBreak(0))
    with pytest.raises(TallyError, match="comparison"):
        tally("greedy", ELECTION, TieBreak(0), comparison=True)
    assert "outcome" in tally("mes-add1", ELECTION, TieBreak(0), comparison=True).details


def test_bad_elections_are_refused() -> None:
    with pytest.raises(TallyError, match="unknown project c"):
        tally("greedy", Election(ELECTION.projects, 50, ApprovalBallots.of([{"c"}])), TieBreak(0))
    with pytest.raises(TallyError, match="twice"):
        tally(
            "mes-add1",
            Election((Project("a", 1), Project("a", 2)), 5, ELECTION.ballots),
            TieBreak(0),
        )
    with pytest.raises(TallyError, match="negative"):
        Project("x", -1)
