"""The config file as a user meets it: defaults, mistakes, env overrides, paths and secrets."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from agent import secrets
from agent.cli import app
from agent.config import (
    ImapAccount,
    MaildirAccount,
    config_path_from,
    ensure_state_dir,
    load_config,
)
from agent.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]

MINIMAL = """\
[agent]
state_dir = "state"
timezone = "Europe/Berlin"

[profile]
name = "Sam Doe"
addresses = ["Sam.Doe@Example.org"]

[[accounts]]
name = "home"
type = "maildir"
path = "mail"
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No FOLLOWUP_* variables from the developer's shell; platform dirs inside tmp_path."""
    for name in list(os.environ):
        if name.upper().startswith("FOLLOWUP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))
    secrets.clear_cache()


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / "conf" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.lines


def imap_config(extra: str = "", host: str = "imap.example.org", security: str = "tls") -> str:
    return MINIMAL.replace(
        "[[accounts]]",
        f"""[[accounts]]
name = "work"
type = "imap"
host = "{host}"
security = "{security}"
username = "sam"
{extra}

[[accounts]]""",
        1,
    )


# --- the example and the defaults ----------------------------------------------------------


def test_example_config_loads_with_every_section() -> None:
    cfg = load_config(REPO / "config.example.toml")
    assert cfg.agent.timezone == "Europe/Berlin"
    assert cfg.profile.addresses == ["alex@example.com"]
    assert cfg.policy.max_followups == 2
    assert (cfg.report.weekday, cfg.report.time, cfg.report.deliver) == ("mon", "08:00", "mailbox")
    assert cfg.report_to == "alex@example.com"
    imap, local = cfg.accounts
    assert isinstance(imap, ImapAccount) and imap.port == 993 and imap.folders == ["INBOX"]
    assert isinstance(local, MaildirAccount) and local.path == Path.home() / "Mail/personal"
    assert cfg.state_dir == Path.home() / ".local/state/followup"


def test_defaults_follow_the_product_contract(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, MINIMAL))
    assert cfg.policy.model_dump() == {
        "after_application_days": 10,
        "after_phone_screen_business_days": 5,
        "after_interview_days": 8,
        "stated_date_grace_business_days": 1,
        "max_followups": 2,
    }
    assert cfg.accounts[0].folders == ["INBOX"] and cfg.accounts[0].lookback_days == 180
    assert cfg.tz == ZoneInfo("Europe/Berlin")
    # Addresses are compared case-insensitively.
    assert cfg.profile.addresses == ["sam.doe@example.org"]
    assert cfg.profile.is_own("SAM.DOE@example.org")


def test_missing_timezone_falls_back_to_a_valid_zone(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, MINIMAL.replace('timezone = "Europe/Berlin"\n', "")))
    assert ZoneInfo(cfg.agent.timezone) == cfg.tz


def test_imap_port_defaults_to_the_security_mode(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, imap_config('password_env = "P"', security="starttls")))
    assert cfg.accounts[0].port == 143
    cfg = load_config(write(tmp_path, imap_config('password_env = "P"')))
    assert cfg.accounts[0].port == 993


# --- mistakes ------------------------------------------------------------------------------


def test_three_mistakes_give_three_lines_naming_the_keys(tmp_path: Path) -> None:
    text = imap_config('password_env = "P"\nport = "nine"')
    text = text.replace("[[accounts]]", "[policy]\nmax_followups = -1\n\n[[accounts]]", 1)
    text = text.replace("[agent]", '[report]\nweekday = "someday"\n\n[agent]', 1)
    lines = problems(write(tmp_path, text))
    assert len(lines) == 3
    assert any(
        line.startswith("accounts[0].port: Input should be a valid integer") for line in lines
    )
    assert any(line.startswith("policy.max_followups: ") for line in lines)
    assert any(line.startswith("report.weekday: ") for line in lines)


