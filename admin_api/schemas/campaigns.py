"""Bodies of the campaign routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Field, StringConstraints

from actions import campaigns
from actions.campaign_settings import CampaignSettings, Category
from actions.domain.ballot_rules import BallotKind, BallotRules
from actions.domain.campaign import ChangePolicy, Eligibility, PhaseDates
from actions.domain.tally.registry import RULES
from actions.store.campaigns import Campaign
from admin_api.schemas.common import (
    Body,
    Key,
    Language,
    Moment,
    Money,
    NoNull,
    Patch,
    Texts,
    Titles,
    Whole,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
TimeZone = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+/-]+$")
]
Postcode = Annotated[
    str, StringConstraints(min_length=4, max_length=8, pattern=r"^[0-9]{4} ?[A-Za-z]{0,2}$")
]
Origin = Annotated[
    str, StringConstraints(min_length=8, max_length=200, pattern=r"^https?://[^\s\x00/?#]+/?$")
]
Items = Annotated[int, Whole, Field(ge=0, le=10_000)]
Method = Annotated[
    str,
    StringConstraints(max_length=32),
    Field(json_schema_extra={"enum": list(RULES)}, description="A tally rule."),
]
EligibilityMode = Literal["code", "code+postcode", "open"]
Policy = Literal["final", "replace"]
Kind = Literal["knapsack", "approval"]


class CategoryBody(Body):
    """A theme or neighbourhood: a key and its name per language."""

    key: Key
    name: Titles


Categories = Annotated[list[CategoryBody], Field(max_length=100)]
Postcodes = Annotated[list[Postcode], Field(max_length=10_000)]
Origins = Annotated[list[Origin], Field(max_length=50)]


class DatesBody(Patch):
    """Phase dates (timezone-aware); null clears one; left out keeps it on update."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {"ideas_open", "ideas_close", "voting_open", "voting_close", "results_published"}
    )

    ideas_open: Moment | None = None
    ideas_close: Moment | None = None
    voting_open: Moment | None = None
    voting_close: Moment | None = None
    results_published: Moment | None = None


