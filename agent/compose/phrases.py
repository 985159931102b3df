"""The small pieces of wording computed in code, so templates stay plain prose.

Every value returned here is already cleaned by `sanitize` and bounded in length.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from agent.compose.sanitize import one_line
from agent.verdict import (
    STAGE_APPLICATION,
    STAGE_ASSESSMENT,
    STAGE_FINAL,
    STAGE_PHONE_SCREEN,
    round_of,
)

# Caps for mail-derived values: words keep every template under its word budget,
# characters keep headers and lines reasonable.
COMPANY_CAP = (60, 6)  # (chars, words)
ROLE_CAP = (80, 8)
NAME_CAP = (60, 4)
STATED_CAP = (50, 6)
SUBJECT_CHARS = 200

# English names, independent of the process locale.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_TITLES = ("mr", "ms", "mrs", "mx", "dr", "prof", "professor")
# Reply prefixes in the languages our users' mail tends to use; "Re[2]:" and "Re(2):" too.
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|ref|réf|rif|odp)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+", re.I
)


def clean_company(company: str | None) -> str:
    return one_line(company, max_chars=COMPANY_CAP[0], max_words=COMPANY_CAP[1]) or "your company"


def clean_name(name: str | None) -> str:
    """A person's display name fit for a salutation; "" when it is not a usable name."""
    line = one_line(name, max_chars=NAME_CAP[0] * 2, max_words=NAME_CAP[1] * 2)
    if not line or "@" in line:
        return ""
    # "Rivera, Dana" is how some directories write "Dana Rivera".
    parts = [p.strip() for p in line.split(",")]
    if len(parts) == 2 and all(parts) and " " not in parts[0]:
        line = f"{parts[1]} {parts[0]}"
    line = line.strip("\"' ")
    if line.isupper() and len(line) > 3:
        line = line.title()
    return one_line(line, max_chars=NAME_CAP[0], max_words=NAME_CAP[1])


def _strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        words = words[1:]
    return " ".join(words)


def _has_title(text: str) -> bool:
    first = text.split()[0].rstrip(".").lower() if text.split() else ""
    return first in _TITLES


def salutation(
    contact_name: str | None, contact_salutation: str | None, first_name_ok: bool
) -> str:
    """The greeting line: title or full name; the first name only once they invited it."""
    name = clean_name(contact_name)
    formal = clean_name(contact_salutation)
    if first_name_ok:
        first = _strip_title(name or formal).split(" ")[0] if (name or formal) else ""
        if first:
            return f"Hi {first},"
    # A salutation given without a title may be a bare first name: too familiar unless invited.
    if formal and (_has_title(formal) or len(formal.split()) >= 2):
        return f"Dear {formal},"
    if name:
        return f"Dear {name},"
    return "Dear Hiring Team,"


def role_phrase(role: str | None) -> str:
    """ "the Backend Engineer role", or a neutral phrase when the role is unknown."""
    clean = one_line(role, max_chars=ROLE_CAP[0], max_words=ROLE_CAP[1])
    if not clean:
        return "the open position"
    last = clean.split()[-1].lower()
    if last in {"role", "position", "opening", "job", "vacancy"}:
        return f"the {clean}"
    return f"the {clean} role"


def day_phrase(moment: datetime | None, tz: ZoneInfo) -> str:
    """ "Tuesday, March 3" in the user's timezone, or "" without a date."""
    if moment is None:
        return ""
    local = moment.astimezone(tz) if moment.tzinfo else moment
    return f"{_WEEKDAYS[local.weekday()]}, {_MONTHS[local.month - 1]} {local.day}"


def interview_phrase(stage: str | None, moment: datetime | None, tz: ZoneInfo) -> str:
    """What the user thanks them for: "the second-round interview on Tuesday, March 3"."""
    n = round_of(stage)
    if n is not None:
        what = f"the {_ORDINALS[n]}-round interview" if n in _ORDINALS else f"interview round {n}"
    elif stage == STAGE_PHONE_SCREEN:
        what = "our phone conversation"
    elif stage == STAGE_FINAL:
        what = "the final-round interview"
    elif stage == STAGE_ASSESSMENT:
        what = "the assessment"
    elif stage in (STAGE_APPLICATION, None):
        return "my application"
    else:
        what = "our conversation"
    day = day_phrase(moment, tz)
    return f"{what} on {day}" if day else what


def template_name(stage: str | None) -> str:
    """The template file for a stage (verdict vocabulary)."""
    if round_of(stage) is not None:
        return "interview.txt.j2"
    return {
        STAGE_PHONE_SCREEN: "phone_screen.txt.j2",
        STAGE_FINAL: "final.txt.j2",
        STAGE_ASSESSMENT: "assessment.txt.j2",
    }.get(stage or "", "application.txt.j2")


def reply_subject(original: str | None, company: str) -> str:
    """ "Re: " + the thread's subject, never doubled; a plain subject when there was none."""
    line = _REPLY_PREFIX.sub("", one_line(original, max_chars=SUBJECT_CHARS)).strip()
    return f"Re: {line}" if line else f"Following up: {company}"


def stated(phrase: str | None) -> str:
    return one_line(phrase, max_chars=STATED_CAP[0], max_words=STATED_CAP[1])
