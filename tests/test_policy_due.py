"""Follow-up due dates and reasons, one row per rule of PRODUCT.md section 4."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.errors import ConfigError
from agent.policy import Decision, PolicySettings, ProcessTiming, decide, is_due

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SETTINGS = PolicySettings()


def at(y: int, mo: int, d: int, h: int = 10, mi: int = 0, tz: Any = BERLIN) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


def timing(**kw: Any) -> ProcessTiming:
    base: dict[str, Any] = {
        "state": "interviewing",
        "stage": None,
        "last_company_at": None,
        "last_user_at": None,
        "interview_end": None,
        "stated_due": None,
        "stated_phrase": None,
        "stated_at": None,
        "followups_sent": 0,
        "last_followup_at": None,
    }
    base.update(kw)
    return ProcessTiming(**base)


@dataclass
class Case:
    name: str
    t: ProcessTiming
    due: date | None
    window: str
    action: str = "draft"
    reason: str | None = None  # exact reason, when the row pins it
    tz: ZoneInfo = BERLIN
    now: datetime = at(2026, 3, 2, 8)  # Monday 2 March 2026


CASES = [
    Case(
        "application: calendar days",
        timing(state="applied", last_user_at=at(2026, 3, 2, 9)),
        date(2026, 3, 12),
        "application",
        reason="10 days after your application on 2026-03-02",
    ),
    Case(
        "application landing on a Saturday moves to Monday",
        timing(state="applied", stage="application", last_user_at=at(2026, 3, 4)),
        date(2026, 3, 16),
        "application",
        reason="10 days after your application on 2026-03-04, moved to the next business day",
    ),
    Case(
        "application acknowledged by a person: their message starts the clock",
        timing(state="applied", last_user_at=at(2026, 3, 2), last_company_at=at(2026, 3, 3)),
        date(2026, 3, 13),
        "application",
        reason="10 days after their last message on 2026-03-03",
    ),
    Case(
        "phone screen: business days, within the week",
        timing(stage="phone screen", interview_end=at(2026, 3, 5, 11)),
        date(2026, 3, 12),
        "phone_screen",
        reason="5 business days after the phone screen on 2026-03-05",
    ),
    Case(
        "phone screen on a Friday counts over the weekend",
        timing(stage="phone screen", interview_end=at(2026, 3, 6, 16)),
        date(2026, 3, 13),
        "phone_screen",
    ),
    Case(
        "first interview round is early in the process too",
        timing(stage="interview round 1", interview_end=at(2026, 3, 2, 15)),
        date(2026, 3, 9),
        "phone_screen",
        reason="5 business days after interview round 1 on 2026-03-02",
    ),
    Case(
        "assessment uses the short window",
        timing(stage="assessment", last_user_at=at(2026, 3, 3)),
        date(2026, 3, 10),
        "phone_screen",
    ),
    Case(
        "second round: calendar days",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 2),
            interview_end=at(2026, 3, 4, 15),
        ),
        date(2026, 3, 12),
        "interview",
        reason="8 days after interview round 2 on 2026-03-04",
    ),
    Case(
        "final round ending on a Friday is due the Monday after next",
        timing(stage="final", interview_end=at(2026, 3, 6, 17)),
        date(2026, 3, 16),
        "interview",
        reason="8 days after the final interview on 2026-03-06, moved to the next business day",
    ),
    Case(
        "a later company message restarts the clock",
        timing(
            stage="interview round 3",
            interview_end=at(2026, 3, 2, 15),
            last_company_at=at(2026, 3, 4, 9),
        ),
        date(2026, 3, 12),
        "interview",
        reason="8 days after their last message on 2026-03-04",
    ),
    Case(
        "the user's own later message restarts the clock",
        timing(
            stage="interview round 2",
            interview_end=at(2026, 3, 2, 15),
            last_user_at=at(2026, 3, 3, 18),
        ),
        date(2026, 3, 11),
        "interview",
        reason="8 days after your last message on 2026-03-03",
    ),
    Case(
        "stated date wins over the default window",
        timing(
            stage="interview round 2",
            interview_end=at(2026, 3, 2, 15),
            last_company_at=at(2026, 3, 3, 10),
            stated_at=at(2026, 3, 3, 10),
            stated_due=date(2026, 3, 6),
            stated_phrase="by Friday",
        ),
        date(2026, 3, 9),
        "stated",
        reason='they said "by Friday" (2026-03-06) + 1 business day',
    ),
    Case(
        "stated date already in the past is due now, not pushed forward",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 3, 10),
            stated_at=at(2026, 3, 3, 10),
            stated_due=date(2026, 3, 6),
            stated_phrase="by Friday",
        ),
        date(2026, 3, 9),
        "stated",
        now=at(2026, 3, 25),
    ),
    Case(
        "the user's thank-you reply does not void their stated date",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 2, 10),
            stated_at=at(2026, 3, 2, 10),
            stated_due=date(2026, 3, 6),
            stated_phrase="by Friday",
            last_user_at=at(2026, 3, 3, 8),
        ),
        date(2026, 3, 9),
        "stated",
    ),
    Case(
        "a scheduled interview still ahead: nothing due before it",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 2, 10),
            interview_end=at(2026, 3, 20, 16),
        ),
        date(2026, 3, 30),
        "interview",
        reason="8 days after interview round 2 on 2026-03-20, moved to the next business day",
    ),
    Case(
        "stated date superseded by a later company message",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 5, 10),
            stated_at=at(2026, 3, 3, 10),
            stated_due=date(2026, 3, 6),
            stated_phrase="by Friday",
        ),
        date(2026, 3, 13),
        "interview",
        reason="8 days after their last message on 2026-03-05",
    ),
    Case(
        "stated date before an interview held later is void",
        timing(
            stage="interview round 2",
            last_company_at=at(2026, 3, 2, 10),
            stated_at=at(2026, 3, 2, 10),
            stated_due=date(2026, 3, 6),
            interview_end=at(2026, 3, 10, 15),
        ),
        date(2026, 3, 18),
        "interview",
    ),
    Case(
        "stated date on a weekend plus grace lands on Monday",
        timing(
            stage="phone screen",
            last_company_at=at(2026, 3, 3),
            stated_at=at(2026, 3, 3),
            stated_due=date(2026, 3, 7),
            stated_phrase="over the weekend",
        ),
        date(2026, 3, 9),
        "stated",
    ),
    Case(
        "first follow-up sent: the second is a full window later",
        timing(
            stage="interview round 2",
            interview_end=at(2026, 3, 2, 15),
            last_user_at=at(2026, 3, 13, 9),
            followups_sent=1,
            last_followup_at=at(2026, 3, 13, 9),
        ),
        date(2026, 3, 23),
        "followup",
        reason=(
            "8 days after your follow-up on 2026-03-13 (follow-up 2 of 2),"
            " moved to the next business day"
        ),
    ),
    Case(
        "follow-up window after a phone screen stays short",
        timing(
            stage="phone screen",
            interview_end=at(2026, 3, 2, 15),
            last_user_at=at(2026, 3, 9, 9),
            followups_sent=1,
            last_followup_at=at(2026, 3, 9, 9),
        ),
        date(2026, 3, 16),
        "followup",
    ),
    Case(
        "max follow-ups sent, window still running: wait, then close",
        timing(
            stage="interview round 2",
            last_user_at=at(2026, 3, 23, 9),
            followups_sent=2,
            last_followup_at=at(2026, 3, 23, 9),
        ),
        None,
        "followup",
        action="none",
        reason="2 follow-ups sent; closing as ghosted on 2026-03-31 without an answer",
        now=at(2026, 3, 30, 18),
    ),
    Case(
        "max follow-ups sent and the last window passed: ghosted",
        timing(
            stage="interview round 2",
            last_user_at=at(2026, 3, 23, 9),
            followups_sent=2,
            last_followup_at=at(2026, 3, 23, 9),
        ),
        None,
        "followup",
        action="ghost",
        reason="2 follow-ups unanswered: ghosted",
        now=at(2026, 3, 31, 8),
    ),
    Case(
        "phone-preferred contact: a reminder on the same date, no draft",
        timing(stage="interview round 2", interview_end=at(2026, 3, 4, 15), channel="phone"),
        date(2026, 3, 12),
        "interview",
        action="remind",
        reason="call, don't email: 8 days after interview round 2 on 2026-03-04",
    ),
    Case(
        "waiting on the user: nothing to follow up",
        timing(stage="phone screen", last_company_at=at(2026, 3, 3), waiting_on_user=True),
        None,
        "none",
        action="none",
        reason="waiting on you: they asked you something",
    ),
    Case(
        "no date known yet",
        timing(state="applied"),
        None,
        "none",
        action="none",
    ),
    Case(
        "late-evening mail from Los Angeles is the next day for a Berlin user",
        timing(stage="phone screen", last_company_at=at(2026, 3, 5, 23, 30, tz=LOS_ANGELES)),
        date(2026, 3, 13),
        "phone_screen",
        reason="5 business days after their last message on 2026-03-06",
    ),
    Case(
        "the same mail is still Thursday for a user in Los Angeles",
        timing(stage="phone screen", last_company_at=at(2026, 3, 5, 23, 30, tz=LOS_ANGELES)),
        date(2026, 3, 12),
        "phone_screen",
        tz=LOS_ANGELES,
    ),
    Case(
        "an interview ending in the night the Berlin clocks go forward",
        timing(
            stage="phone screen",
            interview_end=datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # 01:30 CET, Sun
        ),
        date(2026, 4, 3),
        "phone_screen",
    ),
    Case(
        "a message at 23:30 summer time on the night Berlin clocks go back",
        timing(stage="interview round 2", last_company_at=at(2026, 10, 24, 23, 30)),
        date(2026, 11, 2),  # Sat 24 Oct + 8 = Sun 1 Nov -> Mon 2 Nov
        "interview",
    ),
    Case(
        "New York spring change: calendar days count on local dates",
        timing(state="applied", last_user_at=at(2026, 3, 7, 23, 30, tz=NEW_YORK)),
        date(2026, 3, 17),
        "application",
        tz=NEW_YORK,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_decide(case: Case) -> None:
    d = decide(case.t, SETTINGS, case.tz, case.now)
    assert (d.due, d.window, d.action) == (case.due, case.window, case.action)
    if case.reason is not None:
        assert d.reason == case.reason
    if d.due is not None:
        assert d.due.weekday() < 5, "never due on a weekend"


@pytest.mark.parametrize("state", ["rejected", "offer", "withdrawn", "ghosted"])
def test_closed_processes_have_nothing_due(state: str) -> None:
    t = timing(state=state, stage="final", interview_end=at(2026, 3, 2), channel="phone")
    assert decide(t, SETTINGS, BERLIN, at(2026, 4, 1)) == Decision(
        None, f"closed ({state})", "none", "none"
    )


def test_needs_confirmation_does_not_stop_the_clock() -> None:
    t = timing(stage="interview round 2", interview_end=at(2026, 3, 4, 15))
    flagged = replace(t, needs_confirmation=True)
    assert decide(flagged, SETTINGS, BERLIN, at(2026, 3, 5)) == decide(
        t, SETTINGS, BERLIN, at(2026, 3, 5)
    )


def test_first_follow_up_due_after_one_sent_when_three_allowed() -> None:
    t = timing(
        stage="final",
        last_user_at=at(2026, 3, 10),
        followups_sent=2,
        last_followup_at=at(2026, 3, 10),
    )
    d = decide(t, replace(SETTINGS, max_followups=3), BERLIN, at(2026, 3, 11))
    assert (d.due, d.action) == (date(2026, 3, 18), "draft")
    assert "(follow-up 3 of 3)" in d.reason


def test_no_follow_ups_allowed_closes_after_the_first_window() -> None:
    s = replace(SETTINGS, max_followups=0)
    t = timing(stage="interview round 2", interview_end=at(2026, 3, 4, 15))
    waiting = decide(t, s, BERLIN, at(2026, 3, 11))
    closed = decide(t, s, BERLIN, at(2026, 3, 12))
    assert (waiting.action, waiting.due) == ("none", None)
    assert "2026-03-12" in waiting.reason
    assert closed.action == "ghost"


def test_grace_zero_keeps_the_stated_business_day() -> None:
    t = timing(
        stage="phone screen",
        last_company_at=at(2026, 3, 3),
        stated_at=at(2026, 3, 3),
        stated_due=date(2026, 3, 6),
        stated_phrase="by Friday",
    )
    d = decide(t, replace(SETTINGS, stated_date_grace_business_days=0), BERLIN, at(2026, 3, 3))
    assert d.due == date(2026, 3, 6)
    assert d.reason == 'they said "by Friday" (2026-03-06)'


def test_stated_phrase_from_mail_is_kept_to_one_short_line() -> None:
    t = timing(
        stage="phone screen",
        last_company_at=at(2026, 3, 3),
        stated_at=at(2026, 3, 3),
        stated_due=date(2026, 3, 6),
        stated_phrase="by Friday\r\nBcc: evil@example.net " + "x" * 500,
    )
    d = decide(t, SETTINGS, BERLIN, at(2026, 3, 3))
    assert "\n" not in d.reason and "\r" not in d.reason
    assert len(d.reason) < 120


def test_holidays_push_the_due_date() -> None:
    good_friday = date(2026, 4, 3)
    s = replace(SETTINGS, holidays=frozenset({good_friday}))
    t = timing(stage="phone screen", interview_end=at(2026, 3, 27, 15))  # Friday
    assert decide(t, SETTINGS, BERLIN, at(2026, 3, 27)).due == good_friday
    assert decide(t, s, BERLIN, at(2026, 3, 27)).due == date(2026, 4, 6)


def test_window_lengths_come_from_the_settings() -> None:
    s = replace(SETTINGS, after_interview_days=10, after_phone_screen_business_days=3)
    round2 = timing(stage="interview round 2", interview_end=at(2026, 3, 2, 15))
    screen = timing(stage="phone screen", interview_end=at(2026, 3, 2, 15))
    assert decide(round2, s, BERLIN, at(2026, 3, 3)).due == date(2026, 3, 12)
    assert decide(screen, s, BERLIN, at(2026, 3, 3)).due == date(2026, 3, 5)


# --- is_due ---------------------------------------------------------------------------------

DUE_MON_9 = Decision(date(2026, 3, 9), "r", "draft", "stated")


@pytest.mark.parametrize(
    ("now", "tz", "expected"),
    [
        (at(2026, 3, 6, 18), BERLIN, False),  # Friday before
        (at(2026, 3, 9, 0, 1), BERLIN, True),  # Monday, just after midnight
        (at(2026, 3, 12), BERLIN, True),  # past due on a weekday: still due
        (at(2026, 3, 14, 12), BERLIN, False),  # past due, but a Saturday
        (at(2026, 3, 16, 9), BERLIN, True),
        # Sunday 23:30 UTC is Monday 00:30 in Berlin: due for the Berlin user only.
        (datetime(2026, 3, 8, 23, 30, tzinfo=UTC), BERLIN, True),
        (datetime(2026, 3, 8, 23, 30, tzinfo=UTC), NEW_YORK, False),
    ],
)
def test_is_due(now: datetime, tz: ZoneInfo, expected: bool) -> None:
    assert is_due(DUE_MON_9, tz, now) is expected


def test_is_due_across_the_berlin_spring_change() -> None:
    # Due Tuesday 31 March; 22:30 UTC on the 30th is 00:30 CEST on the 31st.
    d = Decision(date(2026, 3, 31), "r", "draft", "application")
    assert not is_due(d, BERLIN, datetime(2026, 3, 30, 21, 59, tzinfo=UTC))
    assert is_due(d, BERLIN, datetime(2026, 3, 30, 22, 0, tzinfo=UTC))


def test_is_due_across_the_berlin_autumn_change() -> None:
    d = Decision(date(2026, 10, 30), "r", "draft", "phone_screen")
    assert not is_due(d, BERLIN, datetime(2026, 10, 29, 22, 59, tzinfo=UTC))
    assert is_due(d, BERLIN, datetime(2026, 10, 29, 23, 0, tzinfo=UTC))


def test_is_due_across_the_new_york_spring_change() -> None:
    d = Decision(date(2026, 3, 17), "r", "draft", "application")
    assert not is_due(d, NEW_YORK, datetime(2026, 3, 17, 3, 59, tzinfo=UTC))
    assert is_due(d, NEW_YORK, datetime(2026, 3, 17, 4, 0, tzinfo=UTC))


def test_nothing_is_due_without_a_date() -> None:
    assert not is_due(Decision(None, "closed (offer)", "none", "none"), BERLIN, at(2026, 3, 9))


def test_is_due_respects_holidays() -> None:
    d = Decision(date(2026, 4, 2), "r", "draft", "interview")
    good_friday = at(2026, 4, 3)
    assert is_due(d, BERLIN, good_friday)
    assert not is_due(d, BERLIN, good_friday, frozenset({date(2026, 4, 3)}))


# --- settings from config -------------------------------------------------------------------


def test_settings_from_a_config_section() -> None:
    section = SimpleNamespace(after_interview_days=7, max_followups=1)
    s = PolicySettings.from_config(section)
    assert (s.after_interview_days, s.max_followups) == (7, 1)
    assert s.after_application_days == 10  # missing key keeps the default


def test_settings_from_a_mapping_with_holidays() -> None:
    s = PolicySettings.from_config({"holidays": ["2026-12-25", date(2026, 12, 26)]})
    assert s.holidays == frozenset({date(2026, 12, 25), date(2026, 12, 26)})


@pytest.mark.parametrize("bad", [-1, "8", 2.5, True])
def test_settings_reject_bad_values_naming_the_key(bad: Any) -> None:
    with pytest.raises(ConfigError, match="policy.after_interview_days"):
        PolicySettings.from_config(SimpleNamespace(after_interview_days=bad))


def test_settings_default_when_there_is_no_section() -> None:
    assert PolicySettings.from_config(None) == PolicySettings()


def test_due_never_falls_on_a_weekend_for_any_start_day() -> None:
    # Every start day over four weeks, every stage: the due date is a weekday.
    stages = ["application", "phone screen", "interview round 2", "final", "assessment"]
    for offset in range(28):
        moment = at(2026, 3, 2) + timedelta(days=offset)
        for stage in stages:
            d = decide(timing(stage=stage, last_company_at=moment), SETTINGS, BERLIN, moment)
            assert d.due is not None and d.due.weekday() < 5, (stage, moment)
