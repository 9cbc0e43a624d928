"""Finding campaigns and turning their rows into the domain's CampaignInfo."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.domain.ballot_rules import BallotKind, BallotRules
from actions.domain.campaign import (
    CampaignInfo,
    ChangePolicy,
    Eligibility,
    Phase,
    PhaseDates,
)
from actions.store.campaigns import Campaign


def rules_from_json(data: dict[str, Any]) -> BallotRules:
    """Ballot rules from their stored JSON form."""
    return BallotRules(
        kind=BallotKind(data.get("kind", "knapsack")),
        max_budget=data.get("max_budget"),
        min_budget=data.get("min_budget"),
        min_budget_percent=data.get("min_budget_percent"),
        min_items=data.get("min_items"),
        max_items=data.get("max_items"),
        theme_caps=dict(data.get("theme_caps") or {}),
    )


def rules_to_json(rules: BallotRules) -> dict[str, Any]:
    """The stored JSON form of ballot rules."""
    return {
        "kind": rules.kind.value,
        "max_budget": rules.max_budget,
        "min_budget": rules.min_budget,
        "min_budget_percent": rules.min_budget_percent,
        "min_items": rules.min_items,
        "max_items": rules.max_items,
        "theme_caps": dict(rules.theme_caps),
    }


def info(row: Campaign) -> CampaignInfo:
    """The domain view of a campaign row."""
    return CampaignInfo(
        id=row.id,
        slug=row.slug,
        name=dict(row.name),
        description=dict(row.description),
        currency=row.currency,
        budget=row.budget,
        languages=tuple(row.languages),
        timezone=row.timezone,
        dates=PhaseDates(
            ideas_open=row.ideas_open,
            ideas_close=row.ideas_close,
            voting_open=row.voting_open,
            voting_close=row.voting_close,
            results_published=row.results_published,
        ),
        rules=rules_from_json(row.rules),
        eligibility=Eligibility(row.eligibility),
        change_policy=ChangePolicy(row.change_policy),
        postcodes=frozenset(row.postcodes),
    )


def by_slug(session: Session, *, slug: str) -> CampaignInfo | None:
    """The campaign with this slug (case-insensitive), if any."""
    row = session.scalar(select(Campaign).where(Campaign.slug == slug.strip().lower()))
    return info(row) if row else None


def by_id(session: Session, *, campaign_id: int) -> CampaignInfo | None:
    """The campaign with this id, if any."""
    row = session.get(Campaign, campaign_id)
    return info(row) if row else None


def open_campaigns(session: Session, *, now: datetime) -> list[CampaignInfo]:
    """Campaigns residents can take part in now (ideas, voting or results), by slug."""
    rows = session.scalars(select(Campaign).order_by(Campaign.slug)).all()
    live = {Phase.IDEAS, Phase.BETWEEN, Phase.VOTING, Phase.COUNTING, Phase.RESULTS}
    return [c for c in map(info, rows) if c.dates.phase_at(now) in live]
