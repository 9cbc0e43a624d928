"""The `mes-add1` rule: Equal Shares with cost utilities, Add1 completion, optional comparison."""

from __future__ import annotations

from collections.abc import Sequence

from actions.domain.tally.add1 import complete_add1
from actions.domain.tally.add1_fast import complete_add1_fast
from actions.domain.tally.add1_steps import usable_cpus
from actions.domain.tally.comparison import count_preferences
from actions.domain.tally.completion import Completion
from actions.domain.tally.explain import explain_equal_shares
from actions.domain.tally.greedy import count_greedy
from actions.domain.tally.mes import MesProfile
from actions.domain.tally.profile import compile_profile
from actions.domain.tally.types import (
    ApprovalBallots,
    Explanation,
    Project,
    Reason,
    TallyResult,
    TieBreak,
)

# From this many supporter entries (voters times approvals) floating point pays off, and
# from the second number on, counting steps in worker processes.
FLOAT_FROM = 10_000
WORKERS_FROM = 300_000


def complete(
    mes: MesProfile, *, fast: bool | None = None, workers: int | None = None
) -> Completion:
    """Equal Shares with Add1 completion over `mes`; the same outcome however it's counted.

    `fast` counts in floating point with every decision proven, else in exact fractions;
    `workers` is how many steps are counted at a time (forked processes). By default both
    follow the size of the election.
    """
    size = sum(map(len, mes.expanded))
    if not (size >= FLOAT_FROM if fast is None else fast):
        return Completion.of_exact(mes, complete_add1(mes))
    if workers is None:
        workers = min(usable_cpus(), 4) if size >= WORKERS_FROM else 1
    return complete_add1_fast(mes, workers=workers)


def mes_add1(
    projects: Sequence[Project],
    budget: int,
    ballots: ApprovalBallots,
    tie_break: TieBreak,
    *,
    comparison: bool = False,
    workers: int | None = None,
) -> TallyResult:
    """Equal Shares completed by Add1; with `comparison`, greedy's outcome if more voters prefer it.

    `details` holds `increment` (currency units added to every voter's share), `runs`
    (Equal Shares runs and checks made; steps looked at when counted in floating point)
    and, with `comparison`, `prefer_greedy`, `prefer_mes` and `outcome` ("mes" or
    "greedy"). `workers` is as in `complete`.
    """
    profile = compile_profile(projects, budget, ballots, tie_break)
    mes = MesProfile.of(profile)
    outcome = complete(mes, workers=workers)
    selected = outcome.winners
    explanations = explain_equal_shares(mes, outcome)
    details: dict[str, int | str] = {"increment": outcome.increment, "runs": outcome.runs}
    if comparison:
        greedy = count_greedy(profile, skip=True)
        preference = count_preferences(profile, greedy.selected, selected)
        details |= {"prefer_greedy": preference.first, "prefer_mes": preference.second}
        details["outcome"] = "mes"
        if preference.first > preference.second:
            details["outcome"] = "greedy"
            selected = greedy.selected
            explanations = greedy.explanations
            for j in selected:
                params = {
                    **explanations[j].params,
                    "prefer_greedy": preference.first,
                    "prefer_mes": preference.second,
                }
                explanations[j] = Explanation(Reason.WON_BY_COMPARISON, params)
    ids = profile.ids
    return TallyResult(
        method="mes-add1",
        selected=tuple(ids[j] for j in selected),
        cost=profile.cost_of(selected),
        budget=budget,
        seed=tie_break.seed,
        explanations={ids[j]: e for j, e in sorted(explanations.items())},
        details=details,
    )
