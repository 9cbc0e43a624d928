"""Moderating residents' ideas: listing, deciding (the resident is told), making proposals."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import manage_proposals
from actions.domain import idea as rules
from actions.domain.idea import TRANSITIONS, IdeaStatus
from actions.errors import ConflictError, NotFoundError, Problem, invalid
from actions.listing import Listing, page_of
from actions.manage_campaigns import get as get_campaign
from actions.notices import notify
from actions.store.campaigns import Proposal
from actions.store.ideas import Idea

NOTICES = {
    IdeaStatus.IN_REVIEW: "idea_in_review",
    IdeaStatus.ACCEPTED: "idea_accepted",
    IdeaStatus.REJECTED: "idea_rejected",
    IdeaStatus.MERGED: "idea_merged",
}
SUMMARY_WIDTH = 280


@dataclass(frozen=True, slots=True)
class Decision:
    """A moderator's decision: the new status, a reason, and for a merge the idea merged into."""

    status: IdeaStatus
    reason: str | None = None
    merged_into: int | None = None


@dataclass(frozen=True, slots=True)
class Conversion:
    """What a moderator adds when an idea becomes a proposal (texts add translations)."""

    cost: int | None = None
    number: int | None = None
    theme: str | None = None
    neighbourhood: str | None = None
    title: dict[str, str] | None = None
    summary: dict[str, str] | None = None
    description: dict[str, str] | None = None


def get(session: Session, *, campaign_id: int, idea_id: int, lock: bool = False) -> Idea:
    """The campaign's idea with this id (locked for the transaction if asked); NotFoundError."""
    query = select(Idea).where(Idea.id == idea_id, Idea.campaign_id == campaign_id)
    row = session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise NotFoundError("idea_not_found", f"campaign {campaign_id} has no idea {idea_id}")
    return row


def listing(
    session: Session,
    *,
    campaign_id: int,
    limit: int,
    offset: int,
    status: IdeaStatus | None = None,
    neighbourhood: str | None = None,
    language: str | None = None,
    channel: str | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> Listing[Idea]:
    """The campaign's ideas, oldest first, filtered by any of the given fields."""
    get_campaign(session, campaign_id=campaign_id)
    query = select(Idea).where(Idea.campaign_id == campaign_id)
    for column, value in (
        (Idea.status, status.value if status else None),
        (Idea.neighbourhood_key, neighbourhood),
        (Idea.language, language),
        (Idea.channel, channel),
    ):
        if value is not None:
            query = query.where(column == value)
    if created_from is not None:
        query = query.where(Idea.created_at >= created_from)
    if created_to is not None:
        query = query.where(Idea.created_at < created_to)
    return page_of(session, query.order_by(Idea.created_at, Idea.id), limit=limit, offset=offset)


def _merge_target(session: Session, idea: Idea, target_id: int | None) -> Idea:
    if target_id is None:
        raise invalid([Problem("merge_target_required", "say which idea", "merged_into")])
    target = session.get(Idea, target_id)
    if target is None or target.campaign_id != idea.campaign_id or target.id == idea.id:
        message = "merge into another idea of the same campaign"
        raise invalid([Problem("bad_merge_target", message, "merged_into")])
    if target.status in (IdeaStatus.REJECTED, IdeaStatus.MERGED):
        message = f"that idea is {target.status} itself"
        raise invalid([Problem("bad_merge_target", message, "merged_into")])
    return target


def decide(
    session: Session, *, campaign_id: int, idea_id: int, decision: Decision, now: datetime
) -> bool:
    """Applies the decision and queues a notice to the resident; whether one was queued."""
    idea = get(session, campaign_id=campaign_id, idea_id=idea_id, lock=True)
    current = IdeaStatus(idea.status)
    if decision.status not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "nothing"
        message = f"an idea that is {current} can become {allowed}, not {decision.status}"
        raise ConflictError("invalid_transition", message)
    reason = (decision.reason or "").strip() or None
    if decision.status is IdeaStatus.REJECTED and reason is None:
        raise invalid([Problem("reason_required", "tell the resident why", "reason")])
    campaign = get_campaign(session, campaign_id=campaign_id)
    params = {"reference": rules.reference(campaign.slug, idea.number), "title": idea.title}
    if decision.status is IdeaStatus.MERGED:
        target = _merge_target(session, idea, decision.merged_into)
        idea.merged_into_id = target.id
        params["merged_into"] = rules.reference(campaign.slug, target.number)
    if reason is not None:
        params["reason"] = reason
    idea.status = decision.status.value
    idea.reason = reason
    idea.updated_at = now
    session.flush()
    return notify(
        session, resident_id=idea.resident_id, code=NOTICES[decision.status], params=params, now=now
    )


def to_proposal(
    session: Session, *, campaign_id: int, idea_id: int, conversion: Conversion, now: datetime
) -> Proposal:
    """A proposal made from an accepted idea: its texts in the idea's language, plus any given."""
    idea = get(session, campaign_id=campaign_id, idea_id=idea_id, lock=True)
    if idea.status != IdeaStatus.ACCEPTED:
        raise ConflictError("idea_not_accepted", f"the idea is {idea.status}, not accepted")
    if idea.proposal_id is not None:
        raise ConflictError("already_converted", f"it is proposal {idea.proposal_id} already")
    campaign = get_campaign(session, campaign_id=campaign_id)
    language = idea.language if idea.language in campaign.languages else campaign.languages[0]
    cost = conversion.cost if conversion.cost is not None else idea.cost
    if cost is None:
        raise invalid([Problem("cost_required", "the idea has no cost estimate: give one", "cost")])
    places = {n.key for n in campaign.neighbourhoods}
    neighbourhood = conversion.neighbourhood or (
        idea.neighbourhood_key if idea.neighbourhood_key in places else None
    )
    summary = textwrap.shorten(idea.description, SUMMARY_WIDTH, placeholder=" …")
    proposal = manage_proposals.create(
        session,
        campaign_id=campaign_id,
        proposal=manage_proposals.ProposalFields(
            title={language: idea.title, **(conversion.title or {})},
            summary={language: summary, **(conversion.summary or {})},
            description={language: idea.description, **(conversion.description or {})},
            cost=cost,
            number=conversion.number,
            theme=conversion.theme,
            neighbourhood=neighbourhood,
        ),
        now=now,
    )
    idea.proposal_id = proposal.id
    idea.updated_at = now
    session.flush()
    return proposal
