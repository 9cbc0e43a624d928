"""The tally rules by name, and the one entry point that counts an election."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from actions.domain.tally.equal_shares import mes_add1
from actions.domain.tally.greedy import greedy, greedy_no_skip
from actions.domain.tally.types import (
    ApprovalBallots,
    Election,
    Project,
    TallyError,
    TallyResult,
    TieBreak,
)


class Rule(Protocol):
    """A counting rule: (projects, budget, ballots, tie-breaking) -> result."""

    def __call__(
        self,
        projects: Sequence[Project],
        budget: int,
        ballots: ApprovalBallots,
        tie_break: TieBreak,
    ) -> TallyResult: ...


RULES: dict[str, Rule] = {
    "greedy": greedy,
    "greedy-no-skip": greedy_no_skip,
    "mes-add1": mes_add1,
}


def _mes_add1_with_comparison(
    projects: Sequence[Project], budget: int, ballots: ApprovalBallots, tie_break: TieBreak
) -> TallyResult:
    return mes_add1(projects, budget, ballots, tie_break, comparison=True)


# The rules that can take the comparison step, in that form.
WITH_COMPARISON: dict[str, Rule] = {"mes-add1": _mes_add1_with_comparison}


def tally(
    method: str, election: Election, tie_break: TieBreak, *, comparison: bool = False
) -> TallyResult:
    """Count `election` with the rule named `method` (see RULES), optionally compared."""
    if method not in RULES:
        known = ", ".join(RULES)
        raise TallyError(f"unknown method {method!r}; known: {known}")
    rules = WITH_COMPARISON if comparison else RULES
    if method not in rules:
        raise TallyError(f"the comparison step applies to mes-add1, not {method}")
    return rules[method](election.projects, election.budget, election.ballots, tie_break)
