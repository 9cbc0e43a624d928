"""One run of the Method of Equal Shares with cost utilities, free or with a given history.

Each round buys the affordable project with the lowest price per unit of utility `rho`
(each supporter pays `min(money, rho * cost)`, and the payments add up to the cost); ties
go to the lower tie position (cheaper, then more votes, then the lot). Within a run money
only shrinks, so a project's last `rho` is a lower bound on its next one and only projects
whose bound could beat the best so far are priced again. The bounds in the queue are floats
rounded down (comparing them is cheap); every decision between prices is made on the exact
fractions.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain, repeat

from actions.domain.tally.profile import Profile
from actions.domain.tally.tiebreak import tie_positions
from actions.domain.tally.wallets import Offer, Wallets


@dataclass(frozen=True, slots=True)
class MesProfile:
    """A profile with what Equal Shares needs on top: weighted supporter lists, tie places."""

    profile: Profile
    expanded: tuple[tuple[int, ...], ...]
    tie: tuple[int, ...]
    supported: tuple[int, ...]

    @classmethod
    def of(cls, profile: Profile) -> MesProfile:
        """Prepare `profile` for Equal Shares runs."""
        # Most ballots are cast once: only those cast more often are repeated (at the end).
        heavy = {g: w - 1 for g, w in enumerate(profile.weights) if w > 1}

        def expand(groups: tuple[int, ...]) -> tuple[int, ...]:
            again = sorted(heavy.keys() & groups)
            return groups + tuple(chain.from_iterable(repeat(g, heavy[g]) for g in again))

        expanded = tuple(map(expand, profile.supporters))
        tie = tie_positions(profile.costs, profile.votes, profile.lot)
        supported = tuple(j for j, v in enumerate(profile.votes) if v > 0)
        return cls(profile, expanded, tie, supported)

    def wallets(self, per_voter: Fraction) -> Wallets:
        """Every voter holding `per_voter`."""
        p = self.profile
        return Wallets(p.costs, p.supporters, self.expanded, len(p.weights), per_voter)

    def start_heap(self) -> list[tuple[float, int, int]]:
        """(lower bound on rho, tie place, project) for every supported project."""
        # A price can't go below cost / supporters, so rho >= 1 / votes.
        p = self.profile
        heap = [
            (_below(Fraction(1, p.votes[j])) if p.costs[j] else 0.0, self.tie[j], j)
            for j in self.supported
        ]
        heapq.heapify(heap)
        return heap


def _below(x: Fraction) -> float:
    """A float no larger than `x`."""
    return math.nextafter(x.numerator / x.denominator, -math.inf)


def _above(x: Fraction) -> float:
    """A float no smaller than `x`."""
    return math.nextafter(x.numerator / x.denominator, math.inf)


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run: winners in order, the rho each was bought at, and the final money."""

    per_voter: Fraction
    winners: tuple[int, ...]
    rhos: tuple[Fraction, ...]
    wallets: Wallets


def run_mes(mes: MesProfile, per_voter: Fraction) -> Run:
    """Equal Shares from scratch with `per_voter` currency units for every voter."""
    wallets = mes.wallets(per_voter)
    heap = mes.start_heap()
    winners: list[int] = []
    rhos: list[Fraction] = []
    while heap:
        best: tuple[Fraction, int, int] | None = None
        best_offer: Offer | None = None
        ceiling = math.inf
        priced: list[tuple[float, int, int]] = []
        while heap and heap[0][0] <= ceiling:
            _, tie, j = heapq.heappop(heap)
            offer = wallets.offer(j)
            if offer is None:
                continue  # money only shrinks: it stays unaffordable for the rest of the run
            key = (offer.rho, tie, j)
            if best is None or key < best:
                if best is not None:
                    priced.append((_below(best[0]), best[1], best[2]))
                best, best_offer, ceiling = key, offer, _above(offer.rho)
            else:
                priced.append((_below(offer.rho), tie, j))
        if best is None or best_offer is None:
            break
        for entry in priced:
            heapq.heappush(heap, entry)
        wallets.buy(best[2], best_offer)
        winners.append(best[2])
        rhos.append(best[0])
    return Run(per_voter, tuple(winners), tuple(rhos), wallets)


def rerun_if_unchanged(mes: MesProfile, per_voter: Fraction, lower: Run) -> Run | None:
    """The run at `per_voter`, if every budget between `lower`'s and it gives `lower`'s winners.

    Replays `lower`'s winners with the larger budget. With the same history, more money per
    voter means more money at every round, so no price rises: a winner's rho at any budget in
    between is at most its rho in `lower`, and a rival's is at least its rho here. If every
    rival's rho here still loses to the winner's rho in `lower`, and nothing is affordable at
    the end, every budget in between repeats `lower` exactly. None when that can't be shown.
    """
    wallets = mes.wallets(per_voter)
    heap = mes.start_heap()
    bought: set[int] = set()
    rhos: list[Fraction] = []
    for j, rho in zip(lower.winners, lower.rhos, strict=True):
        offer = wallets.offer(j)
        if offer is None:
            return None
        bound = (rho, mes.tie[j], j)
        ceiling = _above(rho)
        bought.add(j)
        priced: list[tuple[float, int, int]] = []
        while heap and heap[0][0] <= ceiling:
            _, tie, rival = heapq.heappop(heap)
            if rival in bought:
                continue
            rival_offer = wallets.offer(rival)
            if rival_offer is None:
                continue
            if (rival_offer.rho, tie, rival) < bound:
                return None
            priced.append((_below(rival_offer.rho), tie, rival))
        for entry in priced:
            heapq.heappush(heap, entry)
        wallets.buy(j, offer)
        rhos.append(offer.rho)
    if any(j not in bought and wallets.affordable(j) for _, _, j in heap):
        return None
    return Run(per_voter, lower.winners, tuple(rhos), wallets)
