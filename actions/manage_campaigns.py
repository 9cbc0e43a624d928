"""Organisers create, change, list and read campaigns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from actions import campaigns
from actions.campaign_settings import (
    CampaignSettings,
    Category,
    normalise_origin,
    normalise_postcode,
    problems,
)
from actions.domain.campaign import Phase
from actions.errors import ConflictError, NotFoundError, invalid
from actions.listing import Listing
from actions.store.campaigns import Campaign, Neighbourhood, Proposal, Theme

_C = TypeVar("_C", Theme, Neighbourhood)


def get(session: Session, *, campaign_id: int) -> Campaign:
    """The campaign row with this id; NotFoundError otherwise."""
    row = session.get(Campaign, campaign_id)
    if row is None:
        raise NotFoundError("campaign_not_found", f"there is no campaign {campaign_id}")
    return row


def settings_of(row: Campaign) -> CampaignSettings:
    """The settings a campaign row holds."""
    info = campaigns.info(row)
    return CampaignSettings(
        slug=row.slug,
        name=dict(row.name),
        description=dict(row.description),
        budget=row.budget,
        languages=tuple(row.languages),
        currency=row.currency,
        timezone=row.timezone,
        dates=info.dates,
        rules=info.rules,
        eligibility=info.eligibility,
        change_policy=info.change_policy,
        postcodes=tuple(row.postcodes),
        tally_method=row.tally_method,
        allowed_origins=tuple(row.allowed_origins),
        themes=tuple(Category(t.key, dict(t.name)) for t in row.themes),
        neighbourhoods=tuple(Category(n.key, dict(n.name)) for n in row.neighbourhoods),
    )


def _normalised(settings: CampaignSettings) -> CampaignSettings:
    origins = tuple(normalise_origin(o) or o for o in settings.allowed_origins)
    return replace(
        settings,
        slug=settings.slug.strip().lower(),
        postcodes=tuple(normalise_postcode(p) for p in settings.postcodes),
        allowed_origins=tuple(dict.fromkeys(origins)),
    )


def _checked(settings: CampaignSettings, supported: frozenset[str]) -> CampaignSettings:
    settings = _normalised(settings)
    found = problems(settings, supported=supported)
    if found:
        raise invalid(found, "the campaign settings are not valid")
    return settings


def create(
    session: Session, *, settings: CampaignSettings, supported: frozenset[str], now: datetime
) -> Campaign:
    """A new campaign with these settings; InvalidError or ConflictError (slug taken) otherwise."""
    settings = _checked(settings, supported)
    if session.scalar(select(Campaign.id).where(Campaign.slug == settings.slug)) is not None:
        raise ConflictError("slug_taken", f"a campaign {settings.slug!r} exists already")
    row = Campaign(slug=settings.slug, created_at=now, updated_at=now)
    _write(session, row, settings)
    try:
        # The unique slug decides between two organisers creating the same campaign at once.
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise ConflictError("slug_taken", f"a campaign {settings.slug!r} exists already") from None
    return row


def update(
    session: Session,
    *,
    campaign_id: int,
    changes: Mapping[str, Any],
    supported: frozenset[str],
    now: datetime,
) -> list[str]:
    """Applies `changes` (settings fields; `dates` and `rules` partially); the fields changed."""
    row = get(session, campaign_id=campaign_id)
    current = settings_of(row)
    fields = dict(changes)
    if "dates" in fields:
        fields["dates"] = replace(current.dates, **fields["dates"])
    if "rules" in fields:
        fields["rules"] = replace(current.rules, **fields["rules"])
    merged = _checked(replace(current, **fields), supported)
    changed = [name for name in fields if getattr(merged, name) != getattr(current, name)]
    if changed:
        _write(session, row, merged)
        row.updated_at = now
        # A change of themes alone touches no campaign column: still a new version (ETag).
        flag_modified(row, "updated_at")
        session.flush()
    return changed


def _write(session: Session, row: Campaign, s: CampaignSettings) -> None:
    # Categories first: their in-use query would otherwise autoflush a half-written row.
    _sync_categories(session, row, s)
    row.name = dict(s.name)
    row.description = dict(s.description)
    row.budget = s.budget
    row.languages = list(s.languages)
    row.currency = s.currency
    row.timezone = s.timezone
    row.ideas_open = s.dates.ideas_open
    row.ideas_close = s.dates.ideas_close
    row.voting_open = s.dates.voting_open
    row.voting_close = s.dates.voting_close
    row.results_published = s.dates.results_published
    row.rules = campaigns.rules_to_json(s.rules)
    row.eligibility = s.eligibility.value
    row.change_policy = s.change_policy.value
    row.postcodes = list(s.postcodes)
    row.tally_method = s.tally_method
    row.allowed_origins = list(s.allowed_origins)


def _sync_categories(session: Session, row: Campaign, s: CampaignSettings) -> None:
    """Keeps rows of kept keys, adds new ones and drops unused ones (in use: ConflictError)."""
    if row.id is not None:
        for kind, column, old, new in (
            ("theme", Proposal.theme_key, row.themes, s.themes),
            ("neighbourhood", Proposal.neighbourhood_key, row.neighbourhoods, s.neighbourhoods),
        ):
            dropped = {c.key for c in old} - {c.key for c in new}
            used = session.scalars(
                select(column).where(Proposal.campaign_id == row.id, column.in_(dropped))
            ).first()
            if used is not None:
                raise ConflictError(f"{kind}_in_use", f"proposals still use the {kind} {used!r}")
    themes = {t.key: t for t in row.themes}
    row.themes = [
        _category(themes.get(c.key) or Theme(key=c.key), c, i) for i, c in enumerate(s.themes)
    ]
    places = {n.key: n for n in row.neighbourhoods}
    row.neighbourhoods = [
        _category(places.get(c.key) or Neighbourhood(key=c.key), c, i)
        for i, c in enumerate(s.neighbourhoods)
    ]


def _category(row: _C, category: Category, position: int) -> _C:
    if row.name != category.name:
        row.name = dict(category.name)
    if row.position != position:
        row.position = position
    return row


def listing(
    session: Session, *, now: datetime, limit: int, offset: int, phase: Phase | None = None
) -> Listing[Campaign]:
    """Campaigns by id, optionally only those in `phase` at `now`."""
    rows = list(session.scalars(select(Campaign).order_by(Campaign.id)))
    if phase is not None:
        rows = [r for r in rows if campaigns.info(r).dates.phase_at(now) is phase]
    return Listing(rows[offset : offset + limit], len(rows))
