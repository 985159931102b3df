"""Waiting for mail on a real Dovecot: IDLE push, polling, reconnecting after a restart."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from dovecot import DovecotAccount
from mail import job_mail

from connectors import imap_watch
from connectors.imap import ImapMailbox

OpenMailbox = Callable[..., ImapMailbox]
GENEROUS = 30.0  # seconds: a wait that returns True long before this was woken by the server


def synced(mb: ImapMailbox, folder: str = "INBOX", cursor: str | None = None) -> str | None:
    for batch in mb.changes(folder, cursor):
        cursor = batch.cursor
    return cursor


def test_idle_push_wakes_the_wait_long_before_its_timeout(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox()
    synced(mb)
    assert mb.wait_for_changes(0.2) is False  # nothing yet; the session now sits in IDLE
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))  # another client delivers
    started = time.monotonic()
    assert mb.wait_for_changes(GENEROUS) is True
    assert time.monotonic() - started < GENEROUS / 3


def test_mail_arriving_between_waits_is_not_missed(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox()
    cursor = synced(mb)
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True
    cursor = synced(mb, "INBOX", cursor)
    # a second message lands while the core is busy, outside any wait
    assert mb.wait_for_changes(0.2) is False
    dovecot.append("INBOX", job_mail("invite-2@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True
    ids = [m.message.message_id for b in mb.changes("INBOX", cursor) for m in b.messages]
    assert ids == ["invite-2@acme.example"]


def test_after_a_server_restart_the_wait_reconnects_and_the_cursor_still_works(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    mb = open_mailbox()
    cursor = synced(mb)
    assert mb.wait_for_changes(0.2) is False  # in IDLE when the server goes away

    dovecot.restart()
    dovecot.append("INBOX", job_mail("invite-2@acme.example"))

    assert mb.wait_for_changes(GENEROUS) is True
    batches = list(mb.changes("INBOX", cursor))  # the sync session reconnects too
    assert [m.message.message_id for b in batches for m in b.messages] == ["invite-2@acme.example"]
    assert mb.wait_for_changes(0.2) is False  # and watching goes on quietly


def test_a_graceful_shutdown_bye_is_survived(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox()
    cursor = synced(mb)
    assert mb.wait_for_changes(0.2) is False
    dovecot.restart(graceful=True)  # Dovecot says BYE to the idling session
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True
    ids = [m.message.message_id for b in mb.changes("INBOX", cursor) for m in b.messages]
    assert ids == ["invite-1@acme.example"]


def test_polling_finds_new_mail_when_idle_is_off(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox(idle=False, poll_seconds=0.2)
    synced(mb)
    assert mb.wait_for_changes(0.5) is False
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True


def test_a_second_watched_folder_is_checked_while_idling_on_the_inbox(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    with dovecot.client() as c:
        c.create_folder("Jobs")
    mb = open_mailbox(folders=["INBOX", "Jobs"], poll_seconds=0.3)
    assert mb.folders().watched == ("INBOX", "Jobs")
    assert mb.wait_for_changes(0.5) is False
    dovecot.append("Jobs", job_mail("invite-1@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True


def test_idle_is_reissued_and_still_delivers(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imap_watch, "IDLE_REISSUE", 0.2)
    starts: list[float] = []
    original = imap_watch.Watcher._start_idle

    def counting(self: imap_watch.Watcher, client: object) -> None:
        starts.append(time.monotonic())
        original(self, client)  # type: ignore[arg-type]

    monkeypatch.setattr(imap_watch.Watcher, "_start_idle", counting)
    mb = open_mailbox()
    assert mb.wait_for_changes(1.0) is False
    assert len(starts) >= 3  # one IDLE, then re-issued every 0.2 s
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    assert mb.wait_for_changes(GENEROUS) is True
