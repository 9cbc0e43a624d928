"""The WhatsApp webhook: the verification handshake, the signature check, then turns."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy.orm import Session

from actions.store.residents import Resident
from bot.channels.whatsapp import CHANNEL, statuses
from bot.channels.whatsapp.graph import GraphApi, GraphError
from bot.channels.whatsapp.paging import Paged, turn_page
from bot.channels.whatsapp.parse import MalformedNotificationError, Message, Notification, parse
from bot.channels.whatsapp.signature import Signature, check
from bot.delivery import outbox
from bot.engine.engine import Engine, Outlet
from bot.engine.messages import Reply

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000
MAX_CHALLENGE = 200


class WhatsAppChannel:
    """Turns notifications into turns whose replies wait in the outbox."""

    def __init__(
        self,
        engine: Engine,
        api: GraphApi | None,
        *,
        app_secret: str | None,
        verify_token: str | None,
        phone_number_id: str | None,
    ) -> None:
        self.engine = engine
        self.api = api  # for read receipts; None sends none
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.phone_number_id = phone_number_id
        self._reading: set[asyncio.Task[None]] = set()

    def parse(self, data: object) -> Notification:
        """The notification parsed (MalformedNotificationError if it isn't one)."""
        return parse(data, phone_number_id=self.phone_number_id)

    def handle(self, notification: Notification) -> list[str]:
        """Records the statuses and runs a turn per message; returns the wamids answered."""
        if notification.statuses:
            with self.engine.database.transaction() as session:
                statuses.record(session, notification.statuses)
        answered = []
        for message in notification.messages:
            if message.page_turn is not None:
                with self.engine.database.transaction() as session:
                    paged = turn_page(
                        session,
                        message,
                        secret=self.engine.services.secret,
                        now=self.engine.services.clock(),
                    )
                if paged is Paged.SHOWN:
                    answered.append(message.wamid)
                if paged is not Paged.STALE:
                    continue
            # Each message is its own turn; a wamid seen before makes the engine do nothing.
            if self.engine.handle(message.inbound, outlet=self._outlet(message)):
                answered.append(message.wamid)
        return answered

    def _outlet(self, message: Message) -> Outlet:
        def store(session: Session, resident_id: int | None, replies: list[Reply]) -> None:
            if resident_id is not None:
                # They wrote: the window is open, so what waited for it may go now.
                outbox.release_held(
                    session, resident_id=resident_id, now=self.engine.services.clock()
                )
                resident = session.get(Resident, resident_id)
                if resident is not None and resident.unreachable:
                    resident.unreachable = False
            outbox.enqueue_replies(
                session,
                channel=CHANNEL,
                resident_id=resident_id,
                address=message.inbound.user_id,
                replies=replies,
            )

        return store

    def mark_read(self, wamids: list[str]) -> None:
        """Sends read receipts in the background (call from the event loop)."""
        if self.api is None:
            return
        for wamid in wamids:
            task = asyncio.create_task(self._read(wamid))
            self._reading.add(task)
            task.add_done_callback(self._reading.discard)

    async def _read(self, wamid: str) -> None:
        assert self.api is not None
        try:
            await self.api.mark_read(wamid)
        except GraphError as error:
            # Blue ticks are a courtesy: a failure loses nothing.
            log.info("read receipt not sent: %s", error.code or error.status)


def router(channel: WhatsAppChannel, wake: Callable[[], None]) -> APIRouter:
    """GET and POST /webhooks/whatsapp."""
    routes = APIRouter()

    @routes.get("/webhooks/whatsapp", include_in_schema=False)
    async def whatsapp_verify(request: Request) -> Response:
        params = request.query_params
        expected = channel.verify_token
        given = params.get("hub.verify_token", "")
        challenge = params.get("hub.challenge", "")
        if (
            expected
            and params.get("hub.mode") == "subscribe"
            and hmac.compare_digest(given.encode(), expected.encode())
            and 0 < len(challenge) <= MAX_CHALLENGE
        ):
            return PlainTextResponse(challenge)
        return _error(403, "verification failed")

    @routes.post("/webhooks/whatsapp", include_in_schema=False)
    async def whatsapp_webhook(request: Request) -> Response:
        secret = channel.app_secret
        if not secret:
            return _error(403, "the WhatsApp app secret is not configured")
        declared = request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            return _error(413, "notification too large")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _error(413, "notification too large")
        verdict = check(bytes(body), request.headers.get("X-Hub-Signature-256"), secret.encode())
        if verdict is Signature.MISSING:
            return _error(401, "missing X-Hub-Signature-256")
        if verdict is not Signature.VALID:
            return _error(403, "wrong signature")
        try:
            notification = channel.parse(json.loads(body))
        except (ValueError, MalformedNotificationError) as error:
            log.info("malformed WhatsApp notification refused: %s", type(error).__name__)
            return _error(400, "malformed notification")
        # An error in a turn is a 500: Meta retries, and the retry skips what was done.
        answered = await run_in_threadpool(channel.handle, notification)
        wake()
        channel.mark_read(answered)
        return JSONResponse({})

    return routes


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": status, "message": message}}, status_code=status)
