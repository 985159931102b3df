"""Phrase families added after blind set 11: settled comparisons, live lists, review sites."""

from __future__ import annotations

from datetime import UTC, date, datetime

from agent.infer import classify
from agent.infer.timeline import find_timeline
from agent.message import Address, Message
from agent.verdict import Verdict

WED = datetime(2025, 6, 11, 9, 0, tzinfo=UTC)


def said(body: str, subject: str, sender: tuple[str, str]) -> Verdict:
    return classify(Message(subject=subject, from_=Address(*sender), body=body, date=WED))


def test_a_settled_comparison_with_another_applicant_is_a_rejection() -> None:
    v = said(
        "Hi Jo,\n\nThanks for meeting the board on Monday. In the end the other applicant "
        "was a closer match for the Grants Officer post, and we have appointed them.\n\nMia",
        "Grants Officer",
        ("Mia Holm", "mia@ferncliff-trust.org"),
    )
    assert v.label == "rejection"


def test_still_in_contention_is_news_of_a_live_process() -> None:
    v = said(
        "Hi Jo, a short note to say that you remain firmly in the running for the "
        "Warehouse Lead job. We have two more people to see.",
        "Warehouse Lead",
        ("Ola Berg", "ola@tidemark-storage.com"),
    )
    assert v.label == "update"


def test_a_place_on_a_public_eligible_list_is_no_interview() -> None:
    v = said(
        "Your application for Clerk Typist 2 was scored and you have been added to the "
        "eligible list. Departments will contact applicants selected for interview.",
        "Your application status",
        ("County of Marlow", "jobs@marlowcounty.gov"),
    )
    assert v.label == "update"


def test_selected_to_take_part_in_an_interview_is_an_invite() -> None:
    v = said(
        "Dear Jo, you have been chosen to take part in a structured interview for the "
        "Library Assistant vacancy. Please reply with the days you are free next week.",
        "Library Assistant",
        ("Wexford Libraries", "recruit@wexfordlibraries.ie"),
    )
    assert v.label == "invite"


def test_a_person_who_has_your_cv_safely_is_an_acknowledgement() -> None:
    v = said(
        "Hello Jo, thank you for the resume and portfolio, which we have now received. "
        "I'll look at them with the studio lead.",
        "Re: Junior Designer",
        ("Pia Lund", "pia@quayside-studio.com"),
    )
    assert v.label == "ack"


def test_a_review_site_thanking_for_an_interview_review_is_a_notification() -> None:
    v = said(
        "Thanks for sharing your interview experience! Other job seekers can now read it. "
        "Your review has been published.",
        "Your review",
        ("Jobreviews", "noreply@jobreviews.example"),
    )
    assert v.label == "other"


def test_course_marketing_about_students_getting_offers_is_no_offer() -> None:
    v = said(
        "Last chance: 30% off our bootcamp. 9 in 10 of our students received an offer within "
        "a year. Enroll today. Unsubscribe",
        "Last chance",
        ("Codecraft School", "news@codecraft.example"),
    )
    assert v.label == "other"


def test_a_labelled_deadline_line_is_a_cut_off() -> None:
    tl = find_timeline("Duration: 60 minutes\nDeadline: June 18, 2025\nGood luck!", WED.date())
    assert tl is not None and tl.due == date(2025, 6, 18)


def test_a_writer_away_this_week_promises_nothing_for_this_week() -> None:
    tl = find_timeline(
        "I'm away on holiday this week, but I will read your CV when I'm back.", WED.date()
    )
    assert tl is None or tl.due is None


def test_a_signature_fuller_form_of_the_display_name_is_the_employer() -> None:
    v = said(
        "Dear Jo,\n\nThank you for applying. We have received your application.\n\n"
        "Human Resources\nOhio Department of Natural Resources",
        "Application received",
        ("Department of Natural Resources HR", "hr@dnr.ohio.gov"),
    )
    assert v.company == "Ohio Department of Natural Resources"


def test_if_selected_to_interview_is_still_an_acknowledgement() -> None:
    v = said(
        "Thank you for applying to Brackenridge Water. If you are selected to attend an "
        "interview, our recruitment team will contact you by phone.",
        "Application received",
        ("Brackenridge Water", "careers@brackenridgewater.co.uk"),
    )
    assert v.label == "ack"
