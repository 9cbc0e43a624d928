"""Ballot rules (knapsack or approval) and the checks a ballot must pass."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


class BallotKind(enum.StrEnum):
    """Whether costs are capped (knapsack) or only the number of choices (approval)."""

    KNAPSACK = "knapsack"
    APPROVAL = "approval"


@dataclass(frozen=True, slots=True)
class BallotItem:
    """What the rules need to know of one chosen proposal."""

    proposal_id: int
    cost: int
    theme: str | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: a code for translation and its parameters."""

    code: str
    params: dict[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BallotRules:
    """A campaign's ballot rules; every limit is optional."""

    kind: BallotKind
    max_budget: int | None = None
    min_budget: int | None = None
    min_budget_percent: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    theme_caps: dict[str, int] = field(default_factory=dict)

    def minimum_spend(self) -> int:
        """The least a knapsack ballot must spend (0 when there is no minimum)."""
        if self.kind is not BallotKind.KNAPSACK:
            return 0
        by_percent = 0
        if self.min_budget_percent is not None and self.max_budget is not None:
            # Round up: "at least 50 %" of an odd budget must not accept a euro less.
            by_percent = -(-self.max_budget * self.min_budget_percent // 100)
        return max(self.min_budget or 0, by_percent)

    def check_add(self, items: Sequence[BallotItem], new: BallotItem) -> list[Violation]:
        """What adding `new` to `items` would break (caps only; minimums wait for confirmation)."""
        after = [*items, new]
        found: list[Violation] = []
        if any(item.proposal_id == new.proposal_id for item in items):
            found.append(Violation("already_chosen"))
        found.extend(self._caps(after))
        return found

    def check_final(self, items: Sequence[BallotItem]) -> list[Violation]:
        """Everything a ballot breaks at confirmation (caps and minimums)."""
        found = self._caps(items)
        total = sum(item.cost for item in items)
        if not items:
            found.append(Violation("empty"))
        if self.min_items is not None and len(items) < self.min_items:
            found.append(Violation("too_few_items", {"min": self.min_items, "count": len(items)}))
        minimum = self.minimum_spend()
        if minimum and total < minimum:
            found.append(Violation("under_min_budget", {"min": minimum, "total": total}))
        return found

    def _caps(self, items: Sequence[BallotItem]) -> list[Violation]:
        found: list[Violation] = []
        total = sum(item.cost for item in items)
        if (
            self.kind is BallotKind.KNAPSACK
            and self.max_budget is not None
            and total > self.max_budget
        ):
            found.append(Violation("over_budget", {"max": self.max_budget, "total": total}))
        if self.max_items is not None and len(items) > self.max_items:
            found.append(Violation("too_many_items", {"max": self.max_items}))
        per_theme = Counter(item.theme for item in items if item.theme is not None)
        for theme, cap in self.theme_caps.items():
            if per_theme[theme] > cap:
                found.append(Violation("theme_cap", {"theme": theme, "max": cap}))
        return found

    def problems(self) -> list[str]:
        """Codes of contradictions in the rules themselves (empty when they are sound)."""
        found: list[str] = []
        if self.kind is BallotKind.KNAPSACK and self.max_budget is None:
            found.append("knapsack_needs_max_budget")
        if self.max_budget is not None and self.minimum_spend() > self.max_budget:
            found.append("min_budget_above_max")
        if (
            self.min_items is not None
            and self.max_items is not None
            and self.min_items > self.max_items
        ):
            found.append("min_items_above_max")
        if self.min_budget_percent is not None and not 0 <= self.min_budget_percent <= 100:
            found.append("min_budget_percent_out_of_range")
        if any(cap < 0 for cap in self.theme_caps.values()):
            found.append("negative_theme_cap")
        return found
