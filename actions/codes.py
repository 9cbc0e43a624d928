"""Generating voting codes in bulk; the plain codes exist only in the return value."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.domain import voting_code
from actions.store.voting import VotingCode

CHUNK = 1000


def generate(
    session: Session,
    *,
    campaign_id: int,
    count: int,
    pepper: bytes,
    batch: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Creates `count` new unique codes for the campaign and returns them in plain text."""
    if count < 1:
        raise ValueError("count must be at least 1")
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < count:
        code = voting_code.generate()
        if code in seen:  # 29**12 makes this astronomically rare, but never print a duplicate
            continue
        seen.add(code)
        codes.append(code)
    for start in range(0, count, CHUNK):
        chunk = codes[start : start + CHUNK]
        session.add_all(
            VotingCode(campaign_id=campaign_id, digest=voting_code.digest(c, pepper), batch=batch)
            for c in chunk
        )
        session.flush()
        if progress is not None:
            progress(len(chunk))
    return codes


def counts(session: Session, *, campaign_id: int) -> dict[str, int]:
    """How many codes are unused, used and revoked."""
    base = select(func.count()).where(VotingCode.campaign_id == campaign_id)
    return {
        "issued": session.scalar(base) or 0,
        "used": session.scalar(base.where(VotingCode.used_at.is_not(None))) or 0,
        "revoked": session.scalar(base.where(VotingCode.revoked_at.is_not(None))) or 0,
    }
