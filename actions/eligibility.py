"""Checking whether a resident may vote: voting codes, postcodes, lockout."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from actions.domain import voting_code
from actions.domain.campaign import CampaignInfo, Eligibility
from actions.store.residents import Resident
from actions.store.voting import Voter, VotingCode


class CodeOutcome(enum.StrEnum):
    """What happened to an entered code."""

    ACCEPTED = "accepted"
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    USED = "used"
    LOCKED = "locked"
    WRONG_POSTCODE = "wrong_postcode"


def is_eligible(session: Session, *, campaign: CampaignInfo, voter_key: str) -> bool:
    """Whether this voter key has proven eligibility in the campaign (always, if open)."""
    if campaign.eligibility is Eligibility.OPEN:
        return True
    return (
        session.scalar(
            select(Voter.id).where(Voter.campaign_id == campaign.id, Voter.voter_key == voter_key)
        )
        is not None
    )


def register_open(session: Session, *, campaign: CampaignInfo, voter_key: str) -> None:
    """Records an open-campaign voter (the channel identity is the proof)."""
    if not is_eligible_recorded(session, campaign_id=campaign.id, voter_key=voter_key):
        session.add(Voter(campaign_id=campaign.id, voter_key=voter_key, method="open"))


def is_eligible_recorded(session: Session, *, campaign_id: int, voter_key: str) -> bool:
    """Whether a Voter row exists for this key."""
    return (
        session.scalar(
            select(Voter.id).where(Voter.campaign_id == campaign_id, Voter.voter_key == voter_key)
        )
        is not None
    )


def normalise_postcode(text: str) -> str:
    """A Dutch postcode without spaces, upper case ("1055 ab" -> "1055AB")."""
    return "".join(text.split()).upper()


def postcode_ok(campaign: CampaignInfo, entered: str) -> bool:
    """Whether the postcode lies in the campaign's list (4-digit prefixes match too)."""
    code = normalise_postcode(entered)
    return any(code == p or code.startswith(p) for p in campaign.postcodes)


def check_code(
    session: Session,
    *,
    campaign: CampaignInfo,
    resident: Resident,
    entered: str,
    postcode: str | None,
    pepper: bytes,
    now: datetime,
) -> CodeOutcome:
    """Verifies an entered code and, when good, marks it used and the voter eligible."""
    if resident.code_locked_until is not None and resident.code_locked_until > now:
        return CodeOutcome.LOCKED
    code = voting_code.normalise(entered)
    if code is None:
        # A typo in length or a look-alike letter is no guess at a code: it costs no try.
        return CodeOutcome.MALFORMED
    outcome = CodeOutcome.UNKNOWN
    row = session.scalar(
        select(VotingCode).where(
            VotingCode.digest == voting_code.digest(code, pepper),
            VotingCode.campaign_id == campaign.id,
            VotingCode.revoked_at.is_(None),
        )
    )
    if row is not None:
        outcome = CodeOutcome.USED if row.used_at is not None else CodeOutcome.ACCEPTED
    postcode_checked = campaign.eligibility is Eligibility.CODE_POSTCODE
    if (
        outcome is CodeOutcome.ACCEPTED
        and postcode_checked
        and (postcode is None or not postcode_ok(campaign, postcode))
    ):
        outcome = CodeOutcome.WRONG_POSTCODE
    if outcome is not CodeOutcome.ACCEPTED:
        _count_failure(resident, now)
        return CodeOutcome.LOCKED if _locked(resident, now) else outcome
    assert row is not None
    # Guarded update: of two residents racing with one code, only one flips used_at.
    claimed = session.execute(
        update(VotingCode)
        .where(VotingCode.id == row.id, VotingCode.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return CodeOutcome.USED
    session.add(
        Voter(campaign_id=campaign.id, voter_key=resident.voter_key, method="code", code_id=row.id)
    )
    resident.code_failures = 0
    resident.code_locked_until = None
    return CodeOutcome.ACCEPTED


def _count_failure(resident: Resident, now: datetime) -> None:
    if resident.code_locked_until is not None and resident.code_locked_until <= now:
        resident.code_failures = 0
        resident.code_locked_until = None
    resident.code_failures += 1
    if resident.code_failures >= voting_code.MAX_FAILURES:
        resident.code_locked_until = now + timedelta(minutes=voting_code.LOCK_MINUTES)


def _locked(resident: Resident, now: datetime) -> bool:
    return resident.code_locked_until is not None and resident.code_locked_until > now
