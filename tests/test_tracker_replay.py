"""Processes from mail: thread first, then company and role; the same mail in any order of
arrival gives the same processes; nothing is processed twice."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest

from agent.demo.mail import DemoMail
from agent.demo.scenario import END, MAILS, TZ
from agent.message import Message
from agent.parse import parse_message
from agent.store import Store
from agent.store.repo import Repo
from agent.tracker.fold import Derived
from agent.tracker.ingest import ingest

USER = ("alex@example.com",)


def _parsed() -> list[tuple[DemoMail, Message]]:
    thread: dict[str, list[str]] = {}
    ordered = sorted(MAILS, key=lambda m: m.at)
    return [(m, parse_message(m.to_bytes(thread))) for m in ordered]


def _replay(state_dir: Path, order: list[tuple[DemoMail, Message]]) -> list[tuple]:
    store = Store(state_dir)
    repo = Repo(store)
    for i, (mail, msg) in enumerate(order):
        with store.transaction():
            ingest(
                repo,
                "demo",
                mail.folder,
                str(i) + mail.msgid,
                msg,
                outbound=mail.folder == "Sent",
                tz=TZ,
                user_addresses=USER,
                now=END,
            )
    out = []
    for p in repo.processes():
        d = Derived.from_json(p.derived)
        members = sorted(m.fingerprint for m in repo.process_messages(p.id))
        out.append(
            (
                p.company,
                d.state,
                d.stage,
                tuple(d.flags()),
                d.contact_addr,
                d.reply_to_message_id,
                d.followups_sent,
                tuple(members),
            )
        )
    store.close()
    return sorted(out)


@pytest.mark.parametrize("seed", range(12))
def test_any_order_of_arrival_gives_the_same_processes(tmp_path: Path, seed: int) -> None:
    mails = _parsed()
    reference = _replay(tmp_path / "in-order", mails)
    shuffled = mails[:]
    random.Random(seed).shuffle(shuffled)
    assert _replay(tmp_path / f"shuffled-{seed}", shuffled) == reference
    assert _replay(tmp_path / f"reversed-{seed}", mails[::-1]) == reference


def test_thread_joins_before_company_and_two_roles_are_two_processes(tmp_path: Path) -> None:
    store = Store(tmp_path)
    repo = Repo(store)

    def feed(
        msgid: str,
        subject: str,
        body: str,
        reply_to: str | None = None,
        sender: str = "Rae Kim <rae.kim@acme-robotics.com>",
    ) -> str | None:
        raw = (
            f"From: {sender}\nTo: alex@example.com\nSubject: {subject}\n"
            f"Date: Mon, 02 Mar 2026 10:00:00 +0100\nMessage-ID: <{msgid}>\n"
            + (f"In-Reply-To: <{reply_to}>\nReferences: <{reply_to}>\n" if reply_to else "")
            + f"\n{body}\n"
        ).encode()
        with store.transaction():
            result = ingest(
                repo,
                "a",
                "INBOX",
                msgid,
                parse_message(raw),
                outbound=False,
                tz=TZ,
                user_addresses=USER,
                now=datetime(2026, 3, 3, tzinfo=TZ),
            )
        return result.process_id

    first = feed(
        "a1@acme",
        "Your application for Data Engineer at Acme Robotics",
        "Thank you for applying for the Data Engineer position at Acme Robotics. "
        "We have received your application.",
    )
    second = feed(
        "a2@acme",
        "Your application for Product Designer at Acme Robotics",
        "Thank you for applying for the Product Designer position at Acme Robotics. "
        "We have received your application.",
    )
    assert first and second and first != second
    # A reply in the first thread joins it even though it names no role.
    third = feed(
        "a3@acme",
        "Re: Your application",
        "Quick question: are you open to a call on Thursday?",
        reply_to="a1@acme",
    )
    assert third == first
    store.close()


def test_the_same_message_in_two_folders_counts_once(tmp_path: Path) -> None:
    store = Store(tmp_path)
    repo = Repo(store)
    mail, msg = _parsed()[1]
    for folder in ("INBOX", "All Mail"):
        with store.transaction():
            ingest(repo, "a", folder, "1", msg, outbound=False, tz=TZ, user_addresses=USER, now=END)
    rows = store.query("SELECT status FROM messages ORDER BY id")
    assert [r["status"] for r in rows] == ["processed", "duplicate"]
    store.close()
