"""Harnesses for the backends that need no server: the memory store and a Maildir tree."""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from connectors.base import Mailbox
from connectors.maildir import MaildirMailbox
from connectors.maildir.files import Entry, ensure_folder, read_headers, scan
from connectors.maildir.names import flags_of, split_info
from connectors.memory import SEEN, MemoryMailbox, MemoryStore, header_of, rewrite_message

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


class MaildirHarness:
    """A Maildir++ tree (INBOX at the root, .Sent, .Drafts) changed the way other programs
    change it: deliveries through tmp/ into new/, mbsync-style names for synced mail, a
    client's renames into cur/ with flags, a client rewriting a draft under a new name."""

    inbox = "INBOX"
    sent = "Sent"
    drafts = "Drafts"
    lookback_days = LOOKBACK_DAYS

    def __init__(self, root: Path, *, with_drafts: bool = True) -> None:
        self.root = root
        ensure_folder(root, subfolder=False)
        ensure_folder(root / ".Sent", subfolder=True)
        if with_drafts:
            ensure_folder(root / ".Drafts", subfolder=True)
        self.account = MaildirAccountStub(name="local", path=root)
        self._counter = itertools.count(1)

    def open(self, *, batch_size: int | None = None) -> Mailbox:
        kwargs = {"batch_size": batch_size} if batch_size else {}
        mailbox = MaildirMailbox(self.account, **kwargs)
        mailbox.connect()
        return mailbox

    def path(self, folder: str) -> Path:
        if folder == "INBOX":
            return self.root
        return self.root / ("." + folder.replace("/", "."))

    def write(self, folder: str, raw: bytes, *, letters: str | None = None) -> Path:
        """Deliver like an MTA (new/, no info) or a sync tool (cur/ with flags and a UID tag).

        Names are mbsync-style, `<time>.<pid>_<n>.<host>`, with an unpadded counter.
        """
        n = next(self._counter)
        base = f"{int(time.time())}.{os.getpid()}_{n}.testhost"
        tmp = self.path(folder) / "tmp" / base
        tmp.write_bytes(raw)
        if letters is None:
            dest = self.path(folder) / "new" / base
        else:
            dest = self.path(folder) / "cur" / f"{base},U={n}:2,{''.join(sorted(letters))}"
        os.rename(tmp, dest)
        return dest

    def inject(
        self, folder: str, raw: bytes, *, arrived: datetime | None = None, seen: bool = False
    ) -> None:
        dest = self.write(folder, raw, letters="S" if seen else None)
        if arrived is not None:
            os.utime(dest, (arrived.timestamp(), arrived.timestamp()))

    def entry(self, folder: str, message_id: str) -> Entry:
        for entry in scan(self.path(folder)).entries:
            if header_of(read_headers(entry.path), "Message-ID") == message_id:
                return entry
        raise KeyError(f"no message <{message_id}> in {folder}")

    def set_letters(self, folder: str, message_id: str, letters: str) -> Path:
        """Rename a message into cur/ with these flags, as a mail client does."""
        entry = self.entry(folder, message_id)
        base, _ = split_info(entry.name)
        dest = self.path(folder) / "cur" / f"{base}:2,{''.join(sorted(set(letters)))}"
        os.rename(entry.path, dest)
        return dest

    def mark_seen(self, folder: str, message_id: str) -> None:
        self.set_letters(folder, message_id, self.entry(folder, message_id).letters + "S")

    def remove(self, folder: str, message_id: str) -> None:
        os.unlink(self.entry(folder, message_id).path)

    def send_draft(self, message_id: str, *, new_message_id: str | None = None) -> None:
        entry = self.entry(self.drafts, message_id)
        raw = Path(entry.path).read_bytes()
        self.write(self.sent, rewrite_message(raw, message_id=new_message_id), letters="S")
        os.unlink(entry.path)

    def edit_draft(self, message_id: str, body: str, *, new_message_id: str | None = None) -> str:
        # mutt and others save an edited draft as a new file and remove the old one.
        entry = self.entry(self.drafts, message_id)
        raw = rewrite_message(Path(entry.path).read_bytes(), body=body, message_id=new_message_id)
        self.write(self.drafts, raw, letters="DS")
        os.unlink(entry.path)
        return new_message_id or message_id

    def delete_draft(self, message_id: str) -> None:
        self.remove(self.drafts, message_id)

    def message_ids(self, folder: str) -> list[str]:
        return [
            header_of(read_headers(e.path), "Message-ID") for e in scan(self.path(folder)).entries
        ]

    def flags(self, folder: str, message_id: str) -> frozenset[str]:
        return flags_of(self.entry(folder, message_id).letters)
