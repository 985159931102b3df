"""Phrase families added after blind set 12: repo-style samples and marketplace mail."""

from __future__ import annotations

from datetime import UTC, date, datetime

from agent.infer import classify
from agent.infer.timeline import find_timeline
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


def test_a_letter_on_its_way_names_the_day_it_arrives() -> None:
    tl = find_timeline(
        "Your contract is on its way to you and should arrive on Thursday.", TUE.date()
    )
    assert tl is not None and tl.due == date(2025, 9, 18)


def test_a_slot_window_the_user_is_told_to_reply_with_is_no_due_date() -> None:
    tl = find_timeline(
        "The store manager wants to meet you. Respond with a few slots that suit you this week.",
        TUE.date(),
    )
    assert tl is None or tl.due is None


def test_an_order_to_reply_by_a_day_is_still_a_deadline() -> None:
    tl = find_timeline("Reply by Friday to accept the position.", TUE.date())
    assert tl is not None and tl.due == date(2025, 9, 19)


def test_a_holiday_as_the_marker_is_found_without_a_date() -> None:
    tl = find_timeline(
        "Our director is travelling, so we will make the final decision after the holidays.",
        TUE.date(),
    )
    assert tl is not None and "holidays" in tl.phrase and tl.due is None


def test_a_sellers_counter_offer_is_no_job_offer() -> None:
    v = said(
        'The seller has sent you a counter offer for "oak bookshelf". It is valid for a day.',
        "Counter offer",
        ("Swapsy", "notify@swapsy.example"),
    )
    assert v.label == "other"


def test_one_word_tracker_subjects_keep_their_meaning() -> None:
    sender = ("Quillstone", "talent@quillstone.io")
    assert said("Phone interview", "Phone interview", sender).label == "invite"
    assert said("Resume viewed", "Resume viewed", sender).label == "update"


def test_an_application_sitting_at_a_named_stage_is_news() -> None:
    v = said(
        "Your application for Store Supervisor is currently at the hiring manager review "
        "stage. No action is needed from you.",
        "Application status",
        ("Pinecrest Market", "careers@pinecrestmarket.com"),
    )
    assert v.label == "update"


def test_a_subject_that_is_the_verdict_is_a_rejection() -> None:
    sender = ("Quillstone", "talent@quillstone.io")
    assert said("Not progressing", "Application: not progressing", sender).label == "rejection"


def test_a_project_not_moving_forward_is_no_rejection() -> None:
    v = said(
        "Heads up: we are not moving forward with the vendor migration this quarter.",
        "Not moving forward with the migration",
        ("Ops", "ops@ourteam.example"),
    )
    assert v.label != "rejection"


def test_a_short_thanks_received_in_a_job_thread_is_an_acknowledgement() -> None:
    v = said(
        "Thank you Robin, received. I'll read it over the weekend.",
        "Re: Copywriter application",
        ("Ines Moll", "ines@kestrelcopy.com"),
    )
    assert v.label == "ack"


def test_a_podcast_episode_about_interviews_is_marketing() -> None:
    v = said(
        "New episode on our podcast: what interviewers really look for in your answers.",
        "Your interview questions, answered",
        ("Career Cast", "hello@careercast.fm"),
    )
    assert v.label == "other"


def test_a_library_card_application_is_not_a_job() -> None:
    v = said(
        "Your application for a library card was approved. Collect it at the Elm Street branch.",
        "Your application",
        ("Northvale Libraries", "no-reply@northvalelib.org"),
    )
    assert v.label == "other"


def test_end_of_day_tomorrow_is_tomorrow() -> None:
    tl = find_timeline("Kindly return the signed contract by end of day tomorrow.", TUE.date())
    assert tl is not None and tl.due == date(2025, 9, 17)
