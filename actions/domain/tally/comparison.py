"""The comparison step: how many voters strictly prefer one outcome to another."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from actions.domain.tally.profile import Profile


@dataclass(frozen=True, slots=True)
class Preference:
    """Voters who strictly prefer the first outcome, and those who strictly prefer the second."""

    first: int
    second: int


def count_preferences(
    profile: Profile, first: Collection[int], second: Collection[int]
) -> Preference:
    """Compare two outcomes voter by voter; a voter's utility is the cost of what they approve."""
    # Utility differences only depend on the projects in one outcome and not the other.
    gain = [0] * len(profile.costs)
    for j in first:
        gain[j] += profile.costs[j]
    for j in second:
        gain[j] -= profile.costs[j]
    prefer_first = prefer_second = 0
    for ballot, weight in zip(profile.ballots, profile.weights, strict=True):
        difference = sum(gain[j] for j in ballot)
        if difference > 0:
            prefer_first += weight
        elif difference < 0:
            prefer_second += weight
    return Preference(prefer_first, prefer_second)
