"""The widget's transcript in the database: written in the turn's transaction, read on reload."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.identity import voter_key
from actions.store.residents import Resident
from actions.store.web import WebTranscriptEntry
from bot.channels.web import CHANNEL
from bot.channels.web.render import option_label

KEEP = 200  # messages kept per resident; older ones are dropped as new ones come
LOOKBACK = 20  # bot messages searched for the label of a tapped button


def as_json(entry: WebTranscriptEntry) -> dict[str, Any]:
    """An entry as the API returns it: its id and its body."""
    return {"id": entry.id, **entry.body}


def resident_of(session: Session, *, secret: bytes, session_id: str) -> int | None:
    """The id of the resident behind a widget session (None before the first turn or after
    "delete my data")."""
    key = voter_key(secret, channel=CHANNEL, user_id=session_id)
    return session.scalar(select(Resident.id).where(Resident.voter_key == key))


def append(
    session: Session,
    *,
    resident_id: int,
    sender: str,
    body: dict[str, Any],
    now: datetime,
    message_id: str | None = None,
) -> WebTranscriptEntry:
    """Adds one message to the resident's transcript."""
    entry = WebTranscriptEntry(
        resident_id=resident_id, sender=sender, body=body, message_id=message_id, created_at=now
    )
    session.add(entry)
    session.flush()
    return entry


def trim(session: Session, *, resident_id: int, keep: int = KEEP) -> None:
    """Drops all but the newest `keep` messages of the resident."""
    oldest_kept = session.scalar(
        select(WebTranscriptEntry.id)
        .where(WebTranscriptEntry.resident_id == resident_id)
        .order_by(WebTranscriptEntry.id.desc())
        .offset(keep - 1)
        .limit(1)
    )
    if oldest_kept is not None:
        session.execute(
            delete(WebTranscriptEntry).where(
                WebTranscriptEntry.resident_id == resident_id, WebTranscriptEntry.id < oldest_kept
            )
        )


def label_for(session: Session, *, resident_id: int, payload: str) -> str | None:
    """The label of the button (or row) with this payload among the latest bot messages."""
    recent = session.scalars(
        select(WebTranscriptEntry)
        .where(WebTranscriptEntry.resident_id == resident_id, WebTranscriptEntry.sender == "bot")
        .order_by(WebTranscriptEntry.id.desc())
        .limit(LOOKBACK)
    )
    for entry in recent:
        label = option_label(entry.body, payload)
        if label is not None:
            return label
    return None


def entries(
    session: Session, *, resident_id: int, after: int = 0, limit: int = KEEP
) -> list[dict[str, Any]]:
    """The resident's messages after id `after`, oldest first (at most the newest `limit`)."""
    newest = session.scalars(
        select(WebTranscriptEntry)
        .where(WebTranscriptEntry.resident_id == resident_id, WebTranscriptEntry.id > after)
        .order_by(WebTranscriptEntry.id.desc())
        .limit(limit)
    )
    return [as_json(e) for e in reversed(list(newest))]


def replay(session: Session, *, resident_id: int, message_id: str) -> list[dict[str, Any]]:
    """A message already handled and the replies it got (for a retried send)."""
    first = session.scalar(
        select(WebTranscriptEntry.id).where(
            WebTranscriptEntry.resident_id == resident_id,
            WebTranscriptEntry.message_id == message_id,
        )
    )
    if first is None:
        return []
    found: list[dict[str, Any]] = []
    for entry in session.scalars(
        select(WebTranscriptEntry)
        .where(WebTranscriptEntry.resident_id == resident_id, WebTranscriptEntry.id >= first)
        .order_by(WebTranscriptEntry.id)
        .limit(50)
    ):
        if found and entry.sender == "resident":
            break
        found.append(as_json(entry))
    return found
