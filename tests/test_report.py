"""The weekly status email: what it says, in what order, and to whom."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from report_samples import NOW, TZ, USER, at, process, week_events, week_views

from agent.errors import ConfigError
from agent.export import export_xlsx_bytes
from agent.report import build_report, render_html, render_text, report_text
from agent.report.sections import collect
from agent.views import ProcessView

SECTION_TITLES = [
    "Follow-ups waiting in your Drafts",
    "Replies you owe",
    "Upcoming interviews",
    "Waiting on companies",
    "Closed this week",
    "Ghosted",
    "Needs your confirmation",
]


def _report(views: list[ProcessView] | None = None, **kwargs: object) -> EmailMessage:
    views = week_views() if views is None else views
    options: dict[str, object] = dict(now=NOW, tz=TZ, user_name="Alex Morgan", to_addr=USER)
    options.update(kwargs)
    return build_report(views, week_events(), **options)  # type: ignore[arg-type]


def _html(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def _positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, i in zip(needles, found, strict=True) if i < 0]
    return found


def _section(text: str, title: str) -> str:
    """The text part's block under one heading, up to the next heading."""
    start = text.index(title.upper())
    rest = text[start + len(title) :]
    ends = [rest.find(t.upper()) for t in [*SECTION_TITLES, "A few numbers"]]
    end = min(i for i in ends if i > 0) if any(i > 0 for i in ends) else len(rest)
    return rest[:end]


def test_sections_appear_in_product_order_in_both_parts() -> None:
    msg = _report()
    text = report_text(msg)
    heads = _positions(text, [t.upper() for t in SECTION_TITLES] + ["A FEW NUMBERS"])
    assert heads == sorted(heads)
    html = _html(msg)
    heads = _positions(html, [*SECTION_TITLES, "A few numbers"])
    assert heads == sorted(heads)


def test_headers_mark_it_as_the_users_automatic_weekly_report() -> None:
    msg = _report()
    assert msg["Subject"] == "followup: weekly status, week of 23 Nov 2026 (6 open, 1 due)"
    assert msg["X-Followup-Report"] == "2026-W48"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert parsedate_to_datetime(msg["Date"]) == NOW
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith("@example.com>")
    assert getaddresses([msg["From"]]) == [("followup", USER)]


def test_only_the_user_is_a_recipient() -> None:
    raw = _report(xlsx=b"PK").as_bytes(policy=policy.SMTP)
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["To"] == USER
    assert getaddresses(parsed.get_all("To", [])) == [("", USER)]
    for header in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc", "Reply-To"):
        assert parsed[header] is None
    # No contact address from the processes sneaks into any address header.
    assert "dana.rivera" not in str(parsed["To"]) + str(parsed["From"])


def test_from_can_be_overridden_but_never_with_a_second_recipient() -> None:
    msg = _report(from_addr="Job search <jobs@example.org>")
    assert getaddresses([msg["From"]]) == [("Job search", "jobs@example.org")]
    with pytest.raises(ConfigError, match="report.to"):
        _report(to_addr="alex@example.com, boss@example.com")
    with pytest.raises(ConfigError, match="report.to"):
        _report(to_addr="alex@example.com\r\nBcc: boss@example.com")


def test_structure_is_alternative_text_and_html_plus_the_spreadsheet() -> None:
    xlsx = export_xlsx_bytes(week_views(), week_events(), TZ)
    msg = _report(xlsx=xlsx)
    assert msg.get_content_type() == "multipart/mixed"
    types = [p.get_content_type() for p in msg.walk()]
    assert types == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "followup-history-2026-11-23.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    assert book.sheetnames == ["Processes", "Events"]
    companies = {r[1] for r in book["Processes"].iter_rows(min_row=2, values_only=True)}
    assert {"Acme Robotics", "Hooli", "Stark Labs"} <= companies
    assert book["Events"].max_row == len(week_events()) + 1


