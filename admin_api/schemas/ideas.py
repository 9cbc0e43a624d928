"""Bodies of the idea moderation routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from actions.domain import idea as idea_rules
from actions.domain.idea import IdeaStatus
from actions.moderate import Conversion, Decision
from actions.store.ideas import Idea
from admin_api.schemas.common import (
    Body,
    Key,
    Money,
    Reason,
    Summaries,
    Texts,
    Titles,
    Whole,
)
from admin_api.schemas.proposals import Number

Target = Literal["in_review", "accepted", "rejected", "merged"]


class IdeaOut(BaseModel):
    """An idea as moderators see it; who sent it is never shown."""

    id: int
    campaign_id: int
    number: int
    reference: str = Field(description='What the resident was given, e.g. "WEST-0007".')
    title: str
    description: str
    neighbourhood: str | None
    latitude: float | None
    longitude: float | None
    cost: int | None
    photo_ref: str | None
    language: str
    channel: str
    status: str
    reason: str | None
    merged_into: int | None
    proposal_id: int | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Idea, slug: str) -> IdeaOut:
        """The body for an idea row of the campaign with this slug."""
        return cls(
            id=row.id,
            campaign_id=row.campaign_id,
            number=row.number,
            reference=idea_rules.reference(slug, row.number),
            title=row.title,
            description=row.description,
            neighbourhood=row.neighbourhood_key,
            latitude=row.latitude,
            longitude=row.longitude,
            cost=row.cost,
            photo_ref=row.photo_ref,
            language=row.language,
            channel=row.channel,
            status=row.status,
            reason=row.reason,
            merged_into=row.merged_into_id,
            proposal_id=row.proposal_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class ModerationIn(Body):
    """A decision: a rejection needs a reason, a merge the idea merged into."""

    status: Target
    reason: Reason | None = None
    merged_into: Annotated[int, Whole, Field(ge=1, le=2**31 - 1)] | None = None

    def decision(self) -> Decision:
        """The decision this body describes."""
        return Decision(IdeaStatus(self.status), self.reason, self.merged_into)


class ModerationOut(BaseModel):
    """The idea after the decision, and whether its resident will be told."""

    idea: IdeaOut
    notified: bool


class ConversionIn(Body):
    """What to add when an accepted idea becomes a proposal (left out: the idea's own)."""

    cost: Money | None = None
    number: Number | None = None
    theme: Key | None = None
    neighbourhood: Key | None = None
    title: Titles | None = None
    summary: Summaries | None = None
    description: Texts | None = None

    def conversion(self) -> Conversion:
        """The conversion this body describes."""
        return Conversion(**self.model_dump())
