"""The other programs that act on a Maildir tree, played on purpose: a delivery agent, a sync
tool, and a mail client reading, editing, sending or deleting drafts.

For tests (the Mailbox contract's Maildir harness) and for building demo mailboxes. It writes
the way those programs do, not through MaildirMailbox: mbsync-style names with unpadded
counters and `,U=` tags, renames into cur/ for flags, a new file for an edited draft.
Messages are named by Message-ID.
"""

from __future__ import annotations

import itertools
import os
import time
from datetime import datetime
from pathlib import Path

from connectors.maildir.files import Entry, ensure_folder, read_headers, scan
from connectors.maildir.names import flags_of, split_info
from connectors.memory import header_of, rewrite_message


class MaildirSimulator:
    """A Maildir++ tree (INBOX at the root, `.Sent`, `.Drafts`) and the hands that change it."""

    inbox = "INBOX"
    sent = "Sent"
    drafts = "Drafts"

    def __init__(self, root: Path, *, with_drafts: bool = True, host: str = "laptop") -> None:
        self.root = root
        self._host = host
        self._counter = itertools.count(1)
        ensure_folder(root, subfolder=False)
        ensure_folder(root / ".Sent", subfolder=True)
        if with_drafts:
            ensure_folder(root / ".Drafts", subfolder=True)

    def path(self, folder: str) -> Path:
        if folder == self.inbox:
            return self.root
        return self.root / ("." + folder.replace("/", "."))

    def write(self, folder: str, raw: bytes, *, letters: str | None = None) -> Path:
        """Deliver like an MTA (into new/, no info) or, with `letters`, like a sync tool
        (into cur/ with flags and a UID tag). Through tmp/, as both do."""
        n = next(self._counter)
        base = f"{int(time.time())}.{os.getpid()}_{n}.{self._host}"
        folder_path = self.path(folder)
        ensure_folder(folder_path, subfolder=folder != self.inbox)
        tmp = folder_path / "tmp" / base
        tmp.write_bytes(raw.replace(b"\r\n", b"\n"))
        if letters is None:
            dest = folder_path / "new" / base
        else:
            dest = folder_path / "cur" / f"{base},U={n}:2,{''.join(sorted(set(letters)))}"
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
            if header_of(read_headers(entry.path), "Message-ID") == message_id.strip("<>"):
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
        """The user sends a draft: a seen copy goes to Sent and the draft is removed."""
        entry = self.entry(self.drafts, message_id)
        raw = Path(entry.path).read_bytes()
        self.write(self.sent, rewrite_message(raw, message_id=new_message_id), letters="S")
        os.unlink(entry.path)

    def edit_draft(self, message_id: str, body: str, *, new_message_id: str | None = None) -> str:
        """The user edits a draft: clients save it as a new file and remove the old one."""
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
