"""Residents and their conversation rows: found or created, and locked per turn."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actions.store.residents import Conversation, Resident

# Refreshing the last-contact time on every turn would cost a write per message; a minute's
# precision is plenty for WhatsApp's 24-hour window.
CONTACT_PRECISION = timedelta(minutes=1)


def find_or_create(
    session: Session, *, key: str, channel: str, address: str | None, now: datetime
) -> tuple[Resident, Conversation]:
    """The resident with this key and their conversation, locked until the transaction ends."""
    found = session.execute(
        select(Resident, Conversation)
        .join(Conversation, Conversation.resident_id == Resident.id)
        .where(Resident.voter_key == key)
        .with_for_update(of=Conversation)
    ).first()
    if found is None:
        resident, conversation = _create(session, key, channel, address)
    else:
        resident, conversation = found
    if address is not None and resident.address != address:
        resident.address = address
    if resident.last_inbound_at is None or now - resident.last_inbound_at > CONTACT_PRECISION:
        resident.last_inbound_at = now
    return resident, conversation


def _create(
    session: Session, key: str, channel: str, address: str | None
) -> tuple[Resident, Conversation]:
    try:
        with session.begin_nested():
            resident = Resident(voter_key=key, channel=channel, address=address)
            session.add(resident)
            session.flush()
            conversation = Conversation(resident_id=resident.id, context={})
            session.add(conversation)
            session.flush()
            return resident, conversation
    except IntegrityError:
        # A concurrent first message created it; take theirs, locked.
        resident = session.scalars(select(Resident).where(Resident.voter_key == key)).one()
        conversation = session.scalars(
            select(Conversation).where(Conversation.resident_id == resident.id).with_for_update()
        ).one()
        return resident, conversation
