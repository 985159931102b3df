"""The whole cycle, asserted on the demo mailbox: every behaviour `followup demo` shows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from cycle_helpers import draft_files, drafts, followup, inbox_reports, status_json
from rich.console import Console

from agent.demo.runner import run_demo
from agent.demo.scenario import END

STATUS_KEYS = {
    "id",
    "company",
    "role",
    "stage",
    "state",
    "flags",
    "last_contact",
    "due",
    "due_reason",
    "draft",
    "contact",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("demo")
    out = io.StringIO()
    assert run_demo(root, Console(file=out, width=160)) == 0
    return root, out.getvalue()


@pytest.fixture(scope="module")
def status(demo: tuple[Path, str]) -> dict[str, dict[str, object]]:
    return status_json(demo[0] / "config.toml", END)


def test_one_process_per_company_and_no_noise(status: dict[str, dict[str, object]]) -> None:
    assert set(status) == {
        "northwind-robotics",
        "bluefin-analytics",
        "cedar-pine-health",
        "helios-energy",
        "quantum-leaf",
        "larkspur-logistics",
        "ferncastle-games",
        "orbital-foods",
    }
    # Relayed through Greenhouse, Lever and Workday: named after the company, not the relay.
    assert status["northwind-robotics"]["company"] == "Northwind Robotics"
    assert status["bluefin-analytics"]["company"] == "Bluefin Analytics"
    assert status["orbital-foods"]["company"] == "Orbital Foods"


def test_status_json_has_exactly_the_contract_keys(status: dict[str, dict[str, object]]) -> None:
    for row in status.values():
        assert set(row) == STATUS_KEYS
        assert isinstance(row["flags"], list)
        assert row["draft"] in {"none", "pending", "sent", "deleted", "retracted"}
        assert row["due_reason"]


def test_offers_and_rejections_close_processes(status: dict[str, dict[str, object]]) -> None:
    assert status["northwind-robotics"]["state"] == "offer"
    assert status["bluefin-analytics"]["state"] == "rejected"  # through the ATS
    assert status["cedar-pine-health"]["state"] == "rejected"  # by a human
    for pid in ("northwind-robotics", "bluefin-analytics", "cedar-pine-health"):
        assert status[pid]["due"] is None


def test_phone_screen_gone_quiet_gets_exactly_one_threaded_draft(
    demo: tuple[Path, str], status: dict[str, dict[str, object]]
) -> None:
    row = status["helios-energy"]
    assert row["stage"] == "phone screen"
    assert row["draft"] == "pending"
    assert row["due"] == "2026-03-19"  # five business days after the call on Thu 12 March
    found = [m for m in drafts(demo[0]) if m["X-Followup-Process"] == "helios-energy"]
    assert len(found) == 1
    draft = found[0]
    assert draft["To"].addresses[0].addr_spec == "dana.whitfield@heliosenergy.com"
    assert draft["In-Reply-To"] == "<he-1@heliosenergy.com>"
    assert "<he-1@heliosenergy.com>" in draft["References"]
    assert draft["Subject"] == "Re: Phone screen for the Energy Data Analyst role"
    body = draft.get_body(preferencelist=("plain",)).get_content()
    assert "Dana Whitfield" in body and "Energy Data Analyst" in body
    assert "AWS Solutions Architect" in body  # the profile's recent update
    assert len(body.split()) < 180


def test_drafts_exist_only_where_due_and_carry_the_draft_flag(demo: tuple[Path, str]) -> None:
    assert [m["X-Followup-Process"] for m in drafts(demo[0])] == ["helios-energy"]
    for path in draft_files(demo[0]):
        assert path.parent.name == "cur" and ":2," in path.name
        assert "D" in path.name.split(":2,")[1]


def test_stated_date_wins_and_an_answer_retracts_the_draft(
    demo: tuple[Path, str], status: dict[str, dict[str, object]]
) -> None:
    _, narration = demo
    # "by Friday" (20 March) + 1 business day: the draft appears Monday 23 March ...
    assert "Mon 23 Mar\n  09:00 ++ quantum-leaf" in narration
    # ... and goes when Sofia writes again the next day, untouched.
    assert "quantum-leaf: Quantum Leaf: they wrote first; draft removed" in narration
    row = status["quantum-leaf"]
    assert row["draft"] == "retracted" and row["state"] == "interviewing"
    assert "within two weeks" in str(row["due_reason"])


def test_a_rejection_retracts_a_pending_draft(demo: tuple[Path, str]) -> None:
    assert "cedar-pine-health: Cedar & Pine Health: closed; draft removed" in demo[1]


def test_phone_preferred_interviewer_gets_a_reminder_not_a_draft(
    demo: tuple[Path, str], status: dict[str, dict[str, object]]
) -> None:
    row = status["larkspur-logistics"]
    assert "call_instead" in row["flags"]
    assert row["draft"] == "none"
    assert str(row["due_reason"]).startswith("call, don't email")
    assert "larkspur-logistics: Larkspur Logistics: call Tom Becker" in demo[1]


def test_ghosting_company_after_two_sent_followups(
    demo: tuple[Path, str], status: dict[str, dict[str, object]]
) -> None:
    row = status["ferncastle-games"]
    assert row["state"] == "ghosted"
    assert row["draft"] == "sent"
    assert demo[1].count("ferncastle-games: Ferncastle Games: follow-up sent") == 2


def test_no_reply_only_contact_means_no_draft_and_a_reason(
    status: dict[str, dict[str, object]],
) -> None:
    row = status["orbital-foods"]
    assert row["state"] == "applied" and row["draft"] == "none" and row["contact"] is None


def test_noise_is_seen_and_ignored(demo: tuple[Path, str]) -> None:
    narration = demo[1]
    for line in (
        "ignored (job alert)",
        "ignored (newsletter)",
        "ignored (recruiter outreach)",
        "ignored (calendar notice)",
    ):
        assert line in narration


def test_one_weekly_email_per_monday(demo: tuple[Path, str]) -> None:
    reports = inbox_reports(demo[0])
    assert len(reports) == 6  # Mondays 2 March to 6 April
    assert len({r["X-Followup-Report"] for r in reports}) == 6
    for report in reports:
        assert report["To"].addresses[0].addr_spec == "alex@example.com"
        assert report.get("Cc") is None and report.get("Bcc") is None


def test_second_run_changes_nothing(demo: tuple[Path, str]) -> None:
    root, _ = demo
    config = root / "config.toml"
    before = [p.name for p in draft_files(root)]
    reports_before = len(inbox_reports(root))
    result = followup(config, END, "run", "--once")
    assert [p.name for p in draft_files(root)] == before
    assert len(inbox_reports(root)) == reports_before
    assert result.returncode == 0


def test_export_opens_with_both_sheets(demo: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "history.xlsx"
    followup(demo[0] / "config.toml", END, "export", "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Processes", "Events"]
    ids = {row[0] for row in book["Processes"].iter_rows(min_row=2, values_only=True)}
    assert "helios-energy" in ids and len(ids) == 8
    assert book["Events"].max_row > 30


def test_status_json_is_one_array(demo: tuple[Path, str]) -> None:
    out = followup(demo[0] / "config.toml", END, "status", "--json").stdout
    rows = json.loads(out)
    assert isinstance(rows, list)
    assert {r["state"] for r in rows} <= {"applied", "interviewing"}  # open ones only


def test_report_print_shows_the_weekly_email_as_text(demo: tuple[Path, str]) -> None:
    out = followup(demo[0] / "config.toml", END, "report", "--print").stdout
    assert "FOLLOW-UPS WAITING IN YOUR DRAFTS" in out
    assert "Helios Energy" in out and "GHOSTED" in out


def test_doctor_passes_on_the_demo_maildir(demo: tuple[Path, str]) -> None:
    result = followup(demo[0] / "config.toml", END, "doctor")
    assert "Drafts" in result.stdout and "FAIL" not in result.stdout


def test_second_followup_does_not_repeat_the_recent_update(demo: tuple[Path, str]) -> None:
    import mailbox
    from email import message_from_bytes, policy

    sent = mailbox.Maildir(demo[0] / "Mail" / ".Sent", create=False)
    bodies = []
    for entry in sent:
        msg = message_from_bytes(entry.as_bytes(), policy=policy.default)
        if msg["X-Followup-Process"] == "ferncastle-games":
            bodies.append((msg["Date"].datetime, msg.get_body(("plain",)).get_content()))
    bodies.sort()
    assert len(bodies) == 2
    assert "AWS Solutions Architect" in bodies[0][1]
    assert "AWS Solutions Architect" not in bodies[1][1]
    assert "Dear Jamie Cole" in bodies[1][1]
