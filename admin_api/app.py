"""The admin API as a FastAPI sub-application, mounted by the composition root under /api."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from actions import languages
from actions.store.database import Database
from admin_api import (
    audit,
    ballots,
    broadcasts,
    campaigns,
    codes,
    ideas,
    pabulib,
    proposals,
    results,
    stats,
    tokens,
)
from admin_api.deps import AdminState, unauthenticated
from admin_api.errors import api_error, install, is_malformed_json, validation_error

ROUTERS = (
    campaigns.router,
    pabulib.router,
    proposals.router,
    ideas.router,
    broadcasts.router,
    codes.router,
    ballots.router,
    results.router,
    stats.router,
    audit.router,
    tokens.router,
)
DESCRIPTION = """
Organisers run a participatory budgeting campaign from ideas to published results.

Every route needs `Authorization: Bearer <token>` (`pbchat admin create-token --role ...`).
Roles: **admin** (everything), **moderator** (ideas, proposals and broadcasts),
**viewer** (read only).
Errors always look like `{"error": {"code": ..., "message": ..., "details": [...]}}`.
GET of a campaign or proposal returns an `ETag`; send it back as `If-Match` when you change
or delete it. A stale one gets 412 instead of overwriting someone else's edit; none gets 428
(`If-Match: *` overwrites on purpose).
"""


def _now() -> datetime:
    return datetime.now(UTC)


def _build() -> FastAPI:
    """The app with its routes and error handlers, without state."""
    app = FastAPI(
        title="pbchat admin API",
        version="1",
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    install(app)
    app.add_exception_handler(RequestValidationError, _token_before_body)
    for router in ROUTERS:
        app.include_router(router)
    return app


async def _token_before_body(request: Request, error: Exception) -> JSONResponse:
    # FastAPI parses the body before it runs the token check; a caller without a token must
    # still hear 401 first, not learn that the body is broken.
    refusal = await unauthenticated(request) if is_malformed_json(error) else None
    if refusal is not None:
        return api_error(request, refusal)
    return validation_error(request, error)


@cache
def _schema() -> dict[str, Any]:
    # The schema depends on the code only; building it costs a fifth of a second per app.
    return _json_errors(_build().openapi())


def create_admin_app(
    database: Database,
    *,
    secret: bytes,
    clock: Callable[[], datetime] | None = None,
    data_dir: Path | None = None,
) -> FastAPI:
    """The admin API on `database`; `secret` hashes voting codes, `data_dir` holds nlu/locales."""
    app = _build()
    schema = _schema()
    app.openapi = lambda: schema  # type: ignore[method-assign]
    folder = data_dir or languages.DEFAULT_DATA
    app.state.admin = AdminState(
        database=database,
        secret=secret,
        clock=clock or _now,
        data_dir=folder,
        languages=languages.supported(folder),
        queries=_query_parameters(schema),
    )
    return app


def _json_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every error response as JSON (FastAPI gives a CSV route's errors CSV)."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status.isdigit() and int(status) >= 400:
                    response["content"] = dict(body)
    return schema


def _query_parameters(schema: dict[str, Any]) -> dict[tuple[str, str], frozenset[str]]:
    """Each operation's query parameter names, by (METHOD, path template)."""
    return {
        (method.upper(), path): frozenset(
            p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
        )
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
