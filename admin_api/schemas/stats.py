"""Bodies of the statistics route."""

from __future__ import annotations

from pydantic import BaseModel, Field

from actions.statistics import Breakdown, Statistics
from admin_api.schemas.codes import CountsOut


class DayCount(BaseModel):
    """How many on one day (in the campaign's time zone)."""

    day: str
    count: int


class BreakdownOut(BaseModel):
    """A total split by day, channel and language (and status, for ideas)."""

    total: int
    by_day: list[DayCount]
    by_channel: dict[str, int]
    by_language: dict[str, int]
    by_status: dict[str, int]

    @classmethod
    def of(cls, b: Breakdown) -> BreakdownOut:
        """The body for a breakdown."""
        return cls(
            total=b.total,
            by_day=[DayCount(day=d, count=n) for d, n in b.by_day.items()],
            by_channel=b.by_channel,
            by_language=b.by_language,
            by_status=b.by_status,
        )


class StatisticsOut(BaseModel):
    """Participation in a campaign; counts only."""

    participants: BreakdownOut = Field(description="Residents who chose the campaign.")
    ideas: BreakdownOut
    ballots: BreakdownOut
    codes: CountsOut
    turnout: float | None = Field(description="Ballots per issued, unrevoked voting code.")

    @classmethod
    def of(cls, s: Statistics) -> StatisticsOut:
        """The body for a campaign's statistics."""
        return cls(
            participants=BreakdownOut.of(s.participants),
            ideas=BreakdownOut.of(s.ideas),
            ballots=BreakdownOut.of(s.ballots),
            codes=CountsOut.of(s.codes),
            turnout=s.turnout,
        )
