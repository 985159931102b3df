"""Phrase families added after blind sets 6 to 8: indirect offers, ongoing searches, robots."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agent.infer import classify
from agent.infer.timeline import find_timeline
from agent.message import Address, CalendarEvent, Message
from agent.verdict import Verdict

WHEN = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)  # a Wednesday


def said(
    body: str,
    subject: str = "Your application",
    sender: tuple[str, str] = ("Noa Brenner", "noa@quayside-labs.com"),
    **kw: object,
) -> Verdict:
    m = Message(subject=subject, from_=Address(*sender), body=body, date=WHEN, **kw)  # type: ignore[arg-type]
    return classify(m)


def test_still_interviewing_others_is_not_a_rejection() -> None:
    v = said(
        "Hi Kim, a short note: we are still interviewing other applicants until Thursday, "
        "and I will come back to you early next week.",
        "Where things are",
    )
    assert v.label != "rejection"
    assert v.label == "update"


@pytest.mark.parametrize(
    "body",
    [
        "Dear Kim, you have been chosen for the Field Technician role at Quayside Labs. "
        "The contract follows separately.",
        "Kim, the whole panel wants you to join! Shall we talk about a start date on Monday?",
        "Following your interview we are happy to confirm your appointment as Ward Pharmacist, "
        "subject to references.",
        "As promised we revised the compensation package: the base goes up by 4,000.",
        "Kim, I'm glad to say the board has picked you for the post of Head Gardener.",
        "The job is yours if you want it! Paperwork follows tonight.",
    ],
)
def test_offers_without_the_word_offer(body: str) -> None:
    assert said(body, "Good news").label == "offer"


def test_selected_for_an_interview_round_stays_an_invite() -> None:
    v = said("You have been selected for the technical interview round for the Technician role.")
    assert v.label == "invite"


@pytest.mark.parametrize(
    ("subject", "body", "sender"),
    [
        (
            "[acme/hr-kit] Offer letter PDF is cut off (#12)",
            "The offer letter export drops page two.\n\n--\nYou are receiving this because you "
            "are subscribed to this thread.\nReply to this email directly or view it on GitHub.",
            ("octo", "notifications@github.com"),
        ),
        (
            "New reply in Career Talk",
            "sam_r replied to your post 'How long after an onsite?': they said they would "
            "decide by Friday, good luck!",
            ("Jobforum Community", "community@jobforum.example.com"),
        ),
        (
            "Your practice interview is booked",
            "Your mock interview with coach Ria is confirmed for Thursday at 5pm.",
            ("Prepwell", "hello@prepwell.io"),
        ),
        (
            "Your visa application",
            "Your visa application has been received and is being processed.",
            ("Consulate", "noreply@visa.example.gov"),
        ),
        (
            "Great news, Kim!",
            "You're pre-approved for the Atlas Rewards card. This offer expires in 14 days.",
            ("Atlas Bank", "offers@atlasbank.example.com"),
        ),
    ],
)
def test_trackers_forums_and_career_marketing_are_other(
    subject: str, body: str, sender: tuple[str, str]
) -> None:
    assert said(body, subject, sender).label == "other"


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("Unfortunately, we will not be proceeding.", "rejection"),
        ("Sorry for the delay. We've decided to go another way on this one.", "rejection"),
        ("Your application for Buyer has moved to the hiring manager review stage.", "update"),
        ("I'm Lena and I'll be your point of contact for the Buyer application.", "update"),
        ("Thanks, got it! I'll pass your CV on to the store manager.", "ack"),
        ("We have received your completed case study; the panel will look at it.", "update"),
        ("I'm afraid it's a no from the panel this time. Good luck!", "rejection"),
        ("We'll pass on this one, but do apply again.", "rejection"),
        ("You're invited to the second round at our office on 20 March.", "invite"),
        ("Not yet, sorry - the team is still meeting a few candidates.", "update"),
    ],
)
def test_short_process_notes(body: str, label: str) -> None:
    assert said(body, "Re: Buyer application").label == label


def test_got_it_from_a_friend_is_personal() -> None:
    v = said("Thanks, got it! I'll pass it on to Mum.", "photos", ("Ari", "ari@gmail.com"))
    assert v.label == "other"


@pytest.mark.parametrize(
    ("text", "phrase", "due"),
    [
        ("We will get back to you as soon as possible.", "as soon as possible", None),
        (
            "Reviews can take up to three weeks; we will then contact you.",
            "up to three weeks",
            date(2025, 4, 2),
        ),
        (
            "The letter will come from HR in the next day or two.",
            "in the next day or two",
            date(2025, 3, 14),
        ),
        (
            "Please return the signed form by Friday, March 14 at 5:00 PM.",
            "by Friday, March 14",
            date(2025, 3, 14),
        ),
        ("This offer is valid for 5 days.", "for 5 days", date(2025, 3, 17)),
        ("The offer will expire on March 20.", "on March 20", date(2025, 3, 20)),
        ("She will review applications after the 18th.", "after the 18th", date(2025, 3, 18)),
        ("We will let you know in a day or two.", "in a day or two", date(2025, 3, 14)),
        ("Please sign the offer by 5pm on Friday.", "by 5pm on Friday", date(2025, 3, 14)),
    ],
)
def test_timeline_families(text: str, phrase: str, due: date | None) -> None:
    tl = find_timeline(text, WHEN.date())
    assert tl is not None and phrase.lower() in tl.phrase.lower()
    assert tl.due == due


def test_a_link_lifetime_is_no_timeline() -> None:
    tl = find_timeline("Record your answers here. The link is valid for 5 days.", WHEN.date())
    assert tl is None or tl.due is None


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        (
            ("Teamtailor", "no-reply@teamtailor.com"),
            "Interview booked",
            "Your interview is booked.\n\nJob: Analyst\nCompany: Vessel Works AB\n\n"
            "Vessel Works AB via Teamtailor",
            "Vessel Works AB",
        ),
        (
            ("", "careers@pell.co"),
            "Offer",
            "We are delighted to offer you the Buyer position at Pell & Co. Your start date is "
            "May 2.",
            "Pell & Co",
        ),
        (
            ("Dario Lenz", "dario@northgatecu.org"),
            "Next steps",
            "Thanks for applying to the Teller role at Northgate Credit Union.",
            "Northgate Credit Union",
        ),
        (
            ("Hireboard", "notifications@hireboard.com"),
            "Your application was viewed",
            "Good news: a recruiter from Quayside Labs viewed your application.",
            "Quayside Labs",
        ),
        (
            ("", "no-reply@brightmill.co"),
            "Application submitted",
            "Your application to Brightmill Bakery for Baker has been submitted.",
            "Brightmill Bakery",
        ),
        (
            ("Mara Ode", "mara@pinecrest.com"),
            "Update",
            "We are still deciding.\n\nMara, Pinecrest",
            "Pinecrest",
        ),
        (
            ("Workday", "lumen@myworkday.com"),
            "Update",
            "Dear Kim, your candidacy for Data Analyst at Lumen Labs has moved forward.",
            "Lumen Labs",
        ),
        (
            ("Sun Life Careers", "careers@sunlife.com"),
            "Application received",
            "Thanks for applying to Sun Life.",
            "Sun Life",
        ),
        (
            ("", "talent@marisol.example.com"),
            "Where things stand",
            "Thank you for interviewing with Chloe and Sanjay for the Designer position at "
            "Marisol Studio.",
            "Marisol Studio",
        ),
    ],
)
def test_company_as_written(sender: tuple[str, str], subject: str, body: str, company: str) -> None:
    assert said(body, subject, sender).company == company


@pytest.mark.parametrize(
    ("subject", "summary"),
    [("Invitation: Onsite day", "Onsite interview day"), ("Entretien - invitation", "Entretien")],
)
def test_calendar_subjects_and_process_words_are_no_company(subject: str, summary: str) -> None:
    ev = CalendarEvent(
        uid="u9", method="REQUEST", start=WHEN, end=None, organizer=None, summary=summary
    )
    v = said(subject, subject, ("Dana Wolfe", "dana@example.org"), calendar=(ev,))
    assert v.label == "invite"
    assert v.company is None


@pytest.mark.parametrize(
    ("subject", "body", "label"),
    [
        ("Parcel update", "Your updated package tracking: the parcel was delivered.", "other"),
        (
            "Offer",
            "We are pleased to offer you the Analyst role. Reply to this email directly or "
            "view it on our portal.",
            "offer",
        ),
        (
            "Assessment",
            "As the next step for the Analyst position, please take a short skills assessment "
            "within 5 days.",
            "invite",
        ),
        ("Next round", "We'd love for you to join us for a final interview on Friday.", "invite"),
    ],
)
def test_new_families_keep_their_limits(subject: str, body: str, label: str) -> None:
    assert said(body, subject).label == label


def test_a_friend_telling_about_their_own_onsite_is_personal() -> None:
    v = said(
        "hey! I had my onsite at Corvel yesterday and I think I bombed the system design part. "
        "Call me tonight?",
        "ugh",
        ("Jo", "jo.m@gmail.com"),
    )
    assert v.label == "other"


def test_a_calendar_reminder_names_no_company() -> None:
    v = said(
        "Reminder: Interview with Jamie. When: Tue 10am.",
        "Reminder: Interview @ Tue",
        ("Google Calendar", "calendar-notification@google.com"),
    )
    assert v.company is None
