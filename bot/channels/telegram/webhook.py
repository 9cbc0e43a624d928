"""The Telegram webhook: secret check, parse, one engine turn, replies into the outbox."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from telegram import Bot

from bot.channels.telegram import CHANNEL
from bot.channels.telegram.parse import MalformedUpdateError, Parsed, parse
from bot.delivery import outbox
from bot.engine.engine import Engine
from bot.engine.messages import Reply

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000


class TelegramChannel:
    """Turns updates into turns whose replies wait in the outbox."""

    def __init__(self, engine: Engine, bot: Bot, *, secret_token: str | None) -> None:
        self.engine = engine
        self.bot = bot
        self.secret_token = secret_token

    def parse(self, data: object) -> Parsed | None:
        """The update parsed (MalformedUpdateError if it isn't one; None if it's ignored)."""
        return parse(data, self.bot)

    def handle(self, parsed: Parsed | None) -> dict[str, Any]:
        """Runs the update's turn; returns the webhook's answer (a callback answer, or {})."""
        if parsed is None:
            return {}
        self.engine.handle(parsed.inbound, outlet=self._outlet(parsed))
        if parsed.callback_query_id is not None:
            # Answering in the webhook's own response costs no extra request.
            return {"method": "answerCallbackQuery", "callback_query_id": parsed.callback_query_id}
        return {}

    def _outlet(self, parsed: Parsed) -> Callable[[Session, int | None, list[Reply]], None]:
        def store(session: Session, resident_id: int | None, replies: list[Reply]) -> None:
            if parsed.pressed_message_id is not None:
                # Old buttons go, so that a second tap can't repeat a choice by accident.
                outbox.enqueue_action(
                    session,
                    channel=CHANNEL,
                    resident_id=resident_id,
                    address=parsed.chat_id,
                    action={"action": "clear_keyboard", "message_id": parsed.pressed_message_id},
                )
            outbox.enqueue_replies(
                session,
                channel=CHANNEL,
                resident_id=resident_id,
                address=parsed.chat_id,
                replies=replies,
            )

        return store


def router(channel: TelegramChannel, wake: Callable[[], None]) -> APIRouter:
    """POST /webhooks/telegram."""
    routes = APIRouter()

    @routes.post("/webhooks/telegram", include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        expected = channel.secret_token
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if not expected:
            return _error(403, "the Telegram webhook secret is not configured")
        if given is None:
            return _error(401, "missing X-Telegram-Bot-Api-Secret-Token")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return _error(403, "wrong secret token")
        body = await request.body()
        if len(body) > MAX_BODY:
            return _error(413, "update too large")
        try:
            parsed = channel.parse(json.loads(body))
        except (ValueError, MalformedUpdateError) as error:
            log.info("malformed Telegram update refused: %s", type(error).__name__)
            return _error(400, "malformed update")
        # An error in the turn is a 500: Telegram retries, and the retry finds nothing done.
        answer = await run_in_threadpool(channel.handle, parsed)
        wake()
        return JSONResponse(answer)

    return routes


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": status, "message": message}}, status_code=status)
