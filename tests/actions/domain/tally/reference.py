"""Straightforward reference counts: one Fraction per voter, every project priced every round.

Slow and obvious on purpose; the optimised rules must agree with it on small elections.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

Ballot = frozenset[str]


def lot(ids: Sequence[str], seed: int) -> dict[str, int]:
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return {project: place for place, project in enumerate(order)}


def votes_of(ids: Sequence[str], ballots: Sequence[Ballot]) -> dict[str, int]:
    return {p: sum(p in b for b in ballots) for p in ids}


def greedy(
    costs: dict[str, int], budget: int, ballots: Sequence[Ballot], seed: int, *, skip: bool
) -> list[str]:
    votes = votes_of(list(costs), ballots)
    draw = lot(list(costs), seed)
    order = sorted((p for p in costs if votes[p]), key=lambda p: (-votes[p], costs[p], draw[p]))
    chosen: list[str] = []
    left = budget
    for p in order:
        if costs[p] <= left:
            chosen.append(p)
            left -= costs[p]
        elif not skip:
            break
    return chosen


def _price(cost: int, money: list[Fraction]) -> Fraction:
    """The per-voter price: every supporter pays min(money, price), together `cost`."""
    paid = Fraction(0)
    ordered = sorted(money)
    for i, m in enumerate(ordered):
        share = (cost - paid) / (len(ordered) - i)
        if share <= m:
            return share
        paid += m
    raise AssertionError("unaffordable")


def equal_shares(
    costs: dict[str, int], ballots: Sequence[Ballot], per_voter: Fraction, seed: int
) -> list[str]:
    votes = votes_of(list(costs), ballots)
    draw = lot(list(costs), seed)
    money = [per_voter] * len(ballots)
    left = {p for p in costs if votes[p]}
    winners: list[str] = []
    while True:
        best: tuple[Fraction, int, int, int, str] | None = None
        for p in left:
            supporters = [i for i, b in enumerate(ballots) if p in b]
            if sum(money[i] for i in supporters) < costs[p]:
                continue
            if costs[p] == 0:
                rho = Fraction(0)
            else:
                rho = _price(costs[p], [money[i] for i in supporters]) / costs[p]
            key = (rho, costs[p], -votes[p], draw[p], p)
            if best is None or key < best:
                best = key
        if best is None:
            return winners
        p = best[-1]
        price = best[0] * costs[p]
        for i, b in enumerate(ballots):
            if p in b:
                money[i] = max(Fraction(0), money[i] - price)
        winners.append(p)
        left.discard(p)


def equal_shares_add1(
    costs: dict[str, int], budget: int, ballots: Sequence[Ballot], seed: int
) -> tuple[list[str], int]:
    """(winners, increment per voter): step one unit at a time until the next step overspends."""
    n = max(len(ballots), 1)
    supported = {p for p in costs if any(p in b for b in ballots)}
    step = 0
    current = equal_shares(costs, ballots, Fraction(budget, n), seed)
    while set(current) != supported:
        following = equal_shares(costs, ballots, Fraction(budget, n) + step + 1, seed)
        if sum(costs[p] for p in following) > budget:
            break
        step, current = step + 1, following
    return current, step


def prefer(costs: dict[str, int], ballots: Sequence[Ballot], a: list[str], b: list[str]) -> int:
    """How many voters strictly prefer outcome `a` to `b` (cost utilities)."""
    return sum(
        sum(costs[p] for p in ballot if p in a) > sum(costs[p] for p in ballot if p in b)
        for ballot in ballots
    )
