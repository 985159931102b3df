"""Shared helpers for the cycle tests: the demo world, the CLI in a subprocess."""

from __future__ import annotations

import json
import mailbox
import os
import subprocess
import sys
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from agent.demo.runner import CONFIG, DemoWorld


def make_world(root: Path) -> tuple[DemoWorld, Path]:
    world = DemoWorld(root)
    config = root / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return world, config


def followup(
    config: Path, now: datetime, *args: str, crash: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env["FOLLOWUP_NOW"] = now.isoformat()
    if crash:
        env["FOLLOWUP_TEST_CRASH"] = crash
    result = subprocess.run(
        [sys.executable, "-m", "agent", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def status_json(config: Path, now: datetime) -> dict[str, dict[str, object]]:
    out = followup(config, now, "status", "--json", "--all").stdout
    return {row["id"]: row for row in json.loads(out)}


def drafts(root: Path) -> list[EmailMessage]:
    box = mailbox.Maildir(root / "Mail" / ".Drafts", create=False)
    return [message_from_bytes(m.as_bytes(), policy=policy.default) for m in box]  # type: ignore[misc]


def draft_files(root: Path) -> list[Path]:
    folder = root / "Mail" / ".Drafts"
    return sorted(p for sub in ("cur", "new") for p in (folder / sub).iterdir())


def inbox_reports(root: Path) -> list[EmailMessage]:
    box = mailbox.Maildir(root / "Mail", create=False)
    out = []
    for m in box:
        msg = message_from_bytes(m.as_bytes(), policy=policy.default)
        if msg.get("X-Followup-Report"):
            out.append(msg)
    return out  # type: ignore[return-value]
