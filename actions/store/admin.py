"""Tables of admin API tokens, the audit log and published results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column

from actions.store.base import Base, utcnow


class ApiToken(Base):
    """An organiser's bearer token, stored as SHA-256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who changed what, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    token_id: Mapped[int | None] = mapped_column(index=True)
    role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64))
    resource: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]


class Result(Base):
    """A computed tally of a campaign; residents see it once published."""

    __tablename__ = "results"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int]
    selected: Mapped[list[int]]
    cost: Mapped[int]
    votes: Mapped[dict[str, Any]]
    explanations: Mapped[dict[str, Any]]
    # Rule-specific numbers (Add1 increment, comparison counts, voters counted, ...).
    details: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'"))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]
