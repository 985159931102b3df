"""Harnesses for the backends that need no server: the memory store and a Maildir tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from connectors.base import Mailbox
from connectors.maildir import MaildirMailbox
from connectors.maildir.simulate import MaildirSimulator
from connectors.memory import SEEN, MemoryMailbox, MemoryStore

LOOKBACK_DAYS = 30


@dataclass
class MaildirAccountStub:
    """The attributes of a `type = "maildir"` account that the connector reads."""

    name: str
    path: Path
    type: str = "maildir"
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = LOOKBACK_DAYS


@dataclass
class MemoryAccountStub:
    name: str = "memory"
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = LOOKBACK_DAYS


class MemoryHarness:
    inbox = "INBOX"
    sent = "Sent"
    drafts = "Drafts"
    lookback_days = LOOKBACK_DAYS

    def __init__(self) -> None:
        self.store = MemoryStore()
        self.account = MemoryAccountStub()

    def open(self, *, batch_size: int | None = None) -> Mailbox:
        kwargs = {"batch_size": batch_size} if batch_size else {}
        mailbox = MemoryMailbox(self.account, store=self.store, **kwargs)
        mailbox.connect()
        return mailbox

    def inject(
        self, folder: str, raw: bytes, *, arrived: datetime | None = None, seen: bool = False
    ) -> None:
        self.store.inject(folder, raw, arrived=arrived, flags={SEEN} if seen else ())

    def mark_seen(self, folder: str, message_id: str) -> None:
        self.store.mark_seen(folder, message_id)

    def remove(self, folder: str, message_id: str) -> None:
        self.store.remove(folder, message_id)

    def send_draft(self, message_id: str, *, new_message_id: str | None = None) -> None:
        self.store.send_draft(message_id, new_message_id=new_message_id)

    def edit_draft(self, message_id: str, body: str, *, new_message_id: str | None = None) -> str:
        return self.store.edit_draft(message_id, body, new_message_id=new_message_id)

    def delete_draft(self, message_id: str) -> None:
        self.store.remove(self.drafts, message_id)

    def message_ids(self, folder: str) -> list[str]:
        return self.store.message_ids(folder)

    def flags(self, folder: str, message_id: str) -> frozenset[str]:
        return self.store.flags(folder, message_id)


class MaildirHarness(MaildirSimulator):
    """A Maildir++ tree changed the way other programs change it (see MaildirSimulator)."""

    lookback_days = LOOKBACK_DAYS

    def __init__(self, root: Path, *, with_drafts: bool = True) -> None:
        super().__init__(root, with_drafts=with_drafts)
        self.account = MaildirAccountStub(name="local", path=root)

    def open(self, *, batch_size: int | None = None) -> Mailbox:
        kwargs = {"batch_size": batch_size} if batch_size else {}
        mailbox = MaildirMailbox(self.account, **kwargs)
        mailbox.connect()
        return mailbox
