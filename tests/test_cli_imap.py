"""`followup doctor` and `followup init` against a real IMAP server (a private Dovecot)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from agent import secrets
from agent.cli import app
from agent.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent / "imap"))

from dovecot import DovecotServer, MailUser  # noqa: E402

runner = CliRunner()
NOW = {"FOLLOWUP_NOW": "2026-03-06T18:00:00+01:00"}  # a Friday evening in Berlin


@pytest.fixture(scope="module")
def server() -> Iterator[DovecotServer]:
    dovecot = DovecotServer()
    dovecot.start()
    try:
        yield dovecot
    finally:
        dovecot.close()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.upper().startswith("FOLLOWUP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    secrets.clear_cache()


def imap_config(tmp_path: Path, server: DovecotServer, user: MailUser, **keys: Any) -> Path:
    values: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "security": "starttls",
        "username": user.name,
        "password_env": "TEST_IMAP_PASSWORD",
        "ca_file": str(server.ca_file),
    }
    values.update(keys)
    lines = [
        f'{key} = "{value}"' if isinstance(value, str) else f"{key} = {str(value).lower()}"
        for key, value in values.items()
    ]
    path = tmp_path / "config.toml"
    path.write_text(
        "[agent]\n"
        f'state_dir = "{tmp_path / "state"}"\n'
        'timezone = "Europe/Berlin"\n\n'
        "[profile]\n"
        f'addresses = ["{user.name}@example.org"]\n\n'
        "[[accounts]]\n"
        'name = "dove"\n'
        'type = "imap"\n' + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_doctor_logs_in_and_resolves_the_folders(
    tmp_path: Path, server: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = server.add_user()
    monkeypatch.setenv("TEST_IMAP_PASSWORD", user.password)
    config = imap_config(tmp_path, server, user)
    result = runner.invoke(app, ["--config", str(config), "doctor"], env=NOW)
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "ok   account dove login: ok" in lines
    folders = next(line for line in lines if "account dove folders" in line)
    assert folders.startswith("ok ")
    assert "Sent=Sent" in folders and "Drafts=Drafts" in folders and "SPECIAL-USE" in folders
    push = next(line for line in lines if "account dove push" in line)
    assert "IDLE supported" in push
    assert "next weekly report Mon 2026-03-09 08:00 CET" in result.stdout
    assert user.password not in result.stdout + result.stderr


def test_init_checks_the_login_and_writes(
    tmp_path: Path, server: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = server.add_user()
    target = tmp_path / "conf" / "config.toml"
    args = [
        "--config", str(target), "init", "--yes", "--provider", "imap",
        "--host", server.host, "--port", str(server.port), "--security", "none",
        "--email", f"{user.name}@example.org", "--username", user.name,
        "--password-env", "TEST_IMAP_PASSWORD",
    ]  # fmt: skip
    monkeypatch.setenv("TEST_IMAP_PASSWORD", user.password)
    accepted = runner.invoke(app, args)
    assert accepted.exit_code == 0, accepted.stdout + accepted.stderr
    account = load_config(target).accounts[0]
    assert account.type == "imap" and account.port == server.port
    assert user.password not in target.read_text()


# Last in the file: Dovecot delays further logins from an address after a refused one.
def test_doctor_reports_a_refused_login_without_the_password(
    tmp_path: Path, server: DovecotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = server.add_user()
    monkeypatch.setenv("TEST_IMAP_PASSWORD", "wrong-" + user.password)
    config = imap_config(tmp_path, server, user)
    result = runner.invoke(app, ["--config", str(config), "doctor"], env=NOW)
    assert result.exit_code == 1
    fail = next(line for line in result.stdout.splitlines() if line.startswith("FAIL"))
    assert fail.startswith("FAIL account dove login: ")
    assert user.password not in result.stdout
