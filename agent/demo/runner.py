"""Replays the demo job search day by day and narrates what the agent saw and did."""

from __future__ import annotations

import json
import mailbox as stdmailbox
import tempfile
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.utils import format_datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from agent.cli_render import status_table
from agent.clock import FixedClock
from agent.config import load_config
from agent.demo.scenario import END, MAILS, START, USER_SENDS_DRAFTS_FOR
from agent.engine import Engine
from agent.status import process_views

CONFIG = """\
# Written by `followup demo`: a complete config for the generated mailbox.
[agent]
state_dir = "state"
timezone = "Europe/Berlin"

[profile]
name = "Alex Morgan"
addresses = ["alex@example.com"]
signature = "Alex Morgan\\n+49 30 555 0100"
recent_updates = ["I completed the AWS Solutions Architect Associate certification"]

[report]
weekday = "mon"
time = "08:00"

[[accounts]]
name = "demo"
type = "maildir"
path = "Mail"
"""

ICONS = {
    "message_in": "<-",
    "message_out": "->",
    "state_changed": "**",
    "stage_changed": "..",
    "draft_created": "++",
    "draft_retracted": "--",
    "draft_sent": ">>",
    "draft_deleted": "xx",
    "draft_kept": "!!",
    "reminder": "!!",
    "no_draft": "??",
    "needs_confirmation": "??",
}


