"""Timeline phrases added after blind sets 9 and 10: month parts, promises of a send, labels."""

from __future__ import annotations

from datetime import date

import pytest

from agent.infer.timeline import find_timeline

SENT = date(2025, 4, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We expect to finish the shortlist by mid-June and will write then.", "by mid-June"),
        ("We plan to resume the search in early May and will reach out.", "in early May"),
        ("We will contact shortlisted people during the week commencing 12 May.", "12 May"),
        ("I will send the contract from our HR portal today.", "today"),
        ("Please book a slot in the portal by 20 April.", "by 20 April"),
        ("Test expires on: April 9, 2025 11:59 PM UTC", "April 9, 2025"),
        ("The board approval takes usually few days; I will write when done.", "few days"),
        ("Please tell us your decision at your earliest convenience.", "earliest convenience"),
    ],
)
def test_new_timeline_phrases(text: str, phrase: str) -> None:
    tl = find_timeline(text, SENT)
    assert tl is not None and phrase.lower() in tl.phrase.lower()


def test_a_dated_deadline_beats_a_vague_promise() -> None:
    tl = find_timeline(
        "The letter will reach you shortly. The offer stays open until April 18.", SENT
    )
    assert tl is not None and tl.phrase == "until April 18"
    assert tl.due == date(2025, 4, 18)


@pytest.mark.parametrize(
    "text",
    [
        "The hiring freeze stops the process effective today.",
        "Our manager has been travelling this week, so the debrief slipped.",
    ],
)
def test_no_due_date_from_what_already_happens(text: str) -> None:
    tl = find_timeline(text, SENT)
    assert tl is None or tl.due is None
