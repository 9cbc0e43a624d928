"""One project's Equal Shares price in floating point, with a proven bound on its error.

The floating-point run keeps every voter's money as a double. `Accuracy` bounds how far
those doubles can be from the exact amounts: `mass` bounds the sum of all voters' errors,
`per_voter` any single voter's error, `dead_mass` the money that voters counted as broke
may in truth still hold (voters who ran out within the error of the price, normally none).

Pricing finds the share `e` with G(e) = sum(min(money, e)) = cost over the supporters.
The computed Ĝ differs from G by at most X, the error of the voters holding less than
x + per_voter (richer ones count x either way); at the computed share |Ĝ(ê) - cost| <= R
from rounding alone; and G rises by at least N per unit around ê, N being the voters
surely holding more than ê + tau. So the exact share is within E = (X + R) / N of ê.

Paying the share passes its error E on to the k voters paying it in full, but E comes
from the error X of the voters paying all they have, who go broke: exactly broke unless
they held within the errors of the share. So the total error moves rather than grows:
`mass` rises per purchase by the rounding and by what the few voters near the share can
add, not by a factor (a bound on the largest error alone would double round after round).
Every bound rounds up generously (factors 1.01, 2u).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

U = 2.0**-53  # unit roundoff of a double
SLACK = 1.1  # how far above the expected share voters are sorted: a second pass is rare
TAU = 2.0**-20  # relative width within which the exact share must be pinned down


class Uncertain(Exception):  # noqa: N818 - a signal, not an error
    """The floating-point run can't prove a decision; the step is counted exactly instead."""


@dataclass(slots=True)
class Accuracy:
    """Bounds on the error of every voter's money in a floating-point run."""

    mass: float
    per_voter: float
    dead_mass: float
    rounding: float  # the rounding of one subtraction from a voter's money: u * start money

    @classmethod
    def start(cls, voters: int, per_voter: float, error: float) -> Accuracy:
        """Bounds for `voters` voters each holding `per_voter`, off by at most `error`."""
        return cls(voters * error, error, 0.0, 1.01 * U * per_voter)

    def money_bound(self, total: float, count: int, size: float | None = None) -> float:
        """An upper bound on what `count` voters hold whose (positive) doubles were added up
        to `total`, a sum of `size` (default `total`) in magnitudes."""
        size = total if size is None else size
        rounding = 2.02 * U * count * size
        return total + rounding + min(self.mass, count * self.per_voter) + self.dead_mass

    def charge(self, quote: Quote) -> None:
        """Account for the supporters of `quote` paying its share (see the module docstring).

        Capped voters far below the share go broke exactly; close ones may keep up to the
        error (`dead_mass`); every payer's error grows by the share's error and a rounding.
        """
        d, e, n = self.per_voter, quote.share_error, quote.sure
        capped_error = min(self.mass, quote.capped * d)
        # The k full payers gain k * E <= k/N * (X_capped + X_near + dead + R) while the
        # capped lose X_capped, close ones excepted; with k = N + near, what's left is:
        self.mass += (
            quote.near / n * capped_error
            + quote.close * (d + e)
            + quote.uncapped / n * (quote.near * d + self.dead_mass + quote.residual)
            + quote.uncapped * self.rounding
        )
        self.dead_mass += quote.close * (d + e)
        self.per_voter = d + e + self.rounding


@dataclass(frozen=True, slots=True)
class Quote:
    """The price of one project: the computed share and rho, with proven error bounds.

    `exact` is the exact rho when it is known (0 for a free project, 1/holders when no
    supporter is anywhere near short of money and the broke are surely broke); the counts
    feed `Accuracy.charge`.
    """

    project: int
    tie: int
    share: float
    share_error: float
    rho: float
    rho_error: float
    exact: Fraction | None
    uncapped: int
    capped: int
    near: int
    close: int
    sure: int
    residual: float
    broke: int

    @property
    def low(self) -> float:
        """A lower bound on the exact rho."""
        return (self.rho - self.rho_error) * (1 - 4 * U)

    @property
    def high(self) -> float:
        """An upper bound on the exact rho."""
        return (self.rho + self.rho_error) * (1 + 4 * U)

    def beats(self, other: Quote) -> bool:
        """Whether this project is surely bought before `other` (lower rho, then tie order)."""
        if self.high < other.low:
            return True
        if other.high < self.low:
            return False
        if self.exact is not None and other.exact is not None:
            return (self.exact, self.tie) < (other.exact, other.tie)
        raise Uncertain(f"projects {self.project} and {other.project} are too close to call")


