"""Business-day arithmetic on plain dates.

Everything works on `date` values in the user's timezone: converting a moment to a local date
first (`local_date`) and only then counting days keeps DST changes out of the arithmetic.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

NO_HOLIDAYS: frozenset[date] = frozenset()


def is_business_day(d: date, holidays: frozenset[date] = NO_HOLIDAYS) -> bool:
    """Monday to Friday, and not one of `holidays`."""
    return d.weekday() < 5 and d not in holidays


def next_business_day_on_or_after(d: date, holidays: frozenset[date] = NO_HOLIDAYS) -> date:
    """`d` itself when it is a business day, else the first business day after it."""
    while not is_business_day(d, holidays):
        d += timedelta(days=1)
    return d


def add_business_days(d: date, n: int, holidays: frozenset[date] = NO_HOLIDAYS) -> date:
    """Step `n` business days from `d` (backwards when `n` is negative).

    The starting day itself never counts, so adding 1 to a Friday or a Saturday gives Monday.
    `n == 0` returns `d` unchanged, even on a weekend.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += timedelta(days=step)
        if is_business_day(d, holidays):
            remaining -= 1
    return d


def local_date(dt: datetime, tz: ZoneInfo) -> date:
    """The calendar date of moment `dt` on a wall clock in `tz`.

    A naive datetime is taken as UTC: every parsed message is aware, and guessing the user's
    zone for a stray naive value would shift dates silently near midnight.
    """
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(tz).date()
