"""Delivery reports (sent, delivered, read, failed) recorded on the outbox rows they concern."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from bot.channels.whatsapp import CHANNEL
from bot.channels.whatsapp.errors import CODES, Policy
from bot.channels.whatsapp.parse import Status

# Reports may arrive out of order (a "read" before its "delivered"); never step back. A failure
# counts only before delivery: after it, it concerns another of the resident's devices.
RANK = {"sent": 1, "delivered": 2, "read": 3}
KNOWN = {*RANK, "failed"}


def record(session: Session, statuses: list[Status]) -> int:
    """Applies the reports to their rows; returns how many rows they concerned."""
    wanted = {s.wamid for s in statuses if s.status in KNOWN}
    if not wanted:
        return 0
    rows = {
        row.provider_message_id: row
        for row in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.channel == CHANNEL, OutboxMessage.provider_message_id.in_(wanted)
            )
        )
    }
    for status in statuses:
        row = rows.get(status.wamid)
        if row is None or status.status not in KNOWN:
            continue  # an earlier part of a reply, or a row long gone
        current = RANK.get(row.delivery or "", 0)
        if status.status == "failed":
            if current <= RANK["sent"] and row.delivery != "failed":
                row.delivery = "failed"
                _failed(session, row, status)
        elif RANK[status.status] > current:
            row.delivery = status.status
    return len(rows)


def _failed(session: Session, row: OutboxMessage, status: Status) -> None:
    code = status.error_code
    row.last_error = f"{code} {status.error_title}"[:500]
    found = CODES.get(code) if code is not None else None
    if found is Policy.WINDOW and status.recipient and row.resident_id is not None:
        # Sent after the window closed after all: it waits for the resident's next message.
        row.status, row.address, row.delivery = "held", status.recipient, None
        return
    row.status = "failed"
    if found is Policy.UNREACHABLE and row.resident_id is not None:
        resident = session.get(Resident, row.resident_id)
        if resident is not None:
            resident.unreachable = True
