"""Campaign phases from dates, and date consistency."""

from datetime import UTC, datetime, timedelta

from actions.domain.campaign import Phase, PhaseDates

T0 = datetime(2027, 3, 1, tzinfo=UTC)
DATES = PhaseDates(
    ideas_open=T0,
    ideas_close=T0 + timedelta(days=10),
    voting_open=T0 + timedelta(days=20),
    voting_close=T0 + timedelta(days=30),
    results_published=T0 + timedelta(days=35),
)


def test_phase_follows_the_dates() -> None:
    assert DATES.phase_at(T0 - timedelta(seconds=1)) is Phase.UPCOMING
    assert DATES.phase_at(T0) is Phase.IDEAS
    assert DATES.phase_at(T0 + timedelta(days=15)) is Phase.BETWEEN
    assert DATES.phase_at(T0 + timedelta(days=20)) is Phase.VOTING
    assert DATES.phase_at(T0 + timedelta(days=30)) is Phase.COUNTING
    assert DATES.phase_at(T0 + timedelta(days=40)) is Phase.RESULTS


def test_dates_out_of_order_are_reported() -> None:
    broken = PhaseDates(voting_open=T0, voting_close=T0 - timedelta(days=1))
    assert broken.problems() == ["voting_close_before_voting_open"]
    assert DATES.problems() == []
