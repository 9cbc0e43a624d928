"""The sender: claims due outbox rows and hands them to each channel's transport."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session

from actions.store.database import Database
from actions.store.messaging import OutboxMessage
from bot.delivery import outbox
from bot.delivery.outbox import Claimed
from bot.delivery.ratelimit import RateLimit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a transport made of one row."""

    status: Literal["sent", "retry", "failed", "held"]
    provider_message_id: str | None = None
    retry_after: float | None = None
    error: str = ""
    unreachable: bool = False
    template: str | None = None


class Transport(Protocol):
    """Delivers outbox rows of one channel through its provider."""

    channel: str
    limits: RateLimit

    async def deliver(self, item: Claimed) -> Outcome:
        """Sends one row; never raises for provider errors, says what happened instead."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Sender:
    """Runs the transports over the outbox until stopped."""

    def __init__(
        self,
        database: Database,
        transports: list[Transport],
        *,
        clock: Callable[[], datetime] = _utcnow,
        poll_seconds: float = 0.5,
    ) -> None:
        self.database = database
        self.transports = {t.channel: t for t in transports}
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Tells the loop that new rows are waiting (call from the event loop's thread)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Delivers until `stop` is set, sleeping between empty rounds."""
        while not stop.is_set():
            try:
                sent = await self.drain_once()
            except Exception:  # a database hiccup must not end delivery for good
                log.exception("outbox round failed")
                sent = 0
            if sent:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

    async def drain_once(self) -> int:
        """Claims and delivers one batch per channel; returns how many rows were handled."""
        handled = 0
        for channel, transport in self.transports.items():
            claimed = await asyncio.to_thread(self._claim, channel)
            by_address: dict[str, list[Claimed]] = defaultdict(list)
            for item in claimed:
                by_address[item.address].append(item)
            groups = await asyncio.gather(
                *(self._deliver_in_order(transport, g) for g in by_address.values())
            )
            # One transaction settles the whole batch: far fewer commits than one per message.
            await asyncio.to_thread(self._settle_all, [pair for group in groups for pair in group])
            handled += len(claimed)
        return handled

    def _claim(self, channel: str) -> list[Claimed]:
        with self.database.transaction() as session:
            return outbox.claim(session, channel=channel, now=self.clock())

    async def _deliver_in_order(
        self, transport: Transport, items: list[Claimed]
    ) -> list[tuple[Claimed, Outcome | float | None]]:
        """Outcomes in order; rows not sent go back: None now, a float after that many seconds."""
        done: list[tuple[Claimed, Outcome | float | None]] = []
        for position, item in enumerate(items):
            pause = transport.limits.chat_pause(item.address)
            if pause > 0:
                # This chat is over its limit: its rows wait; the other chats' don't.
                done.extend((later, pause) for later in items[position:])
                break
            await transport.limits.wait_global()
            try:
                outcome = await transport.deliver(item)
            except Exception as error:  # a bug in rendering must not stop the other chats
                log.exception("delivery of outbox row %s failed", item.id)
                outcome = Outcome("retry", error=f"{type(error).__name__}: {error}")
            done.append((item, outcome))
            if outcome.status == "retry":
                # Later rows of this chat wait for the retried one, keeping their order.
                done.extend((later, None) for later in items[position + 1 :])
                break
        return done

    def _settle_all(self, results: list[tuple[Claimed, Outcome | float | None]]) -> None:
        if not results:
            return
        now = self.clock()
        with self.database.transaction() as session:
            for item, outcome in results:
                if outcome is None or isinstance(outcome, float):
                    self._put_back(session, item.id, now + timedelta(seconds=outcome or 0.0))
                else:
                    self._settle(session, item, outcome, now)

    def _settle(self, session: Session, item: Claimed, outcome: Outcome, now: datetime) -> None:
        if outcome.status == "sent":
            outbox.mark_sent(
                session,
                row_id=item.id,
                now=now,
                provider_message_id=outcome.provider_message_id,
                template=outcome.template,
            )
        elif outcome.status == "retry":
            delay = outcome.retry_after or outbox.backoff(item.attempts)
            outbox.mark_retry(session, row_id=item.id, now=now, delay=delay, error=outcome.error)
        elif outcome.status == "held":
            outbox.mark_held(session, row_id=item.id, error=outcome.error)
        else:
            outbox.mark_failed(
                session, row_id=item.id, error=outcome.error, unreachable=outcome.unreachable
            )

    def _put_back(self, session: Session, row_id: int, when: datetime) -> None:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.status == "sending")
            .values(status="pending", next_attempt_at=when)
        )
