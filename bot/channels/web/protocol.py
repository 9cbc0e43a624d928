"""The widget API's requests: size-capped JSON bodies, bearer tokens and message fields."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from starlette.requests import Request

from bot.channels.web.channel import Outgoing
from bot.engine.messages import MAX_TEXT, Location

MAX_BODY = 16_384  # bytes; a message of MAX_TEXT characters in any script fits
MAX_PAYLOAD = 200
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class ApiError(Exception):
    """A request the API refuses, with its HTTP status and a message for the developer."""

    def __init__(self, status: int, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


async def read_json(request: Request) -> dict[str, Any]:
    """The body as a JSON object; 413 past MAX_BODY bytes (read no further), 400 if not JSON."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ApiError(413, f"the request body is larger than {MAX_BODY} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise ApiError(413, f"the request body is larger than {MAX_BODY} bytes")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ApiError(400, "the request body is not JSON") from error
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return data


def bearer(request: Request) -> str | None:
    """The token from "Authorization: Bearer <token>", if there is one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def outgoing(data: dict[str, Any]) -> Outgoing:
    """The message in a POST /widget/api/messages body; ApiError (422) when it is not one."""
    given = [key for key in ("text", "payload", "location") if data.get(key) is not None]
    if len(given) != 1:
        raise ApiError(422, "send exactly one of text, payload or location")
    client_id = data.get("id")
    if client_id is not None and not (
        isinstance(client_id, str) and CLIENT_ID.fullmatch(client_id)
    ):
        raise ApiError(422, "id must be 1-64 letters, digits, '-' or '_'")
    kind = given[0]
    value = data[kind]
    if kind == "location":
        return Outgoing(location=_location(value), client_id=client_id)
    if not isinstance(value, str):
        raise ApiError(422, f"{kind} must be a string")
    if kind == "text" and len(value) > MAX_TEXT:
        raise ApiError(422, f"the message is too long: {len(value)} characters, at most {MAX_TEXT}")
    if kind == "payload" and not 0 < len(value) <= MAX_PAYLOAD:
        raise ApiError(422, f"payload must be 1-{MAX_PAYLOAD} characters")
    if kind == "text":
        return Outgoing(text=value, client_id=client_id)
    return Outgoing(payload=value, client_id=client_id)


def _location(value: object) -> Location:
    if not isinstance(value, dict):
        raise ApiError(422, "location must be an object with latitude and longitude")
    numbers = [value.get("latitude"), value.get("longitude")]
    if not all(
        isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n) for n in numbers
    ):
        raise ApiError(422, "latitude and longitude must be numbers")
    return Location(float(value["latitude"]), float(value["longitude"]))
