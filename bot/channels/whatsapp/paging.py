"""A tap on a list's "more" row: the next page of the stored reply, without a turn."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import messages, residents
from actions.identity import voter_key
from actions.store.messaging import OutboxMessage
from actions.store.residents import Conversation, Resident
from bot.channels.whatsapp import CHANNEL
from bot.channels.whatsapp.parse import Message
from bot.channels.whatsapp.render import PAGE_META
from bot.delivery import outbox
from bot.delivery.codec import from_json


class Paged(Enum):
    """What became of a tap on "more"."""

    SHOWN = "shown"  # the page is queued
    REPLAYED = "replayed"  # the same tap came before: nothing to do
    STALE = "stale"  # not the current list any more: a turn answers (the button is inactive)


def turn_page(session: Session, message: Message, *, secret: bytes, now: datetime) -> Paged:
    """Queues the asked page of the stored reply, if that list is still the current one."""
    asked = message.page_turn
    assert asked is not None
    key = voter_key(secret, channel=CHANNEL, user_id=message.inbound.user_id)
    found = session.execute(
        select(Resident, Conversation)
        .join(Conversation, Conversation.resident_id == Resident.id)
        .where(Resident.voter_key == key)
    ).first()
    row = session.get(OutboxMessage, asked.row_id)
    if found is None or row is None or row.channel != CHANNEL or row.kind != "reply":
        return Paged.STALE
    resident, conversation = found
    offered = set((conversation.context or {}).get("_options", []))
    if row.resident_id != resident.id or not set(from_json(row.payload).options()) <= offered:
        return Paged.STALE
    if not messages.record_inbound(session, channel=CHANNEL, provider_message_id=message.wamid):
        return Paged.REPLAYED
    # Locks the conversation and notes the contact, as a turn would (the window reopens).
    residents.find_or_create(
        session, key=key, channel=CHANNEL, address=message.inbound.user_id, now=now
    )
    outbox.release_held(session, resident_id=resident.id, now=now)
    resident.unreachable = False
    reply = from_json(row.payload)
    page = replace(reply, meta={**reply.meta, PAGE_META: str(asked.page)})
    outbox.enqueue_replies(
        session,
        channel=CHANNEL,
        resident_id=resident.id,
        address=message.inbound.user_id,
        replies=[page],
    )
    return Paged.SHOWN
