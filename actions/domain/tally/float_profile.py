"""An election prepared for floating-point Equal Shares runs (see `float_run`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter

from actions.domain.tally.mes import MesProfile

Getter = Callable[[list[float]], tuple[float, ...]]
Hints = tuple[tuple[float, ...], tuple[int, ...]]


def reader(indices: tuple[int, ...]) -> Getter:
    """A function reading the money at `indices` as a tuple (itemgetter, also for one)."""
    if not indices:
        return nobody
    if len(indices) == 1:
        (only,) = indices

        def one(money: list[float]) -> tuple[float, ...]:
            return (money[only],)

        return one
    read: Getter = itemgetter(*indices)
    return read


def nobody(money: list[float]) -> tuple[float, ...]:
    """The money of a project's supporters once all of them are broke."""
    return (0.0,)


@dataclass(frozen=True, slots=True)
class FloatProfile:
    """What the floating-point runs read: supporters by project, weighted and distinct."""

    mes: MesProfile
    readers: tuple[Getter, ...]  # each project's supporters' money, one entry per voter
    ranks: tuple[int, ...]  # costly supported projects, most supporters first (then tie)
    longest: int  # the most projects one ballot approves: the most payments a voter makes
    # Each project's share when first priced in the latest run: where to look for the next
    # run's (only speeds up pricing, see `quote`).
    guesses: list[float]
    # The winners of the latest complete or stopped run, round by round: the likely winners
    # of the next run (pricing the winner first spares testing rivals; see `_Run.best`).
    lately: list[int]

    def hints(self) -> Hints:
        """The guesses and latest winners, for another process counting similar runs."""
        return tuple(self.guesses), tuple(self.lately)

    def take(self, hints: Hints) -> None:
        """Start from another process's `hints`."""
        self.guesses[:], self.lately[:] = hints

    @classmethod
    def of(cls, mes: MesProfile) -> FloatProfile:
        """Prepare `mes` for floating-point runs."""
        p = mes.profile
        readers = tuple(reader(e) for e in mes.expanded)
        costly = [j for j in mes.supported if p.costs[j] > 0]
        ranks = tuple(sorted(costly, key=lambda j: (-p.votes[j], mes.tie[j])))
        longest = max((len(b) for b in p.ballots), default=0)
        return cls(mes, readers, ranks, longest, [0.0] * len(p.costs), [])


@dataclass(frozen=True, slots=True)
class Opening:
    """The first rounds of every run with at least `per_voter`: winners and what each paid."""

    per_voter: Fraction
    winners: tuple[int, ...]
    paid: tuple[float, ...]  # the distinct amounts paid, each share rounded once and added up
    payments: Getter  # each distinct ballot's amount, read from `paid` (or money left)
