"""Participation figures of a campaign: counts only, never personal data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.manage_campaigns import get as get_campaign
from actions.manage_codes import CodeCounts, counts
from actions.store.ideas import Idea
from actions.store.residents import Resident
from actions.store.voting import Ballot

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total split by day (ISO date in the campaign's time zone), channel and language."""

    total: int
    by_day: dict[str, int]
    by_channel: dict[str, int]
    by_language: dict[str, int]
    by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Statistics:
    """Participants, ideas, ballots, codes, and turnout (ballots per active code issued)."""

    participants: Breakdown
    ideas: Breakdown
    ballots: Breakdown
    codes: CodeCounts
    turnout: float | None


def _breakdown(
    rows: Iterable[tuple[datetime, str, str | None]], zone: ZoneInfo, statuses: list[str] | None
) -> Breakdown:
    days: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    total = 0
    for when, channel, language in rows:
        total += 1
        days[when.astimezone(zone).date().isoformat()] += 1
        channels[channel] += 1
        languages[language or UNKNOWN] += 1
    return Breakdown(
        total=total,
        by_day=dict(sorted(days.items())),
        by_channel=dict(sorted(channels.items())),
        by_language=dict(sorted(languages.items())),
        by_status=dict(sorted(Counter(statuses).items())) if statuses is not None else {},
    )


def of_campaign(session: Session, *, campaign_id: int) -> Statistics:
    """The campaign's participation figures."""
    campaign = get_campaign(session, campaign_id=campaign_id)
    zone = ZoneInfo(campaign.timezone)
    residents = session.execute(
        select(Resident.created_at, Resident.channel, Resident.language).where(
            Resident.campaign_id == campaign_id
        )
    ).all()
    ideas = session.execute(
        select(Idea.created_at, Idea.channel, Idea.language, Idea.status).where(
            Idea.campaign_id == campaign_id
        )
    ).all()
    ballots = session.execute(
        select(Ballot.confirmed_at, Ballot.channel, Resident.language)
        .outerjoin(Resident, Resident.voter_key == Ballot.voter_key)
        .where(Ballot.campaign_id == campaign_id)
    ).all()
    total, _ = counts(session, campaign_id=campaign_id)
    ballot_breakdown = _breakdown(ballots, zone, None)
    active = total.issued - total.revoked
    return Statistics(
        participants=_breakdown(residents, zone, None),
        ideas=_breakdown(((i[0], i[1], i[2]) for i in ideas), zone, [i[3] for i in ideas]),
        ballots=ballot_breakdown,
        codes=total,
        turnout=round(ballot_breakdown.total / active, 4) if active > 0 else None,
    )
