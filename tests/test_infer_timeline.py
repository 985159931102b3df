"""Stated timelines: found as written, resolved against the message date in the user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from agent.infer import classify
from agent.infer.timeline import find_timeline, resolve
from agent.message import Address, Message

WED = date(2024, 3, 6)
FRI = date(2024, 3, 8)
SAT = date(2024, 3, 9)


@pytest.mark.parametrize(
    ("phrase", "sent", "due"),
    [
        ("within two weeks", WED, date(2024, 3, 20)),
        ("by Friday", WED, date(2024, 3, 8)),
        # Written on a Friday, "by Friday" is next week's Friday (same-day is said "today").
        ("by Friday", FRI, date(2024, 3, 15)),
        ("early next week", WED, date(2024, 3, 12)),
        ("next week", WED, date(2024, 3, 15)),
        ("mid next week", WED, date(2024, 3, 13)),
        ("after the debrief on Thursday", WED, date(2024, 3, 7)),
        ("in 5-7 business days", WED, date(2024, 3, 15)),
        ("within 10 working days", WED, date(2024, 3, 20)),
        ("within 48 hours", FRI, date(2024, 3, 10)),
        ("end of the month", WED, date(2024, 3, 31)),
        ("by the end of the week", WED, date(2024, 3, 8)),
        # A weekend message: "this week" is the coming one.
        ("later this week", SAT, date(2024, 3, 15)),
        ("by Monday", SAT, date(2024, 3, 11)),
        ("tomorrow", WED, date(2024, 3, 7)),
        ("by March 13", WED, date(2024, 3, 13)),
        ("by January 5", date(2024, 12, 20), date(2025, 1, 5)),
        ("within a week", WED, date(2024, 3, 13)),
        ("within the next month", WED, date(2024, 4, 6)),
        ("in a couple of weeks", WED, date(2024, 3, 20)),
    ],
)
def test_resolution(phrase: str, sent: date, due: date) -> None:
    assert resolve(phrase, sent) == due


def test_weekdays_are_never_in_the_past() -> None:
    for day in range(4, 11):
        sent = date(2024, 3, day)
        for wd in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            got = resolve(f"by {wd}", sent)
            assert got is not None and sent < got <= date(2024, 3, day + 7)


@pytest.mark.parametrize("vague", ["soon", "shortly", "in due course"])
def test_vague_words_are_found_but_have_no_date(vague: str) -> None:
    tl = find_timeline(f"We will be in touch {vague}.", WED)
    assert tl is not None and tl.phrase == vague and tl.due is None


def test_the_promise_wins_over_other_dates_in_the_same_mail() -> None:
    text = (
        "We're wrapping up the remaining interviews this week and will be in touch "
        "next week with next steps."
    )
    tl = find_timeline(text, WED)
    assert tl is not None and tl.phrase == "next week" and tl.due == date(2024, 3, 15)


def test_specific_beats_vague() -> None:
    tl = find_timeline("We'll review it shortly and get back to you within 3 business days.", FRI)
    assert tl is not None and tl.phrase == "within 3 business days"
    assert tl.due == date(2024, 3, 13)


def test_interview_appointment_is_not_a_timeline() -> None:
    assert find_timeline("Your interview is on Thursday, 14 March at 2:00 PM.", WED) is None


def test_weekday_with_date_uses_the_date() -> None:
    tl = find_timeline("We will get back to you by Friday, March 15.", WED)
    assert tl is not None and tl.due == date(2024, 3, 15)


def test_no_message_date_keeps_the_phrase_without_a_due_date() -> None:
    v = classify(Message(subject="Update", body="We expect to decide within two weeks.", date=None))
    assert v.timeline == "within two weeks"
    assert v.due is None


def test_relative_dates_use_the_users_timezone() -> None:
    # 23:30 UTC on Friday is already Saturday in Berlin: "by Monday" is the same Monday either way,
    # but "tomorrow" moves with the zone.
    sent = datetime(2024, 3, 8, 23, 30, tzinfo=UTC)
    msg = Message(
        subject="Update",
        from_=Address("Jo", "jo@acme.example"),
        body="We are still reviewing and will let you know tomorrow.",
        date=sent,
    )
    assert classify(msg).due == date(2024, 3, 9)
    assert classify(msg, tz=ZoneInfo("Europe/Berlin")).due == date(2024, 3, 10)


def test_interview_time_from_text() -> None:
    msg = Message(
        subject="Interview confirmation",
        from_=Address("Jo", "jo@acme.example"),
        body="Your interview is confirmed for Monday, March 11, 2024 at 1:00 PM EST.",
        date=datetime(2024, 3, 6, 10, tzinfo=UTC),
    )
    v = classify(msg)
    assert v.label == "invite"
    assert v.interview_at == datetime(2024, 3, 11, 13, 0, tzinfo=ZoneInfo("America/New_York"))
