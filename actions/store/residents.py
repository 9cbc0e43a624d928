"""Tables of residents (pseudonymous) and their conversation state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from actions.store.base import Base, utcnow


class Resident(Base):
    """One person on one channel, known by an HMAC key; the raw address only to reply."""

    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    voter_key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    # The chat id or phone number, kept only to deliver replies; erased on "delete my data".
    address: Mapped[str | None] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(8))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    consent_at: Mapped[datetime | None]
    opted_out: Mapped[bool] = mapped_column(default=False)
    unreachable: Mapped[bool] = mapped_column(default=False)
    code_failures: Mapped[int] = mapped_column(default=0)
    code_locked_until: Mapped[datetime | None]
    last_inbound_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    """Where a resident is in a journey; one row, locked for the length of a turn."""

    __tablename__ = "conversations"

    resident_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(32), default="start")
    step: Mapped[str] = mapped_column(String(32), default="begin")
    context: Mapped[dict[str, Any]]
    turns: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
