"""One Equal Shares run in floating point, every decision proven against the exact run.

The same rounds as `mes.run_mes` (lowest rho first, lazily repriced from lower bounds),
on one double per distinct ballot instead of exact fractions. Each price comes with an
error bound (see `float_quote`); a decision between prices, or on affordability, is taken
only when the bounds settle it, so the winners are exactly the exact run's. When they
can't, `Uncertain` is raised and the caller counts that run exactly.

With a `budget`, a run stops as soon as its outcome is known to overspend ("over") or
known to stay within the budget without buying every project ("within": what is bought
plus what is still affordable fits, and money only shrinks); the Add1 search only needs
that for all steps but the last.

Runs with more money per voter resume after the opening of the first (see
`float_opening`).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from fractions import Fraction

from actions.domain.tally.float_opening import Recorder
from actions.domain.tally.float_profile import FloatProfile, Opening, reader
from actions.domain.tally.float_quote import Accuracy, Quote, U, free_quote, quote, rho_beyond

COMPLETE, WITHIN, OVER = "complete", "within", "over"
PRUNE = 4  # stop reading broke supporters once they are more than 1 in PRUNE


@dataclass(frozen=True, slots=True)
class FloatRun:
    """How a run ended, its winners so far, the voters' money and its accuracy."""

    status: str
    winners: tuple[int, ...]
    money: list[float]
    accuracy: Accuracy


class _Run:
    """The state of one run: money, error bounds, the queue of lower bounds on rho."""

    def __init__(self, fp: FloatProfile, per_voter: Fraction, opening: Opening | None) -> None:
        self.fp = fp
        p = fp.mes.profile
        self.start = float(per_voter)
        self.hints = list(fp.guesses)
        self.priced = [False] * len(p.costs)
        self.readers = list(fp.readers)
        self.payers: list[tuple[int, ...]] = list(p.supporters)
        self.winners: list[int] = []
        self.spent = 0
        if opening is None:
            self.money = [self.start] * len(p.weights)
            # float(Fraction) rounds correctly: each voter starts off by at most u * start.
            error = 1.01 * U * self.start
        else:
            start = self.start
            self.money = list(opening.payments(list(map(start.__sub__, opening.paid))))
            self.winners.extend(opening.winners)
            self.spent = p.cost_of(opening.winners)
            # Off by the start's rounding, each share's and each addition's (at most
            # `longest` of each, none above the start), and the subtraction's.
            error = 1.01 * (2 * fp.longest + 3) * U * start
        self.acc = Accuracy.start(p.n_voters, self.start, error)
        self.gone = set(self.winners)  # bought, or surely unaffordable for the rest of the run
        # Last known money of each project's supporters, and the money of all then.
        everyone = self.start * p.n_voters
        self.seen = [self.start * v for v in p.votes]
        self.seen_among = [everyone] * len(p.votes)
        self.heap = [
            (_lowest_rho(fp, j), fp.mes.tie[j], j) for j in fp.mes.supported if j not in self.gone
        ]
        heapq.heapify(self.heap)
        self.queued = {j: bound for bound, _, j in self.heap}  # the live entry of each

    def _saw(self, j: int, total: float) -> None:
        """Remember that the supporters of `j` held about `total` now, for `_fits`."""
        self.seen[j] = total
        self.seen_among[j] = self.everyone()

    def everyone(self) -> float:
        """What all voters hold together now (about: broke ones are behind on nothing)."""
        return self.start * self.fp.mes.profile.n_voters - self.spent

    def price(self, j: int) -> Quote | None:
        """The quote of project `j` now, None if surely unaffordable."""
        fp, tie = self.fp, self.fp.mes.tie[j]
        cost = fp.mes.profile.costs[j]
        if cost == 0:
            return free_quote(j, tie)
        money = self.readers[j](self.money)
        found = quote(money, cost, self.hints[j], self.acc, project=j, tie=tie)
        if found is None:
            self._saw(j, 0.0)
            return None
        self.hints[j] = found.share
        if not self.priced[j]:
            self.priced[j] = True
            fp.guesses[j] = found.share
        self._saw(j, sum(money))  # less what broke voters are behind: a guess is enough
        if PRUNE * found.broke > len(money):
            self._forget_broke(j)
        return found

    def beyond(self, j: int, rho: float) -> float:
        """A lower bound on the rho of `j`, above `rho` if it surely is (see `rho_beyond`);
        unaffordable projects are dropped (bound infinity)."""
        cost = self.fp.mes.profile.costs[j]
        if cost == 0:
            return 0.0
        money = self.readers[j](self.money)
        bound = rho_beyond(money, cost, rho, self.acc)
        if bound is None:
            self.gone.add(j)
            return math.inf
        return bound

    def _forget_broke(self, j: int) -> None:
        """Read and charge only the supporters of `j` who still hold money (broke stay so)."""
        money = self.money
        self.readers[j] = reader(tuple(g for g in self.fp.mes.expanded[j] if money[g] > 0.0))
        self.payers[j] = tuple(g for g in self.payers[j] if money[g] > 0.0)

    def best(self) -> Quote | None:
        """The next winner: reprice from the queue until no lower bound can beat the best.

        The likely winner (the last run's at this round) is priced first, so that the
        rivals only need testing against a low ceiling (a stale queue entry of it is
        dropped; if it loses, its fresh bound goes back in the queue).
        """
        heap = self.heap
        best: Quote | None = None
        ceiling = math.inf
        beaten: list[tuple[float, int, int]] = []
        likely = self._likely()
        if likely is not None:
            best = self.price(likely)
            if best is None:
                self.gone.add(likely)
            else:
                ceiling = best.high
        while heap and heap[0][0] <= ceiling:
            bound, tie, j = heapq.heappop(heap)
            if j in self.gone or j == likely or bound != self.queued[j]:
                continue  # bought, unaffordable, priced already or superseded
            if best is not None:
                # Most rivals lose: telling that costs less than pricing them.
                bound = self.beyond(j, best.high)
                if bound > best.high:
                    if bound < math.inf:
                        beaten.append((bound, tie, j))
                    continue
            found = self.price(j)
            if found is None:
                self.gone.add(j)
                continue
            if best is None:
                best = found
            elif found.beats(best):
                beaten.append((best.low, best.tie, best.project))
                best = found
            else:
                beaten.append((found.low, found.tie, found.project))
            ceiling = best.high
        for entry in beaten:
            heapq.heappush(heap, entry)
            self.queued[entry[2]] = entry[0]
        return best

    def _likely(self) -> int | None:
        """The winner of the latest run at this round, if still to be bought here."""
        rounds, lately = len(self.winners), self.fp.lately
        if rounds < len(lately) and lately[rounds] not in self.gone:
            return lately[rounds]
        return None

    def buy(self, q: Quote) -> None:
        """Charge the supporters of the project in `q` its share.

        Everyone is charged the share: a voter who held no more is broke, and broke voters
        keep money <= 0 (read as none) rather than be tested one by one.
        """
        share = q.share
        if share > 0.0:
            money = self.money
            for g in self.payers[q.project]:
                money[g] -= share
            self.acc.charge(q)
        self.winners.append(q.project)
        self.gone.add(q.project)
        self.spent += self.fp.mes.profile.costs[q.project]

    def surely_unaffordable(self, j: int) -> bool:
        """Whether the supporters of `j` surely hold less than its cost now."""
        money = self.readers[j](self.money)
        total, size = holdings(money)
        self._saw(j, total)
        return self.acc.money_bound(total, len(money), size) < self.fp.mes.profile.costs[j]

    def likely_unaffordable(self, projects: list[int]) -> list[int]:
        """Those of `projects` whose supporters' money, last read and since drained pro rata
        with everyone's, has likely fallen below their cost (a guess, for `_fits`)."""
        now, costs, seen, among = (
            self.everyone(),
            self.fp.mes.profile.costs,
            self.seen,
            self.seen_among,
        )
        return [j for j in projects if seen[j] * now < costs[j] * among[j]]


