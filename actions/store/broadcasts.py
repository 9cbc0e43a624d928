"""The table of broadcasts: one organiser's message to a campaign's residents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from actions.store.base import Base, utcnow


class Broadcast(Base):
    """What was sent to whom (texts per language, the audience filter); outbox rows link here."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    texts: Mapped[dict[str, str]]
    # {"languages": [...] | None, "channels": [...] | None, "voted": bool | None}
    audience: Mapped[dict[str, Any]]
    recipients: Mapped[int]
    # The audit log's name of the token that sent it (its label), never the token itself.
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]
