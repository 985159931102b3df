"""Companies behind agencies, departments and signer titles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.infer import classify
from agent.message import Address, Message

WHEN = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)


def company(sender: tuple[str, str], subject: str, body: str) -> str | None:
    m = Message(subject=subject, from_=Address(*sender), body=body, date=WHEN)
    return classify(m).company


@pytest.mark.parametrize(
    ("sender", "body", "expected"),
    [
        (
            ("Omar Haddad", "omar@northgate-recruit.com"),
            "Hi, I've had feedback from Brackenridge Mills after your interview: they'd like "
            "a second meeting.\n\nOmar Haddad\nConsultant | Northgate Recruitment Ltd",
            "Brackenridge Mills",
        ),
        (
            ("Lena Fisk", "lena@quarryhill-search.co.uk"),
            "Quick note: I've sent your CV across to Pellam Optics for the Buyer role.\n\nLena",
            "Pellam Optics",
        ),
        (
            ("Tom Reyes", "tom@bluefern.io"),
            "Good news, as discussed, Saltmarsh Energy would like to offer you the Planner job. "
            "Bluefern acts as an employment agency.\n\nTom",
            "Saltmarsh Energy",
        ),
    ],
)
def test_an_agency_writes_for_its_client(sender: tuple[str, str], body: str, expected: str) -> None:
    assert company(sender, "Re: your application", body) == expected


@pytest.mark.parametrize(
    ("sender", "body", "expected"),
    [
        (
            ("Ruth Amos", "r.amos@larkspur.sch.uk"),
            "Dear Kim, we would like to invite you to interview.\n\nRuth Amos\n"
            "Deputy Headteacher, Larkspur Academy",
            "Larkspur Academy",
        ),
        (
            ("Dr. Ivo Benn", "i.benn@eastvale.ac.uk"),
            "Dear Kim, thank you for applying.\n\nIvo Benn\nDepartment of Chemistry, Eastvale "
            "University",
            "Eastvale University",
        ),
        (
            ("Graduate Admissions", "pgr@thornbury.ac.uk"),
            "Dear Kim, we received your application.\n\nThornbury University",
            "Thornbury University",
        ),
        (("Office of Human Resources", "hr-noreply@brindle.gov"), "We got your application.", None),
    ],
)
def test_titles_and_departments_are_not_the_employer(
    sender: tuple[str, str], body: str, expected: str | None
) -> None:
    got = company(sender, "Your application", body)
    if expected is None:
        assert got is None or "office" not in got.lower()
    else:
        assert got == expected


def test_written_name_beats_the_domain_spelling() -> None:
    got = company(
        ("Careers", "jobs@hollinlabs.org"),
        "Your application",
        "Thank you for applying to Hollin Laboratories. We will review it shortly.",
    )
    assert got == "Hollin Laboratories"


def test_a_department_in_the_domain_is_dropped() -> None:
    assert company(("Bot", "bot@gravelpit-hr.biz"), "Application", "We got it.") == "Gravelpit"


def test_a_clipped_word_in_the_domain_finds_the_written_name() -> None:
    got = company(
        ("Prof. Ada Lenz", "a.lenz@uni-havelberg.de"),
        "Einladung",
        "Dear Kim, we invite you to give a talk at Universität Havelberg on 3 June.\n\nAda Lenz",
    )
    assert got == "Universität Havelberg"


def test_a_signature_agrees_with_a_hyphenated_domain_word() -> None:
    got = company(
        ("Recruitment Team", "jobs@office-fisheries.gov.au"),
        "Your application",
        "Dear Kim, we received your application.\n\nRegards\n\nRecruitment Team\n"
        "Northern Bureau of Fisheries",
    )
    assert got == "Northern Bureau of Fisheries"
