"""Delivering outbox rows through the Graph API, inside or outside the 24-hour window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.channels.whatsapp import CHANNEL
from bot.channels.whatsapp.errors import Policy, outcome, policy
from bot.channels.whatsapp.graph import GraphApi, GraphError
from bot.channels.whatsapp.render import PAGE_META, Call, render, template
from bot.delivery.codec import from_json
from bot.delivery.outbox import Claimed
from bot.delivery.ratelimit import RateLimit
from bot.delivery.sender import Outcome
from bot.engine.i18n import Translator
from bot.engine.messages import Reply

log = logging.getLogger(__name__)

# The customer-service window is 24 hours from the resident's last message; the margin covers
# the minute of precision of last_inbound_at and the time the send takes.
WINDOW = timedelta(hours=24) - timedelta(minutes=5)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class WhatsAppTransport:
    """Sends replies and notices; outside the window as a template, or holds them."""

    channel = CHANNEL

    def __init__(
        self,
        api: GraphApi,
        notices: Callable[[Claimed], Reply],
        translators: Callable[[str], Translator],
        *,
        limits: RateLimit | None = None,
        notice_template: str | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.api = api
        self.notices = notices
        self.translators = translators
        self.notice_template = notice_template
        self.clock = clock
        # 80 messages a second per business number; Meta's pair limit is about one message
        # every 6 seconds to one person, with bursts of up to 45 borrowed from later.
        self.limits = limits or RateLimit(per_second=80, per_chat_per_second=1 / 6, chat_burst=45)
        # Messages of a row already accepted, so a retried row doesn't repeat its first parts.
        self._progress: dict[int, int] = {}

    async def deliver(self, item: Claimed) -> Outcome:
        """Sends one row and says how it went."""
        if item.kind not in {"reply", "notice"}:
            return Outcome("failed", error=f"unknown kind {item.kind!r}")
        reply = self.notices(item) if item.kind == "notice" else from_json(item.payload)
        if self._outside_window(item):
            return await self._outside(item, reply)
        page = int(reply.meta.get(PAGE_META, "0") or 0)
        calls = render(reply, self.translators(reply.language), row_id=item.id, page=page)
        return await self._send(item, reply, calls)

    def _outside_window(self, item: Claimed) -> bool:
        # No resident (they asked to be forgotten this turn): the turn itself just opened it.
        last = item.last_inbound_at
        return last is not None and self.clock() - last > WINDOW

    async def _send(self, item: Claimed, reply: Reply, calls: list[Call]) -> Outcome:
        done = self._progress.pop(item.id, 0)
        wamid: str | None = None
        for index, call in enumerate(calls):
            if index < done:
                continue
            if index > done:  # the sender waited for the first message of the row
                await self.limits.wait(item.address)
            try:
                wamid = await self.api.send(item.address, call)
            except GraphError as error:
                if index > 0:
                    if len(self._progress) > 10_000:  # rows retried by another worker
                        self._progress.clear()
                    self._progress[item.id] = index
                return await self._failed(item, reply, error)
        return Outcome("sent", wamid)

    async def _outside(self, item: Claimed, reply: Reply) -> Outcome:
        if self.notice_template is None:
            return Outcome("held", error="outside the 24-hour window: waits for the resident")
        call = template(self.notice_template, reply.language, reply.text)
        try:
            wamid = await self.api.send(item.address, call)
        except GraphError as error:
            return outcome(error)
        return Outcome("sent", wamid, template=self.notice_template)

    async def _failed(self, item: Claimed, reply: Reply, error: GraphError) -> Outcome:
        if policy(error) is Policy.WINDOW and self.notice_template is not None:
            # WhatsApp knows better than our clock: the window has closed.
            self._progress.pop(item.id, None)
            return await self._outside(item, reply)
        return outcome(error)
