"""Blunt mail from a person in a hiring thread, and the guards that keep friends' mail out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.infer import classify
from agent.message import Address, Message
from agent.verdict import Verdict

WHEN = datetime(2025, 4, 9, 10, 0, tzinfo=UTC)


def said(
    body: str,
    subject: str = "Re: your application",
    sender: tuple[str, str] = ("Rory", "rory@tinpotbakery.com"),
) -> Verdict:
    return classify(Message(subject=subject, from_=Address(*sender), body=body, date=WHEN))


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: the cook job", "nah we're ok. already hired someone. cheers"),
        ("Re: application", "We're passing. Your experience isn't what we need right now."),
        ("the barista gig", "Sorry mate, the gig went to someone who lives closer."),
        ("Re: Junior role", "Honestly we are not going to hire you. Good luck."),
        ("Re: shift lead", "This isn't going to work out for you, we picked another candidate."),
    ],
)
def test_blunt_rejections(subject: str, body: str) -> None:
    assert said(body, subject).label == "rejection"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Monday", "You're hired! $19 an hour, start Monday at 8."),
        ("Re: the role", "ok the bookkeeper job's yours. Pay as discussed, starting the 3rd."),
        ("Decision", "We want to have you as Head Baker at our Leith shop, salary 31k."),
        ("News", "The panel met and we'd love for you to join Tinpot as Pastry Lead from May."),
        ("Re: package", "Just checking in on the offer we extended last week, any questions?"),
    ],
)
def test_blunt_offers(subject: str, body: str) -> None:
    assert said(body, subject).label == "offer"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: the flat", "Sorry, we found someone for the flat already. Hope you find a place!"),
        ("Re: sunday", "Nah we're good, Dad already brought the chairs. See you there"),
        ("Re: wedding band", "We found somebody else to play, thanks anyway!"),
        ("club", "We'd love to have you as a guest at the book club on Friday."),
    ],
)
def test_friends_saying_the_same_words_are_personal(subject: str, body: str) -> None:
    assert said(body, subject, ("Mum", "mum.hale@gmail.com")).label == "other"


def test_withdrawing_is_the_candidates_option_in_an_acknowledgement() -> None:
    v = said(
        "Thanks for applying to Tinpot Bakery. We have received your application for Shift "
        "Lead. You may update or withdraw your application at any time in your account.",
        "We received your application",
        ("Tinpot Careers", "no-reply@tinpotbakery.com"),
    )
    assert v.label == "ack"


def test_the_company_withdrawing_an_application_is_still_a_rejection() -> None:
    v = said(
        "Hello, as the vacancy has been cancelled we have had to withdraw your application "
        "for Shift Lead. We are sorry for the disappointment.",
        "Your application",
        ("Tinpot Careers", "no-reply@tinpotbakery.com"),
    )
    assert v.label == "rejection"


@pytest.mark.parametrize(
    ("subject", "body", "label"),
    [
        (
            "Re: Pastry Lead interview",
            "Great, the tasting round as agreed on Thursday at 11:00. See you there!",
            "invite",
        ),
        ("Re: Pastry Lead role", "Tuesday at 3pm works for our owner too. Speak then.", "invite"),
        (
            "Re: intro",
            "Good news: the bakery wants to move you forward to the final round for the Lead role.",
            "invite",
        ),
        (
            "Delay",
            "Thanks for your application for Baker. Shortlisting has been delayed; we expect to "
            "contact shortlisted applicants next week.",
            "update",
        ),
        (
            "Shift Lead - update",
            "Quick update on the role I put you forward for: the client is going to pass, sorry.",
            "rejection",
        ),
        (
            "Update regarding your application",
            "Thank you for your interest. Your application will not be considered further.",
            "rejection",
        ),
    ],
)
def test_slots_delays_and_agency_passes(subject: str, body: str, label: str) -> None:
    assert said(body, subject).label == label


def test_a_friend_fixing_a_time_is_not_an_invite() -> None:
    v = said("Tuesday at 3pm works for me, I'll bring the cake.", "Re: tea", ("Jo", "jo@gmail.com"))
    assert v.label == "other"


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Final round interview - Data Analyst", "invite"),
        ("Record your one-way interview by Friday", "invite"),
        ("Your application is under review", "update"),
        ("Hiring update: outcome expected early next month", "update"),
        ("Confirmation of your application - Barista", "ack"),
    ],
)
def test_one_line_notices(line: str, label: str) -> None:
    assert said(line, line, ("Careers", "careers@tinpotbakery.com")).label == label


def test_a_person_confirming_receipt_is_an_acknowledgement() -> None:
    v = said(
        "Hello Kim, I confirm we have received your CV and passed it to our head baker. "
        "We will contact the selected candidates next month.",
        "Re: Application - Baker",
    )
    assert v.label == "ack"


def test_interview_tips_are_not_an_invite() -> None:
    v = said(
        "Take your interview tips course today: 20% off for members.",
        "Ace it",
        ("Promo", "deals@careerboost.com"),
    )
    assert v.label == "other"


def test_a_round_already_held_is_news_not_an_invite() -> None:
    v = said(
        "Dear Kim, the panel has completed first-round interviews and is now reviewing "
        "feedback. We expect to decide by the end of the month.",
        "Baker recruitment - status",
    )
    assert v.label == "update"


def test_blunt_words_in_a_story_are_no_decision() -> None:
    v = said(
        "This week a reader told us the role went to an internal candidate after four rounds. "
        "Here is how to ask for feedback when that happens.",
        "Five lessons from the job hunt",
        ("Hunt Weekly", "hello@huntweekly.com"),
    )
    assert v.label == "other"


def test_an_agency_relaying_the_clients_no_is_a_rejection() -> None:
    v = said(
        "Quick update on the Shift Lead opening I put you forward for. The client came back and "
        "said they're going to pass. Free for a quick call tomorrow about another role?",
        "Shift Lead - update",
        ("Rafa", "rafa@crestline-staffing.com"),
    )
    assert v.label == "rejection"


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("We've decided to go with someone more senior for the role. Best of luck.", "rejection"),
        ("About the cook job: unfortunately it's a no this time.", "rejection"),
        ("sorry hun, gave the job to my cousin", "rejection"),
        ("Good news - it's a yes from us! Start date 3 June, 42k.", "offer"),
    ],
)
def test_more_blunt_words(body: str, label: str) -> None:
    assert said(body).label == label


def test_a_yes_for_the_next_round_is_not_an_offer() -> None:
    v = said("It's a yes from the panel! Next up is the final round interview on Monday at 10.")
    assert v.label != "offer"
