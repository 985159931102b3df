"""`followup run` (the daemon) against a real Dovecot: new mail is acted on within seconds,
SIGTERM stops it cleanly, and a restart repeats nothing."""

from __future__ import annotations

import email
import imaplib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from email import policy
from pathlib import Path

import pytest
from test_run_once_imap import CONFIG, _fill

from agent.demo.scenario import TZ

START = datetime(2026, 3, 20, 9, 0, tzinfo=TZ)  # Cedar & Pine Health's follow-up is due

REJECTION = b"""From: Marco Rossi <marco.rossi@cedarpine-health.com>
To: Alex Morgan <alex@example.com>
Subject: Re: Second interview - Cedar & Pine Health
Date: Fri, 20 Mar 2026 09:00:30 +0100
Message-ID: <cp-daemon-rej@cedarpine-health.com>
In-Reply-To: <cp-2@cedarpine-health.com>
References: <cp-1@cedarpine-health.com> <alex-cp-1@example.com> <cp-2@cedarpine-health.com>

Hello Alex,

Thank you for your patience. After careful consideration we have decided not to move
forward with your application. We enjoyed meeting you and wish you the best.

Marco Rossi
"""


class Daemon:
    def __init__(self, config: Path, password: str, tmp: Path) -> None:
        self.sock_path = tmp / f"notify-{time.monotonic_ns()}.sock"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.sock_path))
        self.sock.settimeout(60)
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
        env.update(FOLLOWUP_NOW=START.isoformat(), FOLLOWUP_TEST_IMAP_PASSWORD=password,
                   NOTIFY_SOCKET=str(self.sock_path))
        self.stderr = tmp / "daemon.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "agent", "--config", str(config), "run"],
            env=env, stdout=subprocess.DEVNULL, stderr=self.stderr.open("ab"),
        )

    def wait_ready(self) -> None:
        while True:  # bounded by the socket's timeout
            data = self.sock.recv(4096).decode()
            if "READY=1" in data:
                return

    def stop(self) -> tuple[int, float]:
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.sock.close()
        return code, time.monotonic() - began


def _status(config: Path, password: str) -> dict[str, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(FOLLOWUP_NOW=START.isoformat(), FOLLOWUP_TEST_IMAP_PASSWORD=password)
    out = subprocess.run([sys.executable, "-m", "agent", "--config", str(config), "status",
                          "--json", "--all"], capture_output=True, text=True, env=env,
                         timeout=60, check=True).stdout
    return {row["id"]: row for row in json.loads(out)}


def _folder(dovecot, folder: str) -> list[email.message.EmailMessage]:  # type: ignore[no-untyped-def]
    client = imaplib.IMAP4(dovecot.host, dovecot.port)
    try:
        client.login(dovecot.username, dovecot.password)
        client.select(folder, readonly=True)
        _, data = client.search(None, "ALL")
        out = []
        for num in data[0].split():
            _, parts = client.fetch(num, "(BODY.PEEK[HEADER])")
            out.append(email.message_from_bytes(parts[0][1], policy=policy.default))
        return out
    finally:
        client.logout()


@pytest.fixture()
def setup(dovecot, tmp_path: Path) -> Iterator[tuple[Path, str]]:  # type: ignore[no-untyped-def]
    _fill(dovecot, START)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(state=tmp_path / "state", host=dovecot.host,
                                    port=dovecot.port, user=dovecot.username))
    yield config, dovecot.password


def test_daemon_closes_on_a_new_rejection_stops_cleanly_and_restarts_idempotently(
    dovecot, setup: tuple[Path, str], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    config, password = setup
    daemon = Daemon(config, password, tmp_path)
    try:
        daemon.wait_ready()
        drafts = [str(m["X-Followup-Process"]) for m in _folder(dovecot, "Drafts")]
        assert "cedar-pine-health" in drafts
        assert _status(config, password)["cedar-pine-health"]["draft"] == "pending"

        dovecot.append("INBOX", REJECTION)
        began = time.monotonic()
        deadline = began + 20
        row: dict[str, object] = {}
        while time.monotonic() < deadline:
            row = _status(config, password)["cedar-pine-health"]
            if row["state"] == "rejected" and row["draft"] == "retracted":
                break
        took = time.monotonic() - began
        assert row["state"] == "rejected" and row["draft"] == "retracted", daemon.stderr.read_text()
        assert took < 5  # measured about 1 s, status polling included
        remaining = [str(m["X-Followup-Process"]) for m in _folder(dovecot, "Drafts")]
        assert "cedar-pine-health" not in remaining
    finally:
        code, stop_took = daemon.stop()
    assert code == 0 and stop_took < 10

    drafts_before = sorted(str(m["X-Followup-Process"]) for m in _folder(dovecot, "Drafts"))
    reports_before = [m for m in _folder(dovecot, "INBOX") if m.get("X-Followup-Report")]
    assert len(reports_before) == 1
    again = Daemon(config, password, tmp_path)
    try:
        again.wait_ready()
    finally:
        code, _ = again.stop()
    assert code == 0
    assert sorted(str(m["X-Followup-Process"]) for m in _folder(dovecot, "Drafts")) == drafts_before
    assert len([m for m in _folder(dovecot, "INBOX") if m.get("X-Followup-Report")]) == 1
