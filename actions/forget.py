"""Erasing a resident: conversation, contact address, photos, ideas' personal fields."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from actions.store.ideas import Idea
from actions.store.messaging import OutboxMessage
from actions.store.residents import Conversation, Resident
from actions.store.voting import Ballot, BallotDraft, Voter
from actions.store.web import WebPhoto


def forget(session: Session, *, resident_id: int) -> None:
    """Deletes the resident's personal data; a confirmed ballot stays counted, unlinked."""
    resident = session.get(Resident, resident_id)
    if resident is None:
        return
    key = resident.voter_key
    anonymous = "deleted-" + secrets.token_hex(24)
    session.execute(update(Ballot).where(Ballot.voter_key == key).values(voter_key=anonymous))
    session.execute(update(Voter).where(Voter.voter_key == key).values(voter_key=anonymous))
    session.execute(delete(BallotDraft).where(BallotDraft.voter_key == key))
    session.execute(
        update(Idea)
        .where(Idea.resident_id == resident_id)
        .values(resident_id=None, latitude=None, longitude=None, photo_ref=None)
    )
    session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.resident_id == resident_id, OutboxMessage.status == "pending"
        )
    )
    session.execute(delete(WebPhoto).where(WebPhoto.resident_id == resident_id))
    session.execute(delete(Conversation).where(Conversation.resident_id == resident_id))
    session.delete(resident)
    session.flush()


def idea_ids(session: Session, *, resident_id: int) -> list[int]:
    """The ideas a resident submitted (for tests and the admin view)."""
    return list(session.scalars(select(Idea.id).where(Idea.resident_id == resident_id)))
