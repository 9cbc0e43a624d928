"""The audit log: who changed what, when; never personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.listing import Listing, page_of
from actions.store.admin import AuditEntry


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: an API token (id, role, label) or a named tool."""

    name: str
    token_id: int | None = None
    role: str | None = None


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    resource: str,
    resource_id: int | str | None,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Adds one entry; `detail` holds ids, counts and field names only."""
    entry = AuditEntry(
        at=now,
        actor=actor.name[:100],
        token_id=actor.token_id,
        role=actor.role,
        action=action,
        resource=resource,
        resource_id=None if resource_id is None else str(resource_id),
        detail=detail or {},
    )
    session.add(entry)
    return entry


def entries(
    session: Session,
    *,
    limit: int,
    offset: int,
    resource: str | None = None,
    resource_id: str | None = None,
    action: str | None = None,
    token_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Listing[AuditEntry]:
    """Entries newest first, filtered by any of the given fields."""
    query = select(AuditEntry)
    filters = {
        AuditEntry.resource: resource,
        AuditEntry.resource_id: resource_id,
        AuditEntry.action: action,
        AuditEntry.token_id: token_id,
    }
    for column, value in filters.items():
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return page_of(session, query, limit=limit, offset=offset)
