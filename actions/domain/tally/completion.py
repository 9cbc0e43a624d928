"""The outcome of Equal Shares with Add1 completion, however it was counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from actions.domain.tally.add1 import Add1Outcome
from actions.domain.tally.mes import MesProfile


@dataclass(frozen=True, slots=True)
class Completion:
    """Winners in order, those at the real budget, the increment, the effort, and money left.

    `held` maps every supported project not bought to what its supporters held at the end
    (whole units, rounded down).
    """

    winners: tuple[int, ...]
    first: tuple[int, ...]
    increment: int
    runs: int
    held: Mapping[int, int]

    @classmethod
    def of_exact(cls, mes: MesProfile, outcome: Add1Outcome) -> Completion:
        """The completion counted exactly by `complete_add1`."""
        bought = set(outcome.final.winners)
        held: dict[int, int] = {}
        for j in mes.supported:
            if j not in bought:
                money = outcome.final.wallets.money(j)
                held[j] = money.numerator // money.denominator
        final, first = outcome.final.winners, outcome.first.winners
        return cls(final, first, outcome.increment, outcome.runs, held)
