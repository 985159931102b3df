"""Syncing folders of a real Dovecot: first run header-first, incremental runs, UIDVALIDITY."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from dovecot import DovecotAccount
from mail import job_mail, mail, newsletter

from agent.errors import CursorExpired
from agent.message import Message
from connectors.base import RemoteMessage
from connectors.imap import ImapMailbox
from connectors.imap_headers import HEADERS_ONLY_WARNING

OpenMailbox = Callable[..., ImapMailbox]


def sync(
    mb: ImapMailbox, folder: str, cursor: str | None
) -> tuple[list[RemoteMessage], str | None]:
    out: list[RemoteMessage] = []
    for batch in mb.changes(folder, cursor):
        out.extend(batch.messages)
        cursor = batch.cursor
    return out, cursor


def test_first_sync_downloads_bodies_only_of_mail_that_could_matter(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", newsletter("deals-1@shop.example"))
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    dovecot.append("INBOX", mail("lunch@friends.example"))
    dovecot.append(
        "INBOX",
        mail(
            "ack@ats.example",
            subject="Thanks from Acme",
            sender="Acme via Greenhouse <no-reply@us.greenhouse-mail.io>",
            body="We received it.\n",
        ),
    )
    dovecot.append(
        "INBOX",
        mail(
            "re-1@friends.example",
            subject="Re: that thing",
            headers={"In-Reply-To": "<x@example.com>"},
            body="Sure, see you.\n",
        ),
    )
    dovecot.append("INBOX", newsletter("deals-2@shop.example"))

    messages, cursor = sync(open_mailbox(), "INBOX", None)

    by_id = {m.message.message_id: m for m in messages}
    assert [m.message.message_id for m in messages] == [
        "deals-1@shop.example",
        "invite-1@acme.example",
        "lunch@friends.example",
        "ack@ats.example",
        "re-1@friends.example",
        "deals-2@shop.example",
    ]
    fetched = {mid for mid, m in by_id.items() if HEADERS_ONLY_WARNING not in m.message.warnings}
    assert fetched == {"invite-1@acme.example", "ack@ats.example", "re-1@friends.example"}
    assert "Tuesday at 10:00" in by_id["invite-1@acme.example"].message.body
    # header-only messages still carry what the core needs to file them
    deals = by_id["deals-1@shop.example"].message
    assert deals.body == "" and deals.subject == "This week's deals" and deals.is_bulk
    assert deals.from_ is not None and deals.from_.addr == "news@shop.example"
    assert deals.size > 0
    assert cursor is not None and json.loads(cursor)["last_uid"] == 6


def test_sync_does_not_mark_anything_read(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    sync(open_mailbox(), "INBOX", None)
    with dovecot.client() as c:
        c.select_folder("INBOX", readonly=True)
        assert c.search(["UNSEEN"]) == [1]


def test_a_custom_relevance_predicate_decides_which_bodies_come(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", mail("a@x.example", subject="keep me"))
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))

    def only_kept(m: Message) -> bool:
        return "keep" in m.subject

    messages, _ = sync(open_mailbox(relevant=only_kept), "INBOX", None)
    bodies = {m.message.message_id: m.message.body for m in messages}
    assert "Are you free?" in bodies["a@x.example"]
    assert bodies["invite-1@acme.example"] == ""


def test_incremental_sync_brings_only_new_mail(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    mb = open_mailbox()
    first, cursor = sync(mb, "INBOX", None)
    assert len(first) == 1
    assert sync(mb, "INBOX", cursor) == ([], cursor)

    dovecot.append("INBOX", job_mail("invite-2@acme.example", subject="Second round"))
    dovecot.append("INBOX", newsletter("deals-9@shop.example"))
    later, cursor2 = sync(open_mailbox(), "INBOX", cursor)  # a new process, stored cursor
    assert [m.message.message_id for m in later] == [
        "invite-2@acme.example",
        "deals-9@shop.example",
    ]
    assert json.loads(cursor2)["last_uid"] == 3
    assert json.loads(cursor2)["uidvalidity"] == json.loads(cursor)["uidvalidity"]


def test_uidvalidity_reset_expires_the_cursor_and_a_resync_has_no_duplicates(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    for i in range(4):
        dovecot.append("INBOX", job_mail(f"invite-{i}@acme.example"))
    mb = open_mailbox()
    before, cursor = sync(mb, "INBOX", None)
    assert len(before) == 4

    dovecot.set_uidvalidity("INBOX", dovecot.uidvalidity("INBOX") + 1000)
    dovecot.append("INBOX", job_mail("invite-new@acme.example"))
    mb = open_mailbox()  # as after a server migration: a new session
    with pytest.raises(CursorExpired, match="UIDVALIDITY"):
        sync(mb, "INBOX", cursor)

    again, new_cursor = sync(mb, "INBOX", None)
    ids = [m.message.message_id for m in again]
    assert len(ids) == len(set(ids)) == 5
    assert set(ids) == {f"invite-{i}@acme.example" for i in range(4)} | {"invite-new@acme.example"}
    # the core reconciles by Message-ID: exactly one message is new to it
    assert set(ids) - {m.message.message_id for m in before} == {"invite-new@acme.example"}
    assert json.loads(new_cursor)["uidvalidity"] != json.loads(cursor)["uidvalidity"]
    assert sync(mb, "INBOX", new_cursor)[0] == []


def test_batches_carry_resumable_cursors_across_a_restart(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    for i in range(5):
        dovecot.append("INBOX", job_mail(f"invite-{i}@acme.example"))
    batches = open_mailbox(header_batch=2).changes("INBOX", None)
    first = next(iter(batches))
    assert [m.remote_id for m in first.messages] == ["1", "2"]
    rest, _ = sync(open_mailbox(header_batch=2), "INBOX", first.cursor)
    assert [m.remote_id for m in rest] == ["3", "4", "5"]


def test_sync_carries_on_after_the_server_restarts_between_batches(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    for i in range(6):
        dovecot.append("INBOX", job_mail(f"invite-{i}@acme.example"))
    mb = open_mailbox(header_batch=2)
    batches = iter(mb.changes("INBOX", None))
    got = list(next(batches).messages)
    dovecot.restart()  # the sync connection dies under the generator
    for batch in batches:
        got.extend(batch.messages)
    assert [m.message.message_id for m in got] == [f"invite-{i}@acme.example" for i in range(6)]
    assert mb.reconnects == 1


def test_large_bodies_are_capped(dovecot: DovecotAccount, open_mailbox: OpenMailbox) -> None:
    big = "Please find the details below.\n" + "x" * 60 + "\n"
    dovecot.append("INBOX", mail("big@acme.example", subject="Interview details", body=big * 200))
    (message,), _ = sync(open_mailbox(body_cap=4096), "INBOX", None)
    assert message.message.size > 10_000
    assert any("truncated" in w for w in message.message.warnings)
    assert message.message.body.startswith("Please find the details below.")


def test_first_sync_skips_mail_before_the_look_back(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    now = datetime.now(UTC)
    dovecot.append("INBOX", job_mail("old@acme.example"), when=now - timedelta(days=40))
    dovecot.append("INBOX", job_mail("new@acme.example"), when=now - timedelta(days=2))
    mb = open_mailbox(lookback_days=30)
    messages, cursor = sync(mb, "INBOX", None)
    assert [m.message.message_id for m in messages] == ["new@acme.example"]
    assert sync(mb, "INBOX", cursor)[0] == []


def test_fetch_returns_one_whole_message(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", newsletter("deals-1@shop.example"))
    mb = open_mailbox()
    (header_only,), _ = sync(mb, "INBOX", None)
    whole = mb.fetch("INBOX", header_only.remote_id)
    assert whole is not None and "Big savings" in whole.message.body
    assert mb.fetch("INBOX", "999") is None
    assert mb.fetch("INBOX", "not-a-uid") is None
