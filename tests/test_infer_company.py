"""Who a message is from: the employer (never a relay or mail provider), the role, the contact."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest

from agent.infer import classify
from agent.infer.ats import relay_for_domain, relay_names, tenant_from_host
from agent.infer.domains import registrable_domain
from agent.message import Address, Message

WHEN = datetime(2024, 3, 6, 10, tzinfo=UTC)


def msg(sender: tuple[str, str], subject: str, body: str, **kw: object) -> Message:
    return Message(subject=subject, from_=Address(*sender), body=body, date=WHEN, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sender", "subject", "body"),
    [
        (
            ("Acme Robotics Recruiting", "no-reply@us.greenhouse-mail.io"),
            "Thank you for applying",
            "Thanks for applying! Your application has been received.",
        ),
        (
            ("Acme Robotics", "no-reply@hire.lever.co"),
            "Your application",
            "We received your application and will review it.",
        ),
        (
            ("Acme Robotics", "acmerobotics@myworkday.com"),
            "Application received",
            "We have received your application for Engineer.",
        ),
        (
            ("Acme Robotics", "notifications@ashbyhq.com"),
            "Thanks for applying",
            "Thanks for applying! Your application has been received.",
        ),
        (
            ("Acme Robotics", "acme@smartrecruiters.com"),
            "Application",
            "We received your application.",
        ),
        (
            ("Acme Robotics Careers", "acme@icims.com"),
            "Application",
            "We received your application.",
        ),
        (
            ("Acme Robotics", "notification@jobvite.com"),
            "Application",
            "We received your application.",
        ),
        (
            ("Acme Robotics", "noreply@workablemail.com"),
            "Application",
            "We received your application.",
        ),
        (
            ("Acme Robotics", "no-reply@bamboohr.com"),
            "Application",
            "We received your application.",
        ),
        (("Acme Robotics", "jobs@recruitee.com"), "Application", "We received your application."),
        (
            ("Acme Robotics", "no-reply@teamtailor-mail.com"),
            "Application",
            "We received your application.",
        ),
        (("Acme Robotics", "noreply@taleo.net"), "Application", "We received your application."),
        (
            ("Acme Robotics", "noreply@successfactors.com"),
            "Application",
            "We received your application.",
        ),
        (("Acme Robotics", "noreply@breezy.hr"), "Application", "We received your application."),
        (
            ("Acme Robotics", "noreply@applytojob.com"),
            "Application",
            "We received your application.",
        ),
        (("Acme Robotics", "noreply@personio.de"), "Application", "We received your application."),
        (("Acme Robotics", "noreply@rippling.com"), "Application", "We received your application."),
        (
            ("Acme Robotics via Dover", "noreply@dover.com"),
            "Application",
            "We received your application.",
        ),
        (
            ("LinkedIn", "jobs-noreply@linkedin.com"),
            "Your application was sent to Acme Robotics",
            "Your application was sent to Acme Robotics. Data Engineer, Acme Robotics - Berlin",
        ),
        (
            ("Indeed Apply", "indeedapply@indeed.com"),
            "Application submitted",
            "The following items were sent to Acme Robotics. Good luck!",
        ),
    ],
)
def test_company_through_each_relay(sender: tuple[str, str], subject: str, body: str) -> None:
    v = classify(msg(sender, subject, body))
    assert v.company == "Acme Robotics"
    assert v.ats is not None
    assert v.company_domain is None  # the relay's domain is not the company's


def test_workday_talent_tenant_names_the_company() -> None:
    assert tenant_from_host("talent.orbitalmetrics.com") == "orbitalmetrics"
    assert tenant_from_host("acme.wd5.myworkday.com") == "acme"
    v = classify(
        msg(
            ("Careers", "no-reply@talent.orbital-metrics.com"),
            "Your application",
            "Thank you for applying. We have received your application.",
        )
    )
    assert v.company == "Orbital Metrics"


def test_relay_names_are_never_the_company() -> None:
    for sender in [
        ("Greenhouse", "no-reply@greenhouse.io"),
        ("Lever", "no-reply@hire.lever.co"),
        ("Workday", "noreply@myworkday.com"),
        ("LinkedIn", "jobs-noreply@linkedin.com"),
    ]:
        v = classify(msg(sender, "Update", "We received your application."))
        assert v.company is None or v.company.lower() not in relay_names()


def test_freemail_is_never_the_company() -> None:
    v = classify(msg(("Sam Lee", "sam.lee@gmail.com"), "Hello", "Thanks for your application."))
    assert v.company is None and v.company_domain is None


def test_company_from_display_subject_body_and_domain() -> None:
    assert (
        classify(
            msg(("Jane at Fernhill", "jane@fernhill.ai"), "Hi", "Thanks for applying!")
        ).company
        == "Fernhill"
    )
    assert (
        classify(
            msg(
                ("Jo", "jo@x-mail.example"),
                "Your application to Copperleaf",
                "We received your application.",
            )
        ).company
        == "Copperleaf"
    )
    assert (
        classify(
            msg(
                ("Jo Park", "jo@quill.example"),
                "Update",
                "Thank you for applying to Quillfeather Labs. We received your application.",
            )
        ).company
        == "Quillfeather Labs"
    )
    v = classify(msg(("Jo Park", "jo.park@mail.acme-robotics.co.uk"), "Hi", "Thanks for applying."))
    assert v.company == "Acme Robotics"
    assert v.company_domain == "acme-robotics.co.uk"


def test_role_from_body_and_subject() -> None:
    v = classify(
        msg(
            ("Jo", "jo@acme.example"),
            "Update",
            "Thank you for applying for the Senior Data Engineer position at Acme.",
        )
    )
    assert v.role == "Senior Data Engineer"
    v = classify(
        msg(
            ("Jo", "jo@acme.example"),
            "Interview Invitation: Product Designer - Acme",
            "We'd like to invite you to an interview.",
        )
    )
    assert v.role == "Product Designer"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("We'd like to schedule a phone screen with you.", "phone screen"),
        ("We'd like to invite you to a second round interview.", "interview round 2"),
        ("We'd like to invite you to an onsite interview.", "interview round 2"),
        ("We'd like to invite you to a panel interview.", "interview round 2"),
        ("We'd like to invite you to the final round interview.", "final"),
        ("We'd like to invite you to an interview.", "interview round 1"),
        ("As a next step, please complete the coding challenge on HackerRank.", "assessment"),
    ],
)
def test_stage(text: str, stage: str) -> None:
    v = classify(msg(("Jo", "jo@acme.example"), "Next steps", text))
    assert v.label == "invite"
    assert v.stage == stage


def test_no_reply_sender_is_never_the_contact() -> None:
    v = classify(
        msg(
            ("Acme Careers", "no-reply@acme.example"),
            "Application received",
            "We received your application.",
        )
    )
    assert v.contact is None


def test_relay_mail_takes_the_recruiter_from_the_signature() -> None:
    body = (
        "Hi Alex, we'd like to set up a phone screen.\n\nBest,\nJordan Lee\nRecruiter, Brightwave\n"
        "jordan.lee@brightwave.io"
    )
    v = classify(msg(("Brightwave", "no-reply@us.greenhouse-mail.io"), "Next steps", body))
    assert v.contact == Address("Jordan Lee", "jordan.lee@brightwave.io")
    assert v.contact_salutation == "Jordan Lee"


def test_human_reply_to_wins_over_a_relay_sender() -> None:
    v = classify(
        msg(
            ("Brightwave", "no-reply@hire.lever.co"),
            "Next steps",
            "Let's schedule a call.",
            reply_to=(Address("Kim Ode", "kim.ode@brightwave.io"),),
        )
    )
    assert v.contact == Address("Kim Ode", "kim.ode@brightwave.io")


def test_phone_channel_and_first_name_terms() -> None:
    v = classify(
        msg(
            ("Dana Rivera", "dana@fernhill.ai"),
            "Following up",
            "Great chatting! Please call me Dana. Give me a call at 415-555-0143 to discuss.",
        )
    )
    assert v.channel == "phone"
    assert v.first_name_ok
    assert v.contact_salutation == "Dana"
    v2 = classify(msg(("Dana Rivera", "dana@fernhill.ai"), "Following up", "Thanks, talk soon."))
    assert v2.channel == "email" and not v2.first_name_ok
    assert v2.contact_salutation == "Dana Rivera"


def test_public_suffix_list_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert registrable_domain("careers.mail.acme.co.uk") == "acme.co.uk"
    assert relay_for_domain("us.greenhouse-mail.io") is not None


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        # a bare first name signing off is the sender, not a company
        (
            ("Tomasz Wolny", "tomasz@brindlecraft.com"),
            "Re: Portfolio",
            "Hi Alex, thanks, I've shared it with the team and will come back to you.\n\n"
            "Cheers,\nTomasz",
            "Brindlecraft",
        ),
        # the phone's footer is no company
        (
            ("Mara Quist", "mara@fennelhouse.co"),
            "Re: Sous chef role",
            "Sorry, we picked someone else this time.\n\nSent from my Galaxy",
            "Fennelhouse",
        ),
        # a title in another language under the name is no company either
        (
            ("Agnès Roux", "a.roux@perle-audit.fr"),
            "Votre candidature",
            "Hello Alex, we are happy to invite you to a first interview next week.\n\n"
            "Cordialement,\nAgnès Roux\nChargée de recrutement\nPerle Audit",
            "Perle Audit",
        ),
        # an assessment platform sends on the employer's behalf
        (
            ("Codility", "no-reply@codility.com"),
            "Coding test",
            "Quillmark has invited you to a coding test as part of the hiring process.",
            "Quillmark",
        ),
        # an organisation name through an ATS is not a person's, whatever its first word
        (
            ("Tessaly Freight", "no-reply@us.greenhouse-mail.io"),
            "Thanks for applying",
            "We have received your application for the Dispatcher role.",
            "Tessaly Freight",
        ),
        # where an office is, is not part of the name
        (
            ("Recruiting Coordinator", "coordinator@orrinwave.com"),
            "Onsite logistics",
            "Your onsite interview is at Orrinwave HQ, 12 Dock Road, on Friday at 10:00.",
            "Orrinwave",
        ),
        # "<name>andco" domains are "<Name> & Co"
        (
            ("Bo Lind", "bo@hartandco.com"),
            "Re: Design role",
            "Thanks for your time today, we'll be in touch next week.",
            "Hart & Co",
        ),
        # a job title after a dash in the subject is not the company
        (
            ("Recruitment Team", "recruitment@northmoor.gov.uk"),
            "Interview - Planning Officer",
            "We are pleased to invite you to an interview for the Planning Officer post.",
            "Northmoor",
        ),
    ],
)
def test_company_from_real_world_signatures_and_relays(
    sender: tuple[str, str], subject: str, body: str, company: str
) -> None:
    assert classify(msg(sender, subject, body)).company == company
