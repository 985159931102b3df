"""When the next follow-up is due, and why (PRODUCT.md section 4).

Pure: `decide` reads nothing but its arguments. Every moment is first turned into a date in the
user's timezone and all counting happens on dates, so DST changes cannot shift a due date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from agent.errors import ConfigError
from agent.policy.calendar import (
    NO_HOLIDAYS,
    add_business_days,
    is_business_day,
    local_date,
    next_business_day_on_or_after,
)
from agent.verdict import (
    STAGE_APPLICATION,
    STAGE_ASSESSMENT,
    STAGE_FINAL,
    STAGE_PHONE_SCREEN,
    round_of,
)

CLOSED_STATES = frozenset({"rejected", "offer", "withdrawn", "ghosted"})

# Decision.action values.
ACTION_DRAFT = "draft"
ACTION_REMIND = "remind"
ACTION_NONE = "none"
ACTION_GHOST = "ghost"

PHONE_PREFIX = "call, don't email: "


@dataclass(frozen=True)
class PolicySettings:
    """The `[policy]` config keys, with the defaults the seed advice suggests."""

    after_application_days: int = 10
    after_phone_screen_business_days: int = 5
    after_interview_days: int = 8
    stated_date_grace_business_days: int = 1
    max_followups: int = 2
    # Not a config key yet: days that never count as business days (public holidays).
    holidays: frozenset[date] = NO_HOLIDAYS

    @classmethod
    def from_config(cls, obj: Any) -> PolicySettings:
        """Build from `cfg.policy` (any object with these attributes, or a mapping).

        Missing keys keep their defaults; a negative or non-integer value is a ConfigError.
        """
        defaults = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if obj is None:
                raw = getattr(defaults, f.name)
            elif isinstance(obj, Mapping):
                raw = obj.get(f.name, getattr(defaults, f.name))
            else:
                raw = getattr(obj, f.name, getattr(defaults, f.name))
            if f.name == "holidays":
                values[f.name] = _holidays(raw)
                continue
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                raise ConfigError(f"policy.{f.name}: must be a whole number >= 0, got {raw!r}")
            values[f.name] = raw
        return cls(**values)


def _holidays(raw: Any) -> frozenset[date]:
    out: set[date] = set()
    for item in raw or ():
        if isinstance(item, datetime):
            out.add(item.date())
        elif isinstance(item, date):
            out.add(item)
        else:
            try:
                out.add(date.fromisoformat(str(item)))
            except ValueError as exc:
                raise ConfigError(f"policy.holidays: not an ISO date: {item!r}") from exc
    return frozenset(out)


@dataclass(frozen=True)
class ProcessTiming:
    """What the policy needs to know about one process."""

    state: str  # applied | interviewing | rejected | offer | withdrawn | ghosted
    stage: str | None  # verdict vocabulary
    last_company_at: datetime | None  # last real (non-automatic) message from the company
    last_user_at: datetime | None  # last message from the user, follow-ups included
    interview_end: datetime | None  # scheduled end of the latest interview
    stated_due: date | None  # the date a company-stated timeline resolves to
    stated_phrase: str | None  # as written, e.g. "by Friday"
    stated_at: datetime | None  # when the company said it
    followups_sent: int  # follow-ups the user sent since the company last wrote
    last_followup_at: datetime | None
    channel: str = "email"  # "phone": the contact asked to be called
    waiting_on_user: bool = False
    needs_confirmation: bool = False  # shown elsewhere; does not stop the timing


@dataclass(frozen=True)
class Decision:
    due: date | None  # the business day the follow-up is due, in the user's timezone
    reason: str  # one human line
    action: str  # draft | remind | none | ghost
    window: str  # application | phone_screen | interview | stated | followup | none


@dataclass(frozen=True)
class Window:
    name: str
    days: int
    business: bool

    def span(self) -> str:
        unit = "business day" if self.business else "day"
        return f"{self.days} {unit}{'' if self.days == 1 else 's'}"


def stage_window(state: str, stage: str | None, s: PolicySettings) -> Window:
    """The default window for a stage: earlier in the process, follow up sooner.

    application (or no stage while applied)     -> after_application_days, calendar days
    phone screen, interview round 1, assessment -> after_phone_screen_business_days, business
    interview round 2+, final, other interviews -> after_interview_days, calendar days
    """
    n = round_of(stage)
    if stage == STAGE_APPLICATION or (stage is None and state == "applied"):
        return Window("application", s.after_application_days, business=False)
    if stage in (STAGE_PHONE_SCREEN, STAGE_ASSESSMENT) or n == 1:
        return Window("phone_screen", s.after_phone_screen_business_days, business=True)
    # Round 2+, final, and an interview of unknown kind: the patient window is the safe guess.
    return Window("interview", s.after_interview_days, business=False)


def _instant(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


# Which event started the clock; on a tie the more telling one names it.
_SOURCE_RANK = {"user": 0, "company": 1, "interview": 2, "followup": 3}


def _clock_start(t: ProcessTiming) -> tuple[datetime, str] | None:
    candidates = [
        (t.last_user_at, "user"),
        (t.last_company_at, "company"),
        (t.interview_end, "interview"),
        (t.last_followup_at, "followup"),
    ]
    known = [(_instant(m), src) for m, src in candidates if m is not None]
    if not known:
        return None
    return max(known, key=lambda c: (c[0], _SOURCE_RANK[c[1]]))


def _stage_noun(stage: str | None) -> str:
    n = round_of(stage)
    if n is not None:
        return f"interview round {n}"
    return {
        STAGE_APPLICATION: "your application",
        STAGE_PHONE_SCREEN: "the phone screen",
        STAGE_FINAL: "the final interview",
        STAGE_ASSESSMENT: "the assessment",
    }.get(stage or "", "the interview")


def _anchor_text(t: ProcessTiming, source: str) -> str:
    if source == "followup":
        return "your follow-up"
    if source == "interview":
        return _stage_noun(t.stage)
    if source == "company":
        return "their last message"
    if t.last_company_at is None and t.state == "applied":
        return "your application"
    return "your last message"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _clean_phrase(text: str, limit: int = 60) -> str:
    """Mail-derived text going into a status line: one line, bounded length."""
    one_line = " ".join(_CONTROL.sub(" ", text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _due_after(start: date, w: Window, holidays: frozenset[date]) -> tuple[date, bool]:
    """The due date a window after `start`, moved to a business day; and whether it moved."""
    if w.business:
        raw = add_business_days(start, w.days, holidays)
    else:
        raw = start + timedelta(days=w.days)
    due = next_business_day_on_or_after(raw, holidays)
    return due, due != raw


def _stated_applies(t: ProcessTiming, start_day: date) -> bool:
    """A company-stated date counts unless something later overtook it.

    Void when the company wrote again after stating it, or when the date lies before the
    clock start (an interview or a user message came after it: the promise was about
    something already past).
    """
    if t.stated_due is None:
        return False
    if t.stated_at is not None and t.last_company_at is not None:
        if _instant(t.last_company_at) > _instant(t.stated_at):
            return False
    return t.stated_due >= start_day


def decide(t: ProcessTiming, s: PolicySettings, tz: ZoneInfo, now: datetime) -> Decision:
    """The due date, the reason, and what to do about it, for one process at `now`."""
    if t.state in CLOSED_STATES:
        return Decision(None, f"closed ({t.state})", ACTION_NONE, "none")
    if t.waiting_on_user:
        return Decision(None, "waiting on you: they asked you something", ACTION_NONE, "none")
    start = _clock_start(t)
    if start is None:
        return Decision(None, "no message or interview date to count from yet", ACTION_NONE, "none")
    start_moment, source = start
    start_day = local_date(start_moment, tz)
    today = local_date(now, tz)
    window = stage_window(t.state, t.stage, s)
    holidays = s.holidays

    if t.followups_sent >= 1:
        due, moved = _due_after(start_day, window, holidays)
        anchor = _anchor_text(t, source)
        if t.followups_sent >= s.max_followups:
            if today >= due:
                return Decision(
                    None,
                    f"{_count(t.followups_sent, 'follow-up')} unanswered: ghosted",
                    ACTION_GHOST,
                    "followup",
                )
            reason = (
                f"{_count(t.followups_sent, 'follow-up')} sent; "
                f"closing as ghosted on {due.isoformat()} without an answer"
            )
            return Decision(None, reason, ACTION_NONE, "followup")
        reason = (
            f"{window.span()} after {anchor} on {start_day.isoformat()}"
            f" (follow-up {t.followups_sent + 1} of {s.max_followups})"
        )
        return _finish(t, Decision(due, reason + _moved(moved), ACTION_DRAFT, "followup"))

    if _stated_applies(t, start_day):
        assert t.stated_due is not None
        raw = add_business_days(t.stated_due, s.stated_date_grace_business_days, holidays)
        due = next_business_day_on_or_after(raw, holidays)
        said = f'they said "{_clean_phrase(t.stated_phrase)}"' if t.stated_phrase else "they gave"
        reason = f"{said} ({t.stated_due.isoformat()})"
        if s.stated_date_grace_business_days:
            reason += f" + {_count(s.stated_date_grace_business_days, 'business day')}"
        decision = Decision(due, reason + _moved(due != raw), ACTION_DRAFT, "stated")
    else:
        due, moved = _due_after(start_day, window, holidays)
        reason = f"{window.span()} after {_anchor_text(t, source)} on {start_day.isoformat()}"
        decision = Decision(due, reason + _moved(moved), ACTION_DRAFT, window.name)

    if s.max_followups == 0:
        # No follow-ups allowed at all: the end of the first window closes the process.
        if today >= due:
            return Decision(None, "no follow-ups allowed: ghosted", ACTION_GHOST, decision.window)
        reason = f"no follow-ups allowed; closing as ghosted on {due.isoformat()} without an answer"
        return Decision(None, reason, ACTION_NONE, decision.window)
    return _finish(t, decision)


def _moved(moved: bool) -> str:
    return ", moved to the next business day" if moved else ""


def _finish(t: ProcessTiming, d: Decision) -> Decision:
    """Phone-preferred contacts get a reminder instead of a draft, on the same date."""
    if t.channel == "phone":
        return Decision(d.due, PHONE_PREFIX + d.reason, ACTION_REMIND, d.window)
    return d


def is_due(
    d: Decision, tz: ZoneInfo, now: datetime, holidays: frozenset[date] = NO_HOLIDAYS
) -> bool:
    """True when `now` is a business day in the user's timezone on or after `d.due`."""
    if d.due is None:
        return False
    today = local_date(now, tz)
    return today >= d.due and is_business_day(today, holidays)
