"""Tie-breaking orders: lower cost, then more votes, then a lot drawn from a recorded seed."""

from __future__ import annotations

import random
from collections.abc import Sequence


def lot_ranks(ids: Sequence[str], seed: int) -> tuple[int, ...]:
    """Each project's place in a lot drawn from `seed`; a lower place wins a tie."""
    # Shuffle a canonical order so the lot depends on the seed, not on input order.
    order = sorted(range(len(ids)), key=ids.__getitem__)
    random.Random(seed).shuffle(order)
    ranks = [0] * len(ids)
    for place, index in enumerate(order):
        ranks[index] = place
    return tuple(ranks)


def tie_positions(
    costs: Sequence[int], votes: Sequence[int], lot: Sequence[int]
) -> tuple[int, ...]:
    """Each project's place when ties are settled: cheaper first, then more votes, then lot."""
    order = sorted(range(len(costs)), key=lambda j: (costs[j], -votes[j], lot[j]))
    positions = [0] * len(costs)
    for place, index in enumerate(order):
        positions[index] = place
    return tuple(positions)


def vote_order(costs: Sequence[int], votes: Sequence[int], lot: Sequence[int]) -> tuple[int, ...]:
    """Project indices by votes (most first); ties go to the cheaper one, then to the lot."""
    return tuple(sorted(range(len(costs)), key=lambda j: (-votes[j], costs[j], lot[j])))
