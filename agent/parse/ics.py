"""Calendar objects (text/calendar parts, .ics attachments) -> CalendarEvent, via icalendar.

Broken calendars never raise: the caller gets fewer events and a list of problems.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from agent.message import Address, CalendarEvent

MAX_ICS_BYTES = 2_000_000  # real invites are a few kB; a bigger one is a data export
MAX_EVENTS = 50


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        return " ".join(str(value).split())
    except Exception:
        return ""


def _when(prop: Any, fallback_tz: tzinfo, notes: list[str]) -> datetime | None:
    """An aware datetime; naive times (floating, or a TZID icalendar does not know) get
    the message's offset; all-day dates become midnight UTC."""
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            params = getattr(prop, "params", None) or {}
            if params.get("TZID"):
                notes.append(f"unknown TZID {str(params.get('TZID'))[:40]!r} in calendar")
            return value.replace(tzinfo=fallback_tz)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return None


def _organizer(prop: Any) -> Address | None:
    if prop is None:
        return None
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    addr = _text(prop)
    if addr.lower().startswith("mailto:"):
        addr = addr[7:]
    addr = addr.strip("<> ")
    params = getattr(prop, "params", None) or {}
    name = _text(params.get("CN")).strip("\"' ")
    if not addr and not name:
        return None
    return Address(name, addr)


def _partstat(event: Any) -> str | None:
    attendees = event.get("ATTENDEE")
    if attendees is None:
        return None
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        params = getattr(attendee, "params", None) or {}
        stat = _text(params.get("PARTSTAT")).upper()
        if stat:
            return stat
    return None


def _event(ev: Any, method: str | None, fallback_tz: tzinfo, notes: list[str]) -> CalendarEvent:
    start = _when(ev.get("DTSTART"), fallback_tz, notes)
    end = _when(ev.get("DTEND"), fallback_tz, notes)
    if end is None and start is not None:
        duration = getattr(ev.get("DURATION"), "dt", None)
        if isinstance(duration, timedelta):
            end = start + duration
    return CalendarEvent(
        uid=_text(ev.get("UID")) or None,
        method=method,
        start=start,
        end=end,
        organizer=_organizer(ev.get("ORGANIZER")),
        summary=_text(ev.get("SUMMARY")),
        location=_text(ev.get("LOCATION")),
        partstat=_partstat(ev) if method == "REPLY" else None,
    )


def parse_ics(
    text: str,
    method_hint: str | None,
    fallback_tz: tzinfo | None,
    note: Callable[[str], None],
) -> list[CalendarEvent]:
    """The VEVENTs of one calendar blob. `method_hint` is the MIME part's method param."""
    if len(text) > MAX_ICS_BYTES:
        note("calendar too large, ignored")
        return []
    try:
        from icalendar import Calendar

        calendars = Calendar.from_ical(text, multiple=True)
    except Exception:
        note("broken calendar")
        return []
    tz = fallback_tz or UTC
    events: list[CalendarEvent] = []
    problems: list[str] = []
    for cal in calendars:
        try:
            method = (method_hint or _text(cal.get("METHOD"))).upper() or None
            for ev in cal.walk("VEVENT"):
                if len(events) >= MAX_EVENTS:
                    break
                try:
                    events.append(_event(ev, method, tz, problems))
                except Exception:
                    problems.append("broken calendar event")
                errors = getattr(ev, "errors", None)
                if errors:
                    problems.append("calendar event with bad properties")
        except Exception:
            problems.append("broken calendar")
    if not events and not problems:
        problems.append("calendar without events")
    for problem in dict.fromkeys(problems):
        note(problem)
    return events