def test_without_a_spreadsheet_there_is_no_attachment_and_no_mention() -> None:
    msg = _report()
    assert msg.get_content_type() == "multipart/alternative"
    assert list(msg.iter_attachments()) == []
    assert "attached" not in report_text(msg)


def test_drafts_section_names_recipient_age_and_edits() -> None:
    block = _section(report_text(_report()), "Follow-ups waiting in your Drafts")
    assert "Acme Robotics - Backend Engineer, interview round 2" in block
    assert "to Dana Rivera <dana.rivera@acme-robotics.example>" in block
    assert "in your Drafts since Fri 20 Nov (3 days ago)" in block
    assert "[edited]" in block
    assert "Globex" not in block


def test_replies_owed_and_call_reminders_are_worded_for_the_user() -> None:
    text = report_text(_report())
    owed = _section(text, "Replies you owe")
    assert "Globex" in owed and "Sam Lee wrote on Thu 19 Nov (4 days ago)" in owed
    waiting = _section(text, "Waiting on companies")
    assert "Globex" not in waiting  # the next move is the user's, not the company's
    assert "call them by Thu 26 Nov" in waiting
    assert "[call]" in waiting
    assert "Quiet for 11 days (last contact Thu 12 Nov)" in waiting
    assert "Next follow-up Fri 27 Nov (in 4 days): 10 days after your application" in waiting


def test_only_future_interviews_are_listed_soonest_first_in_local_time() -> None:
    views = week_views()
    views.append(
        process("q1", "Past Corp", state="interviewing", interview_at=NOW - timedelta(hours=2))
    )
    views.append(
        process(
            "q2",
            "Soon GmbH",
            state="interviewing",
            # 13:00 UTC is 14:00 in Berlin.
            interview_at=datetime(2026, 11, 24, 13, 0, tzinfo=ZoneInfo("UTC")),
        )
    )
    block = _section(report_text(_report(views)), "Upcoming interviews")
    assert "Past Corp" not in block
    soon, initech = _positions(block, ["Soon GmbH", "Initech"])
    assert soon < initech
    assert "Tue 24 Nov, 14:00 (tomorrow)" in block
    assert "Wed 25 Nov, 14:30 (in 2 days)" in block


def test_closed_this_week_lists_offers_before_rejections() -> None:
    views = week_views()
    # A rejection later in the week than the offer still comes after it.
    views.append(
        process(
            "r2",
            "Zeta Systems",
            state="rejected",
            closed_at=at(11, 22, 18),
            last_company_contact=at(11, 22, 18),
        )
    )
    views.append(process("o2", "Aardvark AG", state="offer", closed_at=at(11, 17, 12)))
    block = _section(report_text(_report(views)), "Closed this week")
    hooli, aardvark, zeta, vandelay = _positions(
        block, ["Hooli", "Aardvark AG", "Zeta Systems", "Vandelay Industries"]
    )
    assert max(hooli, aardvark) < min(zeta, vandelay)
    assert "Soylent" not in block  # closed in October
    assert "Stark Labs" not in block  # ghosted has its own section
    html = _html(_report(views))
    html_block = html[html.index("Closed this week") : html.index(">Ghosted")]
    assert html_block.index("Aardvark AG") < html_block.index("Zeta Systems")


def test_ghosted_and_confirmations_tell_the_user_what_to_run() -> None:
    text = report_text(_report())
    ghosted = _section(text, "Ghosted")
    assert "Stark Labs" in ghosted and "No answer after 2 follow-ups" in ghosted
    confirm = _section(text, "Needs your confirmation")
    assert "Looks like a rejection from Wayne Enterprises." in confirm
    assert "followup confirm p6" in confirm and "followup reopen p6" in confirm
    html = _html(_report())
    assert "<code" in html and "followup confirm p6</code>" in html


