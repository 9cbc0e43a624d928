"""The values a tally works on and returns: projects, ballots, tie-breaking, results."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class TallyError(ValueError):
    """The input can't be counted (unknown method, unknown project, bad numbers)."""


@dataclass(frozen=True, slots=True)
class Project:
    """A proposal on the ballot: its id, its cost in whole currency units and its name."""

    id: str
    cost: int
    name: str = ""

    def __post_init__(self) -> None:
        if self.cost < 0:
            raise TallyError(f"project {self.id}: cost {self.cost} is negative")


@dataclass(frozen=True, slots=True)
class ApprovalBallots:
    """Approval ballots with identical ones merged: approved project ids -> number of voters."""

    counts: Mapping[frozenset[str], int]

    @classmethod
    def of(cls, ballots: Iterable[Iterable[str]]) -> ApprovalBallots:
        """The merged form of one approval set per voter (order of voters doesn't matter)."""
        return cls(dict(Counter(frozenset(ballot) for ballot in ballots)))

    @property
    def n_voters(self) -> int:
        """How many voters cast a ballot (empty ballots included)."""
        return sum(self.counts.values())

    def votes(self) -> dict[str, int]:
        """How many voters approve each project that got at least one vote."""
        totals: Counter[str] = Counter()
        for approved, weight in self.counts.items():
            for project_id in approved:
                totals[project_id] += weight
        return dict(totals)


@dataclass(frozen=True, slots=True)
class Election:
    """What a tally counts: the projects on the ballot, the budget and the ballots."""

    projects: tuple[Project, ...]
    budget: int
    ballots: ApprovalBallots


@dataclass(frozen=True, slots=True)
class TieBreak:
    """How remaining ties are settled: lower cost, then more votes, then a lot from `seed`."""

    seed: int = 0


class Reason(enum.StrEnum):
    """Why a project was or wasn't funded; the chat translates these codes.

    The parameters each code comes with are listed beside it. `rank` is the place in the
    order of votes (1 = most), `round` the Equal Shares round it was bought in, `remaining`
    the budget left (after funding it, or when it didn't fit), `increment` the currency
    units Add1 gave every voter on top of their share, `share` what the supporters still
    held at the end (whole units, rounded down).
    """

    WON = "won"  # greedy: votes, rank, remaining; mes-add1: votes, round
    WON_BY_COMPLETION = "won_by_completion"  # votes, round, increment
    WON_BY_COMPARISON = "won_by_comparison"  # greedy's, plus prefer_greedy, prefer_mes
    NO_BUDGET_LEFT = "no_budget_left"  # votes, rank, cost, remaining
    STOPPED_BEFORE = "stopped_before"  # votes, rank, stopped_at (a project id)
    SHARE_TOO_SMALL = "share_too_small"  # votes, cost, share, increment
    NO_VOTES = "no_votes"  # none


@dataclass(frozen=True, slots=True)
class Explanation:
    """One project's outcome: a reason code and the numbers (or ids) a message needs."""

    code: Reason
    params: Mapping[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TallyResult:
    """The outcome of a tally.

    `selected` is in selection order; `part_funded` is the first proposal that didn't fit
    under greedy-no-skip (the leftover could part-fund it); `details` carries rule-specific
    numbers such as the Add1 increment per voter or the comparison counts.
    """

    method: str
    selected: tuple[str, ...]
    cost: int
    budget: int
    seed: int
    explanations: Mapping[str, Explanation]
    part_funded: str | None = None
    details: Mapping[str, int | str] = field(default_factory=dict)

    @property
    def leftover(self) -> int:
        """The part of the budget that no selected proposal uses."""
        return self.budget - self.cost
