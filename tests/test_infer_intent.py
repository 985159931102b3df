"""Labels on the mail that breaks naive keyword rules: one test per known trap."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.infer import classify
from agent.message import Address, CalendarEvent, Message
from agent.verdict import Verdict

WHEN = datetime(2024, 3, 6, 10, 0, tzinfo=UTC)  # a Wednesday


def mail(
    body: str,
    subject: str = "Your application",
    sender: tuple[str, str] = ("Jamie Fox", "jamie.fox@acme-robotics.com"),
    **kw: object,
) -> Message:
    return Message(
        subject=subject,
        from_=Address(*sender),
        body=body,
        date=WHEN,
        **kw,  # type: ignore[arg-type]
    )


def label(body: str, subject: str = "Your application", **kw: object) -> Verdict:
    return classify(mail(body, subject, **kw))  # type: ignore[arg-type]


def test_moving_forward_with_you_is_good_news_not_a_rejection() -> None:
    v = label("Hi Alex, we're excited to move forward with you! Next is a call with our CTO.")
    assert v.label == "invite"


def test_moving_forward_with_other_candidates_is_a_rejection() -> None:
    v = label("Hi Alex, after much thought we have decided to move forward with other candidates.")
    assert v.label == "rejection"
    assert v.confidence >= 0.8
    assert any("other candidates" in e for e in v.evidence)


def test_sick_interviewer_reschedule_is_not_a_rejection() -> None:
    v = label(
        "Hi Alex, unfortunately the interviewer is sick, can we move to Thursday?",
        subject="Re: Interview tomorrow",
    )
    assert v.label != "rejection"
    assert v.label == "invite"


def test_lone_unfortunately_never_closes_a_process() -> None:
    v = label("Unfortunately I'm travelling next week, so I'll reply to your questions on Monday.")
    assert v.label != "rejection"


def test_keep_your_resume_on_file_is_a_rejection() -> None:
    v = label("Thanks for applying. We'd like to keep your resume on file for future openings.")
    assert v.label == "rejection"


@pytest.mark.parametrize(
    "text",
    [
        "We wanted to let you know the position has been filled.",
        "We regret to inform you that you were not selected for an interview.",
        "Thank you for your time. We will not be moving forward with your application.",
        "We regret that we are unable to offer you the role.",
        "Your application has been unsuccessful on this occasion.",
        "After intensive consultation we decided to continue the process with other profiles.",
        "The hiring team chose to move ahead with applicants whose experience aligns more closely.",
    ],
)
def test_rejection_phrase_families(text: str) -> None:
    v = label(text)
    assert v.label == "rejection"
    assert v.confidence >= 0.8


def test_conditional_rejection_wording_is_not_a_rejection() -> None:
    v = label(
        "Thanks for applying to Acme! We will review your application. If we decide not to move "
        "forward, we will let you know by email.",
        subject="Thank you for applying to Acme",
    )
    assert v.label == "ack"


def test_weak_rejection_stays_below_the_closing_threshold() -> None:
    v = label("Thank you for your interest, but...", subject="Thank you for your interest")
    assert v.label == "rejection"
    assert v.confidence < 0.8


def test_calendar_request_is_an_invite_with_its_time() -> None:
    start = datetime(2024, 3, 12, 14, 0, tzinfo=UTC)
    ev = CalendarEvent(
        uid="u1",
        method="REQUEST",
        start=start,
        end=None,
        organizer=None,
        summary="Interview: Alex Morgan / Acme",
    )
    v = classify(mail("", subject="Invitation: Interview", calendar=(ev,)))
    assert v.label == "invite"
    assert v.interview_at == start
    assert "calendar: METHOD:REQUEST" in v.evidence


def test_calendar_reply_and_accepted_subject_are_notices() -> None:
    ev = CalendarEvent(
        uid="u1",
        method="REPLY",
        start=None,
        end=None,
        organizer=None,
        summary="Interview",
        partstat="ACCEPTED",
    )
    v1 = classify(mail("Jamie has accepted.", subject="Interview", calendar=(ev,)))
    v2 = label("Jamie Fox has accepted this invitation.", subject="Accepted: Interview with Alex")
    for v in (v1, v2):
        assert v.label == "other"
        assert v.kind == "calendar_notice"
        assert v.is_automatic


@pytest.mark.parametrize(
    "link",
    [
        "https://calendly.com/jamie-acme/30min",
        "https://app.goodtime.io/schedule/abc",
        "https://app.modernloop.io/availability/xyz",
        "https://app.greenhouse.io/scheduling/schedule/123",
        "https://hire.lever.co/interviews/schedule/456",
    ],
)
def test_scheduling_links_make_an_invite(link: str) -> None:
    v = label(
        f"Thanks for applying for the Analyst role. Please pick a slot for a first call: {link}"
    )
    assert v.label == "invite"


def test_share_your_availability_is_an_invite_that_asks_the_user() -> None:
    v = label("Thanks for your application. Please share your availability for a 30 minute call.")
    assert v.label == "invite"
    assert v.asks_user


def test_invite_with_only_a_link_does_not_ask_the_user() -> None:
    v = label(
        "We'd like to invite you to an interview. Use the link below to book a time: "
        "https://calendly.com/acme/interview"
    )
    assert v.label == "invite"
    assert not v.asks_user


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Following up",
            "As promised on the phone, here's a summary of the verbal offer: 120k base.",
        ),
        ("Offer letter", "Please find your offer letter attached. We look forward to your reply."),
        (
            "Please DocuSign: Offer Letter - Alex Morgan",
            "Jamie Fox sent you a document to review and sign. "
            "Please review and sign your offer letter.",
        ),
        ("Great news", "We are delighted to offer you the position of Data Engineer at Acme."),
    ],
)
def test_offers_verbal_written_and_docusign(subject: str, text: str) -> None:
    assert label(text, subject=subject).label == "offer"


@pytest.mark.parametrize(
    "text",
    [
        "Special offer: 30% off all courses this week only!",
        "Limited-time offer on Premium. Claim offer now. Unsubscribe",
        "THIS IS NOT A JOB OFFER. Join our fee-based job placement program.",
    ],
)
def test_marketing_offers_are_other(text: str) -> None:
    v = label(text, subject="Don't miss this", sender=("Deals", "deals@shop-example.com"))
    assert v.label == "other"


def test_offer_you_an_interview_is_an_invite_not_an_offer() -> None:
    v = label("We are pleased to offer you an interview for the Data Engineer position.")
    assert v.label == "invite"


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        (
            ("LinkedIn Job Alerts", "jobalerts-noreply@linkedin.com"),
            "15 new jobs for data engineer",
            "Your job alert for data engineer. 15 new jobs match your preferences. See all jobs",
        ),
        (
            ("Indeed", "alert@indeed.com"),
            "Jobs you may be interested in",
            "Backend Engineer - Acme - Remote. Easily apply. View all jobs matching your search.",
        ),
        (
            ("Glassdoor Jobs", "noreply@glassdoor.com"),
            "8 new jobs for you",
            "Recommended jobs based on your profile. Product Analyst at Acme. See more jobs",
        ),
        (
            ("ZipRecruiter", "alerts@ziprecruiter.com"),
            "New job matches",
            "New jobs matching Software Engineer near Denver. Quick Apply. Edit your job alert",
        ),
    ],
)
def test_job_alert_digests_are_other(sender: tuple[str, str], subject: str, text: str) -> None:
    v = label(text, subject=subject, sender=sender)
    assert v.label == "other"
    assert v.kind == "job_alert"
    assert v.is_automatic
    assert v.company is None or v.company.lower() not in {"linkedin", "indeed", "glassdoor"}


def test_recruiter_cold_outreach_is_other_even_with_interview_words() -> None:
    v = label(
        "Hi Alex, I came across your profile and my client would love to interview engineers "
        "like you. Are you open to new opportunities? Would you be available for a call next week?",
        subject="Opportunity",
        sender=("Ryan Cole", "ryan@talentbridge-partners.com"),
    )
    assert v.label == "other"
    assert v.kind == "recruiter_outreach"


def test_newsletter_is_other() -> None:
    v = label(
        "This week in tech hiring: interview loops are shorter. Read the newsletter in your "
        "browser. Unsubscribe",
        subject="The Friday Dispatch",
        sender=("Dispatch", "newsletter@dispatch-weekly.com"),
    )
    assert v.label == "other"
    assert v.is_automatic


def test_out_of_office_by_phrase_and_by_header() -> None:
    v1 = label(
        "I am out of the office until Monday with limited access to email.",
        subject="Automatic reply: Interview follow-up",
    )
    v2 = label(
        "Thanks for your message.",
        subject="Re: Checking in",
        headers={"auto-submitted": "auto-replied"},
    )
    for v in (v1, v2):
        assert v.label == "other"
        assert v.kind == "auto_reply"
        assert v.is_automatic
    assert "header: Auto-Submitted: auto-replied" in v2.evidence


def test_autoresponder_acknowledging_an_application_is_an_ack() -> None:
    v = label(
        "This is an automated response confirming that we have received your application.",
        subject="Automatic reply: Application - Java Developer",
    )
    assert v.label == "ack"


def test_receipt_is_other() -> None:
    v = label(
        "Thank you for your purchase! Order #48213. Total charged: $49.00",
        subject="Your receipt",
        sender=("CloudCourse", "receipts@cloudcourse.example"),
    )
    assert v.label == "other"
    assert v.kind == "receipt"


def test_quoted_rejection_does_not_decide_a_neutral_reply() -> None:
    quoted = "Unfortunately, we have decided to move forward with other candidates."
    v1 = classify(
        mail(
            "Thanks for checking in! Still working through things, more next week.",
            subject="Re: Following up",
            quoted=quoted,
        )
    )
    v2 = label(
        "Thanks for checking in! Still working through things, more next week.\n\n"
        "On Mon, Mar 4, 2024 at 9:00 AM Jamie Fox wrote:\n> " + quoted,
        subject="Re: Following up",
    )
    for v in (v1, v2):
        assert v.label == "update"


def test_quoted_offer_does_not_decide_a_neutral_reply() -> None:
    v = label(
        "Legal is still reviewing the contract wording; I'll get back to you on Monday.\n\n"
        "> We're pleased to offer you the Data Engineer position!",
        subject="Re: Contract",
    )
    assert v.label == "update"
    assert v.timeline == "on Monday"


def test_still_reviewing_is_an_update_with_its_promise() -> None:
    v = label(
        "We're still interviewing a couple of candidates and expect to make a decision by "
        "Friday. Thanks for your patience!",
        subject="Quick update",
    )
    assert v.label == "update"
    assert v.timeline == "by Friday"
    assert v.due is not None and v.due.isoformat() == "2024-03-08"


def test_application_received_is_an_ack() -> None:
    v = label(
        "Thank you for applying to Acme Robotics. Your application has been received.",
        subject="Thank you for applying to Acme Robotics",
    )
    assert v.label == "ack"
    assert v.stage == "application"


def test_personal_mail_is_other() -> None:
    v = label(
        "Are you free for coffee next Tuesday? Want to catch up about the trip.",
        subject="Coffee?",
        sender=("Sam", "sam.k@gmail.com"),
    )
    assert v.label == "other"


def test_users_own_mail_is_other_with_the_recipient_as_contact() -> None:
    msg = Message(
        subject="Re: Data Engineer interview",
        from_=Address("Alex", "alex@example.com"),
        to=(Address("Jamie Fox", "jamie.fox@acme-robotics.com"),),
        body="Thanks Jamie, looking forward to it!",
        date=WHEN,
    )
    v = classify(msg, user_addresses=["Alex@Example.com"])
    assert v.label == "other"
    assert v.kind is None
    assert v.contact == Address("Jamie Fox", "jamie.fox@acme-robotics.com")
    assert v.company == "Acme Robotics"
