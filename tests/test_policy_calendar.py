"""Business-day arithmetic in the user's timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from agent.policy import (
    add_business_days,
    is_business_day,
    local_date,
    next_business_day_on_or_after,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
GOOD_FRIDAY = date(2026, 4, 3)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 2), True),  # Monday
        (date(2026, 3, 6), True),  # Friday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
    ],
)
def test_weekends_are_not_business_days(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_a_holiday_is_not_a_business_day() -> None:
    assert is_business_day(GOOD_FRIDAY)
    assert not is_business_day(GOOD_FRIDAY, frozenset({GOOD_FRIDAY}))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
        (date(2026, 3, 2), 1, date(2026, 3, 3)),  # Mon + 1 = Tue
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Fri + 1 = Mon
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Sat + 1 = Mon
        (date(2026, 3, 8), 1, date(2026, 3, 9)),  # Sun + 1 = Mon
        (date(2026, 3, 5), 5, date(2026, 3, 12)),  # Thu + 5 = next Thu
        (date(2026, 3, 2), 10, date(2026, 3, 16)),
        (date(2026, 3, 9), -1, date(2026, 3, 6)),  # backwards over a weekend
    ],
)
def test_add_business_days(start: date, n: int, expected: date) -> None:
    assert add_business_days(start, n) == expected


def test_add_business_days_skips_holidays() -> None:
    # Thu 2 April + 1 business day, with Good Friday off, is Monday 6 April.
    assert add_business_days(date(2026, 4, 2), 1, frozenset({GOOD_FRIDAY})) == date(2026, 4, 6)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 4), date(2026, 3, 4)),
        (date(2026, 3, 7), date(2026, 3, 9)),
        (date(2026, 3, 8), date(2026, 3, 9)),
    ],
)
def test_next_business_day_on_or_after(day: date, expected: date) -> None:
    assert next_business_day_on_or_after(day) == expected


@pytest.mark.parametrize(
    ("moment", "tz", "expected"),
    [
        # 23:30 in Los Angeles is already the next morning in Berlin.
        (
            datetime(2026, 3, 5, 23, 30, tzinfo=timezone(timedelta(hours=-8))),
            BERLIN,
            date(2026, 3, 6),
        ),
        # Just after midnight Berlin summer time on the night the clocks went forward.
        (datetime(2026, 3, 30, 22, 30, tzinfo=UTC), BERLIN, date(2026, 3, 31)),
        # Winter time again: 23:30 UTC on 29 October is 00:30 CET on the 30th.
        (datetime(2026, 10, 29, 23, 30, tzinfo=UTC), BERLIN, date(2026, 10, 30)),
        (datetime(2026, 10, 29, 22, 59, tzinfo=UTC), BERLIN, date(2026, 10, 29)),
        # New York on the day after its spring change: midnight EDT is 04:00 UTC.
        (datetime(2026, 3, 17, 4, 0, tzinfo=UTC), NEW_YORK, date(2026, 3, 17)),
        (datetime(2026, 3, 17, 3, 59, tzinfo=UTC), NEW_YORK, date(2026, 3, 16)),
    ],
)
def test_local_date_follows_the_users_wall_clock(
    moment: datetime, tz: ZoneInfo, expected: date
) -> None:
    assert local_date(moment, tz) == expected


def test_a_naive_moment_is_taken_as_utc() -> None:
    assert local_date(datetime(2026, 3, 5, 23, 30), BERLIN) == date(2026, 3, 6)
