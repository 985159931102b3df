"""The Mailbox protocol: everything the core needs from a mail provider, and nothing more.

Value types and the protocol are owned by the core; each connector (maildir, imap, gmail,
exchange) implements it. Errors come from `agent.errors`:

- `AuthError` when the login is refused (stop this account, tell the user);
- `TransientError` for network trouble (the caller backs off and retries);
- `CursorExpired` when a stored cursor no longer applies (UIDVALIDITY change, Gmail history
  404): the core lists the folder again from `cursor=None` and reconciles by Message-ID;
- `ConfigError` for settings that cannot work (a folder that does not exist ...).

A connector never sends mail. The only writes are: drafts into the Drafts folder, the
weekly report into the user's own Inbox, and optional keywords/labels on closed threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import ClassVar, Literal, Protocol, runtime_checkable

from agent.message import Message

FolderRole = Literal["watched", "sent", "drafts"]


@dataclass(frozen=True)
class FolderMap:
    """The folders resolved for an account, and how each was found (for `doctor`)."""

    watched: tuple[str, ...]  # always includes the Inbox first
    sent: str | None
    drafts: str | None
    inbox: str = "INBOX"
    how: dict[str, str] = field(default_factory=dict)  # e.g. {"drafts": "SPECIAL-USE \\Drafts"}


@dataclass(frozen=True)
class RemoteMessage:
    """One message as found in a folder."""

    folder: str
    remote_id: str  # stable within the folder (IMAP UID, Maildir unique name, Gmail id)
    message: Message  # parsed; `message.thread_id` carries a provider thread id if any
    flags: frozenset[str] = frozenset()
    arrived: datetime | None = None


@dataclass(frozen=True)
class Batch:
    """Messages new since a cursor, and the cursor to store once they are processed.

    The core processes `messages`, then stores `cursor` in the same transaction as the last
    message's effects, so a crash only means redoing the last batch.
    """

    folder: str
    messages: tuple[RemoteMessage, ...]
    cursor: str  # opaque to the core


@dataclass(frozen=True)
class DraftCopy:
    """A draft as it now stands in the Drafts folder."""

    remote_id: str
    message: Message  # parsed, to tell whether the user edited it


@runtime_checkable
class Mailbox(Protocol):
    """One account's mailbox."""

    name: str
    supports_push: ClassVar[bool]  # wait_for_changes returns as soon as mail arrives
    supports_thread_tags: ClassVar[bool]

    def connect(self) -> None:
        """Open the connection and log in. Raises AuthError, TransientError, ConfigError."""

    def close(self) -> None:
        """Release the connection. Never raises."""

    def folders(self) -> FolderMap:
        """Resolve the watched folders, Sent and Drafts."""

    def changes(self, folder: str, cursor: str | None) -> Iterator[Batch]:
        """Messages in `folder` that are new since `cursor` (None: everything within the
        look-back), in batches, oldest first. Raises CursorExpired when `cursor` is stale."""

    def fetch(self, folder: str, remote_id: str) -> RemoteMessage | None:
        """One message, or None if it is gone."""

    def create_draft(self, draft: EmailMessage) -> str:
        """Store `draft` (which carries its Message-ID and X-Followup-Process) in Drafts,
        flagged as a draft and seen. Returns its remote id. Not idempotent by itself: the
        core calls `find_draft` first."""

    def find_draft(self, message_id: str, process_id: str) -> DraftCopy | None:
        """The draft with this Message-ID, else one carrying `X-Followup-Process: process_id`
        (mail clients may rewrite a draft when the user edits it), else None."""

    def delete_draft(self, remote_id: str) -> bool:
        """Remove one draft and only it. False if it was already gone."""

    def deliver_to_inbox(self, message: EmailMessage) -> None:
        """Put a message addressed to the user into their own Inbox (never sends)."""

    def tag_thread_closed(self, message_ids: list[str], tag: str) -> bool:
        """Mark the messages of a closed process where the provider allows (IMAP keyword,
        Gmail label). False when the connector cannot."""

    def wait_for_changes(self, timeout: float) -> bool:
        """Block until something may have changed in a watched folder (IDLE, polling) or
        `timeout` seconds passed. True if there may be news."""
