"""Replies, closures and promises: what a thread's new text says wins over its old subject."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from agent.infer import classify
from agent.infer.eval import evaluate, load
from agent.message import Address, Message
from agent.verdict import Verdict

THU = datetime(2025, 5, 8, 15, 30, tzinfo=UTC)  # a Thursday
BLIND = Path(__file__).parent / "data" / "infer" / "blind.jsonl"


def said(body: str, subject: str, sender: tuple[str, str] | None = None) -> Verdict:
    who = Address(*(sender or ("Ravi Kapoor", "ravi.kapoor@tidewell-energy.com")))
    return classify(Message(subject=subject, from_=who, body=body, date=THU))


# a) an explicit offer is sure enough for the tracker to close the process
def test_explicit_offer_with_letter_to_follow_is_confident() -> None:
    v = said(
        "Hi Sam,\n\nGreat news: I'm happy to say we'd like to offer you the Lead Process "
        "Engineer role at Tidewell! Your written offer will come through DocuSign this "
        "afternoon, so have a look and tell me if anything is unclear.\n\nCheers,\nRavi",
        "Re: Invitation: Site visit Sam Okafor / Tidewell Energy",
    )
    assert v.label == "offer"
    assert v.confidence >= 0.9


def test_offer_with_a_booking_link_in_the_signature_is_still_confident() -> None:
    v = said(
        "Hello Sam,\n\nWe are delighted to offer you the position of Process Engineer. The "
        "offer letter with salary and start date is attached.\n\nBest,\nRavi Kapoor\n"
        "Talent Partner\nBook a call with me: https://calendly.com/ravi-kapoor/15min",
        "Your offer",
    )
    assert v.label == "offer" and v.confidence >= 0.9


# b) a reply's subject carries the thread's old stage
def test_reply_subject_does_not_set_the_stage_of_the_new_text() -> None:
    v = said(
        "Hi Sam,\n\nThanks for the call on Monday. We would now like to invite you to a "
        "second-round interview at our Aberdeen site with two of the plant managers. Does "
        "Tuesday 20 May suit you?\n\nRavi",
        "Re: Invitation: Phone screen Sam Okafor / Tidewell Energy",
    )
    assert v.label == "invite"
    assert v.stage == "interview round 2"


def test_reply_subject_alone_is_no_invitation() -> None:
    v = said(
        "Hi Sam, thanks again for your time today. We will come to a decision once the last "
        "two candidates have been seen, so within ten days.\n\nRavi",
        "RE: Interview invitation - Process Engineer",
    )
    assert v.label == "update"


# c) calendar subjects name events, people and companies, not roles
def test_calendar_invite_subject_is_not_a_role() -> None:
    v = said(
        "Hi Sam, I've sent you an invite for our chat on Tuesday at 10:00. Speak then!\n\nRavi",
        "Invitation: Intro call Sam Okafor / Tidewell Energy @ Tue 13 May 2025 10am",
    )
    assert v.role is None
    assert v.label == "invite"


def test_accepted_notice_subject_is_not_a_role() -> None:
    v = said(
        "Ravi Kapoor has accepted this invitation.",
        "Accepted: Onsite Sam Okafor / Tidewell Energy @ Thu 22 May 2025",
    )
    assert v.label == "other"
    assert v.role is None


# d) a note after the interview with an interview subject is news, with a call asked for
def test_post_interview_note_is_an_update_with_phone_channel() -> None:
    v = said(
        "Dear Sam,\n\nmany thanks for your time yesterday and the open conversation. We will "
        "reach a decision in the course of next week.\n\nIf anything is unclear, please call "
        "me on +44 1224 555 010 instead of writing, I am mostly on site.\n\nRegards\nRavi "
        "Kapoor",
        "Re: Interview for the Process Engineer position",
    )
    assert v.label == "update"
    assert v.channel == "phone"
    assert v.timeline is not None and "next week" in v.timeline
    assert v.due == date(2025, 5, 16)


# e) windows the user is asked to pick a slot in are no promise of an answer
def test_availability_window_gets_no_due_date() -> None:
    v = said(
        "Hi Sam, we'd love to set up a first call. Could you send me a few slots that work "
        "for you early next week?\n\nRavi",
        "Process Engineer - first call",
    )
    assert v.label == "invite"
    assert v.due is None


def test_interview_date_and_newsletter_week_get_no_due_date() -> None:
    slot = said(
        "Hi Sam, your panel interview is on Wednesday 14 May at 09:30 in Aberdeen.\n\nRavi",
        "Panel interview confirmed",
    )
    assert slot.label == "invite" and slot.due is None
    news = said(
        "This week in energy hiring: wind farms add 4,000 roles. Read more on our site.\n\n"
        "Unsubscribe from this newsletter",
        "Energy Jobs Weekly",
        ("Energy Jobs Weekly", "news@energyjobsweekly.example"),
    )
    assert news.label == "other" and news.due is None


def test_their_promise_gets_the_date() -> None:
    v = said(
        "Hi Sam, the panel meets on Monday and you'll hear from us by Wednesday at the "
        "latest.\n\nRavi",
        "Process Engineer - update",
    )
    assert v.label == "update"
    assert v.timeline == "by Wednesday"
    assert v.due == date(2025, 5, 14)


# f) a role put on hold asks the user; "another direction" about the candidate closes
def test_paused_role_is_an_unsure_rejection() -> None:
    v = said(
        "Hi Sam, I'm sorry to tell you that leadership has decided to freeze hiring for the "
        "Process Engineer role until next year, so we are stopping the process here.",
        "Process Engineer role",
    )
    assert v.label == "rejection"
    assert v.confidence < 0.8


def test_budget_cut_pause_is_below_the_closing_threshold() -> None:
    v = said(
        "Hello Sam, the team has decided to pause hiring for the role after the budget "
        "review. We won't be continuing the interview process for now.",
        "Update",
    )
    assert v.label == "rejection" and v.confidence < 0.8


def test_another_direction_about_the_candidate_is_a_sure_rejection() -> None:
    v = said(
        "Hi Sam, thanks for your patience. After the final round we have chosen to head in a "
        "different direction for the Process Engineer role and won't move ahead with your "
        "application.",
        "Process Engineer",
    )
    assert v.label == "rejection" and v.confidence >= 0.8


def test_on_hold_while_you_stay_in_the_process_is_news() -> None:
    v = said(
        "Hi Sam, quick heads-up: the search is on hold for two weeks while the budget is "
        "signed off. You are still in the process and I'll update you by the end of the month.",
        "Process Engineer - timing",
    )
    assert v.label == "update"


@pytest.mark.parametrize(
    "name",
    [f"blind{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")],
)
def test_blind_sets_meet_the_targets(name: str) -> None:
    rep = evaluate(load(str(BLIND.parent / name)))
    assert rep.n >= 20
    assert rep.macro_f1 >= 0.93
    assert rep.rejection_precision >= 0.98
    assert rep.offer_recall >= 0.95
    assert rep.other_as_job_pct <= 3.0
    assert rep.timeline_found_pct >= 90.0
    assert rep.spurious_due == 0
    assert rep.confidence_misses == 0
    assert rep.company_pct >= 95.0


def test_contracted_negations_are_read() -> None:
    v = said("Hi Sam, I'm sorry, but you weren't shortlisted for the Process Engineer role.", "Re")
    assert v.label == "rejection" and v.confidence >= 0.8


def test_an_insurer_hiring_is_still_a_job() -> None:
    v = said(
        "Dear Sam,\n\nThanks for applying to Harrowgate Insurance! We have received your "
        "application and will be in touch.",
        "Application received",
        ("Harrowgate Insurance", "no-reply@hire.lever.co"),
    )
    assert v.label == "ack"
    assert v.company == "Harrowgate Insurance"


def test_an_application_moving_on_is_news_not_an_invitation() -> None:
    v = said(
        "Your application for Plant Engineer (R-1182) has now progressed to the next step: "
        "Hiring Manager Review. There is nothing required from you at the moment.",
        "Application status",
        ("Tidewell Careers", "tidewell@myworkday.com"),
    )
    assert v.label == "update"


def test_a_friend_congratulating_on_an_offer_is_personal() -> None:
    v = said(
        "Heard that you got the job offer from Tidewell - congrats on the new job! Dinner on me.",
        "!!!",
        ("Mira", "mira.k@gmail.com"),
    )
    assert v.label == "other"


def test_thanks_for_applying_with_a_call_request_is_an_invite() -> None:
    v = said(
        "Hi Sam, thanks for applying for the Process Engineer role! Would you be free for a "
        "short video call on Monday or Tuesday?",
        "Process Engineer",
    )
    assert v.label == "invite"
