"""Loading the demo campaigns from data/demo/*.yml, with phase dates set around today."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.store.campaigns import Campaign, Neighbourhood, Proposal, Theme

# Days from today at which each phase starts, for a campaign said to be in that phase.
SCHEDULES: dict[str, dict[str, int]] = {
    "ideas": {
        "ideas_open": -7,
        "ideas_close": 21,
        "voting_open": 35,
        "voting_close": 49,
        "results_published": 56,
    },
    "voting": {
        "ideas_open": -90,
        "ideas_close": -60,
        "voting_open": -3,
        "voting_close": 18,
        "results_published": 25,
    },
    "results": {
        "ideas_open": -120,
        "ideas_close": -90,
        "voting_open": -40,
        "voting_close": -20,
        "results_published": -5,
    },
}


def load_file(session: Session, *, path: Path, now: datetime) -> Campaign:
    """Creates or replaces the campaign described by one demo YAML file."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return load(session, data=data, now=now)


def load(session: Session, *, data: dict[str, Any], now: datetime) -> Campaign:
    """Creates or replaces a campaign from its demo description."""
    slug = str(data["slug"])
    existing = session.scalar(select(Campaign).where(Campaign.slug == slug))
    if existing is not None:
        session.execute(delete(Proposal).where(Proposal.campaign_id == existing.id))
        session.delete(existing)
        session.flush()
    today = now.replace(hour=9, minute=0, second=0, microsecond=0)
    dates = {k: today + timedelta(days=v) for k, v in SCHEDULES[str(data["phase"])].items()}
    campaign = Campaign(
        slug=slug,
        name=data["name"],
        description=data["description"],
        currency=data.get("currency", "EUR"),
        budget=int(data["budget"]),
        languages=list(data["languages"]),
        timezone=data.get("timezone", "Europe/Amsterdam"),
        rules=dict(data["ballot"]),
        eligibility=data.get("eligibility", "code"),
        change_policy=data.get("change_policy", "final"),
        postcodes=[str(p) for p in data.get("postcodes") or []],
        allowed_origins=list(data.get("allowed_origins") or []),
        **dates,
    )
    campaign.themes = [
        Theme(key=t["key"], name=t["name"], position=i) for i, t in enumerate(data["themes"])
    ]
    campaign.neighbourhoods = [
        Neighbourhood(key=n["key"], name=n["name"], position=i)
        for i, n in enumerate(data["neighbourhoods"])
    ]
    session.add(campaign)
    session.flush()
    session.add_all(
        Proposal(
            campaign_id=campaign.id,
            number=int(p["number"]),
            title=p["title"],
            summary=p["summary"],
            description=p["description"],
            cost=int(p["cost"]),
            theme_key=p.get("theme"),
            neighbourhood_key=p.get("neighbourhood"),
            image_url=p.get("image_url"),
        )
        for p in data["proposals"]
    )
    session.flush()
    return campaign


def load_folder(
    session: Session, *, folder: Path, now: datetime, keep_existing: bool = False
) -> list[Campaign]:
    """Loads every demo campaign in the folder (skipping existing slugs if asked)."""
    loaded = []
    for path in sorted(folder.glob("*.yml")):
        if keep_existing and session.scalar(select(Campaign.id).where(Campaign.slug == path.stem)):
            continue
        loaded.append(load_file(session, path=path, now=now))
    return loaded