class RulesBody(Patch):
    """Ballot rules: knapsack caps cost, approval only the number of choices."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {"max_budget", "min_budget", "min_budget_percent", "min_items", "max_items"}
    )

    kind: Kind | NoNull = None
    max_budget: Money | None = None
    min_budget: Money | None = None
    min_budget_percent: Annotated[int, Whole, Field(ge=0, le=100)] | None = None
    min_items: Items | None = None
    max_items: Items | None = None
    theme_caps: Annotated[dict[Key, Items], Field(max_length=100)] | NoNull = None

    def changes(self) -> dict[str, Any]:
        """The rules the client set, as BallotRules fields."""
        found = super().changes()
        if "kind" in found:
            found["kind"] = BallotKind(found["kind"])
        return found


class CampaignCreate(Body):
    """A new campaign. Without rules, a knapsack ballot capped at the budget."""

    slug: Slug
    name: Titles
    description: Texts = Field(default_factory=dict)
    budget: Annotated[int, Whole, Field(ge=1, le=2**31 - 1, description="Whole currency units.")]
    languages: Annotated[list[Language], Field(min_length=1, max_length=10)]
    currency: Currency = "EUR"
    timezone: TimeZone = "Europe/Amsterdam"
    dates: DatesBody = DatesBody()
    rules: RulesBody | None = None
    eligibility: EligibilityMode = "code"
    change_policy: Policy = "final"
    postcodes: Postcodes = Field(default_factory=list)
    tally_method: Method = "greedy"
    allowed_origins: Origins = Field(default_factory=list)
    themes: Categories = Field(default_factory=list)
    neighbourhoods: Categories = Field(default_factory=list)

    def settings(self) -> CampaignSettings:
        """The settings this body describes."""
        chosen = self.rules.changes() if self.rules is not None else {}
        chosen.setdefault("kind", BallotKind.KNAPSACK)
        if chosen["kind"] is BallotKind.KNAPSACK:
            chosen.setdefault("max_budget", self.budget)
        rules = BallotRules(**chosen)
        return CampaignSettings(
            slug=self.slug,
            name=self.name,
            description=self.description,
            budget=self.budget,
            languages=tuple(self.languages),
            currency=self.currency,
            timezone=self.timezone,
            dates=PhaseDates(**self.dates.changes()),
            rules=rules,
            eligibility=Eligibility(self.eligibility),
            change_policy=ChangePolicy(self.change_policy),
            postcodes=tuple(self.postcodes),
            tally_method=self.tally_method,
            allowed_origins=tuple(self.allowed_origins),
            themes=tuple(Category(c.key, c.name) for c in self.themes),
            neighbourhoods=tuple(Category(c.key, c.name) for c in self.neighbourhoods),
        )


class CampaignPatch(Patch):
    """Changes to a campaign: what is left out stays; `dates` and `rules` merge key by key."""

    name: Titles | NoNull = None
    description: Texts | NoNull = None
    budget: Annotated[int, Whole, Field(ge=1, le=2**31 - 1)] | NoNull = None
    languages: Annotated[list[Language], Field(min_length=1, max_length=10)] | NoNull = None
    currency: Currency | NoNull = None
    timezone: TimeZone | NoNull = None
    dates: DatesBody | NoNull = None
    rules: RulesBody | NoNull = None
    eligibility: EligibilityMode | NoNull = None
    change_policy: Policy | NoNull = None
    postcodes: Postcodes | NoNull = None
    tally_method: Method | NoNull = None
    allowed_origins: Origins | NoNull = None
    themes: Categories | NoNull = None
    neighbourhoods: Categories | NoNull = None

    def settings_changes(self) -> dict[str, Any]:
        """The changes as CampaignSettings fields (dates and rules as partial mappings)."""
        converters: dict[str, Any] = {
            "languages": tuple,
            "postcodes": tuple,
            "allowed_origins": tuple,
            "dates": lambda d: d.changes(),
            "rules": lambda r: r.changes(),
            "eligibility": Eligibility,
            "change_policy": ChangePolicy,
            "themes": lambda cs: tuple(Category(c.key, c.name) for c in cs),
            "neighbourhoods": lambda cs: tuple(Category(c.key, c.name) for c in cs),
        }
        return {
            name: converters.get(name, lambda v: v)(value) for name, value in self.changes().items()
        }


class CategoryOut(BaseModel):
    """A theme or neighbourhood."""

    key: str
    name: dict[str, str]


class DatesOut(BaseModel):
    """The moments phases begin and end (UTC)."""

    ideas_open: datetime | None
    ideas_close: datetime | None
    voting_open: datetime | None
    voting_close: datetime | None
    results_published: datetime | None


class RulesOut(BaseModel):
    """The ballot rules."""

    kind: Kind
    max_budget: int | None
    min_budget: int | None
    min_budget_percent: int | None
    min_items: int | None
    max_items: int | None
    theme_caps: dict[str, int]


class CampaignOut(BaseModel):
    """A campaign as organisers see it; `version` changes with every update (the ETag)."""

    id: int
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    budget: int
    languages: list[str]
    currency: str
    timezone: str
    phase: str
    dates: DatesOut
    rules: RulesOut
    eligibility: EligibilityMode
    change_policy: Policy
    postcodes: list[str]
    tally_method: str
    allowed_origins: list[str]
    themes: list[CategoryOut]
    neighbourhoods: list[CategoryOut]
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Campaign, now: datetime) -> CampaignOut:
        """The body for a campaign row at `now`."""
        info = campaigns.info(row)
        return cls(
            id=row.id,
            slug=row.slug,
            name=dict(row.name),
            description=dict(row.description),
            budget=row.budget,
            languages=list(row.languages),
            currency=row.currency,
            timezone=row.timezone,
            phase=info.dates.phase_at(now).value,
            dates=DatesOut(
                ideas_open=row.ideas_open,
                ideas_close=row.ideas_close,
                voting_open=row.voting_open,
                voting_close=row.voting_close,
                results_published=row.results_published,
            ),
            rules=RulesOut(
                kind=info.rules.kind.value,
                max_budget=info.rules.max_budget,
                min_budget=info.rules.min_budget,
                min_budget_percent=info.rules.min_budget_percent,
                min_items=info.rules.min_items,
                max_items=info.rules.max_items,
                theme_caps=dict(info.rules.theme_caps),
            ),
            eligibility=info.eligibility.value,
            change_policy=info.change_policy.value,
            postcodes=list(row.postcodes),
            tally_method=row.tally_method,
            allowed_origins=list(row.allowed_origins),
            themes=[CategoryOut(key=t.key, name=dict(t.name)) for t in row.themes],
            neighbourhoods=[CategoryOut(key=n.key, name=dict(n.name)) for n in row.neighbourhoods],
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
