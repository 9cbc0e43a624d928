"""Broadcasts: an organiser's message to a campaign's residents, each in their own language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, String, exists, func, insert, literal, select, update
from sqlalchemy.orm import Session

from actions.errors import NotFoundError, Problem, invalid
from actions.listing import Listing, page_of
from actions.manage_campaigns import get as get_campaign
from actions.store.broadcasts import Broadcast
from actions.store.campaigns import Campaign
from actions.store.messaging import OutboxMessage
from actions.store.residents import Conversation, Resident
from actions.store.voting import Ballot

CODE = "broadcast"  # the notice code bot/notices.py renders as the text itself
# Rows not delivered yet. A "sending" row is in flight: it may still arrive, and is then
# counted as sent; if it comes back for a retry, the sender leaves it cancelled.
CANCELLABLE = ("pending", "sending", "held")
Ts = TypeVarTuple("Ts")


@dataclass(frozen=True, slots=True)
class Audience:
    """Who of a campaign's residents get a broadcast; None leaves a criterion out."""

    languages: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    voted: bool | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {
            "languages": list(self.languages) if self.languages is not None else None,
            "channels": list(self.channels) if self.channels is not None else None,
            "voted": self.voted,
        }


@dataclass(frozen=True, slots=True)
class Preview:
    """How many residents a broadcast would reach, by language and by channel."""

    recipients: int
    by_language: dict[str, int]
    by_channel: dict[str, int]


@dataclass(frozen=True, slots=True)
class Delivery:
    """A broadcast's outbox rows by status ("sending" ones count as pending)."""

    pending: int = 0
    sent: int = 0
    failed: int = 0
    held: int = 0
    cancelled: int = 0


def checked_texts(texts: Mapping[str, str], languages: tuple[str, ...]) -> dict[str, str]:
    """The texts stripped; InvalidError for a language outside the campaign or no default text.

    Each text's own shape (length, control characters) is the API body's to check.
    """
    cleaned = {lang: text.strip() for lang, text in texts.items()}
    found = [
        Problem(
            "unknown_language",
            f"{lang!r} is not a language of the campaign ({', '.join(languages)})",
            f"texts.{lang}",
        )
        for lang in cleaned
        if lang not in languages
    ]
    default = languages[0]
    if default not in cleaned:
        message = f"give the text in {default!r}, the campaign's default language: residents "
        message += "whose language has no text get that one"
        found.append(Problem("missing_default_translation", message, "texts"))
    if found:
        raise invalid(found, "the broadcast is not valid")
    return cleaned


def _checked_audience(audience: Audience, languages: tuple[str, ...]) -> Audience:
    found = [
        Problem("unknown_language", f"{lang!r} is not a language of the campaign", "audience")
        for lang in audience.languages or ()
        if lang not in languages
    ]
    if found:
        raise invalid(found, "the audience is not valid")
    return audience


def _audience(query: Select[*Ts], campaign: Campaign, audience: Audience) -> Select[*Ts]:
    """`query` (of residents) narrowed to the campaign's reachable residents in the audience."""
    query = query.join(Conversation, Conversation.resident_id == Resident.id).where(
        Resident.campaign_id == campaign.id,
        # Only residents who agreed to the privacy notice: the others never let us keep them.
        Resident.consent_at.is_not(None),
        Resident.opted_out.is_(False),
        Resident.address.is_not(None),
        Resident.address != "",
    )
    if audience.languages is not None:
        query = query.where(_language(campaign).in_(audience.languages))
    if audience.channels is not None:
        query = query.where(Resident.channel.in_(audience.channels))
    if audience.voted is not None:
        # A ballot cast in the chat carries the voter key of the resident who cast it.
        voted = exists().where(
            Ballot.campaign_id == campaign.id, Ballot.voter_key == Resident.voter_key
        )
        query = query.where(voted if audience.voted else ~voted)
    return query


def _language(campaign: Campaign) -> ColumnElement[str]:
    """A resident's language; the campaign's default when they never chose one."""
    return func.coalesce(Resident.language, literal(campaign.languages[0], String))


