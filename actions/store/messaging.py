"""Tables of inbound provider messages (for idempotency) and the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from actions.store.base import Base, utcnow


class InboundMessage(Base):
    """A provider message already handled: a retried webhook finds it and does nothing."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("channel", "provider_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    provider_message_id: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxMessage(Base):
    """Something to deliver, retried with backoff until it is sent or given up.

    `kind` is "reply" (a rendered-at-send Reply), "notice" (a message code and parameters,
    translated at send time into the resident's language) or "action" (a provider call such as
    answering a Telegram callback query). `status` is pending, sending, sent, failed, held
    (waiting for the resident to write again) or cancelled (an organiser stopped a broadcast).
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    resident_id: Mapped[int | None] = mapped_column(
        ForeignKey("residents.id", ondelete="SET NULL"), index=True
    )
    # Where to deliver; erased once delivered, so raw addresses don't pile up here.
    address: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16), default="reply")
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_message_id: Mapped[str | None] = mapped_column(String(128), index=True)
    delivery: Mapped[str | None] = mapped_column(String(16))  # sent, delivered, read, failed
    template: Mapped[str | None] = mapped_column(String(64))  # set when sent as a template
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # The broadcast this row delivers, so its delivery can be counted and cancelled.
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="SET NULL"), index=True
    )
