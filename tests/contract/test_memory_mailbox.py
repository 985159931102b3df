"""MemoryMailbox hooks the core's tests rely on: failures, expired cursors, waking up."""

from __future__ import annotations

import threading

import pytest

from agent.errors import AuthError, CursorExpired, TransientError
from connectors.memory import MemoryMailbox, MemoryStore

from .messages import draft_message, raw_message


def test_an_injected_failure_hits_the_next_call_only() -> None:
    store = MemoryStore()
    store.fail_next("create_draft", TransientError("server busy"))
    mailbox = MemoryMailbox(store=store)
    with pytest.raises(TransientError):
        mailbox.create_draft(draft_message("d1@example.com"))
    assert store.message_ids("Drafts") == []
    assert mailbox.create_draft(draft_message("d1@example.com"))
    assert store.message_ids("Drafts") == ["d1@example.com"]


def test_a_login_failure_can_be_played() -> None:
    store = MemoryStore()
    store.fail_next("connect", AuthError("password refused"))
    with pytest.raises(AuthError):
        MemoryMailbox(store=store).connect()


def test_a_sync_can_crash_after_some_batches_and_resume() -> None:
    store = MemoryStore()
    for n in range(5):
        store.inject("INBOX", raw_message(f"m{n}@example.org"))
    store.fail_next("changes", TransientError("connection lost"), after_batches=1)
    mailbox = MemoryMailbox(store=store, batch_size=2)
    batches = mailbox.changes("INBOX", None)
    first = next(batches)
    with pytest.raises(TransientError):
        next(batches)
    rest = [
        m.message.message_id for b in mailbox.changes("INBOX", first.cursor) for m in b.messages
    ]
    assert rest == ["m2@example.org", "m3@example.org", "m4@example.org"]


def test_expired_cursors_play_a_uidvalidity_change() -> None:
    store = MemoryStore()
    store.inject("INBOX", raw_message("a@example.org"))
    mailbox = MemoryMailbox(store=store)
    (batch,) = mailbox.changes("INBOX", None)
    store.expire_cursors("INBOX")
    with pytest.raises(CursorExpired):
        list(mailbox.changes("INBOX", batch.cursor))
    assert [m.message.message_id for b in mailbox.changes("INBOX", None) for m in b.messages] == [
        "a@example.org"
    ]


def test_wait_for_changes_wakes_when_mail_arrives_from_another_thread() -> None:
    store = MemoryStore()
    mailbox = MemoryMailbox(store=store)
    list(mailbox.changes("INBOX", None))
    arrived = threading.Event()

    def deliver() -> None:
        arrived.wait()
        store.inject("INBOX", raw_message("push@example.org"))

    worker = threading.Thread(target=deliver)
    worker.start()
    arrived.set()
    assert mailbox.wait_for_changes(30.0) is True
    worker.join()


def test_closed_threads_are_tagged_on_every_folder() -> None:
    store = MemoryStore()
    store.inject("INBOX", raw_message("a@example.org"))
    store.inject("Sent", raw_message("b@example.com"), flags={"\\Seen"})
    assert MemoryMailbox(store=store).tag_thread_closed(
        ["<a@example.org>", "b@example.com"], "closed"
    )
    assert "closed" in store.flags("INBOX", "a@example.org")
    assert store.flags("Sent", "b@example.com") == {"\\Seen", "closed"}


def test_a_missing_drafts_folder_is_created_with_the_first_draft() -> None:
    store = MemoryStore(folders=("INBOX", "Sent"))
    mailbox = MemoryMailbox(store=store)
    assert mailbox.folders().how["drafts"].startswith("missing")
    (empty,) = mailbox.changes("Drafts", None)
    mailbox.create_draft(draft_message("d1@example.com"))
    assert mailbox.folders().how["drafts"] == "created"
    drafts = [
        m.message.message_id for b in mailbox.changes("Drafts", empty.cursor) for m in b.messages
    ]
    assert drafts == ["d1@example.com"]