def preview(
    session: Session, *, campaign_id: int, texts: Mapping[str, str], audience: Audience
) -> Preview:
    """What sending would reach, checked like sending; nothing is stored or queued."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    languages = tuple(campaign.languages)
    checked_texts(texts, languages)
    query = select(_language(campaign), Resident.channel)
    rows = session.execute(_audience(query, campaign, _checked_audience(audience, languages))).all()
    return Preview(
        recipients=len(rows),
        by_language=dict(sorted(Counter(r[0] for r in rows).items())),
        by_channel=dict(sorted(Counter(r[1] for r in rows).items())),
    )


def send(
    session: Session,
    *,
    campaign_id: int,
    texts: Mapping[str, str],
    audience: Audience,
    created_by: str,
    now: datetime,
) -> Broadcast:
    """Stores the broadcast and queues one notice per resident, in their language or the default."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    languages = tuple(campaign.languages)
    cleaned = checked_texts(texts, languages)
    query = select(Resident.id, Resident.channel, Resident.address, _language(campaign))
    query = _audience(query, campaign, _checked_audience(audience, languages))
    residents = session.execute(query.order_by(Resident.id)).all()
    broadcast = Broadcast(
        campaign_id=campaign.id,
        texts=cleaned,
        audience=audience.to_json(),
        recipients=len(residents),
        created_by=created_by[:100],
        created_at=now,
    )
    session.add(broadcast)
    session.flush()
    payloads = {
        lang: {"code": CODE, "params": {"text": cleaned.get(lang, cleaned[languages[0]])}}
        for lang in {r[3] for r in residents}
    }
    if residents:
        # One multi-row INSERT (batched by the driver), not an ORM object per resident.
        session.execute(
            insert(OutboxMessage),
            [
                {
                    "channel": channel,
                    "resident_id": resident_id,
                    "address": address,
                    "kind": "notice",
                    "payload": payloads[language],
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "broadcast_id": broadcast.id,
                }
                for resident_id, channel, address, language in residents
            ],
        )
    return broadcast


def get(session: Session, *, campaign_id: int, broadcast_id: int) -> Broadcast:
    """The campaign's broadcast with this id; NotFoundError otherwise."""
    row = session.get(Broadcast, broadcast_id)
    if row is None or row.campaign_id != campaign_id:
        message = f"campaign {campaign_id} has no broadcast {broadcast_id}"
        raise NotFoundError("broadcast_not_found", message)
    return row


def listing(session: Session, *, campaign_id: int, limit: int, offset: int) -> Listing[Broadcast]:
    """The campaign's broadcasts, newest first."""
    get_campaign(session, campaign_id=campaign_id)
    query = (
        select(Broadcast)
        .where(Broadcast.campaign_id == campaign_id)
        .order_by(Broadcast.created_at.desc(), Broadcast.id.desc())
    )
    return page_of(session, query, limit=limit, offset=offset)


def deliveries(session: Session, *, broadcast_ids: list[int]) -> dict[int, Delivery]:
    """Each broadcast's delivery so far, counted from its outbox rows."""
    counts: dict[int, Counter[str]] = {i: Counter() for i in broadcast_ids}
    if broadcast_ids:
        rows = session.execute(
            select(OutboxMessage.broadcast_id, OutboxMessage.status, func.count())
            .where(OutboxMessage.broadcast_id.in_(broadcast_ids))
            .group_by(OutboxMessage.broadcast_id, OutboxMessage.status)
        ).all()
        for broadcast_id, status, count in rows:
            assert broadcast_id is not None  # the query asked for these ids only
            counts[broadcast_id]["pending" if status == "sending" else status] += count
    names = [f.name for f in fields(Delivery)]
    return {i: Delivery(**{name: c[name] for name in names}) for i, c in counts.items()}


def cancel(session: Session, *, campaign_id: int, broadcast_id: int, now: datetime) -> int:
    """Stops the broadcast's undelivered rows (their addresses erased); how many it stopped."""
    broadcast = get(session, campaign_id=campaign_id, broadcast_id=broadcast_id)
    if broadcast.cancelled_at is None:
        broadcast.cancelled_at = now
    stopped = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.broadcast_id == broadcast.id, OutboxMessage.status.in_(CANCELLABLE))
        .values(status="cancelled", address=None)
    )
    count: int = stopped.rowcount  # type: ignore[attr-defined]
    return count
