"""Greedy counting: most votes first, with or without skipping what doesn't fit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actions.domain.tally.profile import Profile, compile_profile
from actions.domain.tally.tiebreak import vote_order
from actions.domain.tally.types import (
    ApprovalBallots,
    Explanation,
    Project,
    Reason,
    TallyResult,
    TieBreak,
)


@dataclass(frozen=True, slots=True)
class GreedyOutcome:
    """Selected indices in order, each project's explanation, and the first that didn't fit."""

    selected: tuple[int, ...]
    explanations: dict[int, Explanation]
    first_misfit: int | None


def count_greedy(profile: Profile, *, skip: bool) -> GreedyOutcome:
    """Fund by votes; with `skip`, pass over what doesn't fit, else stop at the first."""
    remaining = profile.budget
    selected: list[int] = []
    explanations: dict[int, Explanation] = {}
    first_misfit: int | None = None
    order = vote_order(profile.costs, profile.votes, profile.lot)
    for rank, j in enumerate(order, start=1):
        votes, cost = profile.votes[j], profile.costs[j]
        if votes == 0:
            explanations[j] = Explanation(Reason.NO_VOTES)
        elif first_misfit is not None and not skip:
            stopped_at = profile.projects[first_misfit].id
            explanations[j] = Explanation(
                Reason.STOPPED_BEFORE, {"votes": votes, "rank": rank, "stopped_at": stopped_at}
            )
        elif cost <= remaining:
            remaining -= cost
            selected.append(j)
            explanations[j] = Explanation(
                Reason.WON, {"votes": votes, "rank": rank, "remaining": remaining}
            )
        else:
            if first_misfit is None:
                first_misfit = j
            explanations[j] = Explanation(
                Reason.NO_BUDGET_LEFT,
                {"votes": votes, "rank": rank, "cost": cost, "remaining": remaining},
            )
    return GreedyOutcome(tuple(selected), explanations, first_misfit)


def _result(
    method: str, profile: Profile, seed: int, outcome: GreedyOutcome, *, report_misfit: bool
) -> TallyResult:
    ids = profile.ids
    misfit = outcome.first_misfit if report_misfit else None
    return TallyResult(
        method=method,
        selected=tuple(ids[j] for j in outcome.selected),
        cost=profile.cost_of(outcome.selected),
        budget=profile.budget,
        seed=seed,
        explanations={ids[j]: e for j, e in sorted(outcome.explanations.items())},
        part_funded=ids[misfit] if misfit is not None else None,
    )


def greedy(
    projects: Sequence[Project], budget: int, ballots: ApprovalBallots, tie_break: TieBreak
) -> TallyResult:
    """Most votes first; a proposal that doesn't fit is skipped and counting goes on."""
    profile = compile_profile(projects, budget, ballots, tie_break)
    outcome = count_greedy(profile, skip=True)
    return _result("greedy", profile, tie_break.seed, outcome, report_misfit=False)


def greedy_no_skip(
    projects: Sequence[Project], budget: int, ballots: ApprovalBallots, tie_break: TieBreak
) -> TallyResult:
    """Most votes first; counting stops at the first proposal that doesn't fit."""
    profile = compile_profile(projects, budget, ballots, tie_break)
    outcome = count_greedy(profile, skip=False)
    return _result("greedy-no-skip", profile, tie_break.seed, outcome, report_misfit=True)
