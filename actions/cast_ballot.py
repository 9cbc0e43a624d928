"""Building a draft ballot and confirming it, under the campaign's rules."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actions import browse
from actions.domain import voting_code
from actions.domain.ballot_rules import BallotItem, Violation
from actions.domain.campaign import CampaignInfo, ChangePolicy, Phase
from actions.store.campaigns import Proposal
from actions.store.voting import Ballot, BallotChoice, BallotDraft


@dataclass(frozen=True, slots=True)
class DraftView:
    """The proposals on a draft ballot and their total cost."""

    proposals: list[Proposal]

    @property
    def total(self) -> int:
        """The summed cost of the chosen proposals."""
        return sum(p.cost for p in self.proposals)

    @property
    def ids(self) -> list[int]:
        """The chosen proposals' ids, in the order chosen."""
        return [p.id for p in self.proposals]


@dataclass(frozen=True, slots=True)
class Change:
    """The outcome of adding or removing: the violations (if refused) and the draft after."""

    draft: DraftView
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the change was made."""
        return not self.violations


@dataclass(frozen=True, slots=True)
class Confirmation:
    """The outcome of confirming: a receipt, or why not."""

    receipt: str | None
    violations: list[Violation] = field(default_factory=list)


def _items(proposals: list[Proposal]) -> list[BallotItem]:
    return [BallotItem(p.id, p.cost, p.theme_key) for p in proposals]


def _draft_row(session: Session, campaign_id: int, voter_key: str) -> BallotDraft | None:
    return session.scalar(
        select(BallotDraft).where(
            BallotDraft.campaign_id == campaign_id, BallotDraft.voter_key == voter_key
        )
    )


def draft(session: Session, *, campaign: CampaignInfo, voter_key: str) -> DraftView:
    """The resident's draft ballot (empty if none)."""
    row = _draft_row(session, campaign.id, voter_key)
    return DraftView(browse.by_ids(session, ids=list(row.proposal_ids)) if row else [])


def _save(session: Session, campaign_id: int, voter_key: str, ids: list[int]) -> None:
    row = _draft_row(session, campaign_id, voter_key)
    if row is None:
        session.add(BallotDraft(campaign_id=campaign_id, voter_key=voter_key, proposal_ids=ids))
    else:
        row.proposal_ids = ids


def add(session: Session, *, campaign: CampaignInfo, voter_key: str, proposal: Proposal) -> Change:
    """Adds a proposal to the draft unless that breaks a rule."""
    current = draft(session, campaign=campaign, voter_key=voter_key)
    item = BallotItem(proposal.id, proposal.cost, proposal.theme_key)
    violations = campaign.rules.check_add(_items(current.proposals), item)
    if violations:
        return Change(current, violations)
    _save(session, campaign.id, voter_key, [*current.ids, proposal.id])
    return Change(DraftView([*current.proposals, proposal]))


def remove(session: Session, *, campaign: CampaignInfo, voter_key: str, proposal_id: int) -> Change:
    """Removes a proposal from the draft (a no-op if it is not there)."""
    current = draft(session, campaign=campaign, voter_key=voter_key)
    kept = [p for p in current.proposals if p.id != proposal_id]
    _save(session, campaign.id, voter_key, [p.id for p in kept])
    return Change(DraftView(kept))


def clear(session: Session, *, campaign: CampaignInfo, voter_key: str) -> None:
    """Empties the draft."""
    _save(session, campaign.id, voter_key, [])


def confirmed(session: Session, *, campaign_id: int, voter_key: str) -> Ballot | None:
    """The resident's confirmed ballot in the campaign, if any."""
    return session.scalar(
        select(Ballot).where(Ballot.campaign_id == campaign_id, Ballot.voter_key == voter_key)
    )


def _receipt() -> str:
    code = "".join(secrets.choice(voting_code.ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def confirm(
    session: Session, *, campaign: CampaignInfo, voter_key: str, channel: str, now: datetime
) -> Confirmation:
    """Stores the draft as the voter's ballot, checked once more against every rule."""
    if campaign.dates.phase_at(now) is not Phase.VOTING:
        return Confirmation(None, [Violation("voting_closed")])
    current = draft(session, campaign=campaign, voter_key=voter_key)
    violations = campaign.rules.check_final(_items(current.proposals))
    if violations:
        return Confirmation(None, violations)
    existing = confirmed(session, campaign_id=campaign.id, voter_key=voter_key)
    if existing is not None:
        if campaign.change_policy is ChangePolicy.FINAL:
            return Confirmation(None, [Violation("already_voted")])
        session.execute(delete(BallotChoice).where(BallotChoice.ballot_id == existing.id))
        session.add_all(BallotChoice(ballot_id=existing.id, proposal_id=i) for i in current.ids)
        existing.confirmed_at = now
        existing.channel = channel
        session.flush()
        return Confirmation(existing.receipt)
    receipt = _receipt()
    try:
        # The unique (campaign, voter) constraint decides between two concurrent confirmations.
        with session.begin_nested():
            ballot = Ballot(
                campaign_id=campaign.id,
                voter_key=voter_key,
                channel=channel,
                receipt=receipt,
                confirmed_at=now,
            )
            ballot.choices = [BallotChoice(proposal_id=i) for i in current.ids]
            session.add(ballot)
            session.flush()
    except IntegrityError:
        return Confirmation(None, [Violation("already_voted")])
    return Confirmation(receipt)
