"""What the contract suite needs from each backend besides the Mailbox itself.

A backend's `mailbox_factory` fixture returns a `MailboxHarness`: it builds connected
Mailboxes over one test mailbox and plays the outside world through the backend's own means
(files on disk, an admin IMAP connection, the memory store), never through the Mailbox API.

Messages are named by Message-ID (without <>), since remote ids differ per backend.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from connectors.base import Mailbox


class MailboxHarness(Protocol):
    # Folder names as the Mailbox under test reports them in `folders()`.
    inbox: str
    sent: str
    drafts: str
    # The look-back of the account `open` builds: mail that arrived earlier is skipped on a
    # first sync.
    lookback_days: int

    def open(self, *, batch_size: int | None = None) -> Mailbox:
        """A new, connected Mailbox on the test mailbox (a new one per call: a restart)."""
        ...

    def inject(
        self, folder: str, raw: bytes, *, arrived: datetime | None = None, seen: bool = False
    ) -> None:
        """Deliver a message as a server or MTA would (unseen unless `seen`); `arrived` is its
        arrival time (Maildir mtime, IMAP INTERNALDATE)."""
        ...

    def mark_seen(self, folder: str, message_id: str) -> None:
        """A mail client reads the message (Maildir: new/ -> cur/ with S)."""
        ...

    def remove(self, folder: str, message_id: str) -> None:
        """The user deletes the message for good."""
        ...

    def send_draft(self, message_id: str, *, new_message_id: str | None = None) -> None:
        """The user sends a draft: it leaves Drafts; a seen copy lands in Sent, keeping the
        Message-ID unless `new_message_id` is given."""
        ...

    def edit_draft(self, message_id: str, body: str, *, new_message_id: str | None = None) -> str:
        """The user edits a draft: the client replaces it by a new copy with this body (and a
        new Message-ID when given), keeping other headers. Returns the copy's Message-ID."""
        ...

    def delete_draft(self, message_id: str) -> None:
        """The user deletes a draft."""
        ...

    def message_ids(self, folder: str) -> list[str]:
        """The Message-IDs now in a folder, any order."""
        ...

    def flags(self, folder: str, message_id: str) -> frozenset[str]:
        """A message's flags in IMAP spelling (\\Seen, \\Draft, \\Answered ...)."""
        ...
