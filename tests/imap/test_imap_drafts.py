"""Drafts, the report and keywords, checked the way a mail client sees them (stdlib imaplib)."""

from __future__ import annotations

import email
import email.policy
import imaplib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from dovecot import DovecotAccount
from mail import follow_up_draft, job_mail, mail

from connectors.imap import ImapMailbox

OpenMailbox = Callable[..., ImapMailbox]


@contextmanager
def mail_client(dovecot: DovecotAccount) -> Iterator[imaplib.IMAP4]:
    """An independent client: Python's imaplib, nothing shared with the connector."""
    client = imaplib.IMAP4(dovecot.host, dovecot.port, timeout=30)
    try:
        client.login(dovecot.username, dovecot.password)
        yield client
    finally:
        client.logout()


def messages_in(client: imaplib.IMAP4, folder: str) -> list[tuple[str, bytes, bytes]]:
    """(flags, raw message, internal date line) of every message in `folder`."""
    typ, _ = client.select(f'"{folder}"', readonly=True)
    assert typ == "OK"
    typ, data = client.uid("SEARCH", "ALL")
    uids = data[0].split()
    out = []
    for uid in uids:
        typ, parts = client.uid("FETCH", uid, "(FLAGS INTERNALDATE BODY.PEEK[])")
        meta, raw = parts[0]
        out.append((meta.decode(), raw, meta))
    return out


def test_a_draft_is_in_drafts_as_a_mail_client_expects(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox()
    mb.create_draft(follow_up_draft("fu-1@example.com", "proc-42"))

    with mail_client(dovecot) as client:
        (meta, raw, _), *rest = messages_in(client, "Drafts")
        assert rest == []
        assert messages_in(client, "INBOX") == []
    flags = re.search(r"FLAGS \(([^)]*)\)", meta)
    assert flags is not None and {"\\Draft", "\\Seen"} <= set(flags.group(1).split())
    # the INTERNALDATE is the draft's own Date, so clients sort it where it belongs
    assert 'INTERNALDATE "12-Mar-2026 08:15:00 +0000"' in meta
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Message-ID"] == "<fu-1@example.com>"
    assert msg["In-Reply-To"] == "<invite-1@acme.example>"
    assert msg["References"] == "<application-1@example.com> <invite-1@acme.example>"
    assert msg["Subject"] == "Re: Interview invitation: Backend Engineer"
    assert msg["X-Followup-Process"] == "proc-42"
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout, as IMAP requires


def test_a_restarted_agent_finds_its_draft_instead_of_adding_a_second(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    first = open_mailbox()
    remote_id = first.create_draft(follow_up_draft("fu-1@example.com", "proc-42"))
    first.close()

    again = open_mailbox()  # a new process: nothing in memory
    found = again.find_draft("fu-1@example.com", "proc-42")
    assert found is not None and found.remote_id == remote_id
    assert found.message.headers.get("x-followup-process") == "proc-42"
    with mail_client(dovecot) as client:
        assert len(messages_in(client, "Drafts")) == 1


def test_find_draft_matches_the_whole_message_id_not_a_part(open_mailbox: OpenMailbox) -> None:
    mb = open_mailbox()
    mb.create_draft(follow_up_draft("fu-10@example.com", "proc-10"))
    assert mb.find_draft("fu-1@example.com", "proc-1") is None


def test_deleting_a_draft_leaves_every_other_draft_alone(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    own = dovecot.append("Drafts", mail("mine@example.com", subject="half-written"), ["\\Draft"])
    mb = open_mailbox()
    ours = mb.create_draft(follow_up_draft("fu-1@example.com", "proc-1"))
    mb.create_draft(follow_up_draft("fu-2@example.com", "proc-2"))

    assert mb.delete_draft(ours) is True
    assert mb.delete_draft(str(own)) is False  # not one of ours: never touched

    with mail_client(dovecot) as client:
        left = [
            email.message_from_bytes(raw)["Message-ID"]
            for _, raw, _ in messages_in(client, "Drafts")
        ]
    assert left == ["<mine@example.com>", "<fu-2@example.com>"]


@pytest.fixture
def without_uidplus(open_mailbox: OpenMailbox) -> ImapMailbox:
    """A mailbox that believes the server lacks UIDPLUS (so no UID EXPUNGE)."""
    mb = open_mailbox()
    mb._conn.capabilities = mb._conn.capabilities - {b"UIDPLUS"}
    return mb


def test_without_uidplus_a_lone_deleted_draft_is_expunged(
    dovecot: DovecotAccount, without_uidplus: ImapMailbox
) -> None:
    remote_id = without_uidplus.create_draft(follow_up_draft("fu-1@example.com", "proc-1"))
    assert without_uidplus.delete_draft(remote_id) is True
    with mail_client(dovecot) as client:
        assert messages_in(client, "Drafts") == []


def test_without_uidplus_other_deleted_messages_are_not_expunged(
    dovecot: DovecotAccount, without_uidplus: ImapMailbox
) -> None:
    # The user's client flagged a message \Deleted and has not expunged it yet.
    dovecot.append("Drafts", mail("trash@example.com"), ["\\Draft", "\\Deleted"])
    remote_id = without_uidplus.create_draft(follow_up_draft("fu-1@example.com", "proc-1"))
    assert without_uidplus.delete_draft(remote_id) is True
    with mail_client(dovecot) as client:
        still = messages_in(client, "Drafts")
    assert len(still) == 2  # nothing expunged: the user's message survives
    assert all("\\Deleted" in meta for meta, _, _ in still)
    assert without_uidplus.find_draft("fu-1@example.com", "proc-1") is None


def test_the_report_lands_unread_in_the_inbox(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    report = follow_up_draft("report-2026-W11@example.com", "unused")
    del report["X-Followup-Process"]
    open_mailbox().deliver_to_inbox(report)
    with mail_client(dovecot) as client:
        ((meta, raw, _),) = messages_in(client, "INBOX")
        assert messages_in(client, "Drafts") == []
    assert "\\Seen" not in meta and "\\Draft" not in meta
    assert b"report-2026-W11@example.com" in raw


def test_closed_threads_get_a_keyword_in_inbox_and_sent(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    dovecot.append("INBOX", job_mail("invite-10@acme.example"))
    dovecot.append("Sent", mail("reply-1@example.com", subject="Re: Interview"), ["\\Seen"])
    mb = open_mailbox()
    assert mb.tag_thread_closed(
        ["invite-1@acme.example", "<reply-1@example.com>"], "$FollowupClosed"
    )
    with dovecot.client() as c:
        c.select_folder("INBOX", readonly=True)
        inbox = c.get_flags([1, 2])
        c.select_folder("Sent", readonly=True)
        sent = c.get_flags([1])
    assert b"$FollowupClosed" in inbox[1] and b"$FollowupClosed" not in inbox[2]
    assert b"$FollowupClosed" in sent[1]


def test_a_draft_goes_to_the_configured_drafts_folder(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    with dovecot.client() as c:
        c.create_folder("Entwürfe")
    mb = open_mailbox(drafts_folder="Entwürfe")
    assert mb.folders().drafts == "Entwürfe"
    assert mb.folders().how["drafts"] == "config drafts_folder"
    mb.create_draft(follow_up_draft("fu-1@example.com", "proc-1"))
    with dovecot.client() as c:
        c.select_folder("Entwürfe", readonly=True)
        assert len(c.search(["HEADER", "X-Followup-Process", "proc-1"])) == 1
