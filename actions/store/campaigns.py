"""Tables of campaigns and what they contain: themes, neighbourhoods, proposals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from actions.store.base import Base, utcnow


class Campaign(Base):
    """A PB campaign with its phase dates and rules."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[dict[str, str]]
    description: Mapped[dict[str, str]]
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    budget: Mapped[int]
    languages: Mapped[list[str]]
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    ideas_open: Mapped[datetime | None]
    ideas_close: Mapped[datetime | None]
    voting_open: Mapped[datetime | None]
    voting_close: Mapped[datetime | None]
    results_published: Mapped[datetime | None]
    rules: Mapped[dict[str, Any]]
    eligibility: Mapped[str] = mapped_column(String(16), default="code")
    change_policy: Mapped[str] = mapped_column(String(16), default="final")
    postcodes: Mapped[list[str]]
    tally_method: Mapped[str] = mapped_column(String(32), default="greedy")
    allowed_origins: Mapped[list[str]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped by every UPDATE (optimistic locking); the admin API's ETag.
    version: Mapped[int] = mapped_column(server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    themes: Mapped[list[Theme]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Theme.position"
    )
    neighbourhoods: Mapped[list[Neighbourhood]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="Neighbourhood.position"
    )


class Theme(Base):
    """A theme proposals are grouped by (green, social, ...)."""

    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("campaign_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[dict[str, str]]
    position: Mapped[int] = mapped_column(default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="themes")


class Neighbourhood(Base):
    """A neighbourhood of the district."""

    __tablename__ = "neighbourhoods"
    __table_args__ = (UniqueConstraint("campaign_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[dict[str, str]]
    position: Mapped[int] = mapped_column(default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="neighbourhoods")


class Proposal(Base):
    """A proposal residents can vote for, with translations per language."""

    __tablename__ = "proposals"
    __table_args__ = (UniqueConstraint("campaign_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    external_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[dict[str, str]]
    summary: Mapped[dict[str, str]]
    description: Mapped[dict[str, str]]
    cost: Mapped[int]
    theme_key: Mapped[str | None] = mapped_column(String(64))
    neighbourhood_key: Mapped[str | None] = mapped_column(String(64))
    image_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="published")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped by every UPDATE (optimistic locking); the admin API's ETag.
    version: Mapped[int] = mapped_column(server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
