"""The web channel's turns: sessions opened, messages answered, transcripts kept and read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from actions import web_photos
from bot.channels.web import CHANNEL, transcript
from bot.channels.web.cors import OriginPolicy
from bot.channels.web.limits import Limiter
from bot.channels.web.render import bot_body, resident_body
from bot.channels.web.session import SessionTokens, WebSession
from bot.channels.web.ui import texts
from bot.engine.engine import Engine
from bot.engine.messages import Image, Inbound, Location, Reply


@dataclass(frozen=True, slots=True)
class Upload:
    """A photo the widget sent: its bytes (already checked) and the id it is kept under."""

    data: bytes
    id: str = field(default_factory=web_photos.new_id)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """What the widget sent: one of text, payload, location, photo; `client_id` for retries."""

    text: str | None = None
    payload: str | None = None
    location: Location | None = None
    photo: Upload | None = None
    client_id: str | None = None


@dataclass
class Exchange:
    """A turn's messages as the widget shows them; `ended` after "delete my data"."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    ended: bool = False


class WebChannel:
    """Runs widget turns through the engine and keeps each resident's transcript."""

    def __init__(
        self,
        engine: Engine,
        *,
        tokens: SessionTokens | None = None,
        message_limits: Limiter | None = None,
        session_limits: Limiter | None = None,
        photo_limits: Limiter | None = None,
    ) -> None:
        self.engine = engine
        self.services = engine.services
        self.tokens = tokens or SessionTokens(engine.services.secret, engine.services.clock)
        self.origins = OriginPolicy(engine.database)
        # A person taps about once a second; bursts cover quick double taps and retries.
        self.message_limits = message_limits or Limiter(rate=1.0, burst=20)
        # Per client address; generous because many residents may share one (a library, NAT).
        self.session_limits = session_limits or Limiter(rate=2.0, burst=60)
        # Photos fill the database (up to 5 MB each): a few at once, then one a minute.
        self.photo_limits = photo_limits or Limiter(rate=1 / 60, burst=5)

    def start(self, campaign: str, locale_hint: str | None) -> tuple[str, Exchange]:
        """A new session on `campaign` (which must exist) and the bot's opening messages."""
        token, session = self.tokens.issue(campaign)
        inbound = Inbound(CHANNEL, session.id, start_param=campaign, locale_hint=locale_hint)
        return token, self._turn(inbound, None)

    def send(self, session: WebSession, message: Outgoing, locale_hint: str | None) -> Exchange:
        """The resident's message and the replies to it (replayed if it was handled before)."""
        inbound = Inbound(
            CHANNEL,
            session.id,
            text=message.text,
            payload=message.payload,
            location=message.location,
            image=Image(web_photos.ref(message.photo.id)) if message.photo else None,
            locale_hint=locale_hint,
            message_id=f"{session.id}:{message.client_id}" if message.client_id else None,
        )
        return self._turn(inbound, message)

    def photo(self, session: WebSession, photo_id: str) -> web_photos.Photo | None:
        """A photo this session's resident sent (None for anyone else's)."""
        with self.engine.database.transaction() as db:
            resident = transcript.resident_of(
                db, secret=self.services.secret, session_id=session.id
            )
            if resident is None:
                return None
            return web_photos.of_resident(db, resident_id=resident, photo_id=photo_id)

    def history(self, session: WebSession, after: int = 0) -> list[dict[str, Any]]:
        """The conversation so far (after entry `after`), oldest first."""
        with self.engine.database.transaction() as db:
            resident = transcript.resident_of(
                db, secret=self.services.secret, session_id=session.id
            )
            if resident is None:
                return []
            return transcript.entries(db, resident_id=resident, after=after)

    def _turn(self, inbound: Inbound, message: Outgoing | None) -> Exchange:
        exchange = Exchange()
        handled = False

        def record(db: Session, resident_id: int | None, replies: list[Reply]) -> None:
            nonlocal handled
            handled = True
            if resident_id is None:  # the resident asked to be forgotten: keep nothing
                exchange.ended = True
                exchange.entries = [{"id": None, **bot_body(r)} for r in replies]
                return
            now = self.services.clock()
            if message is not None:
                photo = message.photo
                if photo is not None:  # in the turn's transaction: kept exactly when it ran
                    web_photos.store(
                        db, photo_id=photo.id, resident_id=resident_id, data=photo.data, now=now
                    )
                shown = self._shown(db, resident_id, message, replies)
                entry = transcript.append(
                    db,
                    resident_id=resident_id,
                    sender="resident",
                    body=resident_body(shown, photo.id if photo else None),
                    now=now,
                    message_id=message.client_id,
                )
                exchange.entries.append(transcript.as_json(entry))
            for reply in replies:
                entry = transcript.append(
                    db, resident_id=resident_id, sender="bot", body=bot_body(reply), now=now
                )
                exchange.entries.append(transcript.as_json(entry))
            transcript.trim(db, resident_id=resident_id)

        self.engine.handle(inbound, outlet=record)
        if not handled and message is not None and message.client_id:
            exchange.entries = self._replay(inbound.user_id, message.client_id)
        return exchange

    def _shown(self, db: Session, resident_id: int, message: Outgoing, replies: list[Reply]) -> str:
        """The resident's side of the transcript: their words, or the label they tapped."""
        if message.text is not None:
            return message.text
        if message.payload is not None:
            found = transcript.label_for(db, resident_id=resident_id, payload=message.payload)
            return found if found is not None else "…"
        language = replies[0].language if replies else "en"
        said = texts(self.services.catalogs.get(language))
        return said["photo_sent"] if message.photo is not None else said["location_shared"]

    def _replay(self, session_id: str, client_id: str) -> list[dict[str, Any]]:
        with self.engine.database.transaction() as db:
            resident = transcript.resident_of(
                db, secret=self.services.secret, session_id=session_id
            )
            if resident is None:
                return []
            return transcript.replay(db, resident_id=resident, message_id=client_id)
