"""Audit log route (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from actions import audit
from admin_api.deps import AsAdmin, Limit, Offset
from admin_api.errors import COMMON, responses
from admin_api.schemas.audit import AuditOut
from admin_api.schemas.common import Int32, Moment, Page

router = APIRouter(tags=["audit"], responses=responses(*COMMON))
Name = Annotated[str, Query(max_length=64, pattern=r"^[a-z0-9_.-]+$")]


@router.get("/audit")
def audit_log(
    *,
    ctx: AsAdmin,
    limit: Limit = 50,
    offset: Offset = 0,
    resource: Name | None = None,
    resource_id: Name | None = None,
    action: Name | None = None,
    token_id: Annotated[Int32 | None, Query()] = None,
    since: Annotated[Moment | None, Query()] = None,
    until: Annotated[Moment | None, Query()] = None,
) -> Page[AuditOut]:
    """Every change, newest first: who (token), what (action, resource, id, detail), when."""
    found = audit.entries(
        ctx.session,
        limit=limit,
        offset=offset,
        resource=resource,
        resource_id=resource_id,
        action=action,
        token_id=token_id,
        since=since,
        until=until,
    )
    items = [AuditOut.of(e) for e in found.items]
    return Page(items=items, total=found.total, limit=limit, offset=offset)
