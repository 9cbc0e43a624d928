"""The widget API under /widget/api: session, messages, photos, history and the chrome's texts."""

from __future__ import annotations

import math
from collections.abc import Awaitable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from bot.channels.web import cors
from bot.channels.web.channel import WebChannel
from bot.channels.web.events import STREAM_SECONDS, stream
from bot.channels.web.photos import PHOTO_ID, read_photo
from bot.channels.web.protocol import ApiError, bearer, outgoing, read_json
from bot.channels.web.session import TokenError, WebSession
from bot.channels.web.ui import pick_language, preferred_languages, ui

PREFIX = "/widget/api"
ENDPOINTS = frozenset({"session", "messages", "photos", "history", "events", "ui"})
# A resident's own photo: theirs to keep in the browser, never for a shared cache; never
# sniffed into HTML, and inert if opened as a page.
PHOTO_HEADERS = {
    "Cache-Control": "private, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}
# (status, body, campaign whose origins may read it)
Answer = tuple[int, dict[str, Any], str | None]


class WidgetApi:
    """The checks every endpoint shares: origins, tokens, rate limits and error answers."""

    def __init__(self, channel: WebChannel) -> None:
        self.channel = channel

    def allows(self, request: Request, campaign: str | None) -> bool:
        """Whether the calling page's origin may use `campaign` (any campaign when None)."""
        origin, host = request.headers.get("origin"), request.headers.get("host")
        return self.channel.origins.allows(origin, host, campaign)

    def readable(self, request: Request, campaign: str | None) -> dict[str, str]:
        """CORS headers when the calling page may read the answer, else none."""
        origin = request.headers.get("origin")
        if origin is None or not self.allows(request, campaign):
            return {}
        return cors.headers(origin)

    def hint(self, request: Request) -> str | None:
        """The browser's most preferred language that pbchat speaks (the locale hint)."""
        known = self.channel.services.catalogs.languages
        for tag in preferred_languages(request.headers.get("accept-language")):
            if tag.split("-")[0].lower() in known:
                return tag
        return None

    def verified(self, request: Request) -> WebSession:
        """The session of the bearer token; 401 or 403 if there is none or it is not ours."""
        try:
            session = self.channel.tokens.verify(bearer(request))
        except TokenError as error:
            raise ApiError(error.status, str(error)) from error
        if not self.allows(request, session.campaign):
            raise ApiError(403, "this website may not use the chat of this campaign")
        return session

    @staticmethod
    def limited(wait: float) -> None:
        """429 when a rate limit said to wait."""
        if wait > 0:
            raise ApiError(429, "too many requests; try again shortly", retry_after=wait)

    async def answer(self, request: Request, work: Awaitable[Answer]) -> JSONResponse:
        """The work's JSON, or its ApiError as {"error": {...}}; CORS headers where allowed."""
        try:
            status, body, campaign = await work
        except ApiError as error:
            headers = self.readable(request, None)
            if error.retry_after is not None:
                headers["Retry-After"] = str(math.ceil(error.retry_after))
            message = {"error": {"code": error.status, "message": error.message}}
            return JSONResponse(message, status_code=error.status, headers=headers)
        return JSONResponse(body, status_code=status, headers=self.readable(request, campaign))

    async def start(self, request: Request) -> Answer:
        """POST /session: a new signed session on a campaign and the bot's first messages."""
        data = await read_json(request)
        slug = data.get("campaign")
        if not isinstance(slug, str) or not 0 < len(slug) <= 64:
            raise ApiError(422, "campaign must be a campaign's slug")
        if not self.channel.origins.exists(slug):
            raise ApiError(404, f"there is no campaign {slug!r}")
        if not self.allows(request, slug):
            raise ApiError(403, "this website may not use the chat of this campaign")
        self.limited(
            self.channel.session_limits.check(request.client.host if request.client else "")
        )
        token, exchange = await run_in_threadpool(self.channel.start, slug, self.hint(request))
        return 201, {"token": token, "campaign": slug, "entries": exchange.entries}, slug

    async def send(self, request: Request) -> Answer:
        """POST /messages: the resident's message and the replies to it."""
        session = self.verified(request)
        message = outgoing(await read_json(request))
        self.limited(self.channel.message_limits.check(session.id))
        exchange = await run_in_threadpool(self.channel.send, session, message, self.hint(request))
        return 200, {"entries": exchange.entries, "ended": exchange.ended}, session.campaign

    async def send_photo(self, request: Request) -> Answer:
        """POST /photos: the resident's photo (the raw image as the body) and the replies."""
        session = self.verified(request)
        self.limited(self.channel.message_limits.check(session.id))
        self.limited(self.channel.photo_limits.check(session.id))
        message = await read_photo(request)
        exchange = await run_in_threadpool(self.channel.send, session, message, self.hint(request))
        return 200, {"entries": exchange.entries, "ended": exchange.ended}, session.campaign

    async def photo(self, request: Request, photo_id: str) -> Response:
        """GET /photos/{id}: a photo, only to the session whose resident sent it."""
        try:
            session = self.verified(request)
            self.limited(self.channel.message_limits.check(session.id))
            found = None
            if PHOTO_ID.fullmatch(photo_id):
                found = await run_in_threadpool(self.channel.photo, session, photo_id)
            if found is None:
                raise ApiError(404, "there is no such photo of yours")
        except ApiError as error:
            return await self.answer(request, _raise(error))
        headers = {**self.readable(request, session.campaign), **PHOTO_HEADERS}
        return Response(found.data, media_type=found.content_type, headers=headers)

    async def history(self, request: Request, after: int) -> Answer:
        """GET /history: the conversation so far, or what came after entry `after`."""
        session = self.verified(request)
        self.limited(self.channel.message_limits.check(session.id))
        entries = await run_in_threadpool(self.channel.history, session, max(after, 0))
        return 200, {"campaign": session.campaign, "entries": entries}, session.campaign


async def _raise(error: ApiError) -> Answer:
    raise error


def router(channel: WebChannel) -> APIRouter:
    """POST session, messages and photos, GET history, photos and ui, and CORS preflights."""
    routes = APIRouter(prefix=PREFIX, include_in_schema=False)
    api = WidgetApi(channel)

    @routes.options("/{endpoint}")
    def preflight(endpoint: str, request: Request) -> Response:
        origin = request.headers.get("origin")
        if endpoint not in ENDPOINTS:
            return Response(status_code=404)
        if origin is None or not (endpoint == "ui" or api.allows(request, None)):
            return Response(status_code=403)
        return Response(status_code=204, headers=cors.headers(origin, preflight=True))

    @routes.options("/photos/{photo_id}")
    def photo_preflight(photo_id: str, request: Request) -> Response:
        return preflight("photos", request)

    @routes.post("/session")
    async def start(request: Request) -> JSONResponse:
        return await api.answer(request, api.start(request))

    @routes.post("/messages")
    async def messages(request: Request) -> JSONResponse:
        return await api.answer(request, api.send(request))

    @routes.post("/photos")
    async def photos(request: Request) -> JSONResponse:
        return await api.answer(request, api.send_photo(request))

    @routes.get("/photos/{photo_id}")
    async def photo(photo_id: str, request: Request) -> Response:
        return await api.photo(request, photo_id)

    @routes.get("/history")
    async def history(request: Request, after: int = 0) -> JSONResponse:
        return await api.answer(request, api.history(request, after))

    @routes.get("/events")
    async def events(request: Request, after: int = 0, seconds: float = STREAM_SECONDS) -> Response:
        """Server-Sent Events: each new transcript entry as it appears."""
        try:
            session = api.verified(request)
        except ApiError as error:
            return await api.answer(request, _raise(error))
        headers = {
            **api.readable(request, session.campaign),
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # nginx must not hold the stream back
        }
        return StreamingResponse(
            stream(channel, session, request, after=max(after, 0), seconds=seconds),
            media_type="text/event-stream",
            headers=headers,
        )

    @routes.get("/ui")
    def chrome(request: Request, lang: str | None = None) -> JSONResponse:
        catalogs = channel.services.catalogs
        language = pick_language(catalogs, lang, request.headers.get("accept-language"))
        # Public texts, the same for everyone: any page may read them, and caches may keep them.
        headers = {
            "Access-Control-Allow-Origin": "*",
            "Cache-Control": "public, max-age=300",
            "Vary": "Accept-Language",
        }
        return JSONResponse(ui(catalogs, language), headers=headers)

    return routes
