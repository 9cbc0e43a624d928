"""Bodies of the audit log route."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from actions.store.admin import AuditEntry


class AuditOut(BaseModel):
    """One change: who (token), what (action, resource, id, detail), when."""

    id: int
    at: datetime
    actor: str
    token_id: int | None
    role: str | None
    action: str
    resource: str
    resource_id: str | None
    detail: dict[str, Any]

    @classmethod
    def of(cls, row: AuditEntry) -> AuditOut:
        """The body for an audit entry."""
        return cls(
            id=row.id,
            at=row.at,
            actor=row.actor,
            token_id=row.token_id,
            role=row.role,
            action=row.action,
            resource=row.resource,
            resource_id=row.resource_id,
            detail=dict(row.detail),
        )
