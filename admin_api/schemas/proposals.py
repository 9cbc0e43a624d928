"""Bodies of the proposal routes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, Field

from actions.manage_proposals import NUMBER_MAX, ProposalFields, missing_translations
from actions.store.campaigns import Proposal
from admin_api.schemas.common import (
    Body,
    ExternalId,
    Key,
    Money,
    NoNull,
    Patch,
    Summaries,
    Texts,
    Titles,
    Url,
    Whole,
)

Number = Annotated[int, Whole, Field(ge=1, le=NUMBER_MAX, description="The short number (#12).")]
Status = Literal["published", "withdrawn"]


class ProposalCreate(Body):
    """A new proposal; without a number it gets the next free one."""

    number: Number | None = None
    title: Titles
    summary: Summaries = Field(default_factory=dict)
    description: Texts = Field(default_factory=dict)
    cost: Money
    theme: Key | None = None
    neighbourhood: Key | None = None
    image_url: Url | None = None
    status: Status = "published"
    external_id: ExternalId | None = None

    def fields(self) -> ProposalFields:
        """The proposal fields this body describes."""
        return ProposalFields(**self.model_dump())


class ProposalPatch(Patch):
    """Changes to a proposal; a translation map replaces the old one whole."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset(
        {"theme", "neighbourhood", "image_url", "external_id"}
    )

    number: Number | NoNull = None
    title: Titles | NoNull = None
    summary: Summaries | NoNull = None
    description: Texts | NoNull = None
    cost: Money | NoNull = None
    theme: Key | None = None
    neighbourhood: Key | None = None
    image_url: Url | None = None
    status: Status | NoNull = None
    external_id: ExternalId | None = None


class ProposalOut(BaseModel):
    """A proposal with the campaign languages it still lacks a text in."""

    id: int
    campaign_id: int
    number: int
    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str]
    cost: int
    theme: str | None
    neighbourhood: str | None
    image_url: str | None
    status: str
    external_id: str | None
    missing_translations: list[str] = Field(
        description="Languages of the campaign lacking the title, summary or description."
    )
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Proposal, languages: Sequence[str]) -> ProposalOut:
        """The body for a proposal row of a campaign with these languages."""
        return cls(
            id=row.id,
            campaign_id=row.campaign_id,
            number=row.number,
            title=dict(row.title),
            summary=dict(row.summary),
            description=dict(row.description),
            cost=row.cost,
            theme=row.theme_key,
            neighbourhood=row.neighbourhood_key,
            image_url=row.image_url,
            status=row.status,
            external_id=row.external_id,
            missing_translations=missing_translations(row, languages),
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class ImportOut(BaseModel):
    """The numbers of the proposals an import created and updated."""

    created: list[int]
    updated: list[int]
