"""Photo uploads to the widget API: raw image bodies, checked by their bytes and size."""

from __future__ import annotations

import re

from starlette.requests import Request

from actions import web_photos
from bot.channels.web.channel import Outgoing, Upload
from bot.channels.web.protocol import CLIENT_ID, ApiError

PHOTO_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
MEGABYTES = web_photos.MAX_BYTES // (1024 * 1024)
NOT_A_PHOTO = "send a JPEG, PNG or WebP image as the body, with its Content-Type"


async def read_photo(request: Request) -> Outgoing:
    """The photo in a POST /widget/api/photos body (the client's message id from ?id=).

    415 unless the header names an accepted type and the bytes are one (any of them: the
    browser guesses the header from the file's name); 413 past 5 MB, read no further.
    """
    client_id = request.query_params.get("id")
    if client_id is not None and not CLIENT_ID.fullmatch(client_id):
        raise ApiError(422, "id must be 1-64 letters, digits, '-' or '_'")
    declared = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if declared not in web_photos.CONTENT_TYPES:
        raise ApiError(415, NOT_A_PHOTO)
    too_big = ApiError(413, f"the photo is larger than {MEGABYTES} MB")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > web_photos.MAX_BYTES:
        raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > web_photos.MAX_BYTES:
            raise too_big
    if not body:
        raise ApiError(400, "the request has no photo in its body")
    data = bytes(body)
    if web_photos.sniff(data) is None:
        raise ApiError(415, NOT_A_PHOTO)
    return Outgoing(photo=Upload(data), client_id=client_id)
