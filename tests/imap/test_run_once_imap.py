"""`followup run --once` end to end on a real Dovecot; an independent client (imaplib)
then sees the drafts exactly as a mail client would."""

from __future__ import annotations

import email
import imaplib
import os
import re
import subprocess
import sys
from datetime import datetime
from email import policy
from pathlib import Path

from agent.demo.mail import DemoMail
from agent.demo.scenario import MAILS, TZ

DUE = datetime(2026, 3, 19, 9, 0, tzinfo=TZ)  # Helios Energy's follow-up is due this morning

CONFIG = """\
[agent]
state_dir = "{state}"
timezone = "Europe/Berlin"

[profile]
name = "Alex Morgan"
addresses = ["alex@example.com"]
signature = "Alex Morgan"

[[accounts]]
name = "dovecot"
type = "imap"
host = "{host}"
port = {port}
security = "none"
username = "{user}"
password_env = "FOLLOWUP_TEST_IMAP_PASSWORD"
"""


def _fill(dovecot, until: datetime) -> None:  # type: ignore[no-untyped-def]
    thread: dict[str, list[str]] = {}
    for mail in sorted(MAILS, key=lambda m: m.at):
        raw = DemoMail.to_bytes(mail, thread)
        if mail.at <= until:
            flags = ("\\Seen",) if mail.folder == "Sent" else ()
            dovecot.append(mail.folder, raw, flags=flags, when=mail.at)


def _run(config: Path, password: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(FOLLOWUP_NOW=DUE.isoformat(), FOLLOWUP_TEST_IMAP_PASSWORD=password)
    result = subprocess.run([sys.executable, "-m", "agent", "--config", str(config), "run",
                             "--once"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert password not in result.stdout + result.stderr
    return result


def _drafts_seen_by_imaplib(dovecot) -> list[tuple[set[str], email.message.EmailMessage]]:  # type: ignore[no-untyped-def]
    client = imaplib.IMAP4(dovecot.host, dovecot.port)
    try:
        client.login(dovecot.username, dovecot.password)
        status, _ = client.select("Drafts", readonly=True)
        assert status == "OK"
        _, data = client.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, parts = client.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            meta = parts[0][0].decode()
            flags = set(re.search(r"FLAGS \(([^)]*)\)", meta).group(1).split())  # type: ignore[union-attr]
            out.append((flags, email.message_from_bytes(parts[0][1], policy=policy.default)))
        return out
    finally:
        client.logout()


def test_run_once_on_dovecot_drafts_one_threaded_followup_per_due_process(
    dovecot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    _fill(dovecot, DUE)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(state=tmp_path / "state", host=dovecot.host,
                                    port=dovecot.port, user=dovecot.username))
    _run(config, dovecot.password)

    drafts = _drafts_seen_by_imaplib(dovecot)
    by_process = {str(m["X-Followup-Process"]): (flags, m) for flags, m in drafts}
    assert "helios-energy" in by_process
    assert len(by_process) == len(drafts)  # one draft per process
    flags, draft = by_process["helios-energy"]
    assert {"\\Draft", "\\Seen"} <= flags
    assert draft["In-Reply-To"] == "<he-1@heliosenergy.com>"
    assert "<he-1@heliosenergy.com>" in draft["References"]
    assert draft["To"].addresses[0].addr_spec == "dana.whitfield@heliosenergy.com"
    assert draft["Subject"].startswith("Re: ")
    assert set(by_process) <= {"helios-energy", "ferncastle-games", "cedar-pine-health",
                               "quantum-leaf"}

    _run(config, dovecot.password)  # a restart finds them and adds nothing
    again = _drafts_seen_by_imaplib(dovecot)
    assert sorted(str(m["X-Followup-Process"]) for _, m in again) == sorted(by_process)


def test_weekly_email_lands_in_the_inbox_once(dovecot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill(dovecot, DUE)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(state=tmp_path / "state", host=dovecot.host,
                                    port=dovecot.port, user=dovecot.username))
    _run(config, dovecot.password)
    _run(config, dovecot.password)
    client = imaplib.IMAP4(dovecot.host, dovecot.port)
    try:
        client.login(dovecot.username, dovecot.password)
        client.select("INBOX", readonly=True)
        _, data = client.search(None, "HEADER", "X-Followup-Report", "\"\"")
        assert len(data[0].split()) == 1
        _, parts = client.fetch(data[0].split()[0], "(BODY.PEEK[HEADER])")
        header = email.message_from_bytes(parts[0][1], policy=policy.default)
        assert header["To"].addresses[0].addr_spec == "alex@example.com"
        assert header.get("Cc") is None
    finally:
        client.logout()
