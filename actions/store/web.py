"""The web widget's tables: the transcript a reload resumes, and the photos residents send."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from actions.store.base import Base, utcnow


class WebTranscriptEntry(Base):
    """One message shown in the widget; deleted with its resident ("delete my data")."""

    __tablename__ = "web_transcript"
    __table_args__ = (Index("ix_web_transcript_resident", "resident_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(8))  # "resident" or "bot"
    # The widget's id for the resident's message, so that a retried send replays its replies.
    message_id: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebPhoto(Base):
    """A photo sent in the widget, kept in the database so that every worker can serve it;
    deleted with its resident ("delete my data")."""

    __tablename__ = "web_photos"

    # Random (secrets.token_urlsafe), so an idea's "web-photo:<id>" names it without a counter.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    resident_id: Mapped[int] = mapped_column(
        ForeignKey("residents.id", ondelete="CASCADE"), index=True
    )
    content_type: Mapped[str] = mapped_column(String(32))  # from the bytes, not the header
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
