"""One JSON shape for every error: {"error": {"code", "message", "details": [...]}}."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from actions.errors import ActionError, ConflictError, InvalidError, NotFoundError


class ErrorDetail(BaseModel):
    """One problem: a code, a readable message, and where (a field path or a line of a file)."""

    code: str
    message: str
    field: str | None = None
    line: int | None = None


class ErrorInfo(BaseModel):
    """What went wrong, as a stable code and a readable message."""

    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorInfo


class ApiError(Exception):
    """An error the API answers with `status` and the common error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    428: "precondition_required",
    422: "invalid",
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
COMMON = (400, 401, 403, 422)  # any route: a malformed body, no token, the wrong role, bad input
ACTION_STATUSES: dict[type[ActionError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    InvalidError: 422,
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` documenting these error statuses with the common body."""
    return {
        status: {"model": ErrorResponse, "description": STATUS_CODES[status].replace("_", " ")}
        for status in statuses
    }


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The common error body as a response."""
    body = ErrorResponse(error=ErrorInfo(code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def api_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.code, error.message, error.details, error.headers)


def _action_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ActionError)
    status = next(s for kind, s in ACTION_STATUSES.items() if isinstance(error, kind))
    details = [
        ErrorDetail(code=p.code, message=p.message, field=p.field, line=p.line)
        for p in error.problems
    ]
    return error_response(status, error.code, error.message, details)


def _location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def is_malformed_json(error: Exception) -> bool:
    """Whether a validation error is a body that isn't JSON at all."""
    return isinstance(error, RequestValidationError) and any(
        p.get("type") == "json_invalid" for p in error.errors()
    )


def validation_error(_: Request, error: Exception) -> JSONResponse:
    """The common shape for FastAPI's validation errors (400 for a body that isn't JSON)."""
    assert isinstance(error, RequestValidationError)
    problems = list(error.errors())
    if is_malformed_json(error):
        return error_response(400, "malformed_json", "the body is not valid JSON")
    # The input itself is never echoed: it may hold a voting code or personal data.
    details = [
        ErrorDetail(
            code=str(p.get("type", "invalid")),
            message=str(p.get("msg", "")),
            field=_location(tuple(p.get("loc", ()))),
        )
        for p in problems
    ]
    return error_response(422, "invalid", "the request is not valid", details)


def _allowed(request: Request) -> str:
    """Every method some route offers at the request's path (Starlette names only one route's)."""
    methods = [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    ]
    return ", ".join(methods)


def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = STATUS_CODES.get(error.status_code, "error")
    message = error.detail if isinstance(error.detail, str) else code.replace("_", " ")
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = _allowed(request)
    return error_response(error.status_code, code, message.lower(), headers=headers)


def _stale(_: Request, __: Exception) -> JSONResponse:
    message = "someone else changed it meanwhile: read it again and retry"
    return error_response(412, "precondition_failed", message)


def _integrity(_: Request, __: Exception) -> JSONResponse:
    return error_response(409, "conflict", "this clashes with data stored meanwhile: retry")


def _data(_: Request, __: Exception) -> JSONResponse:
    return error_response(422, "invalid", "a value is out of the range the database stores")


def install(app: FastAPI) -> None:
    """Registers the handlers that give every error the common shape (the app adds the one for
    validation errors, which needs the token check)."""
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(ActionError, _action_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(StaleDataError, _stale)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(DataError, _data)
