"""Explanations of an Equal Shares outcome, project by project."""

from __future__ import annotations

from actions.domain.tally.completion import Completion
from actions.domain.tally.mes import MesProfile
from actions.domain.tally.types import Explanation, Reason


def explain_equal_shares(mes: MesProfile, outcome: Completion) -> dict[int, Explanation]:
    """Why each project was bought or not, by index.

    A winner is `won` if Equal Shares buys it with the real budget too, else
    `won_by_completion`; a loser's `share` is what its supporters had left at the end (whole
    units, rounded down, including the Add1 increment), which was less than its cost.
    """
    profile = mes.profile
    bought_at_first = set(outcome.first)
    explanations: dict[int, Explanation] = {}
    for round_, j in enumerate(outcome.winners, start=1):
        params: dict[str, int | str] = {"votes": profile.votes[j], "round": round_}
        if j in bought_at_first:
            explanations[j] = Explanation(Reason.WON, params)
        else:
            params["increment"] = outcome.increment
            explanations[j] = Explanation(Reason.WON_BY_COMPLETION, params)
    for j, votes in enumerate(profile.votes):
        if j in explanations:
            continue
        if votes == 0:
            explanations[j] = Explanation(Reason.NO_VOTES)
            continue
        explanations[j] = Explanation(
            Reason.SHARE_TOO_SMALL,
            {
                "votes": votes,
                "cost": profile.costs[j],
                "share": outcome.held[j],
                "increment": outcome.increment,
            },
        )
    return explanations
