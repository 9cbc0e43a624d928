"""Organisers create, change, withdraw, delete and list a campaign's proposals."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actions.campaign_settings import translation_problems
from actions.errors import ConflictError, NotFoundError, Problem, invalid
from actions.listing import Listing, page_of
from actions.manage_campaigns import get as get_campaign
from actions.store.admin import Result
from actions.store.campaigns import Campaign, Proposal
from actions.store.voting import BallotChoice

TEXTS = ("title", "summary", "description")
STATUSES = ("published", "withdrawn")
URL = re.compile(r"https?://[^\s/\x00]+[^\s\x00]*")
NUMBER_MAX = 99_999


@dataclass(frozen=True, slots=True)
class ProposalFields:
    """What an organiser sets on a proposal; a None number means "the next free one"."""

    title: dict[str, str]
    cost: int
    summary: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    number: int | None = None
    theme: str | None = None
    neighbourhood: str | None = None
    image_url: str | None = None
    status: str = "published"
    external_id: str | None = None


def missing_translations(proposal: Proposal, languages: Sequence[str]) -> list[str]:
    """The campaign's languages lacking the proposal's title, summary or description."""
    texts = [proposal.title, proposal.summary, proposal.description]
    return [lang for lang in languages if any(not t.get(lang, "").strip() for t in texts)]


def problems(f: ProposalFields, campaign: Campaign, line: int | None = None) -> list[Problem]:
    """Every rule the fields break for this campaign (each tagged with `line` if given)."""
    languages = tuple(campaign.languages)
    found = translation_problems(f.title, languages, "title", required=True)
    for name in ("summary", "description"):
        found += translation_problems(getattr(f, name), languages, name, required=False)
    if f.cost < 0:
        found.append(Problem("negative_cost", "the cost can't be negative", "cost"))
    if f.number is not None and not 1 <= f.number <= NUMBER_MAX:
        found.append(Problem("bad_number", f"use a number from 1 to {NUMBER_MAX}", "number"))
    if f.theme is not None and f.theme not in {t.key for t in campaign.themes}:
        found.append(Problem("unknown_theme", f"no theme {f.theme!r} in this campaign", "theme"))
    places = {n.key for n in campaign.neighbourhoods}
    if f.neighbourhood is not None and f.neighbourhood not in places:
        message = f"no neighbourhood {f.neighbourhood!r} in this campaign"
        found.append(Problem("unknown_neighbourhood", message, "neighbourhood"))
    if f.status not in STATUSES:
        found.append(Problem("bad_status", f"use one of {', '.join(STATUSES)}", "status"))
    if f.image_url is not None and not URL.fullmatch(f.image_url):
        found.append(Problem("bad_url", "use an http(s) URL", "image_url"))
    return [replace(p, line=line) for p in found]


def get(session: Session, *, campaign_id: int, proposal_id: int) -> Proposal:
    """The campaign's proposal with this id; NotFoundError otherwise."""
    row = session.get(Proposal, proposal_id)
    if row is None or row.campaign_id != campaign_id:
        raise NotFoundError(
            "proposal_not_found", f"campaign {campaign_id} has no proposal {proposal_id}"
        )
    return row


def fields_of(row: Proposal) -> ProposalFields:
    """The fields a proposal row holds."""
    return ProposalFields(
        title=dict(row.title),
        summary=dict(row.summary),
        description=dict(row.description),
        cost=row.cost,
        number=row.number,
        theme=row.theme_key,
        neighbourhood=row.neighbourhood_key,
        image_url=row.image_url,
        status=row.status,
        external_id=row.external_id,
    )


def next_number(session: Session, *, campaign_id: int) -> int:
    """The number after the campaign's highest."""
    highest = session.scalar(
        select(func.max(Proposal.number)).where(Proposal.campaign_id == campaign_id)
    )
    return (highest or 0) + 1


