"""Voters' remaining money during one Equal Shares run, in exact integer arithmetic.

Voters whose ballots are identical always hold the same amount, and so do voters who have
paid for the same projects, so money is kept per *class* of voters rather than per voter:
each distinct ballot points at its class, and a class holds one amount. All amounts are
integers over one denominator `D`. When a price needs a finer denominator `D` grows; rather
than rescaling every class then, each class records the epoch it was made in and is scaled
by that epoch's factor when it is read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat
from math import gcd
from operator import itemgetter, mul

EXHAUSTED = 0  # the class of voters with no money left

_ZERO = Fraction(0)


@dataclass(frozen=True, slots=True)
class Offer:
    """What buying one project costs now.

    Every supporter pays `paid / (payers * D)` or, if they have less, all they have;
    `rho` is that price per unit of utility (per currency unit of the project's cost).
    `classes` are the supporters' classes with money, `amounts` what each holds (over D).
    """

    rho: Fraction
    paid: int
    payers: int
    classes: list[int]
    amounts: list[int]


def _equal_share(needed: int, amounts: list[int], sizes: list[int]) -> tuple[int, int]:
    """(paid, payers): the share `paid / payers` that raises `needed` when whoever holds
    less pays all they have (the supporters can afford it together)."""
    payers = sum(sizes)
    if min(amounts) * payers >= needed:
        return needed, payers
    # Poorest first: a class pays all it has while that is below the equal share.
    spent = 0
    for index in sorted(range(len(amounts)), key=amounts.__getitem__):
        amount = amounts[index]
        if needed - spent <= amount * payers:
            break
        spent += amount * sizes[index]
        payers -= sizes[index]
    return needed - spent, payers


class Wallets:
    """The money of every voter class in one run, and the price of each project."""

    __slots__ = (
        "_class_of",
        "_costs",
        "_denominator",
        "_epoch",
        "_expanded",
        "_numerator",
        "_scale",
        "_supporters",
    )

    def __init__(
        self,
        costs: tuple[int, ...],
        supporters: tuple[tuple[int, ...], ...],
        expanded: tuple[tuple[int, ...], ...],
        n_groups: int,
        per_voter: Fraction,
    ) -> None:
        self._costs = costs
        self._supporters = supporters
        self._expanded = expanded
        self._denominator = per_voter.denominator
        # Class 0 is the exhausted class; class 1 is everybody at the start.
        self._numerator = [0, per_voter.numerator]
        self._epoch = [0, 0]
        self._scale = [1]
        self._class_of = [1] * n_groups

    def _classes(self, project: int) -> dict[int, int]:
        """Class -> number of the project's supporters in it (the exhausted left out)."""
        groups = self._expanded[project]
        class_of = self._class_of
        counts: dict[int, int]
        if len(groups) == 1:
            counts = {class_of[groups[0]]: 1}
        else:
            counts = Counter(itemgetter(*groups)(class_of))
        counts.pop(EXHAUSTED, None)
        return counts

    def _amounts(self, classes: list[int]) -> list[int]:
        """Each class's money as a numerator over the current denominator."""
        numerator, epoch, scale = self._numerator, self._epoch, self._scale
        return list(
            map(
                mul,
                map(numerator.__getitem__, classes),
                map(scale.__getitem__, map(epoch.__getitem__, classes)),
            )
        )

    def offer(self, project: int) -> Offer | None:
        """The current price of `project`, or None when its supporters can't afford it."""
        counts = self._classes(project)
        cost = self._costs[project]
        if cost == 0:
            return Offer(_ZERO, 0, 1, [], [])
        if not counts:
            return None
        classes = list(counts)
        sizes = list(counts.values())
        amounts = self._amounts(classes)
        needed = cost * self._denominator
        if sum(map(mul, amounts, sizes)) < needed:
            return None
        paid, payers = _equal_share(needed, amounts, sizes)
        rho = Fraction(paid, payers * self._denominator * cost)
        return Offer(rho, paid, payers, classes, amounts)

    def affordable(self, project: int) -> bool:
        """Whether the supporters of `project` together hold at least its cost."""
        counts = self._classes(project)
        needed = self._costs[project] * self._denominator
        classes = list(counts)
        held: int = sum(map(mul, self._amounts(classes), counts.values()))
        return held >= needed

    def buy(self, project: int, offer: Offer) -> None:
        """Charge the supporters of `project` the price in `offer` (made in this state)."""
        if offer.paid == 0:
            return
        common = gcd(offer.paid, offer.payers)
        finer, price = offer.payers // common, offer.paid // common
        if finer != 1:
            self._denominator *= finer
            self._scale = [s * finer for s in self._scale]
        epoch = len(self._scale)
        self._scale.append(1)
        # Every class with money moves to a new class holding what is left after paying;
        # those left with nothing move to the exhausted class instead.
        classes = offer.classes
        if finer == 1:
            left = [amount - price for amount in offer.amounts]
        else:
            left = [amount * finer - price for amount in offer.amounts]
        first = len(self._numerator)
        moves = dict(zip(classes, range(first, first + len(classes)), strict=True))
        moves[EXHAUSTED] = EXHAUSTED
        for index in [i for i, amount in enumerate(left) if amount <= 0]:
            moves[classes[index]] = EXHAUSTED
        self._numerator.extend(left)
        self._epoch.extend(repeat(epoch, len(left)))
        class_of = self._class_of
        for group in self._supporters[project]:
            class_of[group] = moves[class_of[group]]

    def money(self, project: int) -> Fraction:
        """What the supporters of `project` hold together, in currency units."""
        counts = self._classes(project)
        classes = list(counts)
        total = sum(map(mul, self._amounts(classes), counts.values()))
        return Fraction(total, self._denominator)
