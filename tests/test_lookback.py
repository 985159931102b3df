"""Mail older than the account's look-back is remembered but never read as a process."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cycle_helpers import followup, make_world, status_json

from agent.demo.scenario import TZ

OLD_INVITE = b"""From: Old Co Recruiting <sam@oldco.example>
To: alex@example.com
Subject: Interview invitation: Analyst
Date: Mon, 06 Jan 2025 10:00:00 +0100
Message-ID: <old-1@oldco.example>

Dear Alex, we would like to invite you to an interview for the Analyst position at Old Co.
Please share your availability for next week.

Sam Carter, Old Co
"""


def test_mail_older_than_lookback_opens_no_process(tmp_path: Path) -> None:
    world, config = make_world(tmp_path)
    (tmp_path / "Mail" / "new" / "1700000000.old.host").write_bytes(OLD_INVITE)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    followup(config, now, "run", "--once")
    assert "old-co" not in status_json(config, now)
    followup(config, now, "run", "--once")  # and it stays remembered, not re-read
    assert status_json(config, now) == {}
