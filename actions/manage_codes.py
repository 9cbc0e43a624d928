"""Voting codes for organisers: printable CSV of new codes, counts per batch, revocation."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from actions import codes
from actions.domain import voting_code
from actions.errors import ConflictError, NotFoundError, Problem, invalid
from actions.manage_campaigns import get as get_campaign
from actions.store.voting import VotingCode


@dataclass(frozen=True, slots=True)
class CodeCounts:
    """How many codes a batch (or the whole campaign) has: issued, used, revoked, unused."""

    batch: str | None
    issued: int
    used: int
    revoked: int

    @property
    def unused(self) -> int:
        """Codes still waiting to be entered."""
        return self.issued - self.used - self.revoked


def generate_csv(
    session: Session, *, campaign_id: int, count: int, batch: str | None, pepper: bytes
) -> str:
    """`count` new codes as CSV (code, display, batch): the only time they exist in plain text."""
    get_campaign(session, campaign_id=campaign_id)
    made = codes.generate(session, campaign_id=campaign_id, count=count, pepper=pepper, batch=batch)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "display", "batch"])
    writer.writerows([code, voting_code.display(code), batch or ""] for code in made)
    return out.getvalue()


def counts(session: Session, *, campaign_id: int) -> tuple[CodeCounts, list[CodeCounts]]:
    """The campaign's totals and the counts per batch (by batch name)."""
    get_campaign(session, campaign_id=campaign_id)
    rows = session.execute(
        select(
            VotingCode.batch,
            func.count(),
            func.count(VotingCode.used_at),
            func.count(VotingCode.revoked_at),
        )
        .where(VotingCode.campaign_id == campaign_id)
        .group_by(VotingCode.batch)
        .order_by(VotingCode.batch.nulls_first())
    ).all()
    batches = [CodeCounts(b, issued, used, revoked) for b, issued, used, revoked in rows]
    total = CodeCounts(
        None,
        sum(b.issued for b in batches),
        sum(b.used for b in batches),
        sum(b.revoked for b in batches),
    )
    return total, batches


def revoke_code(
    session: Session, *, campaign_id: int, code: str, pepper: bytes, now: datetime
) -> int:
    """Revokes one unused code as typed (any case, spaces or dashes); the code's row id."""
    get_campaign(session, campaign_id=campaign_id)
    normalised = voting_code.normalise(code)
    if normalised is None:
        raise invalid([Problem("malformed_code", "that can't be a voting code", "code")])
    row = session.scalar(
        select(VotingCode).where(
            VotingCode.campaign_id == campaign_id,
            VotingCode.digest == voting_code.digest(normalised, pepper),
        )
    )
    if row is None:
        raise NotFoundError("code_not_found", "this campaign has no such code")
    if row.revoked_at is not None:
        raise ConflictError("code_revoked", "the code was revoked already")
    if row.used_at is not None:
        raise ConflictError("code_used", "the code was used to vote already")
    row.revoked_at = now
    session.flush()
    return row.id


def revoke_batch(session: Session, *, campaign_id: int, batch: str, now: datetime) -> int:
    """Revokes every unused code of the batch; how many were revoked (NotFoundError if none)."""
    get_campaign(session, campaign_id=campaign_id)
    in_batch = (VotingCode.campaign_id == campaign_id) & (VotingCode.batch == batch)
    if session.scalar(select(func.count()).where(in_batch)) == 0:
        raise NotFoundError("batch_not_found", f"this campaign has no batch {batch!r}")
    result = session.execute(
        update(VotingCode)
        .where(in_batch, VotingCode.used_at.is_(None), VotingCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
