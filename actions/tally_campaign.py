"""Counting a campaign's ballots with any tally rule, storing the result, publishing it.

A stored Result keeps the contract actions/results.py reads: `selected` holds proposal ids in
selection order and `votes` maps str(proposal id) to its number of votes.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.domain.tally.registry import tally
from actions.domain.tally.types import (
    ApprovalBallots,
    Election,
    Project,
    TallyError,
    TieBreak,
)
from actions.errors import ConflictError, NotFoundError, Problem, invalid
from actions.listing import Listing, page_of
from actions.manage_campaigns import get as get_campaign
from actions.store.admin import Result
from actions.store.campaigns import Campaign, Proposal
from actions.store.voting import Ballot, BallotChoice

SEED_MAX = 2**31 - 1


def published_proposals(session: Session, *, campaign_id: int) -> list[Proposal]:
    """The proposals on the ballot (published ones), by number."""
    return list(
        session.scalars(
            select(Proposal)
            .where(Proposal.campaign_id == campaign_id, Proposal.status == "published")
            .order_by(Proposal.number)
        )
    )


def approvals(session: Session, *, campaign_id: int, on_ballot: set[int]) -> list[list[int]]:
    """Every confirmed ballot's chosen proposal ids among `on_ballot`, by ballot and number."""
    chosen: dict[int, list[int]] = {
        ballot_id: []
        for ballot_id in session.scalars(
            select(Ballot.id).where(Ballot.campaign_id == campaign_id).order_by(Ballot.id)
        )
    }
    rows = session.execute(
        select(BallotChoice.ballot_id, BallotChoice.proposal_id)
        .join(Ballot, Ballot.id == BallotChoice.ballot_id)
        .join(Proposal, Proposal.id == BallotChoice.proposal_id)
        .where(Ballot.campaign_id == campaign_id)
        .order_by(BallotChoice.ballot_id, Proposal.number)
    )
    for ballot_id, proposal_id in rows:
        if proposal_id in on_ballot:
            chosen[ballot_id].append(proposal_id)
    return list(chosen.values())


def election(session: Session, *, campaign: Campaign) -> tuple[list[Proposal], Election]:
    """The published proposals and the election they make with the confirmed ballots."""
    proposals = published_proposals(session, campaign_id=campaign.id)
    language = campaign.languages[0]
    projects = tuple(
        Project(str(p.id), p.cost, p.title.get(language, f"#{p.number}")) for p in proposals
    )
    ballots = approvals(session, campaign_id=campaign.id, on_ballot={p.id for p in proposals})
    counted = ApprovalBallots.of([str(i) for i in ballot] for ballot in ballots)
    return proposals, Election(projects, campaign.budget, counted)


def compute(
    session: Session,
    *,
    campaign_id: int,
    method: str,
    now: datetime,
    seed: int | None = None,
    comparison: bool = False,
) -> Result:
    """Counts the campaign with `method` and stores the (unpublished) result with its seed."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    if seed is None:
        seed = secrets.randbelow(SEED_MAX + 1)
    proposals, counted = election(session, campaign=campaign)
    try:
        outcome = tally(method, counted, TieBreak(seed), comparison=comparison)
    except TallyError as error:
        raise invalid([Problem("cannot_tally", str(error), "method")]) from None
    votes = counted.ballots.votes()
    details: dict[str, int | str | bool | None] = {
        **outcome.details,
        "budget": outcome.budget,
        "voters": counted.ballots.n_voters,
        "comparison": comparison,
        "part_funded": int(outcome.part_funded) if outcome.part_funded else None,
    }
    result = Result(
        campaign_id=campaign_id,
        method=method,
        seed=seed,
        selected=[int(i) for i in outcome.selected],
        cost=outcome.cost,
        votes={str(p.id): votes.get(str(p.id), 0) for p in proposals},
        explanations={
            key: {"code": e.code.value, "params": dict(e.params)}
            for key, e in outcome.explanations.items()
        },
        details=details,
        computed_at=now,
    )
    session.add(result)
    session.flush()
    return result


def get(session: Session, *, campaign_id: int, result_id: int) -> Result:
    """The campaign's result with this id; NotFoundError otherwise."""
    row = session.get(Result, result_id)
    if row is None or row.campaign_id != campaign_id:
        raise NotFoundError("result_not_found", f"campaign {campaign_id} has no result {result_id}")
    return row


def publish(session: Session, *, campaign_id: int, result_id: int, now: datetime) -> Result:
    """Publishes the result (residents see it in the chat); voting must have closed."""
    result = get(session, campaign_id=campaign_id, result_id=result_id)
    campaign = get_campaign(session, campaign_id=campaign_id)
    closed = campaign.voting_close is not None and campaign.voting_close <= now
    if not closed:
        raise ConflictError("voting_not_closed", "publish results once voting has closed")
    result.published_at = now
    if campaign.results_published is None or campaign.results_published > now:
        # The chat offers results from this moment; the campaign's phase says so too.
        campaign.results_published = now
        campaign.updated_at = now
    session.flush()
    return result


def listing(session: Session, *, campaign_id: int, limit: int, offset: int) -> Listing[Result]:
    """The campaign's results, newest first."""
    get_campaign(session, campaign_id=campaign_id)
    query = (
        select(Result)
        .where(Result.campaign_id == campaign_id)
        .order_by(Result.computed_at.desc(), Result.id.desc())
    )
    return page_of(session, query, limit=limit, offset=offset)


def counted_proposals(session: Session, *, result: Result) -> dict[int, Proposal]:
    """The proposals a result counted, by id (those deleted since are left out)."""
    ids = [int(key) for key in result.votes]
    rows = session.scalars(
        select(Proposal).where(Proposal.campaign_id == result.campaign_id, Proposal.id.in_(ids))
    )
    return {p.id: p for p in rows}
