"""Delivering to the widget: a notice becomes a transcript entry the widget picks up."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from actions.store.base import utcnow
from actions.store.database import Database
from actions.store.residents import Resident
from bot.channels.web import CHANNEL, transcript
from bot.channels.web.render import bot_body
from bot.delivery.codec import from_json
from bot.delivery.outbox import Claimed
from bot.delivery.ratelimit import RateLimit
from bot.delivery.sender import Outcome
from bot.engine.messages import Reply


class WebTransport:
    """Writes outbox rows for web residents into their transcripts (no provider to call)."""

    channel = CHANNEL

    def __init__(
        self,
        database: Database,
        notices: Callable[[Claimed], Reply],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.database = database
        self.notices = notices
        self.clock = clock
        # Nothing leaves the machine, so there is no provider's rate to respect.
        self.limits = RateLimit(per_second=1000, per_chat_per_second=1000, chat_burst=1000)

    async def deliver(self, item: Claimed) -> Outcome:
        """Stores a notice or reply where the widget reads it; actions have nothing to do."""
        if item.kind == "action":
            return Outcome("sent")
        reply = self.notices(item) if item.kind == "notice" else from_json(item.payload)
        entry_id = await asyncio.to_thread(self._store, item.resident_id, reply)
        if entry_id is None:
            return Outcome("failed", error="the resident is gone", unreachable=True)
        return Outcome("sent", str(entry_id))

    def _store(self, resident_id: int | None, reply: Reply) -> int | None:
        with self.database.transaction() as session:
            if resident_id is None or session.get(Resident, resident_id) is None:
                return None
            entry = transcript.append(
                session,
                resident_id=resident_id,
                sender="bot",
                body=bot_body(reply),
                now=self.clock(),
            )
            transcript.trim(session, resident_id=resident_id)
            return entry.id
