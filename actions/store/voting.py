"""Tables of eligibility, voting codes, draft ballots and confirmed ballots."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from actions.store.base import Base, utcnow


class VotingCode(Base):
    """A personal code sent by letter, stored only as an HMAC digest."""

    __tablename__ = "voting_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    batch: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Voter(Base):
    """A voter key found eligible in a campaign, and how."""

    __tablename__ = "voters"
    __table_args__ = (UniqueConstraint("campaign_id", "voter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    voter_key: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(16))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("voting_codes.id"), unique=True)
    verified_at: Mapped[datetime] = mapped_column(default=utcnow)


class BallotDraft(Base):
    """A ballot being built; kept server-side so an interrupted vote resumes."""

    __tablename__ = "ballot_drafts"
    __table_args__ = (UniqueConstraint("campaign_id", "voter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    voter_key: Mapped[str] = mapped_column(String(64))
    proposal_ids: Mapped[list[int]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Ballot(Base):
    """A confirmed ballot: one per voter per campaign, enforced by the unique constraint."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("campaign_id", "voter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    # Pseudonymous; replaced by a random key when the resident asks to be forgotten.
    voter_key: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    receipt: Mapped[str] = mapped_column(String(32), unique=True)
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)

    choices: Mapped[list[BallotChoice]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class BallotChoice(Base):
    """One proposal chosen on a confirmed ballot."""

    __tablename__ = "ballot_choices"

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
