"""Photos residents send in the widget: which are accepted, kept, shown, given to organisers."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.errors import NotFoundError
from actions.moderate import get as get_idea
from actions.store.ideas import Idea
from actions.store.residents import Conversation
from actions.store.web import WebPhoto

REF_PREFIX = "web-photo:"  # an idea's photo_ref for a widget photo; other channels use theirs
MAX_BYTES = 5 * 1024 * 1024
# The bytes each accepted format starts with, at their offsets. A browser's Content-Type comes
# from the file's name, so the bytes decide what is stored and served.
SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    "image/jpeg": ((0, b"\xff\xd8\xff"),),
    "image/png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "image/webp": ((0, b"RIFF"), (8, b"WEBP")),  # a RIFF container (its size between) of WebP
}
CONTENT_TYPES = frozenset(SIGNATURES)
PROVIDERS = {"telegram": "Telegram", "whatsapp": "WhatsApp"}  # who holds other channels' photos
# A photo no idea and no unfinished idea uses is deleted this long after it was sent (one sent
# at a step that takes none, or before the resident cancelled the idea).
KEEP_UNUSED = timedelta(hours=24)
_REF = re.compile(re.escape(REF_PREFIX) + r"[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class Photo:
    """A stored photo's bytes and their media type."""

    id: str
    content_type: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The media type the bytes are (JPEG, PNG or WebP), or None for anything else."""
    for kind, parts in SIGNATURES.items():
        if all(data[offset : offset + len(magic)] == magic for offset, magic in parts):
            return kind
    return None


def new_id() -> str:
    """A fresh random photo id (24 URL-safe characters)."""
    return secrets.token_urlsafe(18)


def ref(photo_id: str) -> str:
    """The reference an idea keeps for a widget photo."""
    return REF_PREFIX + photo_id


def store(
    session: Session, *, photo_id: str, resident_id: int, data: bytes, now: datetime
) -> Photo:
    """Keeps the photo for the resident; ValueError unless it is an accepted image."""
    kind = sniff(data)
    if kind is None or len(data) > MAX_BYTES:
        raise ValueError("not an accepted photo")
    session.add(
        WebPhoto(id=photo_id, resident_id=resident_id, content_type=kind, data=data, created_at=now)
    )
    session.flush()
    return Photo(photo_id, kind, data)


def of_resident(session: Session, *, resident_id: int, photo_id: str) -> Photo | None:
    """The resident's own photo with this id (None for anyone else's or a missing one)."""
    row = session.scalar(
        select(WebPhoto).where(WebPhoto.id == photo_id, WebPhoto.resident_id == resident_id)
    )
    return Photo(row.id, row.content_type, row.data) if row is not None else None


def of_idea(session: Session, *, campaign_id: int, idea_id: int) -> Photo:
    """The widget photo of the campaign's idea; NotFoundError when there is none here."""
    idea = get_idea(session, campaign_id=campaign_id, idea_id=idea_id)
    photo_ref = idea.photo_ref
    if not photo_ref:
        raise NotFoundError("photo_not_found", f"idea {idea_id} has no photo")
    if not photo_ref.startswith(REF_PREFIX):
        prefix = photo_ref.partition(":")[0]
        provider = PROVIDERS.get(prefix, prefix or "another service")
        raise NotFoundError(
            "photo_elsewhere",
            f"the photo of idea {idea_id} is held by {provider}, not by pbchat: "
            f"fetch it there with its file id",
        )
    row = session.get(WebPhoto, photo_ref.removeprefix(REF_PREFIX))
    if row is None:
        raise NotFoundError("photo_not_found", f"the photo of idea {idea_id} is gone")
    return Photo(row.id, row.content_type, row.data)


def prune(session: Session, *, now: datetime, keep: timedelta = KEEP_UNUSED) -> int:
    """Deletes the photos older than `keep` that neither an idea nor an idea still being written
    refers to; how many it deleted."""
    old = session.execute(
        select(WebPhoto.id, WebPhoto.resident_id).where(WebPhoto.created_at < now - keep)
    ).all()
    if not old:
        return 0
    refs = {ref(photo_id) for photo_id, _ in old}
    used = set(session.scalars(select(Idea.photo_ref).where(Idea.photo_ref.in_(refs))))
    contexts = session.scalars(
        select(Conversation.context).where(
            Conversation.resident_id.in_({resident for _, resident in old})
        )
    )
    # A draft keeps its photo in the conversation, also while the resident looks elsewhere
    # (a left flow's context is nested inside the current one).
    for context in contexts:
        used.update(_REF.findall(json.dumps(context)))
    doomed = [photo_id for photo_id, _ in old if ref(photo_id) not in used]
    if doomed:
        session.execute(delete(WebPhoto).where(WebPhoto.id.in_(doomed)))
    return len(doomed)