class DemoWorld:
    """The generated Maildir, and the simulated user and companies writing into it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.mail = root / "Mail"
        self.inbox = stdmailbox.Maildir(self.mail, create=True)
        self.sent = self.inbox.add_folder("Sent")
        self.drafts = self.inbox.add_folder("Drafts")
        self.delivered: set[str] = set()
        self.thread: dict[str, list[str]] = {}

    def deliver_until(self, now: datetime) -> None:
        """Every scripted message dated before `now` arrives in its folder."""
        for mail in sorted(MAILS, key=lambda m: m.at):
            if mail.at > now or mail.msgid in self.delivered:
                continue
            target = self.inbox if mail.folder == "INBOX" else self.sent
            entry = stdmailbox.MaildirMessage(mail.to_bytes(self.thread))
            if mail.folder == "Sent":
                entry.set_subdir("cur")
                entry.set_flags("S")
            target.add(entry)
            self.delivered.add(mail.msgid)

    def user_sends_drafts(self, now: datetime) -> list[str]:
        """The simulated user sends the follow-ups of some processes as they appear."""
        sent = []
        for key, entry in list(self.drafts.items()):
            process = str(entry.get("X-Followup-Process", ""))
            if process not in USER_SENDS_DRAFTS_FOR:
                continue
            msg = message_from_bytes(entry.as_bytes(), policy=policy.default)
            del msg["Date"]
            msg["Date"] = format_datetime(now)
            copy = stdmailbox.MaildirMessage(msg.as_bytes())
            copy.set_subdir("cur")
            copy.set_flags("S")
            self.sent.add(copy)
            self.drafts.remove(key)
            sent.append(f"{process}: you sent the follow-up draft as it was")
        return sent


def _config(root: Path) -> Path:
    path = root / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    path.chmod(0o600)
    return path


def _new_lines(
    engine: Engine, last_event: int, last_msg: int
) -> tuple[list[tuple[str, str]], int, int]:
    lines: list[tuple[str, str]] = []
    for row in engine.store.query("SELECT * FROM events WHERE id > ? ORDER BY id", (last_event,)):
        last_event = row["id"]
        lines.append((ICONS.get(row["kind"], "  "), f"{row['process_id']}: {row['summary']}"))
    for row in engine.store.query(
        "SELECT * FROM messages WHERE id > ? AND process_id IS NULL AND status = 'processed' "
        "ORDER BY id",
        (last_msg,),
    ):
        verdict = json.loads(row["verdict"] or "{}")
        kind = verdict.get("kind") or verdict.get("label") or "other"
        if row["direction"] == "in":
            lines.append(("  ", f"ignored ({kind.replace('_', ' ')}): {row['subject'][:70]}"))
    for row in engine.store.query(
        "SELECT * FROM reports WHERE delivered_at = ?", (engine.clock.now().isoformat(),)
    ):
        lines.append(("@@", f"weekly status email for {row['slot']} delivered to your Inbox"))
    top = engine.store.one("SELECT MAX(id) FROM messages")
    return lines, last_event, int(top[0] or 0) if top else last_msg


def _status_table(engine: Engine, now: datetime) -> Table:
    views = process_views(engine.repo, engine.settings, engine.tz, now, include_closed=True)
    table = status_table(views, engine.tz, now.astimezone(engine.tz).date())
    table.title = f"followup status --all, {now:%a %d %b %Y}"
    return table


def _moments() -> list[datetime]:
    """When the agent runs: each morning, and a few minutes after each message arrives
    (as the daemon would, woken by IDLE or the Maildir watcher)."""
    moments = {m.at + timedelta(minutes=5) for m in MAILS if START <= m.at <= END}
    day = START
    while day <= END:
        moments.add(day)
        day += timedelta(days=1)
    return sorted(moments)


def run_demo(out_dir: Path | None = None, console: Console | None = None) -> int:
    console = console or Console()
    root = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="followup-demo-"))
    root.mkdir(parents=True, exist_ok=True)
    world = DemoWorld(root)
    cfg = load_config(_config(root))
    clock = FixedClock(START)
    engine = Engine(cfg, clock)
    engine.open()
    console.print(
        f"[bold]followup demo[/]: Alex Morgan's job search, {START:%d %b} to "
        f"{END:%d %b %Y}, replayed as the mail arrives,\n"
        "with a look every morning at what is due."
    )
    console.print(
        "Legend: <- mail in  -> you wrote  ** state  .. stage  ++ draft made  "
        ">> sent  -- draft removed\n        !! reminder  ?? needs you  "
        "@@ weekly email  (blank) ignored as noise\n",
        markup=False,
        highlight=False,
    )
    last_event = last_msg = 0
    shown_day = None
    try:
        for moment in _moments():
            clock.set(moment)
            world.deliver_until(moment)
            engine.full_cycle()
            lines, last_event, last_msg = _new_lines(engine, last_event, last_msg)
            lines += [(">>", text) for text in world.user_sends_drafts(moment)]
            if not lines:
                continue
            if moment.date() != shown_day:
                shown_day = moment.date()
                console.print(f"[bold cyan]{moment:%a %d %b}[/]")
            for icon, text in lines:
                console.print(f"  {moment:%H:%M} {icon} {text}", markup=False, highlight=False)
        console.print()
        console.print(_status_table(engine, END))
        _show_draft(console, world)
        _show_report(console, world)
    finally:
        engine.close()
    console.print(
        f"\nThe mailbox is in [bold]{world.mail}[/] (Maildir++: Inbox at the root, "
        f".Sent and .Drafts beside it); open it with e.g. `mutt -f {world.mail}`."
    )
    console.print(
        f"Its config is {root / 'config.toml'}: try "
        f"`FOLLOWUP_NOW={END.isoformat()} followup --config {root / 'config.toml'} "
        f"status`."
    )
    return 0


def _show_draft(console: Console, world: DemoWorld) -> None:
    drafts = sorted(world.drafts.items(), key=lambda kv: str(kv[1].get("Date", "")))
    if not drafts:
        console.print("\nNo draft is waiting in Drafts.")
        return
    _, entry = drafts[0]
    console.print(f"\n[bold]One of the {len(drafts)} follow-up draft(s) waiting in Drafts[/]:")
    msg = message_from_bytes(entry.as_bytes(), policy=policy.default)
    for name in ("From", "To", "Subject", "In-Reply-To", "References", "X-Followup-Process"):
        console.print(f"{name}: {msg.get(name, '')}", markup=False, highlight=False)
    body = msg.get_body(preferencelist=("plain",))
    console.print("")
    console.print(body.get_content() if body else "", markup=False, highlight=False)


def _show_report(console: Console, world: DemoWorld) -> None:
    reports = [e for e in world.inbox.values() if e.get("X-Followup-Report")]
    if not reports:
        return
    reports.sort(key=lambda e: str(e.get("X-Followup-Report")))
    msg = message_from_bytes(reports[-1].as_bytes(), policy=policy.default)
    console.print(
        f"\n[bold]The latest weekly email[/] ({len(reports)} delivered to the Inbox, "
        f"one per Monday), as text:"
    )
    body = msg.get_body(preferencelist=("plain",))
    console.print(body.get_content() if body else "", markup=False, highlight=False)
