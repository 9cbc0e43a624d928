"""Long polling: the same turns as the webhook, for development without a public URL."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import NetworkError, RetryAfter

from bot.channels.telegram.parse import MalformedUpdateError
from bot.channels.telegram.webhook import TelegramChannel
from bot.delivery.sender import Sender

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]


async def poll(
    channel: TelegramChannel, sender: Sender, *, rounds: int | None = None, wait: int = 25
) -> None:
    """Fetches updates with getUpdates and runs each; delivers replies meanwhile."""
    bot = channel.bot
    await bot.delete_webhook()  # Telegram refuses getUpdates while a webhook is set
    stop = asyncio.Event()
    delivery = asyncio.create_task(sender.run(stop))
    offset: int | None = None
    done = 0
    try:
        while rounds is None or done < rounds:
            done += 1
            try:
                updates = await bot.get_updates(
                    offset=offset, timeout=wait, allowed_updates=ALLOWED_UPDATES
                )
            except RetryAfter as error:
                await asyncio.sleep(float(str(error.retry_after).split()[0] or 1))
                continue
            except NetworkError as error:
                log.warning("getUpdates failed, retrying: %s", type(error).__name__)
                await asyncio.sleep(1)
                continue
            for update in updates:
                offset = update.update_id + 1
                try:
                    parsed = channel.parse(update.to_dict())
                except MalformedUpdateError:
                    continue
                await asyncio.to_thread(channel.handle, parsed)
                if parsed is not None and parsed.callback_query_id is not None:
                    await bot.answer_callback_query(parsed.callback_query_id)
                sender.wake()
    finally:
        stop.set()
        sender.wake()
        await delivery
    # Let the last replies go out before returning.
    while await sender.drain_once():
        pass
