"""Queueing a notice for a resident: a message code the bot words in their language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident


def notify(
    session: Session, *, resident_id: int | None, code: str, params: dict[str, str], now: datetime
) -> bool:
    """Queues the notice unless the resident is gone, opted out or unreachable by address."""
    resident = session.get(Resident, resident_id) if resident_id is not None else None
    if resident is None or resident.opted_out or not resident.address:
        return False
    session.add(
        OutboxMessage(
            channel=resident.channel,
            resident_id=resident.id,
            address=resident.address,
            kind="notice",
            payload={"code": code, "params": params},
            next_attempt_at=now,
            created_at=now,
        )
    )
    return True
