"""Dates, counts and untrusted text written the way the weekly email shows them.

Day and month names are spelled here rather than with strftime, whose output follows the
process locale: the email must read the same on every machine.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Bidirectional overrides and isolates can make a name display as something else.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Mail-derived text on one line: control and bidi characters dropped, runs of
    whitespace (newlines included) made one space."""
    if not text:
        return ""
    text = _BIDI.sub("", text)
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return _SPACES.sub(" ", text).strip()


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    """`moment` in the user's timezone; naive values are taken as UTC (the store's way)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(tz)


def day(d: date, today: date) -> str:
    """'Thu 19 Nov', with the year when it is not this year's."""
    text = f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def day_time(moment: datetime, today: date) -> str:
    """'Thu 19 Nov, 14:00' (the moment already in the user's timezone)."""
    return f"{day(moment.date(), today)}, {moment:%H:%M}"


def short_date(d: date) -> str:
    """'23 Nov 2026'."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def long_day(moment: datetime) -> str:
    """'Monday 23 November 2026, 08:00'."""
    return (
        f"{_LONG_DAYS[moment.weekday()]} {moment.day} {_LONG_MONTHS[moment.month - 1]} "
        f"{moment.year}, {moment:%H:%M}"
    )


def relative(d: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago', 'tomorrow', 'in 4 days'."""
    delta = (d - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    if delta < 0:
        return f"{-delta} days ago"
    return f"in {delta} days"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 draft', '2 drafts', '2 replies' (with `many`)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def days_amount(value: float) -> str:
    """'1 day', '6 days', '6.5 days'."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        return plural(int(rounded), "day")
    return f"{rounded:.1f} days"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"
