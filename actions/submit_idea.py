"""Storing a resident's idea and giving back its reference."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.domain import idea as rules
from actions.domain.campaign import CampaignInfo
from actions.store.ideas import Idea


@dataclass(frozen=True, slots=True)
class IdeaDraft:
    """What the resident filled in; validated field by field before this is built."""

    title: str
    description: str
    neighbourhood_key: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    cost: int | None = None
    photo_ref: str | None = None


def submit(
    session: Session,
    *,
    campaign: CampaignInfo,
    resident_id: int,
    draft: IdeaDraft,
    language: str,
    channel: str,
) -> str:
    """Stores the idea as submitted and returns its reference ("WEST-0007")."""
    problems = [
        p
        for p in (
            rules.check_title(draft.title),
            rules.check_description(draft.description),
            rules.check_cost(draft.cost, campaign.budget) if draft.cost is not None else None,
        )
        if p
    ]
    if problems:
        raise ValueError(f"invalid idea: {problems}")
    # The conversation lock serialises one resident; the unique constraint guards the rest.
    number = (
        session.scalar(select(func.max(Idea.number)).where(Idea.campaign_id == campaign.id)) or 0
    ) + 1
    session.add(
        Idea(
            campaign_id=campaign.id,
            number=number,
            resident_id=resident_id,
            title=draft.title.strip(),
            description=draft.description.strip(),
            neighbourhood_key=draft.neighbourhood_key,
            latitude=draft.latitude,
            longitude=draft.longitude,
            cost=draft.cost,
            photo_ref=draft.photo_ref,
            language=language,
            channel=channel,
        )
    )
    session.flush()
    return rules.reference(campaign.slug, number)
