"""The opening of a floating-point run: the rounds every run with more money repeats.

While the project with the most supporters (then the first in the tie order) is bought
with nobody short of the share, each supporter pays cost / supporters whatever their
money, so with more money per voter nobody is short either, and no project can do better:
a rho is never below 1 / its supporters. Free projects come first at any budget too.
"""

from __future__ import annotations

from fractions import Fraction

from actions.domain.tally.float_profile import FloatProfile, Opening, reader
from actions.domain.tally.float_quote import Quote


class Recorder:
    """Collects the opening of a run while its winners qualify."""

    def __init__(self, fp: FloatProfile, per_voter: Fraction) -> None:
        self.fp, self.per_voter = fp, per_voter
        self.winners: list[int] = []
        self.shares: list[float] = []
        self.rank = 0

    def add(self, q: Quote) -> bool:
        """Record `q`'s project if it still belongs to the opening; False if it doesn't."""
        j, ranks, votes = q.project, self.fp.ranks, self.fp.mes.profile.votes
        if q.exact != 0:
            while self.rank < len(ranks) and ranks[self.rank] in self.winners:
                self.rank += 1
            if q.exact != Fraction(1, votes[j]) or self.rank == len(ranks):
                return False
            if ranks[self.rank] != j:
                return False
        self.winners.append(j)
        self.shares.append(q.share)
        return True

    def opening(self) -> Opening:
        """The recorded opening, with what each distinct ballot paid in it."""
        p = self.fp.mes.profile
        paid = [0.0] * len(p.weights)
        for j, share in zip(self.winners, self.shares, strict=True):
            for g in p.supporters[j]:
                paid[g] += share
        amounts = {amount: None for amount in paid}
        index = {amount: i for i, amount in enumerate(amounts)}
        payments = reader(tuple(index[amount] for amount in paid))
        return Opening(self.per_voter, tuple(self.winners), tuple(amounts), payments)