def holdings(money: tuple[float, ...]) -> tuple[float, float]:
    """What voters holding `money` hold together (<= 0 counts as nothing), and the sum of
    the magnitudes, which bounds the rounding."""
    size = sum(map(abs, money))
    return (sum(money) + size) / 2, size


def _lowest_rho(fp: FloatProfile, j: int) -> float:
    """A lower bound on rho for `j` in any run: a share is at least cost / supporters."""
    if fp.mes.profile.costs[j] == 0:
        return 0.0
    return 1.0 / fp.mes.profile.votes[j] * (1 - 4 * U)


def run_float(
    fp: FloatProfile,
    per_voter: Fraction,
    budget: int | None = None,
    opening: Opening | None = None,
    finish_from: int | None = None,
) -> FloatRun:
    """Equal Shares from scratch with `per_voter` each; with `budget`, stop once it's decided.

    With an `opening` (see `record_opening`, with at most `per_voter`) the run resumes
    after it. A run that has bought `finish_from` projects runs to its end even when known
    to fit (finishing costs little then, and spares a rerun). Raises Uncertain when
    floating point can't settle a decision.
    """
    if opening is not None and opening.per_voter > per_voter:
        raise ValueError("an opening only holds for runs with at least as much money")
    run = _Run(fp, per_voter, opening)
    costs = fp.mes.profile.costs
    # Stopping "within" must also rule out buying everything, which fits otherwise.
    watch = budget is not None and sum(costs[j] for j in fp.mes.supported) > budget
    status = COMPLETE
    while (best := run.best()) is not None:
        run.buy(best)
        if budget is None:
            continue
        if run.spent > budget:
            status = OVER
            break
        if watch and (finish_from is None or len(run.winners) < finish_from) and _fits(run, budget):
            status = WITHIN
            break
    fp.lately[:] = run.winners
    return FloatRun(status, tuple(run.winners), run.money, run.acc)


def record_opening(fp: FloatProfile, per_voter: Fraction) -> Opening:
    """The opening of the run with `per_voter` each (see `float_opening`).

    Raises Uncertain when floating point can't settle a decision.
    """
    run = _Run(fp, per_voter, None)
    recorder = Recorder(fp, per_voter)
    while (best := run.best()) is not None and recorder.add(best):
        run.buy(best)
    return recorder.opening()


def _fits(run: _Run, budget: int) -> bool:
    """Whether what's bought plus every project not surely unaffordable fits the budget.

    Reading money costs as much as pricing, so only the projects whose money, guessed from
    when it was last read, has likely fallen below their cost are read, dearest first, and
    only while the guesses say the check can succeed.
    """
    costs = run.fp.mes.profile.costs
    doubtful = [j for j in run.fp.mes.supported if j not in run.gone]
    rest = sum(costs[j] for j in doubtful)
    if run.spent + rest <= budget:
        return True
    likely = sorted(run.likely_unaffordable(doubtful), key=costs.__getitem__)
    if run.spent + rest - sum(costs[j] for j in likely) > budget:
        return False
    while likely:
        j = likely.pop()
        if run.surely_unaffordable(j):
            run.gone.add(j)
            rest -= costs[j]
            if run.spent + rest <= budget:
                return True
        elif run.spent + rest - sum(costs[x] for x in likely) > budget:
            return False
    return False