def free_quote(project: int, tie: int) -> Quote:
    """The quote of a project that costs nothing: rho 0, nobody pays."""
    return Quote(project, tie, 0.0, 0.0, 0.0, 0.0, Fraction(0), 0, 0, 0, 0, 1, 0.0, 0)


def rho_beyond(money: tuple[float, ...], cost: int, rho: float, acc: Accuracy) -> float | None:
    """A lower bound on the rho of a project costing `cost` whose supporters hold `money`,
    above `rho` if its rho surely is; 0.0 if it may not be; None if surely unaffordable.

    Cheaper than `quote` (no sorting): with S what the voters below x = rho * cost hold
    and N the voters above, the share e satisfies cost = F(e) <= S + e * N for e >= x, and
    F(x) = S + x * N < cost means e > x.
    """
    x = rho * cost
    lows = [v for v in money if v < x]
    above = len(money) - len(lows)
    size = sum(map(abs, lows))
    below = (sum(lows) + size) / 2 + 2.02 * U * len(lows) * size + acc.mass + acc.dead_mass
    if below + x * above * (1 + 2 * U) >= cost:
        return 0.0
    if above == 0:
        return None
    share = max(x, (cost - below) / above * (1 - 4 * U))
    return share / cost * (1 - 4 * U)


def quote(
    money: tuple[float, ...], cost: int, hint: float, acc: Accuracy, *, project: int, tie: int
) -> Quote | None:
    """The price of a project costing `cost` whose supporters hold `money` (<= 0 if broke).

    `hint` is a guess of the share (the last one found): only voters holding a little more
    are sorted, so a good guess saves time, and any guess gives the same quote. None when
    the supporters surely can't afford it; raises Uncertain when that can't be told.
    """
    d = acc.per_voter
    voters = len(money)
    limit = max(hint, cost / voters) * SLACK + 2 * d
    while True:
        lows = [x for x in money if x < limit]
        lows.sort()
        broke = bisect_right(lows, 0.0)
        alive = lows[broke:] if broke else lows
        holders = voters - broke
        sums = list(accumulate(alive, initial=0.0))
        # The first poor voter whose money covers the share: F(a_t) = sum_<t + rest * a_t.
        lo, hi = 0, len(alive)
        while lo < hi:
            mid = (lo + hi) // 2
            if sums[mid] + (holders - mid) * alive[mid] >= cost:
                hi = mid
            else:
                lo = mid + 1
        capped = lo
        if capped == len(alive) == holders:  # together they hold less than the cost
            if acc.money_bound(sums[-1], holders) < cost:
                return None
            raise Uncertain(f"project {project} may or may not be affordable")
        share = (cost - sums[capped]) / (holders - capped)
        tau = share * TAU
        if share + tau + 2 * d < limit:
            break
        limit = share * SLACK + 4 * d + 2 * tau
    if (capped and alive[capped - 1] > share) or (capped < len(alive) and share > alive[capped]):
        raise Uncertain(f"project {project}: a voter holds the share itself, up to rounding")
    uncapped = holders - capped
    residual = (capped + 3) * U * cost * 1.01
    start = bisect_left(alive, share)
    sure = holders - bisect_left(alive, share + tau + d)
    near = uncapped - sure
    if sure < 1:
        raise Uncertain(f"project {project}: too few supporters above the share")
    error = (min(acc.mass, (capped + near) * d) + acc.dead_mass + residual) / sure
    if error >= tau:
        raise Uncertain(f"project {project}: the share is not pinned down")
    # Voters who may go broke yet keep some money: capped within the errors of the share,
    # or holding the share itself (their payment leaves exactly 0.0).
    close = bisect_right(alive, share) - bisect_right(alive, share - d - error)
    rho = share / cost
    exact = None
    rich = not alive or alive[0] >= share * (1 + 2 * U) + d
    if capped == 0 and start == 0 and acc.dead_mass == 0 and rich:
        exact = Fraction(1, holders)
    return Quote(
        project,
        tie,
        share,
        error,
        rho,
        error / cost + 2 * U * rho,
        exact,
        uncapped,
        capped,
        near,
        close,
        sure,
        residual,
        broke,
    )
