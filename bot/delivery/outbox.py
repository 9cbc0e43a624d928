"""The outbox: replies enqueued in the turn's transaction, claimed in batches, marked after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from bot.delivery.codec import to_json
from bot.engine.messages import Reply

LEASE = timedelta(seconds=60)  # a claim not settled by then (a crashed worker) is claimable again
MAX_ATTEMPTS = 12
ACTIVE = ("pending", "sending")


@dataclass(frozen=True, slots=True)
class Claimed:
    """One outbox row handed to a sender, with what it needs to deliver it."""

    id: int
    channel: str
    kind: str
    address: str
    payload: dict[str, Any]
    attempts: int
    resident_id: int | None
    language: str | None
    last_inbound_at: datetime | None


def enqueue_replies(
    session: Session, *, channel: str, resident_id: int | None, address: str, replies: list[Reply]
) -> None:
    """Adds a turn's replies to the outbox, in order."""
    session.add_all(
        OutboxMessage(
            channel=channel,
            resident_id=resident_id,
            address=address,
            kind="reply",
            payload=to_json(reply),
        )
        for reply in replies
    )


def enqueue_action(
    session: Session,
    *,
    channel: str,
    resident_id: int | None,
    address: str,
    action: dict[str, Any],
) -> None:
    """Adds a provider call (e.g. removing an old keyboard) to the outbox."""
    session.add(
        OutboxMessage(
            channel=channel,
            resident_id=resident_id,
            address=address,
            kind="action",
            payload=action,
        )
    )


def claim(session: Session, *, channel: str, now: datetime, limit: int = 50) -> list[Claimed]:
    """Leases up to `limit` due rows of the channel, oldest first, one resident's in order.

    A row waits while an older row for the same address is still undelivered, so a retried
    message never overtakes the one before it. Broadcast rows come after everything else and
    hold nothing up: a resident chatting while 14,000 reminders go out gets answers at once.
    On PostgreSQL, SKIP LOCKED lets several workers claim side by side.
    """
    earlier = aliased(OutboxMessage)
    is_broadcast = OutboxMessage.broadcast_id.is_not(None)
    blocked = exists().where(
        and_(
            earlier.address == OutboxMessage.address,
            earlier.id < OutboxMessage.id,
            earlier.status.in_(ACTIVE),
            or_(earlier.broadcast_id.is_(None), is_broadcast),
        )
    )
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.status.in_(ACTIVE),
            OutboxMessage.next_attempt_at <= now,
            ~blocked,
        )
        .order_by(is_broadcast, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboxMessage)
    )
    rows = list(session.scalars(query))
    residents = {
        r.id: r
        for r in session.scalars(
            select(Resident).where(Resident.id.in_({row.resident_id for row in rows} - {None}))
        )
    }
    claimed = []
    for row in rows:
        row.status = "sending"
        row.next_attempt_at = now + LEASE
        resident = residents.get(row.resident_id) if row.resident_id else None
        claimed.append(
            Claimed(
                id=row.id,
                channel=row.channel,
                kind=row.kind,
                address=row.address or "",
                payload=dict(row.payload),
                attempts=row.attempts,
                resident_id=row.resident_id,
                language=resident.language if resident else None,
                last_inbound_at=resident.last_inbound_at if resident else None,
            )
        )
    return claimed


def mark_sent(
    session: Session,
    *,
    row_id: int,
    now: datetime,
    provider_message_id: str | None,
    template: str | None = None,
) -> None:
    """Records a delivery and forgets the raw address."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id)
        .values(
            status="sent",
            sent_at=now,
            provider_message_id=provider_message_id,
            address=None,
            attempts=OutboxMessage.attempts + 1,
            template=template,
            last_error=None,
        )
    )


def mark_retry(session: Session, *, row_id: int, now: datetime, delay: float, error: str) -> None:
    """Schedules another try after `delay` seconds, or gives up after MAX_ATTEMPTS."""
    row = session.get(OutboxMessage, row_id)
    if row is None:
        return
    row.attempts += 1
    row.last_error = error[:500]
    if row.status == "cancelled":  # its broadcast was stopped while it was in flight
        return
    if row.attempts >= MAX_ATTEMPTS:
        row.status, row.address = "failed", None
        return
    row.status = "pending"
    row.next_attempt_at = now + timedelta(seconds=delay)


def mark_failed(session: Session, *, row_id: int, error: str, unreachable: bool = False) -> None:
    """Gives up on a row (a permanent error); marks the resident unreachable if told."""
    row = session.get(OutboxMessage, row_id)
    if row is None:
        return
    row.status, row.last_error, row.address = "failed", error[:500], None
    row.attempts += 1
    if unreachable and row.resident_id is not None:
        resident = session.get(Resident, row.resident_id)
        if resident is not None:
            resident.unreachable = True


def mark_held(session: Session, *, row_id: int, error: str) -> None:
    """Parks a row until the resident writes again (e.g. outside WhatsApp's 24-hour window)."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, OutboxMessage.status != "cancelled")
        .values(status="held", last_error=error[:500])
    )


def release_held(session: Session, *, resident_id: int, now: datetime) -> None:
    """Makes a resident's held rows due again (they just wrote, so the window is open)."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.resident_id == resident_id, OutboxMessage.status == "held")
        .values(status="pending", next_attempt_at=now)
    )


def backoff(attempts: int) -> float:
    """Seconds to wait before try number `attempts + 1`: 1, 2, 4 … capped at 10 minutes."""
    return float(min(600, 2 ** min(attempts, 10)))
