"""The Mailbox contract run against ImapMailbox on a real Dovecot (started by the test run).

The harness plays the user's mail client through an independent imapclient session.
"""

from __future__ import annotations

import email
import email.policy
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from connectors.base import Mailbox
from connectors.imap import ImapMailbox

from .harness import MailboxHarness
from .mailbox_contract import *  # noqa: F403

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "imap"))
from dovecot import DovecotAccount, DovecotServer  # noqa: E402

LOOKBACK_DAYS = 30


class ImapHarness:
    inbox = "INBOX"
    sent = "Sent"
    drafts = "Drafts"
    lookback_days = LOOKBACK_DAYS

    def __init__(self, account: DovecotAccount) -> None:
        self.dovecot = account
        self.opened: list[Mailbox] = []

    def open(self, *, batch_size: int | None = None) -> Mailbox:
        kwargs: dict[str, Any] = {"progress": False}
        if batch_size:
            kwargs["header_batch"] = batch_size
        mailbox = ImapMailbox(self.dovecot.account(lookback_days=LOOKBACK_DAYS), **kwargs)
        mailbox.connect()
        self.opened.append(mailbox)
        return mailbox

    def close(self) -> None:
        for mailbox in self.opened:
            mailbox.close()

    # ---- the user's mail client ---------------------------------------------------------
    def inject(
        self, folder: str, raw: bytes, *, arrived: datetime | None = None, seen: bool = False
    ) -> None:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        self.dovecot.append(folder, raw, ["\\Seen"] if seen else [], arrived)

    def _uids(self, c: IMAPClient, folder: str, message_id: str) -> list[int]:
        c.select_folder(folder)
        return list(c.search(["HEADER", "Message-ID", f"<{message_id}>", "NOT", "DELETED"]))

    def mark_seen(self, folder: str, message_id: str) -> None:
        with self.dovecot.client() as c:
            c.add_flags(self._uids(c, folder, message_id), ["\\Seen"])

    def remove(self, folder: str, message_id: str) -> None:
        with self.dovecot.client() as c:
            uids = self._uids(c, folder, message_id)
            c.add_flags(uids, ["\\Deleted"])
            c.uid_expunge(uids)

    def _raw(self, c: IMAPClient, folder: str, message_id: str) -> tuple[int, bytes]:
        (uid,) = self._uids(c, folder, message_id)
        return uid, c.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]

    def send_draft(self, message_id: str, *, new_message_id: str | None = None) -> None:
        with self.dovecot.client() as c:
            uid, raw = self._raw(c, self.drafts, message_id)
            msg = email.message_from_bytes(raw, policy=email.policy.SMTP)
            if new_message_id:
                msg.replace_header("Message-ID", f"<{new_message_id}>")
            c.append(self.sent, msg.as_bytes(), flags=["\\Seen"])
            c.select_folder(self.drafts)
            c.add_flags([uid], ["\\Deleted"])
            c.uid_expunge([uid])

    def edit_draft(self, message_id: str, body: str, *, new_message_id: str | None = None) -> str:
        with self.dovecot.client() as c:
            uid, raw = self._raw(c, self.drafts, message_id)
            msg = email.message_from_bytes(raw, policy=email.policy.SMTP)
            msg.set_content(body)
            new_id = new_message_id or message_id
            msg.replace_header("Message-ID", f"<{new_id}>")
            c.append(self.drafts, msg.as_bytes(), flags=["\\Draft", "\\Seen"])
            c.select_folder(self.drafts)
            c.add_flags([uid], ["\\Deleted"])
            c.uid_expunge([uid])
        return new_id

    def delete_draft(self, message_id: str) -> None:
        self.remove(self.drafts, message_id)

    def message_ids(self, folder: str) -> list[str]:
        with self.dovecot.client() as c:
            c.select_folder(folder, readonly=True)
            uids = c.search(["NOT", "DELETED"])
            rows = c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
        out = []
        for uid in sorted(rows):
            value = rows[uid][b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode()
            out.append(value.split(":", 1)[1].strip().strip("<>"))
        return out

    def flags(self, folder: str, message_id: str) -> frozenset[str]:
        with self.dovecot.client() as c:
            (uid,) = self._uids(c, folder, message_id)
            got = c.get_flags([uid])[uid]
        return frozenset(f.decode() for f in got if f != b"\\Recent")


@pytest.fixture(scope="module")
def contract_dovecot() -> Iterator[DovecotServer]:
    server = DovecotServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def mailbox_factory(contract_dovecot: DovecotServer) -> Iterator[MailboxHarness]:
    harness = ImapHarness(DovecotAccount(contract_dovecot, contract_dovecot.add_user()))
    try:
        yield harness
    finally:
        harness.close()
