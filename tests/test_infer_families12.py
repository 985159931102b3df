"""Phrase families added after blind set 12: repo-style samples and marketplace mail."""

from __future__ import annotations

from datetime import UTC, datetime

from agent.infer import classify
from agent.message import Address, Message
from agent.verdict import Verdict

TUE = datetime(2025, 9, 16, 10, 0, tzinfo=UTC)


def said(body: str, subject: str, sender: tuple[str, str]) -> Verdict:
    return classify(Message(subject=subject, from_=Address(*sender), body=body, date=TUE))


def test_appreciating_the_time_taken_to_apply_is_an_acknowledgement() -> None:
    v = said(
        "Hello, I really appreciate you applying for the Line Cook opening. Our chef looks "
        "at new applications every Monday.",
        "Line Cook",
        ("Saltmarsh Kitchen", "jobs@saltmarsh-dining.com"),
    )
    assert v.label == "ack"


def test_ended_up_hiring_a_friend_is_a_rejection() -> None:
    v = said(
        "Hi Robin, thanks for applying for the weekend job. Honestly the owner ended up "
        "hiring a regular who knew the till already. Sorry about that!",
        "Weekend job",
        ("Pat", "pat.bakes@gmail.com"),
    )
    assert v.label == "rejection"


def test_ended_up_going_with_a_friend_for_a_trip_is_not_about_a_job() -> None:
    v = said(
        "We ended up going with a friend's cabin for the long weekend, so no need to book.",
        "cabin",
        ("Lee", "lee.h@gmail.com"),
    )
    assert v.label == "other"


def test_pop_in_for_a_chat_about_a_job_is_an_invite() -> None:
    v = said(
        "Hi Robin, got your application for the bike mechanic job. Could you pop in on "
        "Friday morning for a quick chat with me?",
        "Bike mechanic",
        ("Wheelhouse Cycles", "owner@wheelhousecycles.com"),
    )
    assert v.label == "invite"


def test_pop_in_for_a_chat_among_friends_is_personal_mail() -> None:
    v = said(
        "Pop in for a chat after yoga on Thursday? I made too much banana bread.",
        "thursday",
        ("Ana", "ana.r@gmail.com"),
    )
    assert v.label == "other"


def test_back_for_a_final_round_is_an_invite() -> None:
    v = said(
        "Hi Robin, good news: the team would like to invite you back for a final round "
        "with our VP of Engineering.",
        "Final round",
        ("Quillstone", "talent@quillstone.io"),
    )
    assert v.label == "invite"


def test_a_subject_only_status_in_review_is_an_update() -> None:
    v = said(
        "Application status: under review",
        "Application status: under review",
        ("", "x@ats.example"),
    )
    assert v.label == "update"


def test_a_buyers_offer_on_a_listing_is_no_job_offer() -> None:
    v = said(
        'Good news! A buyer sent an offer of £120 for your item "road bike". Respond '
        "within 48 hours.",
        "New offer received",
        ("Swapsy", "notify@swapsy.example"),
    )
    assert v.label == "other"
