"""Request dependencies: one transaction, the authenticated caller, paging, audit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session

from actions import audit, limits
from actions.store.database import Database
from admin_api.errors import ApiError, ErrorDetail
from admin_api.security import Caller, authenticate, authorise, bearer


@dataclass(frozen=True, slots=True)
class AdminState:
    """What the admin app is built with: database, secret, clock, supported languages."""

    database: Database
    secret: bytes
    clock: Callable[[], datetime]
    data_dir: Path
    languages: frozenset[str]
    # (method, path template) -> the query parameters the route declares.
    queries: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)


def state(request: Request) -> AdminState:
    """The admin app's state."""
    found: AdminState = request.app.state.admin
    return found


def session(request: Request) -> Iterator[Session]:
    """One transaction for the whole request: committed after the response is built."""
    with state(request).database.transaction() as s:
        yield s


# scope="function": the commit happens before the response is sent, so a failed commit is
# reported instead of a success that didn't happen.
SessionDep = Annotated[Session, Depends(session, scope="function")]


def caller(
    s: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """The authenticated caller (401 without a live token)."""
    return authenticate(s, credentials)


async def unauthenticated(request: Request) -> ApiError | None:
    """The 401 for a request without a live token, for handlers that run before the routes'
    dependencies (a malformed body is found before the token is checked)."""
    credentials = await bearer(request)

    def check() -> ApiError | None:
        with state(request).database.transaction() as s:
            try:
                authenticate(s, credentials)
            except ApiError as refusal:
                return refusal
        return None

    return await run_in_threadpool(check)


@dataclass(frozen=True, slots=True)
class Ctx:
    """Everything a route needs: the session, the caller, the time, the app's state."""

    session: Session
    caller: Caller
    now: datetime
    state: AdminState

    def audit(
        self, action: str, resource: str, resource_id: int | str | None, **detail: Any
    ) -> None:
        """Records a change in the audit log (ids, counts and field names only)."""
        audit.record(
            self.session,
            actor=self.caller.actor,
            action=action,
            resource=resource,
            resource_id=resource_id,
            now=self.now,
            detail=detail,
        )


def _refuse_unknown_query(request: Request, found: AdminState) -> None:
    """422 for a query parameter the route doesn't have: a typo must not silently do nothing."""
    template = getattr(request.scope.get("route"), "path_format", None)
    known = found.queries.get((request.method, str(template)))
    if known is None:
        return
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        details = [
            ErrorDetail(code="unknown_parameter", message="no such parameter", field=f"query.{n}")
            for n in unknown
        ]
        raise ApiError(422, "invalid", "the request is not valid", details)


def _context_for(role: str) -> Callable[..., Ctx]:
    def context(request: Request, s: SessionDep, who: Annotated[Caller, Depends(caller)]) -> Ctx:
        authorise(who, role)
        found = state(request)
        _refuse_unknown_query(request, found)
        return Ctx(s, who, found.clock(), found)

    context.__name__ = f"as_{role}"
    return context


AsViewer = Annotated[Ctx, Depends(_context_for("viewer"))]
AsModerator = Annotated[Ctx, Depends(_context_for("moderator"))]
AsAdmin = Annotated[Ctx, Depends(_context_for("admin"))]

CampaignId = Annotated[int, PathParam(ge=1, le=limits.INT_MAX, description="The campaign's id.")]
ItemId = Annotated[int, PathParam(ge=1, le=limits.INT_MAX)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=limits.INT_MAX, description="Rows to skip.")]
