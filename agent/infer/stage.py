"""Where in the hiring process a message is, and when the interview is.

Stage vocabulary (agent/verdict.py): application, phone screen, interview round N, final,
assessment. Onsite/panel/superday without a stated number count as round 2; a generic first
interview as round 1. Past stages ("following your phone screen") do not set the stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from agent.infer.scan import WordIndex
from agent.infer.timeline import MONTHS, WEEKDAYS
from agent.message import Message
from agent.verdict import (
    STAGE_APPLICATION,
    STAGE_ASSESSMENT,
    STAGE_FINAL,
    STAGE_PHONE_SCREEN,
    interview_round,
)

_ORD = {
    "first": 1,
    "1st": 1,
    "one": 1,
    "initial": 1,
    "second": 2,
    "2nd": 2,
    "two": 2,
    "third": 3,
    "3rd": 3,
    "three": 3,
    "fourth": 4,
    "4th": 4,
    "four": 4,
    "fifth": 5,
    "5th": 5,
    "five": 5,
}

_PAST = re.compile(
    r"(?:following|after|completing|completed|passed|thank you for|thanks for|during|"
    r"from|since|in|of) (?:your|the|our)? ?(?:recent |successful )?$"
)
# Patterns start at a word (the scan enforces it), so they carry no leading \b.
_STAGES: list[tuple[str, re.Pattern[str]]] = [
    (
        "final",
        re.compile(
            r"final(?:[- ]round)? (?:round|interview|stage|conversation|call|panel|onsite)s?\b|"
            r"final round\b"
        ),
    ),
    (
        "ordinal",
        re.compile(
            r"(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)[- ](?:round|stage|"
            r"interview)\b|round (\d|one|two|three|four|five)\b"
        ),
    ),
    (
        "onsite",
        re.compile(
            r"(?:virtual )?(?:on-?site|onsite|superday|super day)\b|"
            r"panel (?:interview|round|discussion|conversation)|interview (?:panel|loop)\b|"
            r"onsite loop\b"
        ),
    ),
    (
        "assessment",
        re.compile(
            r"(?:assessment|coding challenge|coding test|coding exercise|take-home|"
            r"take home|online test|technical test|skills? test|aptitude test|case study|"
            r"hackerrank|codility|codesignal|testgorilla|work sample|homework|"
            r"technical exercise|programming (?:test|exercise|challenge))\b"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?:phone|telephone) (?:screen|screening|interview)\b|"
            r"(?:screening|recruiter|intro(?:ductory)?|initial|exploratory|discovery) "
            r"(?:call|chat|conversation|screen)\b"
        ),
    ),
    ("interview", re.compile(r"interview\b")),
]
_INDEX: WordIndex[int] = WordIndex("stage", [(rx.pattern, i) for i, (_n, rx) in enumerate(_STAGES)])


def find_stage(text_lc: str, subject_lc: str, label: str, *, reply: bool = False) -> str | None:
    """The stage this message is about, from its subject first, then its text.

    A reply's subject names the stage the thread began at ("Re: Invitation: Phone screen"),
    not the one this message is about, so for a reply only the new text counts.
    """
    if label == "ack":
        return STAGE_APPLICATION
    generic = None
    for src in (text_lc,) if reply else (subject_lc, text_lc):
        st = _scan(src, label)
        if st and st != interview_round(1):
            return st
        generic = generic or st
    if generic:
        return generic
    if label == "rejection" and not re.search(r"\binterview", text_lc):
        return STAGE_APPLICATION
    return None


def _scan(text: str, label: str) -> str | None:
    if not text:
        return None
    found: dict[str, tuple[int, str]] = {}
    for pos, i in _INDEX.candidates(text):
        name, rx = _STAGES[i]
        m = rx.match(text, pos)
        if m is not None:
            if (
                name != "interview"
                and label in ("invite", "update")
                and _PAST.search(text[max(0, m.start() - 30) : m.start()])
            ):
                continue
            if name == "ordinal":
                word = m.group(1) or m.group(2)
                n = _ORD.get(word, int(word) if word.isdigit() else 1)
                # "passed the first round ... second round" keeps the later number
                prev = found.get("ordinal")
                if prev is None or n > int(prev[1]):
                    found["ordinal"] = (m.start(), str(n))
                continue
            found.setdefault(name, (m.start(), m.group(0)))
    if "final" in found:
        return STAGE_FINAL
    if "ordinal" in found:
        return interview_round(int(found["ordinal"][1]))
    if "onsite" in found:
        return interview_round(2)
    if label in ("invite", "update") and "assessment" in found:
        if "interview" not in found or found["assessment"][0] < found["interview"][0]:
            return STAGE_ASSESSMENT
    if "phone" in found:
        return STAGE_PHONE_SCREEN
    if "assessment" in found and label in ("invite", "update"):
        return STAGE_ASSESSMENT
    if "interview" in found and label in ("invite", "update", "rejection"):
        return interview_round(1)
    return None


# --------------------------------------------------------------------------- times
_TZ = {
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "central": "America/Chicago",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "eastern": "America/New_York",
    "gmt": "UTC",
    "utc": "UTC",
    "bst": "Europe/London",
    "uk time": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "ist": "Asia/Kolkata",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "sgt": "Asia/Singapore",
    "jst": "Asia/Tokyo",
    "eet": "Europe/Helsinki",
    "eest": "Europe/Helsinki",
}
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_TIME = (
    r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)|"
    r"(?P<h24>\d{1,2}):(?P<mi24>\d{2})"
    r"(?!\s?[ap]\.?m)"
)
_TZPART = (
    r"(?:\s?\(?(?P<tz>pt|pst|pdt|mt|mst|mdt|ct|cst|cdt|et|est|edt|gmt|utc|bst|cet|cest|ist|aest|"
    r"aedt|sgt|"
    r"jst|eet|eest|pacific|eastern|central)\b\)?)?"
)
_END = (
    r"(?:\s?(?:-|to|until)\s?(?P<eh>\d{1,2})(?:[:.](?P<emi>\d{2}))?\s?(?P<eap>a\.?m\.?|p\.?m\.?)?)?"
)
_DATETIME = re.compile(
    rf"(?:(?P<wd>{_WDAY}),?\s)?(?:the\s)?"
    rf"(?:(?P<mon>{_MON})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|"
    rf"th)?\s(?:of\s)?"
    rf"(?P<mon2>{_MON})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|"
    rf"(?P<num>\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?))"
    rf"(?:,?\s(?P<year>\d{{4}}))?,?\s(?:at\s|@\s|from\s|-\s|"
    rf",\s)?(?:{_TIME}){_TZPART}{_END}{_TZPART.replace('tz', 'tz2')}"
)
_CLOCK = re.compile(r"\d(?::\d\d|\s?[ap]\.?m\b)")
_RELTIME = re.compile(
    rf"\b(?P<rel>tomorrow|today|(?:this |next )?(?:{_WDAY}))\b,?\s(?:at|@|"
    rf"from)\s(?:{_TIME}){_TZPART}{_END}"
)


def find_interview_time(
    msg: Message, text: str, tz: ZoneInfo
) -> tuple[datetime | None, datetime | None, str | None]:
    """(start, end, evidence) from a calendar request, else from a date and time in the text."""
    for ev in msg.calendar:
        if (ev.method or "REQUEST").upper() in {"REQUEST", "PUBLISH"} and ev.start:
            start = ev.start if ev.start.tzinfo else ev.start.replace(tzinfo=tz)
            end = ev.end if (ev.end is None or ev.end.tzinfo) else ev.end.replace(tzinfo=tz)
            return start, end, "calendar: DTSTART"
    if not text:
        return None, None, None
    sent = msg.date.astimezone(tz).date() if msg.date else None
    low = text.lower()
    # Only the neighbourhood of a clock time can hold a date and time: search there.
    clocks = [m.span() for m in _CLOCK.finditer(low)]
    if not clocks:
        return None, None, None
    for off, win in _around(low, clocks, 70, 40):
        m = _DATETIME.search(win)
        if m:
            d = _date_of(m, sent)
            if d:
                a, b = off + m.start(), off + m.end()
                return (*_times(m, d, tz), f'text: "{text[a:b].strip()}"')
    for _off, win in _around(low, clocks, 40, 40):
        m = _RELTIME.search(win)
        if m and sent:
            break
    else:
        m = None
    if m and sent:
        rel = m.group("rel")
        if rel == "today":
            d = sent
        elif rel == "tomorrow":
            d = sent + timedelta(days=1)
        else:
            wd = WEEKDAYS.get(rel.split()[-1])
            if wd is None:
                return None, None, None
            ahead = (wd - sent.weekday()) % 7 or 7
            d = sent + timedelta(days=ahead)
        return (*_times(m, d, tz), f'text: "{m.group(0).strip()}"')
    return None, None, None


def _around(
    text: str, spans: list[tuple[int, int]], before: int, after: int
) -> Iterator[tuple[int, str]]:
    """(offset, slice) around each span, merged when they overlap."""
    start = end = -1
    for a, b in spans:
        s, e = max(0, a - before), min(len(text), b + after)
        if start >= 0 and s <= end:
            end = max(end, e)
            continue
        if start >= 0:
            yield start, text[start:end]
        start, end = s, e
    if start >= 0:
        yield start, text[start:end]


def _date_of(m: re.Match[str], sent: date | None) -> date | None:
    try:
        if m.group("iso"):
            return date.fromisoformat(m.group("iso"))
        if m.group("num"):
            parts = m.group("num").split("/")
            mo, dd = int(parts[0]), int(parts[1])
            y = int(parts[2]) if len(parts) > 2 else None
            if y is not None and y < 100:
                y += 2000
            return _with_year(
                mo, dd, y or (int(m.group("year")) if m.group("year") else None), sent
            )
        mon = m.group("mon") or m.group("mon2")
        day = m.group("day") or m.group("day2")
        y = int(m.group("year")) if m.group("year") else None
        return _with_year(MONTHS[mon.rstrip(".")], int(day), y, sent)
    except (ValueError, KeyError):
        return None


def _with_year(mo: int, dd: int, y: int | None, sent: date | None) -> date | None:
    if y:
        return date(y, mo, dd)
    if sent is None:
        return None
    d = date(sent.year, mo, dd)
    return d if d >= sent - timedelta(days=1) else date(sent.year + 1, mo, dd)


def _hour(h: str, ap: str | None) -> int:
    hour = int(h)
    if ap:
        pm = ap.startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return hour


def _times(m: re.Match[str], d: date, tz: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    try:
        if m.group("h24"):
            t = time(int(m.group("h24")), int(m.group("mi24")))
            ap = None
        else:
            ap = m.group("ap")
            t = time(_hour(m.group("h"), ap), int(m.group("mi") or 0))
        tzname = m.group("tz") or (m.groupdict().get("tz2"))
        zone = ZoneInfo(_TZ[tzname]) if tzname and tzname in _TZ else tz
        start = datetime.combine(d, t, zone)
        end = None
        if m.group("eh"):
            eap = m.group("eap") or ap
            end = datetime.combine(
                d, time(_hour(m.group("eh"), eap), int(m.group("emi") or 0)), zone
            )
            if end <= start:
                end = None
        return start, end
    except (ValueError, KeyError):
        return None, None
