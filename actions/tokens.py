"""Admin API tokens: random, shown once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store.admin import ApiToken

ROLES = ("admin", "moderator", "viewer")


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create(session: Session, *, role: str, label: str | None = None) -> str:
    """A new token for `role`, returned in plain text this once."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    token = "pbc_" + secrets.token_urlsafe(32)
    session.add(ApiToken(digest=digest(token), role=role, label=label))
    session.flush()
    return token


def find(session: Session, *, token: str) -> ApiToken | None:
    """The live token row for a presented token, if any."""
    return session.scalar(
        select(ApiToken).where(ApiToken.digest == digest(token), ApiToken.revoked_at.is_(None))
    )