def test_three_mistakes_through_the_cli_exit_2_with_one_line_each(tmp_path: Path) -> None:
    text = MINIMAL.replace('timezone = "Europe/Berlin"', 'timezone = "Mars/Olympus"')
    text = text.replace('path = "mail"', 'path = "mail"\nlookback_days = "long"\ncolour = "red"')
    path = write(tmp_path, text)
    result = CliRunner().invoke(app, ["--config", str(path), "doctor"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "agent.timezone: unknown time zone 'Mars/Olympus' (use an IANA name like Europe/Berlin)",
        "accounts[0].lookback_days: Input should be a valid integer, unable to parse string as "
        "an integer",
        "accounts[0].colour: unknown key",
    ]
    assert result.stdout == ""


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    lines = problems(write(tmp_path, MINIMAL + "\n[policy]\nmax_followup = 3\n"))
    assert lines == ["policy.max_followup: unknown key (did you mean 'max_followups'?)"]


def test_account_type_missing_or_unknown_is_named(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[accounts]]\nname = "a"\n\n[[accounts]]\nname = "b"\ntype = "pop3"\n'
    lines = problems(write(tmp_path, text))
    assert lines[0].startswith("accounts[1].type: missing")
    assert lines[1].startswith("accounts[2].type: unknown account type")


def test_duplicate_account_names_are_refused(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[accounts]]\nname = "home"\ntype = "maildir"\npath = "x"\n'
    assert problems(write(tmp_path, text)) == [
        "accounts[1].name: duplicate account name 'home' (also accounts[0])"
    ]


def test_toml_syntax_error_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[agent]\ntimezone = \n")
    lines = problems(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:2: TOML syntax error")


def test_missing_file_says_where_it_looked_and_suggests_init(tmp_path: Path) -> None:
    lines = problems(tmp_path / "nowhere.toml")
    assert len(lines) == 1
    assert str(tmp_path / "nowhere.toml") in lines[0] and "followup init" in lines[0]


def test_default_location_and_followup_config_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "home" / ".config" / "followup" / "config.toml"
    assert config_path_from(None) == default
    with pytest.raises(ConfigError, match="default location"):
        load_config(None)
    chosen = write(tmp_path, MINIMAL, "elsewhere.toml")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(chosen))
    assert load_config(None).path == chosen
    # --config beats the variable.
    assert config_path_from("other.toml") == Path("other.toml")


def test_security_none_only_for_loopback_hosts(tmp_path: Path) -> None:
    lines = problems(write(tmp_path, imap_config('password_env = "P"', security="none")))
    assert len(lines) == 1 and lines[0].startswith("accounts[0].security: ")
    assert "imap.example.org" in lines[0]
    for host in ("127.0.0.1", "127.8.9.10", "localhost", "::1"):
        cfg = load_config(write(tmp_path, imap_config('password_env = "P"', host, "none")))
        assert cfg.accounts[0].port == 143


def test_imap_needs_a_password_source(tmp_path: Path) -> None:
    assert problems(write(tmp_path, imap_config())) == [
        'accounts[0].password_command: required (or password_env) with auth = "password"'
    ]


def test_bad_values_of_secret_keys_are_not_echoed(tmp_path: Path) -> None:
    lines = problems(write(tmp_path, imap_config('password_command = ["hunter2-secret"]')))
    assert lines[0].startswith("accounts[0].password_command: ")
    assert not any("hunter2" in line for line in lines)


# --- environment overrides ------------------------------------------------------------------


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_AGENT__TIMEZONE", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_POLICY__MAX_FOLLOWUPS", "4")
    monkeypatch.setenv("FOLLOWUP_PROFILE__ADDRESSES", '["me@example.net", "Me2@Example.net"]')
    monkeypatch.setenv("FOLLOWUP_REPORT__TIME", "18:30")
    monkeypatch.setenv("FOLLOWUP_ACCOUNTS__0__HOST", "mail.example.net")
    cfg = load_config(write(tmp_path, imap_config('password_env = "P"')))
    assert cfg.agent.timezone == "America/New_York"
    assert cfg.policy.max_followups == 4
    assert cfg.profile.addresses == ["me@example.net", "me2@example.net"]
    assert cfg.report.time == "18:30"
    assert cfg.accounts[0].host == "mail.example.net"  # type: ignore[union-attr]
    assert cfg.agent.state_dir == tmp_path / "conf" / "state"  # untouched keys stay


def test_bad_environment_values_name_their_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_POLICY__MAX_FOLLOWUPS", "many")
    monkeypatch.setenv("FOLLOWUP_ACCOUNTS__5__HOST", "x")
    lines = problems(write(tmp_path, MINIMAL))
    assert lines[0] == "FOLLOWUP_ACCOUNTS__5__HOST: there is no accounts[5] in the config file"
    assert lines[1].startswith("policy.max_followups: Input should be a valid integer")


# --- paths --------------------------------------------------------------------------------


def test_tilde_is_expanded_in_every_path(tmp_path: Path) -> None:
    text = MINIMAL.replace('"state"', '"~/st"').replace('"mail"', '"~/Mail/me"')
    text += '\n[templates]\ndir = "~/tpl"\n'
    cfg = load_config(write(tmp_path, text))
    home = tmp_path / "home"
    assert cfg.agent.state_dir == home / "st"
    assert cfg.accounts[0].path == home / "Mail/me"  # type: ignore[union-attr]
    assert cfg.templates.dir == home / "tpl"


def test_relative_paths_are_resolved_against_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, MINIMAL)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cfg = load_config(Path("..") / "conf" / "config.toml")
    assert cfg.agent.state_dir.resolve() == path.parent / "state"
    assert cfg.accounts[0].path.resolve() == path.parent / "mail"  # type: ignore[union-attr]


