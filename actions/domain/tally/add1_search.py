"""One step of an Add1 search, counted in floating point when it can be proven.

Step `k` gives every voter `budget / n + k`. Every step after the first only has to tell
whether its outcome overspends, so it stops as soon as that is known (see `float_run`);
all steps share the opening rounds of the first one. A step floating point can't settle is
counted exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from actions.domain.tally.float_quote import U, Uncertain
from actions.domain.tally.float_run import (
    COMPLETE,
    OVER,
    FloatProfile,
    FloatRun,
    Opening,
    run_float,
)
from actions.domain.tally.mes import MesProfile, Run, run_mes


@dataclass(frozen=True, slots=True)
class Decision:
    """One step: its status ("complete", "within" or "over"), its winners so far, what
    the supporters of each supported loser hold (when complete), and the runs it took."""

    status: str
    winners: tuple[int, ...]
    held: dict[int, int] | None
    runs: int


class Search:
    """Steps of one Add1 search, each counted in floating point when it can be proven."""

    def __init__(self, mes: MesProfile) -> None:
        self.mes = mes
        self.fp = FloatProfile.of(mes)
        p = mes.profile
        self.budget, self.n = p.budget, max(p.n_voters, 1)
        self.opening: Opening | None = None

    def per_voter(self, step: int) -> Fraction:
        """Each voter's money at `step`."""
        return Fraction(self.budget + step * self.n, self.n)

    def first(self) -> Decision:
        """Step 0, complete; its opening rounds are shared by all later steps."""
        return self.step(0, decide=False)

    def step(self, step: int, *, decide: bool = True) -> Decision:
        """Step `step`; with `decide`, only as far as telling whether it overspends."""
        budget = self.budget if decide else None
        try:
            found = run_float(self.fp, self.per_voter(step), budget, self.opening)
        except Uncertain:
            return self._exactly(step, 1)
        if self.opening is None:
            self.opening = found.opening
        if found.status != COMPLETE:
            return Decision(found.status, found.winners, None, 1)
        if self.mes.profile.cost_of(found.winners) > self.budget:
            return Decision(OVER, found.winners, None, 1)
        held = self._held(found)
        if held is None:
            return self._exactly(step, 2)
        return Decision(COMPLETE, found.winners, held, 1)

    def _exactly(self, step: int, runs: int) -> Decision:
        """Step `step` counted in exact fractions, after `runs` - 1 floating-point tries."""
        run = run_mes(self.mes, self.per_voter(step))
        status = OVER if self.mes.profile.cost_of(run.winners) > self.budget else COMPLETE
        return Decision(status, run.winners, _held_exactly(self.mes, run), runs)

    def _held(self, found: FloatRun) -> dict[int, int] | None:
        """Each supported loser's supporters' money, whole units; None if not certain."""
        bought = set(found.winners)
        acc = found.accuracy
        held: dict[int, int] = {}
        for j in self.mes.supported:
            if j in bought:
                continue
            money = [x for x in self.fp.readers[j](found.money) if x > 0.0]
            total, count = math.fsum(money), len(self.fp.mes.expanded[j])
            low = total * (1 - 2 * U) - min(acc.mass, count * acc.per_voter)
            if math.floor(low) != math.floor(acc.money_bound(total, count)):
                return None
            held[j] = math.floor(low)
        return held


def _held_exactly(mes: MesProfile, run: Run) -> dict[int, int]:
    """Each supported loser's supporters' money at the end of the exact `run`."""
    bought = set(run.winners)
    held = {}
    for j in mes.supported:
        if j not in bought:
            money = run.wallets.money(j)
            held[j] = money.numerator // money.denominator
    return held


