"""A PB campaign: its budget, languages, phase dates and rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from actions.domain.ballot_rules import BallotRules


class Phase(enum.StrEnum):
    """Where a campaign stands at a given moment."""

    UPCOMING = "upcoming"
    IDEAS = "ideas"
    BETWEEN = "between"  # ideas closed, voting not yet open
    VOTING = "voting"
    COUNTING = "counting"  # voting closed, results not yet published
    RESULTS = "results"


class Eligibility(enum.StrEnum):
    """How a resident proves they may vote."""

    CODE = "code"
    CODE_POSTCODE = "code+postcode"
    OPEN = "open"


class ChangePolicy(enum.StrEnum):
    """Whether a confirmed ballot may be replaced before voting closes."""

    FINAL = "final"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class PhaseDates:
    """The moments (timezone-aware) at which phases begin and end; any may be unset."""

    ideas_open: datetime | None = None
    ideas_close: datetime | None = None
    voting_open: datetime | None = None
    voting_close: datetime | None = None
    results_published: datetime | None = None

    def phase_at(self, now: datetime) -> Phase:
        """The phase the campaign is in at `now`."""
        if self.results_published is not None and now >= self.results_published:
            return Phase.RESULTS
        if self.voting_close is not None and now >= self.voting_close:
            return Phase.COUNTING
        if self.voting_open is not None and now >= self.voting_open:
            return Phase.VOTING
        if self.ideas_close is not None and now >= self.ideas_close:
            return Phase.BETWEEN
        if self.ideas_open is not None and now >= self.ideas_open:
            return Phase.IDEAS
        return Phase.UPCOMING

    def problems(self) -> list[str]:
        """Codes of the inconsistencies between the dates (empty when they are in order)."""
        order = [
            ("ideas_open", self.ideas_open),
            ("ideas_close", self.ideas_close),
            ("voting_open", self.voting_open),
            ("voting_close", self.voting_close),
            ("results_published", self.results_published),
        ]
        present = [(name, when) for name, when in order if when is not None]
        return [
            f"{later}_before_{earlier}" for (earlier, a), (later, b) in pairwise(present) if b < a
        ]


@dataclass(frozen=True, slots=True)
class CampaignInfo:
    """What the conversation needs to know about a campaign."""

    id: int
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    currency: str
    budget: int
    languages: tuple[str, ...]
    timezone: str
    dates: PhaseDates
    rules: BallotRules
    eligibility: Eligibility
    change_policy: ChangePolicy
    postcodes: frozenset[str] = field(default_factory=frozenset)

    @property
    def default_language(self) -> str:
        """The campaign's first language."""
        return self.languages[0]

    def text(self, translations: dict[str, str], language: str) -> str:
        """A translated field in `language`, else in the default language, else any."""
        return (
            translations.get(language)
            or translations.get(self.default_language)
            or next(iter(translations.values()), "")
        )
