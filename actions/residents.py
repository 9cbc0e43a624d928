"""Residents and their conversation rows: found or created, and locked per turn."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actions.store.residents import Conversation, Resident


def find_or_create(
    session: Session, *, key: str, channel: str, address: str | None, now: datetime
) -> tuple[Resident, Conversation]:
    """The resident with this key and their conversation, locked until the transaction ends."""
    resident = session.scalar(select(Resident).where(Resident.voter_key == key))
    if resident is None:
        try:
            with session.begin_nested():
                resident = Resident(voter_key=key, channel=channel, address=address)
                session.add(resident)
                session.flush()
                session.add(Conversation(resident_id=resident.id, context={}))
                session.flush()
        except IntegrityError:
            # A concurrent first message created it; take theirs.
            resident = session.scalars(select(Resident).where(Resident.voter_key == key)).one()
    conversation = session.scalars(
        select(Conversation).where(Conversation.resident_id == resident.id).with_for_update()
    ).one()
    if address is not None and resident.address != address:
        resident.address = address
    resident.last_inbound_at = now
    return resident, conversation