def test_numbers_give_response_rate_and_median_days_per_stage() -> None:
    numbers = collect(week_views(), week_events(), now=NOW, tz=TZ, user_name="A").numbers
    assert numbers is not None
    assert (numbers.open, numbers.total, numbers.offers, numbers.rejections) == (6, 10, 1, 2)
    # Everyone answered but Cyberdyne (no reply yet) and Stark Labs (ghosted).
    assert (numbers.answered, numbers.response_rate) == (8, "80%")
    medians = {stage: (days, n) for stage, days, n in numbers.medians}
    assert medians["application"] == ("5.5 days", 6)  # 3 4 5 6 8 9
    assert medians["phone screen"] == ("2 days", 3)  # 1 2 4
    stages = [stage for stage, _, _ in numbers.medians]
    assert stages == ["application", "phone screen", "interview round 1", "final"]
    text = report_text(_report())
    assert "80% (8 of 10 got an answer)" in text


def test_week_key_follows_week_start_when_given() -> None:
    msg = _report(week_start=datetime(2026, 11, 16, 8, 0, tzinfo=TZ))
    assert msg["X-Followup-Report"] == "2026-W47"
    assert "week of 16 Nov 2026" in msg["Subject"]


def test_mail_derived_text_is_escaped_in_html() -> None:
    views = [
        process(
            "x1",
            "<script>alert(1)</script>",
            role='"quotes" & ampersands',
            state="interviewing",
            flags=["waiting_on_user"],
            contact_name="<img src=x onerror=alert(2)>",
            contact_addr="evil@example.net",
            last_company_contact=at(11, 20),
            note="</td></tr></table><h1>owned</h1>",
        )
    ]
    html = _html(_report(views))
    assert "<script>" not in html and "<img" not in html and "<h1>owned" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;quotes&#34; &amp; ampersands" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    # The text part shows the same values as they are.
    assert "<script>alert(1)</script>" in report_text(_report(views))


def test_text_fits_an_80_column_terminal() -> None:
    views = week_views()
    views.append(
        process(
            "w1",
            "A Company With An Exceptionally Long Name Incorporated International",
            role="Principal Distinguished Senior Staff Software Engineer, Platform",
            state="applied",
            due=date(2026, 11, 25),
            due_reason="they said they would get back to you within two weeks of the call",
            draft="pending",
            draft_edited=True,
            contact_addr="someone@example.org",
        )
    )
    text = report_text(_report(views))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "[edited]" in text


def test_mail_text_cannot_break_the_text_layout() -> None:
    views = [process("n1", "Evil\nSubject: spoofed\u202eCorp", state="applied", note="a\r\nb")]
    text = report_text(_report(views))
    assert "\nSubject: spoofed" not in text
    assert "Evil Subject: spoofedCorp" in text


def test_empty_report_is_polite_and_complete() -> None:
    msg = build_report([], [], now=NOW, tz=TZ, user_name="Alex Morgan", to_addr=USER)
    assert msg["Subject"] == "followup: weekly status, week of 23 Nov 2026 (0 open, 0 due)"
    text = report_text(msg)
    assert text.startswith("Hi Alex,")
    assert "not tracking any hiring process yet" in text
    for title in SECTION_TITLES:
        assert title.upper() not in text
    html = _html(msg)
    assert "not tracking any hiring process yet" in html
    assert html.rstrip().endswith("</html>")


def test_a_quiet_week_says_nothing_needs_the_user() -> None:
    old = process(
        "z1", "Soylent", state="rejected", closed_at=at(9, 1), last_company_contact=at(9, 1)
    )
    text = report_text(_report([old]))
    assert "Nothing needs you this week" in text
    assert "A FEW NUMBERS" in text


def test_render_functions_agree_with_the_message() -> None:
    data = collect(week_views(), week_events(), now=NOW, tz=TZ, user_name="Alex Morgan")
    msg = _report()
    assert render_text(data) == report_text(msg)
    assert render_html(data) == _html(msg)
