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

Runs with more money per voter share an opening (`Opening`): while the project with the
most supporters is bought with nobody short of the share, each pays cost / supporters
whatever their money, and no project can do better at any budget.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter

from actions.domain.tally.float_quote import Accuracy, Quote, U, free_quote, quote, rho_beyond
from actions.domain.tally.mes import MesProfile

Getter = Callable[[list[float]], tuple[float, ...]]
COMPLETE, WITHIN, OVER = "complete", "within", "over"
PRUNE = 4  # stop reading broke supporters once they are more than 1 in PRUNE


def _getter(indices: tuple[int, ...]) -> Getter:
    """A function reading the money at `indices` as a tuple (itemgetter, also for one)."""
    if not indices:
        return _nobody
    if len(indices) == 1:
        (only,) = indices

        def one(money: list[float]) -> tuple[float, ...]:
            return (money[only],)

        return one
    read: Getter = itemgetter(*indices)
    return read


def _nobody(money: list[float]) -> tuple[float, ...]:
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

    @classmethod
    def of(cls, mes: MesProfile) -> FloatProfile:
        """Prepare `mes` for floating-point runs."""
        p = mes.profile
        readers = tuple(_getter(e) for e in mes.expanded)
        costly = [j for j in mes.supported if p.costs[j] > 0]
        ranks = tuple(sorted(costly, key=lambda j: (-p.votes[j], mes.tie[j])))
        longest = max((len(b) for b in p.ballots), default=0)
        return cls(mes, readers, ranks, longest, [0.0] * len(p.costs))


@dataclass(frozen=True, slots=True)
class Opening:
    """The first rounds of every run with at least `per_voter`: winners and what each paid."""

    per_voter: Fraction
    winners: tuple[int, ...]
    paid: tuple[float, ...]  # by distinct ballot, each share rounded once and added up


@dataclass(frozen=True, slots=True)
class FloatRun:
    """How a run ended, its winners so far, the voters' money and its accuracy."""

    status: str
    winners: tuple[int, ...]
    money: list[float]
    accuracy: Accuracy
    opening: Opening | None


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
            self.money = list(map(start.__sub__, opening.paid))
            self.winners.extend(opening.winners)
            self.spent = p.cost_of(opening.winners)
            # Off by the start's rounding, each share's and each addition's (at most
            # `longest` of each, none above the start), and the subtraction's.
            error = 1.01 * (2 * fp.longest + 3) * U * start
        self.acc = Accuracy.start(p.n_voters, self.start, error)
        self.gone = set(self.winners)  # bought, or surely unaffordable for the rest of the run
        # Last known money of each project's supporters, and the money of all then.
        everyone = self.start * p.n_voters
        self.seen = {j: (self.start * p.votes[j], everyone) for j in fp.mes.supported}
        self.heap = [
            (_lowest_rho(fp, j), fp.mes.tie[j], j) for j in fp.mes.supported if j not in self.gone
        ]
        heapq.heapify(self.heap)

    def _saw(self, j: int, total: float) -> None:
        """Remember that the supporters of `j` held about `total` now, for `_fits`."""
        self.seen[j] = (total, self.start * self.fp.mes.profile.n_voters - self.spent)

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
        self._saw(j, sum(money))
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
        self.readers[j] = _getter(tuple(g for g in self.fp.mes.expanded[j] if money[g] > 0.0))
        self.payers[j] = tuple(g for g in self.payers[j] if money[g] > 0.0)

    def best(self) -> Quote | None:
        """The next winner: reprice from the queue until no lower bound can beat the best."""
        heap = self.heap
        best: Quote | None = None
        ceiling = math.inf
        beaten: list[tuple[float, int, int]] = []
        while heap and heap[0][0] <= ceiling:
            _, tie, j = heapq.heappop(heap)
            if best is not None and j not in self.gone:
                # Most rivals lose: telling that costs less than pricing them.
                bound = self.beyond(j, best.high)
                if bound > best.high:
                    beaten.append((bound, tie, j))
                    continue
            found = None if j in self.gone else self.price(j)
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
        return best

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
        total, size = held(money)
        self._saw(j, total)
        return self.acc.money_bound(total, len(money), size) < self.fp.mes.profile.costs[j]

    def guess(self, j: int) -> float:
        """A rough guess of the money the supporters of `j` hold now (drained pro rata)."""
        seen, everyone = self.seen[j]
        now = self.start * self.fp.mes.profile.n_voters - self.spent
        return seen * now / everyone if everyone > 0 else 0.0


def held(money: tuple[float, ...]) -> tuple[float, float]:
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
) -> FloatRun:
    """Equal Shares from scratch with `per_voter` each; with `budget`, stop once it's decided.

    With an `opening` (from a run with at most `per_voter`) the run resumes after it;
    without, the run records its own. Raises Uncertain when floating point can't settle a
    decision.
    """
    if opening is not None and opening.per_voter > per_voter:
        raise ValueError("an opening only holds for runs with at least as much money")
    run = _Run(fp, per_voter, opening)
    costs = fp.mes.profile.costs
    # Stopping "within" must also rule out buying everything, which fits otherwise.
    watch = budget is not None and sum(costs[j] for j in fp.mes.supported) > budget
    status = COMPLETE
    recorder = _Recorder(fp, per_voter) if opening is None else None
    while (best := run.best()) is not None:
        if recorder is not None and not recorder.add(best):
            recorder.close()
        run.buy(best)
        if budget is None:
            continue
        if run.spent > budget:
            status = OVER
            break
        if watch and _fits(run, budget):
            status = WITHIN
            break
    recorded = recorder.opening() if recorder is not None else opening
    return FloatRun(status, tuple(run.winners), run.money, run.acc, recorded)


class _Recorder:
    """Collects the opening of a run while its winners qualify (see the module docstring)."""

    def __init__(self, fp: FloatProfile, per_voter: Fraction) -> None:
        self.fp, self.per_voter = fp, per_voter
        self.winners: list[int] = []
        self.shares: list[float] = []
        self.open = True
        self.rank = 0

    def add(self, q: Quote) -> bool:
        """Record `q`'s project if it still belongs to the opening; False once it doesn't."""
        if not self.open:
            return True
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

    def close(self) -> None:
        """End the opening: later winners depend on the money per voter."""
        self.open = False

    def opening(self) -> Opening:
        """The recorded opening, with what each distinct ballot paid in it."""
        p = self.fp.mes.profile
        paid = [0.0] * len(p.weights)
        for j, share in zip(self.winners, self.shares, strict=True):
            for g in p.supporters[j]:
                paid[g] += share
        return Opening(self.per_voter, tuple(self.winners), tuple(paid))


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
    likely = sorted((j for j in doubtful if run.guess(j) < costs[j]), key=costs.__getitem__)
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