def test_state_dir_is_created_private(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, MINIMAL))
    assert not cfg.state_dir.exists()  # loading never touches the disk
    made = ensure_state_dir(cfg)
    assert made == tmp_path / "conf" / "state"
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


# --- secrets ------------------------------------------------------------------------------


def test_password_from_command_is_fetched_once(tmp_path: Path) -> None:
    counter = tmp_path / "calls"
    command = f'echo x >> {counter}; printf " s3cret-value \\n"'
    cfg = load_config(write(tmp_path, imap_config(f"password_command = '{command}'")))
    account = cfg.accounts[0]
    assert isinstance(account, ImapAccount)
    assert not counter.exists()  # nothing runs at load time
    first = account.password()
    assert first.get_secret_value() == "s3cret-value"
    assert "s3cret" not in repr(first) and "s3cret" not in str(first)
    assert account.password().get_secret_value() == "s3cret-value"
    assert counter.read_text().count("x") == 1


def test_failing_password_command_names_the_key_without_the_output(tmp_path: Path) -> None:
    command = "echo leaked-password; echo oops >&2; exit 3"
    cfg = load_config(write(tmp_path, imap_config(f"password_command = '{command}'")))
    with pytest.raises(ConfigError) as caught:
        cfg.accounts[0].password()  # type: ignore[union-attr]
    message = str(caught.value)
    assert message == "accounts[0].password_command: command failed with exit status 3"
    assert "leaked" not in message


def test_empty_password_command_output_is_an_error(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, imap_config("password_command = 'true'")))
    with pytest.raises(ConfigError, match=r"accounts\[0\]\.password_command: command printed"):
        cfg.accounts[0].password()  # type: ignore[union-attr]


def test_password_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load_config(write(tmp_path, imap_config('password_env = "SAM_IMAP_PW"')))
    account = cfg.accounts[0]
    assert isinstance(account, ImapAccount)
    with pytest.raises(ConfigError, match=r"accounts\[0\]\.password_env: .*SAM_IMAP_PW"):
        account.password()
    monkeypatch.setenv("SAM_IMAP_PW", "from-env")
    assert account.password().get_secret_value() == "from-env"


def test_fetched_secrets_are_masked_in_logs(tmp_path: Path) -> None:
    from agent.cli_logging import redact

    cfg = load_config(write(tmp_path, imap_config("password_command = 'echo pw-9f8e7d'")))
    cfg.accounts[0].password()  # type: ignore[union-attr]
    assert redact("server said: bad pw-9f8e7d") == "server said: bad ********"
    assert redact("url?password=abc&x=1") == "url?password=********&x=1"


# --- report schedule ----------------------------------------------------------------------


def test_next_report_slot_is_in_the_users_timezone(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, MINIMAL + '\n[report]\nweekday = "monday"\ntime = "8:00"\n'))
    berlin = cfg.tz
    # Monday 2026-03-02 07:59 Berlin: today's slot is still ahead.
    slot = cfg.report.next_after(datetime(2026, 3, 2, 7, 59, tzinfo=berlin), berlin)
    assert slot == datetime(2026, 3, 2, 8, 0, tzinfo=berlin)
    # Monday 09:00: next week.
    slot = cfg.report.next_after(datetime(2026, 3, 2, 9, 0, tzinfo=berlin), berlin)
    assert slot == datetime(2026, 3, 9, 8, 0, tzinfo=berlin)
    # Sunday 23:30 UTC is already Monday 00:30 in Berlin.
    slot = cfg.report.next_after(datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC")), berlin)
    assert slot == datetime(2026, 3, 2, 8, 0, tzinfo=berlin)


def test_an_inline_password_is_refused_without_echoing_it(tmp_path: Path) -> None:
    lines = problems(write(tmp_path, imap_config('password_env = "P"\npassword = "hunter2"')))
    assert len(lines) == 1
    assert lines[0].startswith("accounts[0].password: unknown key: secrets are never written")
    assert "hunter2" not in lines[0]


def test_rules_across_keys_are_reported_alongside_other_mistakes(tmp_path: Path) -> None:
    text = imap_config('port = "abc"', security="none")
    text += '\n[[accounts]]\nname = "home"\ntype = "maildir"\npath = "x"\nlookback_days = 0\n'
    lines = problems(write(tmp_path, text))
    assert sorted(lines) == sorted(
        [
            "accounts[0].port: Input should be a valid integer, unable to parse string as an "
            "integer",
            "accounts[2].lookback_days: Input should be greater than or equal to 1",
            'accounts[0].security: "none" (no encryption) is only allowed for loopback hosts '
            "(127.0.0.0/8, ::1, localhost), not 'imap.example.org'",
            'accounts[0].password_command: required (or password_env) with auth = "password"',
            "accounts[2].name: duplicate account name 'home' (also accounts[1])",
        ]
    )
