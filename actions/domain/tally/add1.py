"""The Add1 completion of Equal Shares: raise every voter's money by one unit while it fits.

Step `k` gives every voter `budget / n + k` and reruns Equal Shares from scratch; the last
step whose outcome costs no more than the real budget wins. There is no stop at
exhaustiveness; the search ends at the first overspending step, or when every supported
project is bought (more money can't add anything).

Runs are the costly part, so stretches of steps are skipped when they provably repeat the
same outcome (see `rerun_if_unchanged`); the result is the same as stepping one by one,
which `skip=False` does (the tests compare both).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from actions.domain.tally.mes import MesProfile, Run, rerun_if_unchanged, run_mes


@dataclass(frozen=True, slots=True)
class Add1Outcome:
    """The chosen run, the run at the real budget, the increment per voter, and the effort."""

    final: Run
    first: Run
    increment: int
    runs: int


def complete_add1(mes: MesProfile, *, skip: bool = True) -> Add1Outcome:
    """Equal Shares with Add1 completion over `mes`'s budget and voters."""
    profile = mes.profile
    budget, n = profile.budget, max(profile.n_voters, 1)
    everything = set(mes.supported)

    def per_voter(step: int) -> Fraction:
        return Fraction(budget + step * n, n)

    first = current = run_mes(mes, per_voter(0))
    step, span, runs, repeats = 0, 1, 1, 0
    while set(current.winners) != everything:
        if skip and span > 1:
            runs += 1
            ahead = rerun_if_unchanged(mes, per_voter(step + span), current)
            if ahead is not None:
                step, current, span = step + span, ahead, span * 2
                continue
            span, repeats = 1, 0
        runs += 1
        following = run_mes(mes, per_voter(step + 1))
        if profile.cost_of(following.winners) > budget:
            break
        # Outcomes repeated twice in a row hint at a stable stretch worth jumping over;
        # trying after a single repeat wastes more checks than it saves on real data.
        repeats = repeats + 1 if following.winners == current.winners else 0
        span = 2 if repeats >= 2 else 1
        step, current = step + 1, following
    return Add1Outcome(current, first, step, runs)
