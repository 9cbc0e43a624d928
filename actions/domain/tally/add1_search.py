"""One step of an Add1 search, counted in floating point when it can be proven.

Step `k` gives every voter `budget / n + k`. Every step after the first only has to tell
whether its outcome overspends, so it stops as soon as that is known (see `float_run`);
all steps share the opening rounds of step 0 (see `float_opening`). A step floating point
can't settle is counted exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from actions.domain.tally.float_profile import FloatProfile, Hints, Opening
from actions.domain.tally.float_quote import U, Uncertain
from actions.domain.tally.float_run import (
    COMPLETE,
    OVER,
    FloatRun,
    holdings,
    record_opening,
    run_float,
)
from actions.domain.tally.mes import MesProfile, Run, run_mes


@dataclass(frozen=True, slots=True)
class Decision:
    """One step: its status ("complete", "within" or "over"), its winners so far, and what
    the supporters of each supported loser hold (when complete)."""

    status: str
    winners: tuple[int, ...]
    held: dict[int, int] | None
    hints: Hints = ((), ())  # where the next step had best start from (see `FloatProfile`)


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

    def open(self) -> None:
        """Record the opening rounds of step 0, which all steps share (when floating point
        can settle them)."""
        try:
            self.opening = record_opening(self.fp, self.per_voter(0))
        except Uncertain:
            self.opening = None

    def step(self, step: int, *, decide: bool = True, finish_from: int | None = None) -> Decision:
        """Step `step`; with `decide`, only as far as telling whether it overspends, unless
        it has bought `finish_from` projects by then (finishing costs little then)."""
        budget = self.budget if decide else None
        try:
            found = run_float(self.fp, self.per_voter(step), budget, self.opening, finish_from)
        except Uncertain:
            return self._exactly(step)
        hints = self.fp.hints()
        if found.status != COMPLETE:
            return Decision(found.status, found.winners, None, hints)
        if self.mes.profile.cost_of(found.winners) > self.budget:
            return Decision(OVER, found.winners, None, hints)
        held = self._held(found)
        if held is None:
            return self._exactly(step)
        return Decision(COMPLETE, found.winners, held, hints)

    def _exactly(self, step: int) -> Decision:
        """Step `step` counted in exact fractions."""
        run = run_mes(self.mes, self.per_voter(step))
        status = OVER if self.mes.profile.cost_of(run.winners) > self.budget else COMPLETE
        return Decision(status, run.winners, _held_exactly(self.mes, run))

    def _held(self, found: FloatRun) -> dict[int, int] | None:
        """Each supported loser's supporters' money, whole units; None if not certain."""
        bought = set(found.winners)
        acc = found.accuracy
        held: dict[int, int] = {}
        for j in self.mes.supported:
            if j in bought:
                continue
            money = self.fp.readers[j](found.money)
            (total, size), count = holdings(money), len(money)
            low = total - 2.02 * U * count * size - min(acc.mass, count * acc.per_voter)
            if math.floor(low) != math.floor(acc.money_bound(total, count, size)):
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
