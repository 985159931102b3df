"""The `followup` command line as users and scripts see it: help, exit codes, error lines,
output formats, doctor and init."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from agent import __version__, service
from agent.cli import app
from agent.config import load_config
from agent.errors import AuthError, ConfigError, NotImplementedYet
from agent.views import ProcessView

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.upper().startswith("FOLLOWUP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))


def make_maildir(root: Path, *subfolders: str) -> Path:
    for folder in ("", *subfolders):
        for part in ("cur", "new", "tmp"):
            (root / folder / part).mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def maildir_config(tmp_path: Path) -> Path:
    make_maildir(tmp_path / "Mail", ".Sent", ".Drafts")
    path = tmp_path / "config.toml"
    path.write_text(
        """\
[agent]
state_dir = "state"
timezone = "Europe/Berlin"

[profile]
name = "Sam Doe"
addresses = ["sam@example.org"]

[report]
weekday = "tue"
time = "07:30"

[[accounts]]
name = "local"
type = "maildir"
path = "Mail"
""",
        encoding="utf-8",
    )
    return path


def invoke(*args: str, **kwargs: Any) -> Any:
    return runner.invoke(app, list(args), **kwargs)


# --- help, version, usage -------------------------------------------------------------------

COMMAND_FLAGS = {
    "init": ["--provider", "--email", "--host", "--password-command", "--non-interactive"],
    "doctor": ["--timeout"],
    "run": ["--once"],
    "status": ["--json", "--all"],
    "report": ["--print", "--send"],
    "export": ["--format", "-o", "--output"],
    "classify": ["--json", "--jsonl", "FILE.eml"],
    "close": ["PROCESS", "--as"],
    "reopen": ["PROCESS"],
    "confirm": ["PROCESS"],
    "demo": [],
}


@pytest.mark.parametrize("command", sorted(COMMAND_FLAGS))
def test_every_command_has_help_listing_its_flags(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: followup {command}" in result.stdout
    for flag in COMMAND_FLAGS[command]:
        assert flag in result.stdout


def test_top_level_help_lists_global_options_and_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for word in ("--config", "--verbose", "-v", "--log-format", "--version", *COMMAND_FLAGS):
        assert word in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"followup {__version__}"


def test_unknown_command_and_bad_choices_are_usage_errors() -> None:
    assert invoke("frobnicate").exit_code == 2
    assert invoke("close", "p1", "--as", "hired").exit_code == 2
    assert invoke("--log-format", "xml", "status").exit_code == 2
    assert invoke("report", "--fax").exit_code == 2


def test_python_dash_m_agent_and_the_console_script(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[policy]\nmax_followups = "x"\nfoo = 1\n[report]\ntime = "8"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    version = subprocess.run(
        [sys.executable, "-m", "agent", "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.strip() == f"followup {__version__}"
    script = Path(sys.executable).with_name("followup")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "agent"]
    done = subprocess.run(
        [*command, "--config", str(bad), "doctor"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "policy.max_followups: Input should be a valid integer, unable to parse string as an "
        "integer",
        "policy.foo: unknown key",
        'report.time: must be a 24-hour time "HH:MM", e.g. "08:00"',
    ]


# --- the one error handler ------------------------------------------------------------------


def test_missing_config_exits_2_with_one_line(tmp_path: Path) -> None:
    result = invoke("--config", str(tmp_path / "none.toml"), "status")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert str(tmp_path / "none.toml") in line and "followup init" in line


def test_not_implemented_command_exits_1_with_a_clear_line(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_yet(*args: Any) -> Any:
        raise NotImplementedYet("followup status is not implemented yet")

    monkeypatch.setattr(service, "status", not_yet)
    result = invoke("--config", str(maildir_config), "status")
    assert result.exit_code == 1
    assert result.stderr == "followup status is not implemented yet\n"


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (AuthError("accounts[0]: login refused"), 1, "followup: accounts[0]: login refused"),
        (ConfigError("x", lines=["a.b: one", "c.d: two"]), 2, "a.b: one\nc.d: two"),
        (KeyboardInterrupt(), 130, "followup: interrupted"),
        (
            RuntimeError("boom\nsecond line"),
            1,
            "followup: unexpected error: RuntimeError: boom (rerun with -v for details)",
        ),
    ],
)
def test_errors_become_one_line_and_an_exit_code(
    maildir_config: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
    line: str,
) -> None:
    def fail(*args: Any) -> Any:
        raise error

    monkeypatch.setattr(service, "run_once", fail)
    result = invoke("--config", str(maildir_config), "run", "--once")
    assert result.exit_code == code
    assert result.stderr.strip() == line
    assert "Traceback" not in result.stderr


def test_verbose_shows_the_traceback_of_unexpected_errors(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> Any:
        raise ValueError("kaputt")

    monkeypatch.setattr(service, "run_once", fail)
    result = invoke("--config", str(maildir_config), "-v", "run", "--once")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.strip().endswith("followup: unexpected error: ValueError: kaputt")


def test_bad_followup_now_is_a_config_error(maildir_config: Path) -> None:
    result = invoke("--config", str(maildir_config), "status", env={"FOLLOWUP_NOW": "soon"})
    assert result.exit_code == 2
    assert result.stderr.startswith("FOLLOWUP_NOW: ")


# --- commands wired to the service -----------------------------------------------------------


def _view(**changes: Any) -> ProcessView:
    base: dict[str, Any] = dict(
        id="p-1",
        company="Acme [Robotics]",
        role="Backend Engineer",
        stage="phone screen",
        state="interviewing",
        flags=["waiting_on_company"],
        last_contact=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        last_company_contact=None,
        last_user_contact=None,
        due=datetime(2026, 3, 9).date(),
        due_reason="5 business days after the phone screen",
        draft="none",
        draft_edited=False,
        contact_name="Kim Lee",
        contact_addr="kim@acme.example",
        interview_at=None,
        followups_sent=0,
        opened_at=datetime(2026, 2, 20, tzinfo=UTC),
        closed_at=None,
    )
    base.update(changes)
    return ProcessView(**base)


def test_status_table_and_json(maildir_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_status(cfg: Any, clock: Any, include_closed: bool) -> list[ProcessView]:
        seen["include_closed"] = include_closed
        seen["now"] = clock.now()
        return [_view()]

    def fake_json(cfg: Any, views: list[ProcessView]) -> list[dict[str, Any]]:
        return [{"id": v.id, "company": v.company, "due": v.due.isoformat()} for v in views]

    monkeypatch.setattr(service, "status", fake_status)
    monkeypatch.setattr(service, "status_json", fake_json)
    env = {"FOLLOWUP_NOW": "2026-03-04T10:00:00+01:00"}
    result = invoke("--config", str(maildir_config), "status", "--json", "--all", env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"id": "p-1", "company": "Acme [Robotics]", "due": "2026-03-09"}
    ]
    assert seen == {
        "include_closed": True,
        "now": datetime(2026, 3, 4, 10, tzinfo=ZoneInfo("Europe/Berlin")),
    }
    table = invoke("--config", str(maildir_config), "status", env=env)
    assert table.exit_code == 0
    assert "Acme [Robotics]" in table.stdout  # mail-derived text is not read as markup
    assert "2026-03-09" in table.stdout and "interviewing" in table.stdout
    assert seen["include_closed"] is False


def test_report_print_shows_the_plain_text_part(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(cfg: Any, clock: Any) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = "Your week"
        message.set_content("Follow-ups waiting in Drafts: 1\n")
        message.add_alternative("<p>HTML version</p>", subtype="html")
        return message

    monkeypatch.setattr(service, "build_report", build)
    monkeypatch.setattr(service, "send_report", lambda cfg, clock: "delivered to local's Inbox")
    printed = invoke("--config", str(maildir_config), "report")
    assert printed.exit_code == 0
    assert printed.stdout == "Follow-ups waiting in Drafts: 1\n"
    assert invoke("--config", str(maildir_config), "report", "--print").stdout == printed.stdout
    sent = invoke("--config", str(maildir_config), "report", "--send")
    assert sent.exit_code == 0 and sent.stdout.strip() == "delivered to local's Inbox"


def test_export_takes_the_format_from_the_flag_or_the_file_name(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[str, Path]] = []

    def fake_export(cfg: Any, clock: Any, fmt: str, out: Path) -> list[Path]:
        calls.append((fmt, out))
        return [out]

    monkeypatch.setattr(service, "export", fake_export)
    target = tmp_path / "history.xlsx"
    assert invoke("--config", str(maildir_config), "export", "-o", str(target)).exit_code == 0
    result = invoke(
        "--config", str(maildir_config), "export", "--format", "csv", "--output", str(target)
    )
    assert result.exit_code == 0 and f"wrote {target}" in result.stdout
    assert calls == [("xlsx", target), ("csv", target)]
    unknown = invoke("--config", str(maildir_config), "export", "-o", str(tmp_path / "h.txt"))
    assert unknown.exit_code == 2


def test_close_reopen_confirm_print_one_line(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        service, "close_process", lambda cfg, clock, p, outcome: _view(id=p, state=outcome)
    )
    monkeypatch.setattr(service, "reopen_process", lambda cfg, clock, p: _view(id=p))
    monkeypatch.setattr(service, "confirm_process", lambda cfg, clock, p: _view(state="rejected"))
    closed = invoke("--config", str(maildir_config), "close", "p-7", "--as", "withdrawn")
    assert closed.exit_code == 0
    assert closed.stdout == "Acme [Robotics] (p-7): closed as withdrawn\n"
    reopened = invoke("--config", str(maildir_config), "reopen", "p-7")
    assert reopened.stdout == "Acme [Robotics] (p-7): reopened, now interviewing\n"
    confirmed = invoke("--config", str(maildir_config), "confirm", "p-1")
    assert confirmed.stdout == "Acme [Robotics] (p-1): confirmed, now rejected\n"


def test_demo_returns_the_service_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "run_demo", lambda out_dir: 0 if out_dir is None else 3)
    assert invoke("demo").exit_code == 0
    assert invoke("demo", "--out", "somewhere").exit_code == 3


# --- classify ---------------------------------------------------------------------------------


@pytest.fixture
def fake_inference(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    seen: dict[str, Any] = {}

    def classify_inputs(files: list[str], jsonl: Path | None, tz: Any) -> Iterator[dict[str, Any]]:
        seen.update(files=files, jsonl=jsonl, tz=tz)
        for name in files:
            if name.endswith("broken.eml"):
                yield {"file": name, "error": "cannot read"}
            else:
                yield {"file": name, "label": "rejection", "confidence": 0.93, "company": "Zoë AG"}

    module = types.ModuleType("agent.infer.output")
    module.classify_inputs = classify_inputs  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "agent.infer.output", module)
    yield seen


def test_classify_json_lines_need_no_config(fake_inference: dict[str, Any], tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[agent\n")
    result = invoke("--config", str(broken), "classify", "--json", "./a.eml", "broken.eml")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"file": "./a.eml", "label": "rejection", "confidence": 0.93, "company": "Zoë AG"},
        {"file": "broken.eml", "error": "cannot read"},
    ]
    assert "Zoë" in lines[0]  # not \u-escaped
    assert fake_inference["tz"] == UTC
    assert fake_inference["files"] == ["./a.eml", "broken.eml"]


def test_classify_uses_the_config_timezone_and_has_a_human_form(
    fake_inference: dict[str, Any], maildir_config: Path
) -> None:
    result = invoke("--config", str(maildir_config), "classify", "x.eml")
    assert result.exit_code == 0
    assert result.stdout == "x.eml: rejection (0.93)  Zoë AG\n"
    assert fake_inference["tz"] == ZoneInfo("Europe/Berlin")


def test_classify_without_inputs_is_a_usage_error() -> None:
    result = invoke("classify", "--json")
    assert result.exit_code == 2
    assert "--jsonl" in result.stderr


# --- doctor -------------------------------------------------------------------------------


def test_doctor_on_a_maildir_config(maildir_config: Path) -> None:
    env = {"FOLLOWUP_NOW": "2026-03-02T12:00:00+01:00"}  # a Monday
    result = invoke("--config", str(maildir_config), "doctor", env=env)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert all(line.startswith("ok ") for line in lines)
    text = result.stdout
    assert f"loaded {maildir_config}" in text
    state = maildir_config.parent / "state"
    assert f"state dir: {state} created (mode 0700)" in text
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert "next weekly report Tue 2026-03-03 07:30 CET" in text
    assert "account local login" in text
    folders = next(line for line in lines if "account local folders" in line)
    assert "Inbox=INBOX" in folders and "Sent=Sent" in folders and "Drafts=Drafts" in folders
    assert "polling" in next(line for line in lines if "account local push" in line)


def test_doctor_fails_on_a_missing_maildir_and_an_open_state_dir(maildir_config: Path) -> None:
    state = maildir_config.parent / "state"
    state.mkdir(mode=0o755)
    state.chmod(0o755)
    for part in ("cur", "new", "tmp"):
        (maildir_config.parent / "Mail" / part).rmdir()
    result = invoke("--config", str(maildir_config), "doctor")
    assert result.exit_code == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 2
    assert fails[0] == f"FAIL state dir: {state} is mode 0755; restrict it with `chmod 700 {state}`"
    assert fails[1].startswith("FAIL account local login: accounts[0].path: ")


def test_doctor_gives_up_on_an_account_that_does_not_answer(
    maildir_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    class Hanging:
        supports_push = True

        def connect(self) -> None:
            release.wait(30)

        def close(self) -> None:
            pass

    import connectors

    monkeypatch.setattr(connectors, "load_connector", lambda account: Hanging())
    try:
        result = invoke("--config", str(maildir_config), "doctor", "--timeout", "0.2")
    finally:
        release.set()
    assert result.exit_code == 1
    assert "FAIL account local: no answer within 0.2 s (server unreachable?)" in result.stdout


def test_doctor_runs_on_the_example_config() -> None:
    result = invoke("--config", str(REPO / "config.example.toml"), "doctor", "--timeout", "5")
    assert result.exit_code == 1  # example host and paths do not exist
    assert result.stdout.startswith("ok   config: loaded")
    assert "account personal" in result.stdout and "account local" in result.stdout
    assert "unexpected" not in result.stderr


# --- init ---------------------------------------------------------------------------------


def test_init_non_interactive_maildir_writes_a_private_valid_config(tmp_path: Path) -> None:
    make_maildir(tmp_path / "Mail", ".Sent", ".Drafts")
    target = tmp_path / "conf" / "config.toml"
    args = [
        "--config", str(target), "init", "--non-interactive", "--provider", "maildir",
        "--maildir-path", str(tmp_path / "Mail"), "--email", "Sam@Example.org",
        "--name", 'Sam "SD" Doe', "--timezone", "Europe/Paris",
        "--state-dir", str(tmp_path / "state"),
    ]  # fmt: skip
    result = invoke(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "followup" in result.stdout and "doctor" in result.stdout
    cfg = load_config(target)
    assert cfg.profile.name == 'Sam "SD" Doe'
    assert cfg.profile.addresses == ["sam@example.org"]
    assert cfg.agent.timezone == "Europe/Paris"
    assert cfg.accounts[0].type == "maildir" and cfg.accounts[0].path == tmp_path / "Mail"
    # A second run refuses to overwrite; --force does.
    again = invoke(*args)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert invoke(*args, "--force").exit_code == 0


def test_init_imap_preset_without_login_check(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    result = invoke(
        "--config", str(target), "init", "--yes", "--provider", "fastmail",
        "--email", "sam@fastmail.example", "--password-command", "pass show fastmail",
        "--no-check",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    account = load_config(target).accounts[0]
    assert account.type == "imap"
    assert (account.host, account.port, account.security) == ("imap.fastmail.com", 993, "tls")
    assert account.username == "sam@fastmail.example"
    assert account.password_command == "pass show fastmail"


def test_init_outlook_uses_xoauth2(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    result = invoke(
        "--config", str(target), "init", "--yes", "--provider", "microsoft365",
        "--email", "sam@contoso.example", "--token-command", "oama access sam", "--no-check",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    account = load_config(target).accounts[0]
    assert (account.host, account.auth) == ("outlook.office365.com", "xoauth2")


def test_init_non_interactive_names_every_missing_answer(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    result = invoke("--config", str(target), "init", "--yes", "--provider", "imap", "--no-check")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "--email: required with --non-interactive",
        "--host: required with --non-interactive",
        "--password-command or --password-env: required with --non-interactive",
    ]
    assert not target.exists()


def test_init_refuses_plain_imap_to_a_remote_host(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    result = invoke(
        "--config", str(target), "init", "--yes", "--provider", "imap", "--host", "mail.example",
        "--security", "none", "--email", "a@mail.example", "--password-env", "PW", "--no-check",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith("accounts[0].security: ")
    assert not target.exists()


def test_init_does_not_write_when_the_login_test_fails(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    result = invoke(
        "--config", str(target), "init", "--yes", "--provider", "maildir",
        "--maildir-path", str(tmp_path / "missing"), "--email", "a@b.example",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "FAIL account local login" in result.stdout
    assert "nothing written" in result.stderr
    assert not target.exists()


def test_init_interactive_asks_and_writes(tmp_path: Path) -> None:
    make_maildir(tmp_path / "Mail", ".Sent", ".Drafts")
    target = tmp_path / "config.toml"
    answers = "\n".join(
        ["maildir", "Sam Doe", "sam@example.org", "", str(tmp_path / "Mail"), "UTC", ""]
    )
    result = invoke("--config", str(target), "init", input=answers + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    cfg = load_config(target)
    assert cfg.profile.name == "Sam Doe" and cfg.accounts[0].name == "local"
    assert cfg.agent.timezone == "UTC"
