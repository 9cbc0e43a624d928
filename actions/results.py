"""Reading published results: the winners with their cost and votes, and every explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import browse
from actions.store.admin import Result
from actions.store.campaigns import Proposal


@dataclass(frozen=True, slots=True)
class Winner:
    """A selected proposal with its votes."""

    proposal: Proposal
    votes: int


@dataclass(frozen=True, slots=True)
class Published:
    """A published result: winners in selection order, the total cost, and why each went so."""

    method: str
    winners: list[Winner]
    cost: int
    votes: dict[int, int] = field(default_factory=dict)
    # proposal id -> {"code": reason, "params": {...}}; ids inside params are proposal ids.
    explanations: dict[int, dict[str, Any]] = field(default_factory=dict)


def published(session: Session, *, campaign_id: int) -> Published | None:
    """The latest published result of the campaign, if any."""
    row = session.scalar(
        select(Result)
        .where(Result.campaign_id == campaign_id, Result.published_at.is_not(None))
        .order_by(Result.published_at.desc(), Result.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    proposals = browse.by_ids(session, ids=[int(i) for i in row.selected])
    votes = {int(k): int(v) for k, v in (row.votes or {}).items()}
    explanations = {
        int(k): dict(v) for k, v in (row.explanations or {}).items() if str(k).isdigit()
    }
    return Published(
        row.method,
        [Winner(p, votes.get(p.id, 0)) for p in proposals],
        row.cost,
        votes,
        explanations,
    )
