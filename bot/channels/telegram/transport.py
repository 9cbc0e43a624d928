"""Delivering outbox rows through the Bot API with python-telegram-bot."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.channels.telegram import CHANNEL
from bot.channels.telegram.render import Call, render
from bot.delivery.codec import from_json
from bot.delivery.outbox import Claimed
from bot.delivery.ratelimit import RateLimit
from bot.delivery.sender import Outcome
from bot.engine.messages import Reply

log = logging.getLogger(__name__)


class TelegramTransport:
    """Sends replies, notices and keyboard clean-ups; maps Bot API errors to outcomes."""

    channel = CHANNEL

    def __init__(
        self, bot: Bot, notices: Callable[[Claimed], Reply], limits: RateLimit | None = None
    ) -> None:
        # python-telegram-bot logs every call's parameters (chat ids, texts) at DEBUG and httpx
        # logs request URLs (with the bot token) at INFO: neither may reach pbchat's logs.
        for name in ("telegram", "httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self.bot = bot
        self.notices = notices
        # Telegram allows about 30 messages a second overall and asks for about one a
        # second per chat; a short burst per chat keeps a turn's 2-3 replies quick.
        self.limits = limits or RateLimit(per_second=30, per_chat_per_second=1, chat_burst=10)

    async def deliver(self, item: Claimed) -> Outcome:
        """Sends one row and says how it went."""
        try:
            if item.kind == "action":
                return await self._action(item)
            reply = self.notices(item) if item.kind == "notice" else from_json(item.payload)
            sent: Message | None = None
            for call in render(reply):
                sent = await self._call(item.address, call)
            return Outcome("sent", str(sent.message_id) if sent else None)
        except RetryAfter as error:
            retry = error.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            return Outcome("retry", retry_after=float(seconds), error="429 retry after")
        except Forbidden as error:
            return Outcome("failed", error=f"403 {error.message}", unreachable=True)
        except BadRequest as error:
            return Outcome("failed", error=f"400 {error.message}")
        except (NetworkError, TelegramError) as error:
            return Outcome("retry", error=f"{type(error).__name__}: {error.message}")

    async def _call(self, chat_id: str, call: Call) -> Message:
        if call.method == "sendPhoto":
            return await self.bot.send_photo(
                chat_id,
                photo=call.photo or "",
                caption=call.text or None,
                reply_markup=call.keyboard,
            )
        return await self.bot.send_message(chat_id, call.text, reply_markup=call.keyboard)

    async def _action(self, item: Claimed) -> Outcome:
        if item.payload.get("action") == "clear_keyboard":
            try:
                await self.bot.edit_message_reply_markup(
                    item.address, int(item.payload["message_id"]), reply_markup=None
                )
            except BadRequest as error:
                # Already cleared or too old to edit: nothing left to do.
                log.info("keyboard not cleared: %s", error.message)
            return Outcome("sent")
        return Outcome("failed", error=f"unknown action {item.payload.get('action')!r}")
