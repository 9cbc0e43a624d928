"""Admin API tokens for organisers: issued, listed and revoked (never shown again)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import tokens
from actions.errors import ConflictError, NotFoundError
from actions.listing import Listing, page_of
from actions.store.admin import ApiToken


def issue(session: Session, *, role: str, label: str | None) -> tuple[ApiToken, str]:
    """A new token's row and its plain text, which exists only in this return value."""
    plain = tokens.create(session, role=role, label=label)
    row = tokens.find(session, token=plain)
    assert row is not None
    return row, plain


def listing(
    session: Session, *, limit: int, offset: int, include_revoked: bool = True
) -> Listing[ApiToken]:
    """Tokens by id (their digests stay inside)."""
    query = select(ApiToken).order_by(ApiToken.id)
    if not include_revoked:
        query = query.where(ApiToken.revoked_at.is_(None))
    return page_of(session, query, limit=limit, offset=offset)


def revoke(session: Session, *, token_id: int, now: datetime) -> ApiToken:
    """Revokes the token at once; NotFoundError or ConflictError (revoked already)."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError("token_not_found", f"there is no token {token_id}")
    if row.revoked_at is not None:
        raise ConflictError("token_revoked", "the token was revoked already")
    row.revoked_at = now
    session.flush()
    return row
