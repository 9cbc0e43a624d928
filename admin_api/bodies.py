"""Raw text bodies (CSV tables, pabulib files), with their OpenAPI description."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import PlainTextResponse

from admin_api.errors import ApiError

MAX_BYTES = 20 * 1024 * 1024


class CsvResponse(PlainTextResponse):
    """A CSV download."""

    media_type = "text/csv"


TEXT_TYPES = ("text/csv", "text/plain", "application/octet-stream")


def text_body(media_type: str) -> dict[str, Any]:
    """`openapi_extra` declaring a required text body of `media_type`."""
    return {
        "requestBody": {
            "required": True,
            "content": {media_type: {"schema": {"type": "string"}}},
        }
    }


def text_response(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entry for a text download."""
    return {
        200: {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}
    }


async def read_text(request: Request) -> str:
    """The body as UTF-8 text: 415 for another media type, 413 above MAX_BYTES."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in TEXT_TYPES:
        message = f"send the file as text/csv or text/plain, not {media_type or 'nothing'}"
        raise ApiError(415, "unsupported_media_type", message)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BYTES:
            raise ApiError(413, "too_large", f"the file is larger than {MAX_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "not_utf8", "the file is not UTF-8 text") from None
