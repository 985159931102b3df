"""A realistic week of hiring processes for the report and export tests (invented data)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from agent.views import EventView, ProcessView

TZ = ZoneInfo("Europe/Berlin")
# Monday 23 November 2026, 08:00 in Berlin: ISO week 2026-W48.
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=TZ)
USER = "alex.morgan@example.com"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def process(pid: str, company: str, **fields: object) -> ProcessView:
    """A ProcessView with quiet defaults; `fields` override them."""
    values: dict[str, object] = dict(
        id=pid,
        company=company,
        role=None,
        stage="application",
        state="applied",
        flags=[],
        last_contact=None,
        last_company_contact=None,
        last_user_contact=None,
        due=None,
        due_reason="",
        draft="none",
        draft_edited=False,
        contact_name=None,
        contact_addr=None,
        interview_at=None,
        followups_sent=0,
        opened_at=at(10, 1),
        closed_at=None,
    )
    values.update(fields)
    return ProcessView(**values)  # type: ignore[arg-type]


def week_views() -> list[ProcessView]:
    return [
        process(
            "p1",
            "Acme Robotics",
            role="Backend Engineer",
            stage="interview round 2",
            state="interviewing",
            flags=["waiting_on_company"],
            last_contact=at(11, 12, 16),
            last_company_contact=at(11, 10),
            last_user_contact=at(11, 12, 16),
            due=date(2026, 11, 20),
            due_reason="8 days after your second interview",
            draft="pending",
            draft_edited=True,
            contact_name="Dana Rivera",
            contact_addr="dana.rivera@acme-robotics.example",
            opened_at=at(10, 20),
            first_answer_days={"application": 4.0, "interview round 1": 3.0},
        ),
        process(
            "p2",
            "Globex",
            role="Data Analyst",
            stage="phone screen",
            state="interviewing",
            flags=["waiting_on_user"],
            last_contact=at(11, 19, 11),
            last_company_contact=at(11, 19, 11),
            contact_name="Sam Lee",
            contact_addr="sam.lee@globex.example",
            opened_at=at(11, 2),
            first_answer_days={"application": 9.0},
        ),
        process(
            "p3",
            "Initech",
            role="Platform Engineer",
            stage="final",
            state="interviewing",
            flags=[],
            last_contact=at(11, 18),
            last_company_contact=at(11, 18),
            interview_at=at(11, 25, 14, 30),
            due_reason="the final interview is on Wed 25 Nov",
            contact_name="Priya Natarajan",
            contact_addr="priya@initech.example",
            opened_at=at(10, 5),
            first_answer_days={"application": 6.0, "phone screen": 2.0},
        ),
        process(
            "p4",
            "Umbrella Health",
            role="Site Reliability Engineer",
            stage="phone screen",
            state="interviewing",
            flags=["waiting_on_company", "call_instead"],
            last_contact=at(11, 16),
            last_company_contact=at(11, 16),
            due=date(2026, 11, 26),
            due_reason="they asked you to call by Wednesday",
            contact_name="Chris Okafor",
            contact_addr="c.okafor@umbrella.example",
            opened_at=at(11, 3),
        ),
        process(
            "p5",
            "Cyberdyne",
            role="Frontend Developer",
            stage="application",
            state="applied",
            flags=["waiting_on_company"],
            last_contact=at(11, 17),
            last_user_contact=at(11, 17),
            due=date(2026, 11, 27),
            due_reason="10 days after your application",
            opened_at=at(11, 17),
        ),
        process(
            "p6",
            "Wayne Enterprises",
            role="Security Analyst",
            stage="application",
            state="applied",
            flags=["waiting_on_company", "needs_confirmation"],
            pending_verdict="rejection",
            last_contact=at(11, 21),
            last_company_contact=at(11, 21),
            due=date(2026, 11, 30),
            due_reason="10 days after your application",
            opened_at=at(11, 9),
            note="unsure: 'we will keep your CV on file'",
        ),
        process(
            "p7",
            "Vandelay Industries",
            role="Logistics Analyst",
            stage="phone screen",
            state="rejected",
            last_contact=at(11, 18),
            last_company_contact=at(11, 18),
            opened_at=at(10, 12),
            closed_at=at(11, 18, 10),
            first_answer_days={"application": 5.0, "phone screen": 4.0},
        ),
        process(
            "p8",
            "Hooli",
            role="Staff Engineer",
            stage="final",
            state="offer",
            last_contact=at(11, 20, 15),
            last_company_contact=at(11, 20, 15),
            opened_at=at(9, 28),
            closed_at=at(11, 20, 15),
            first_answer_days={"application": 3.0, "phone screen": 1.0, "final": 5.0},
        ),
        process(
            "p9",
            "Stark Labs",
            role="ML Engineer",
            stage="application",
            state="ghosted",
            last_contact=at(11, 6),
            last_user_contact=at(11, 6),
            followups_sent=2,
            opened_at=at(10, 2),
            closed_at=at(11, 21, 9),
        ),
        process(
            "p10",
            "Soylent",
            role="Product Manager",
            stage="application",
            state="rejected",
            last_company_contact=at(10, 8),
            last_contact=at(10, 8),
            opened_at=at(9, 30),
            closed_at=at(10, 8),
            first_answer_days={"application": 8.0},
        ),
    ]


def week_events() -> list[EventView]:
    return [
        EventView("p1", "Acme Robotics", at(11, 20, 9, 15), "draft_created", "Follow-up drafted"),
        EventView(
            "p1",
            "Acme Robotics",
            at(11, 10),
            "message_in",
            "Invite to the second interview",
            label="invite",
            subject="Second interview: Backend Engineer",
        ),
        EventView(
            "p8",
            "Hooli",
            at(11, 20, 15),
            "message_in",
            "Offer received",
            label="offer",
            subject="Your offer from Hooli",
        ),
        EventView("p8", "Hooli", at(11, 20, 15, 1), "state_changed", "interviewing -> offer"),
        EventView(
            "p7",
            "Vandelay Industries",
            at(11, 18, 10),
            "message_in",
            "Rejection",
            label="rejection",
            subject="Your application",
        ),
    ]