def create(
    session: Session, *, campaign_id: int, proposal: ProposalFields, now: datetime
) -> Proposal:
    """A new proposal; InvalidError or ConflictError (number taken) otherwise."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    found = problems(proposal, campaign)
    if found:
        raise invalid(found, "the proposal is not valid")
    number = proposal.number or next_number(session, campaign_id=campaign_id)
    row = Proposal(campaign_id=campaign_id, number=number, created_at=now, updated_at=now)
    write(row, replace(proposal, number=number))
    _insert(session, row)
    return row


def _insert(session: Session, row: Proposal) -> None:
    taken = ConflictError("number_taken", f"proposal #{row.number} exists already")
    exists = select(Proposal.id).where(
        Proposal.campaign_id == row.campaign_id, Proposal.number == row.number
    )
    if session.scalar(exists) is not None:
        raise taken
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise taken from None


def write(row: Proposal, f: ProposalFields) -> None:
    """Copies the fields onto the row (the number only when given)."""
    if f.number is not None:
        row.number = f.number
    row.title, row.summary, row.description = dict(f.title), dict(f.summary), dict(f.description)
    row.cost = f.cost
    row.theme_key, row.neighbourhood_key = f.theme, f.neighbourhood
    row.image_url, row.status, row.external_id = f.image_url, f.status, f.external_id


def update(
    session: Session,
    *,
    campaign_id: int,
    proposal_id: int,
    changes: Mapping[str, Any],
    now: datetime,
) -> list[str]:
    """Applies `changes` (ProposalFields names); the names of the fields that changed."""
    row = get(session, campaign_id=campaign_id, proposal_id=proposal_id)
    campaign = get_campaign(session, campaign_id=campaign_id)
    current = fields_of(row)
    merged = replace(current, **changes)
    found = problems(merged, campaign)
    if found:
        raise invalid(found, "the proposal is not valid")
    changed = [
        f.name for f in fields(merged) if getattr(merged, f.name) != getattr(current, f.name)
    ]
    if "number" in changed:
        clash = select(Proposal.id).where(
            Proposal.campaign_id == campaign_id, Proposal.number == merged.number
        )
        if session.scalar(clash) is not None:
            raise ConflictError("number_taken", f"proposal #{merged.number} exists already")
    if changed:
        write(row, merged)
        row.updated_at = now
        session.flush()
    return changed


def delete(session: Session, *, campaign_id: int, proposal_id: int) -> None:
    """Deletes a proposal nobody voted for and no result counted; ConflictError otherwise."""
    row = get(session, campaign_id=campaign_id, proposal_id=proposal_id)
    voted = session.scalar(
        select(BallotChoice.ballot_id).where(BallotChoice.proposal_id == row.id).limit(1)
    )
    counted = any(
        str(row.id) in votes
        for votes in session.scalars(select(Result.votes).where(Result.campaign_id == campaign_id))
    )
    if voted is not None or counted:
        raise ConflictError("proposal_has_votes", "people voted for it: withdraw it instead")
    session.delete(row)
    session.flush()


def listing(
    session: Session,
    *,
    campaign_id: int,
    limit: int,
    offset: int,
    status: str | None = None,
    theme: str | None = None,
    neighbourhood: str | None = None,
    missing_language: str | None = None,
) -> Listing[Proposal]:
    """The campaign's proposals by number, filtered by any of the given fields."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    query = select(Proposal).where(Proposal.campaign_id == campaign_id).order_by(Proposal.number)
    for column, value in (
        (Proposal.status, status),
        (Proposal.theme_key, theme),
        (Proposal.neighbourhood_key, neighbourhood),
    ):
        if value is not None:
            query = query.where(column == value)
    if missing_language is None:
        return page_of(session, query, limit=limit, offset=offset)
    # Translations are JSON, queried differently per database: filter here (proposals are few).
    rows = [
        p
        for p in session.scalars(query)
        if missing_language in missing_translations(p, campaign.languages)
    ]
    return Listing(rows[offset : offset + limit], len(rows))
