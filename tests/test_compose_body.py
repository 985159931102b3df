"""The follow-up text: salutation, content, word budget, overrides, no cross-process leaks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest
from compose_context import SIGNATURE, ctx

from agent.compose import WORD_LIMIT, render_body, word_count

STAGES = ["application", "phone screen", "interview round 1", "interview round 3", "final",
          "assessment"]  # fmt: skip


def first_line(body: str) -> str:
    return body.splitlines()[0]


@pytest.mark.parametrize(
    ("name", "salutation", "first_ok", "expected"),
    [
        ("Dana Rivera", "Ms. Rivera", False, "Dear Ms. Rivera,"),
        ("Dana Rivera", None, False, "Dear Dana Rivera,"),
        ("Dana Rivera", "Ms. Rivera", True, "Hi Dana,"),
        ("Dr. Dana Rivera", None, True, "Hi Dana,"),
        # A bare first name is too familiar until they invited it.
        ("Dana Rivera", "Dana", False, "Dear Dana Rivera,"),
        ("Rivera, Dana", None, False, "Dear Dana Rivera,"),
        ("DANA RIVERA", None, False, "Dear Dana Rivera,"),
        (None, None, False, "Dear Hiring Team,"),
        ("dana.rivera@northwind.example", None, False, "Dear Hiring Team,"),
    ],
)
def test_salutation(
    name: str | None, salutation: str | None, first_ok: bool, expected: str
) -> None:
    body = render_body(
        ctx(contact_name=name, contact_salutation=salutation, first_name_ok=first_ok)
    )
    assert first_line(body) == expected


@pytest.mark.parametrize(
    ("stage", "phrase"),
    [
        ("interview round 2", "the second-round interview on Tuesday, March 3"),
        ("interview round 1", "the first-round interview on Tuesday, March 3"),
        ("final", "the final-round interview on Tuesday, March 3"),
        ("phone screen", "our phone conversation on Tuesday, March 3"),
        ("assessment", "the assessment on Tuesday, March 3"),
        ("application", "my application for the Data Platform Engineer role"),
    ],
)
def test_thanks_name_the_interview_and_the_role(stage: str, phrase: str) -> None:
    body = render_body(ctx(stage=stage))
    assert phrase in body
    assert "Data Platform Engineer role" in body and "Northwind Labs" in body
    assert "Thank" in body.split("\n\n")[1]


def test_interview_day_is_the_users_local_date() -> None:
    # 23:30 UTC on Tuesday is already Wednesday in Berlin.
    body = render_body(ctx(interview_at=datetime(2026, 3, 3, 23, 30, tzinfo=UTC)))
    assert "Wednesday, March 4" in body


def test_unknown_role_still_reads_well() -> None:
    body = render_body(ctx(role=None))
    assert "the open position at Northwind Labs" in body
    assert "None" not in body


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("number", [1, 2])
def test_every_template_has_the_protocol_parts(stage: str, number: int) -> None:
    body = render_body(ctx(stage=stage, followup_number=number))
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "Dear Dana Rivera,"
    assert "?" in body, "a genuine question"
    assert "questions" in body.split("?")[-1], "an offer to answer more, after the question"
    assert "thank" in paragraphs[-2].lower(), "a closing thank-you before the signature"
    assert body.rstrip().endswith(SIGNATURE)
    assert word_count(body, SIGNATURE) < WORD_LIMIT


def test_second_follow_up_is_worded_differently() -> None:
    for stage in STAGES:
        first = render_body(ctx(stage=stage, followup_number=1))
        second = render_body(ctx(stage=stage, followup_number=2))
        assert first != second
        assert "once more" in second


def test_questions_vary_by_stage() -> None:
    questions = set()
    for stage in ["application", "phone screen", "interview round 2", "final", "assessment"]:
        body = render_body(ctx(stage=stage))
        questions.add(tuple(s for s in body.replace("\n", " ").split(". ") if "?" in s))
    assert len(questions) == 5


MAX_WORDS = "word " * 60
MAX_NAME = "Mx. Alexandrina Bartholomew-Featherstonehaugh Montgomery Vanderbilt Smith Jones"


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_word_limit_holds_with_every_field_at_its_longest(stage: str, number: int) -> None:
    long_ctx = ctx(
        stage=stage,
        followup_number=number,
        company=MAX_WORDS,
        role=MAX_WORDS,
        contact_name=MAX_NAME,
        contact_salutation=MAX_NAME,
        recent_update="a " * 200,
        stated_phrase=MAX_WORDS,
        signature="\n".join(["signature line " * 20] * 30),
    )
    body = render_body(long_ctx)
    assert word_count(body, long_ctx.signature) < WORD_LIMIT
    assert max(len(line) for line in body.splitlines()) < 900


def test_recent_update_appears_only_when_there_is_one() -> None:
    update = "i finished a course on stream processing with Apache Flink"
    with_update = render_body(ctx(recent_update=update))
    without = render_body(ctx(recent_update=None))
    assert "I finished a course on stream processing with Apache Flink." in with_update
    assert "Flink" not in without
    assert "since we met" not in without


def test_stated_timeline_is_mentioned_when_it_passed() -> None:
    body = render_body(ctx(stated_phrase="by Friday"))
    assert "by Friday" in body
    assert "by Friday" not in render_body(ctx())


def test_nothing_from_one_process_appears_in_anothers_draft() -> None:
    a = ctx(
        company="Northwind Labs", role="Data Platform Engineer", contact_name="Dana Rivera",
        recent_update="I shipped a Kafka migration", stated_phrase="by Friday",
    )  # fmt: skip
    b = ctx(
        company="Blue Heron Health", role="Site Reliability Lead", contact_name="Priya Natarajan",
        recent_update=None, stated_phrase=None, stage="final",
    )  # fmt: skip
    body_a, body_b = render_body(a), render_body(b)
    render_body(a)  # rendering again must not change what b gets
    assert render_body(b) == body_b
    for token in ["Northwind", "Data Platform", "Dana", "Rivera", "Kafka", "by Friday"]:
        assert token not in body_b
    for token in ["Blue Heron", "Site Reliability", "Priya", "Natarajan"]:
        assert token not in body_a


def test_mail_text_cannot_break_lines_or_inject_template_code() -> None:
    body = render_body(
        ctx(company="Acme\r\nBcc: evil@x.example", role="{{ signature }}\n\nP.S. wire money",
            contact_name="Dana\u202eRivera\x00")
    )  # fmt: skip
    assert "Acme Bcc: evil@x.example" in body
    assert "\r" not in body and "\x00" not in body and "\u202e" not in body
    assert "{{ signature }} P.S. wire money role" in body  # shown as text, never rendered


def test_override_directory_wins_and_others_fall_back(tmp_path: Path) -> None:
    (tmp_path / "interview.txt.j2").write_text(
        "{{ salutation }}\n\nMy own words about {{ role_phrase }}.\n\n{{ signature }}\n"
    )
    overridden = render_body(ctx(stage="interview round 2"), tmp_path)
    assert overridden.startswith("Dear Dana Rivera,\n\nMy own words about the Data Platform")
    fallback = render_body(ctx(stage="final"), tmp_path)
    assert fallback == render_body(ctx(stage="final"))


def test_missing_override_directory_uses_the_built_in_templates(tmp_path: Path) -> None:
    assert render_body(ctx(), tmp_path / "absent") == render_body(ctx())


def test_override_with_an_unknown_variable_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "final.txt.j2").write_text("{{ salutation }} {{ no_such_thing }}\n")
    with pytest.raises(jinja2.UndefinedError):
        render_body(ctx(stage="final"), tmp_path)
