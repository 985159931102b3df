"""MemoryMailbox: the Mailbox protocol held in RAM, for tests of the core and the demo.

A first-class backend: it passes the same contract tests as Maildir and IMAP. Its state lives
in a `MemoryStore`, which several `MemoryMailbox` instances can share (a "restart" is a new
instance on the same store), and which also plays the outside world: a server delivering
mail, a mail client reading, flagging, editing, sending or deleting drafts, a server
invalidating cursors, and failures injected before chosen operations.

Folders behave like IMAP folders: every message gets the next UID of its folder, cursors are
UIDs, and `expire_cursors` plays a UIDVALIDITY change.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import compat32
from types import SimpleNamespace
from typing import Any, ClassVar

from agent.clock import Clock, SystemClock
from agent.errors import ConfigError, CursorExpired
from agent.message import Message
from agent.parse import parse_message
from connectors.base import Batch, DraftCopy, FolderMap, RemoteMessage

SEEN = "\\Seen"
DRAFT = "\\Draft"
INBOX = "INBOX"
DEFAULT_BATCH_SIZE = 500


def header_of(raw: bytes, name: str) -> str:
    """One header's value from raw message bytes ('' when absent), ids without <>."""
    headers = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
    value = str(headers.get(name) or "").strip()
    return value.strip("<>").strip() if name.lower() == "message-id" else value


def rewrite_message(raw: bytes, *, body: str | None = None, message_id: str | None = None) -> bytes:
    """The message with a new plain-text body and/or Message-ID, as a mail client saving an
    edited draft would write it. Other headers (X-Followup-Process ...) are kept."""
    msg = BytesParser(policy=compat32).parsebytes(raw)
    if message_id is not None:
        del msg["Message-ID"]
        msg["Message-ID"] = f"<{message_id}>"
    if body is not None:
        for name in ("Content-Type", "Content-Transfer-Encoding", "MIME-Version"):
            del msg[name]
        msg["MIME-Version"] = "1.0"
        msg["Content-Type"] = 'text/plain; charset="utf-8"'
        msg["Content-Transfer-Encoding"] = "8bit"
        msg.set_payload(body.encode("utf-8"))
    return msg.as_bytes()


@dataclass
class StoredMessage:
    uid: int
    raw: bytes
    flags: set[str]
    arrived: datetime

    @property
    def message_id(self) -> str:
        return header_of(self.raw, "Message-ID")


@dataclass
class _Folder:
    epoch: int = 1  # bumped by expire_cursors, as UIDVALIDITY would change
    next_uid: int = 1
    version: int = 0  # bumped on every change, for wait_for_changes
    messages: dict[int, StoredMessage] = field(default_factory=dict)


@dataclass
class _Failure:
    error: Exception
    after_batches: int


class MemoryStore:
    """The mailbox contents, shared by MemoryMailbox instances, and the test-harness hooks.

    Harness methods name messages by Message-ID (without <>), as a test author thinks of them.
    """

    def __init__(
        self, folders: Iterable[str] = (INBOX, "Sent", "Drafts"), clock: Clock | None = None
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.folders: dict[str, _Folder] = {name: _Folder() for name in folders}
        if INBOX not in self.folders:
            self.folders[INBOX] = _Folder()
        self.changed = threading.Condition()
        self._failures: dict[str, list[_Failure]] = {}

    # -- the outside world -------------------------------------------------------------------

    def add_folder(self, name: str) -> None:
        with self.changed:
            self.folders.setdefault(name, _Folder())

    def inject(
        self,
        folder: str,
        raw: bytes,
        *,
        arrived: datetime | None = None,
        flags: Iterable[str] = (),
    ) -> str:
        """Deliver raw bytes into a folder as a server would; returns the remote id."""
        with self.changed:
            box = self._folder(folder)
            uid = box.next_uid
            box.next_uid += 1
            box.messages[uid] = StoredMessage(uid, raw, set(flags), arrived or self.clock.now())
            self._touch(box)
            return str(uid)

    def set_flags(self, folder: str, message_id: str, flags: Iterable[str]) -> None:
        """Replace a message's flags, as a mail client does when the user reads or flags it."""
        with self.changed:
            box = self._folder(folder)
            self._find(box, message_id).flags = set(flags)
            self._touch(box)

    def mark_seen(self, folder: str, message_id: str) -> None:
        with self.changed:
            stored = self._find(self._folder(folder), message_id)
            self.set_flags(folder, message_id, stored.flags | {SEEN})

    def remove(self, folder: str, message_id: str) -> None:
        """The user deletes a message (and the client expunges it)."""
        with self.changed:
            box = self._folder(folder)
            del box.messages[self._find(box, message_id).uid]
            self._touch(box)

    def send_draft(
        self,
        message_id: str,
        *,
        new_message_id: str | None = None,
        drafts: str = "Drafts",
        sent: str = "Sent",
    ) -> str:
        """The user sends a draft: it leaves Drafts and a copy lands in Sent (seen, not a
        draft). Returns the Message-ID of the sent copy."""
        with self.changed:
            box = self._folder(drafts)
            stored = self._find(box, message_id)
            del box.messages[stored.uid]
            self._touch(box)
            raw = rewrite_message(stored.raw, message_id=new_message_id)
            self.inject(sent, raw, flags={SEEN})
            return new_message_id or message_id

    def edit_draft(
        self,
        message_id: str,
        body: str,
        *,
        new_message_id: str | None = None,
        drafts: str = "Drafts",
    ) -> str:
        """The user edits a draft: the client stores a new copy (a new id, and a new
        Message-ID when given) and removes the old one. Returns the new copy's Message-ID."""
        with self.changed:
            box = self._folder(drafts)
            stored = self._find(box, message_id)
            del box.messages[stored.uid]
            raw = rewrite_message(stored.raw, body=body, message_id=new_message_id)
            self.inject(drafts, raw, flags={SEEN, DRAFT})
            return new_message_id or message_id

    def expire_cursors(self, folder: str) -> None:
        """Invalidate every cursor of a folder, as a UIDVALIDITY change does."""
        with self.changed:
            box = self._folder(folder)
            box.epoch += 1
            self._touch(box)

    def fail_next(self, operation: str, error: Exception, *, after_batches: int = 0) -> None:
        """Make the next call of a Mailbox method (`changes`, `create_draft` ...) raise `error`.
        For `changes`, `after_batches` batches are handed out first (a crash mid-sync)."""
        self._failures.setdefault(operation, []).append(_Failure(error, after_batches))

    # -- looking -----------------------------------------------------------------------------

    def message_ids(self, folder: str) -> list[str]:
        with self.changed:
            return [m.message_id for m in self._folder(folder).messages.values()]

    def flags(self, folder: str, message_id: str) -> frozenset[str]:
        with self.changed:
            return frozenset(self._find(self._folder(folder), message_id).flags)

    def raw(self, folder: str, message_id: str) -> bytes:
        with self.changed:
            return self._find(self._folder(folder), message_id).raw

    # -- internals ---------------------------------------------------------------------------

    def _folder(self, name: str) -> _Folder:
        box = self.folders.get(name)
        if box is None:
            raise KeyError(f"no folder {name!r} in the memory store")
        return box

    @staticmethod
    def _find(box: _Folder, message_id: str) -> StoredMessage:
        wanted = message_id.strip("<>")
        for stored in box.messages.values():
            if stored.message_id == wanted:
                return stored
        raise KeyError(f"no message <{wanted}>")

    def _touch(self, box: _Folder) -> None:
        box.version += 1
        self.changed.notify_all()

    def take_failure(self, operation: str) -> _Failure | None:
        queue = self._failures.get(operation)
        return queue.pop(0) if queue else None


class MemoryMailbox:
    """The Mailbox protocol over a MemoryStore."""

    supports_push: ClassVar[bool] = True
    supports_thread_tags: ClassVar[bool] = True

    def __init__(
        self,
        account: Any = None,
        *,
        store: MemoryStore | None = None,
        clock: Clock | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        account = account or SimpleNamespace(name="memory")
        self.name: str = account.name
        self.store = store or MemoryStore(clock=clock)
        self._clock: Clock = clock or self.store.clock
        self._watched: list[str] = list(getattr(account, "folders", None) or [INBOX])
        self._drafts_override: str | None = getattr(account, "drafts_folder", None)
        self._sent_override: str | None = getattr(account, "sent_folder", None)
        self._lookback = timedelta(days=int(getattr(account, "lookback_days", 180)))
        self._key: str = getattr(account, "key", None) or f"accounts.{self.name}"
        self._batch_size = max(1, batch_size)
        self._seen_versions: dict[str, int] = {}
        self._created_drafts = False
        self.connected = False

    def _check(self, operation: str) -> None:
        failure = self.store.take_failure(operation)
        if failure is not None:
            raise failure.error

    def connect(self) -> None:
        self._check("connect")
        self.connected = True

    def close(self) -> None:
        self.connected = False

    # -- folders -----------------------------------------------------------------------------

    def folders(self) -> FolderMap:
        watched = [INBOX]
        for name in self._watched:
            if name.upper() == INBOX:
                continue
            if name not in self.store.folders:
                raise ConfigError(f"{self._key}.folders: no folder {name!r}")
            if name not in watched:
                watched.append(name)
        how: dict[str, str] = {"inbox": "INBOX"}
        sent = self._role(self._sent_override, "Sent", "sent_folder", "sent", how)
        drafts = self._drafts_name(how)
        return FolderMap(watched=tuple(watched), sent=sent, drafts=drafts, how=how)

    def _role(
        self, override: str | None, default: str, key: str, role: str, how: dict[str, str]
    ) -> str | None:
        if override:
            if override not in self.store.folders:
                raise ConfigError(f"{self._key}.{key}: no folder {override!r}")
            how[role] = "config override"
            return override
        if default in self.store.folders:
            how[role] = f"name {default}"
            return default
        how[role] = "not found"
        return None

    def _drafts_name(self, how: dict[str, str] | None = None) -> str:
        how = {} if how is None else how
        name = self._role(self._drafts_override, "Drafts", "drafts_folder", "drafts", how)
        if name is None:
            how["drafts"] = "missing: created with the first draft"
            return "Drafts"
        if self._created_drafts and not self._drafts_override:
            how["drafts"] = "created"
        return name

    # -- reading ---------------------------------------------------------------------------

    def changes(self, folder: str, cursor: str | None) -> Iterator[Batch]:
        failure = self.store.take_failure("changes")
        if failure is not None and failure.after_batches == 0:
            raise failure.error
        if folder not in self.store.folders:
            if folder != self._drafts_name():
                raise ConfigError(f"{self._key}: no folder {folder!r}")
            # Drafts not created yet: an empty folder whose cursor stays valid once it is.
            self._decode(folder, cursor, 0)
            if cursor is None:
                yield Batch(folder, (), self._encode(folder, 0, 0))
            return
        with self.store.changed:
            box = self.store.folders[folder]
            self._seen_versions[folder] = box.version
            epoch = box.epoch
            after = self._decode(folder, cursor, epoch)
            pending = sorted(
                (m for m in box.messages.values() if m.uid > after), key=lambda m: m.uid
            )
        cutoff = self._clock.now() - self._lookback if cursor is None else None
        last = after
        chunk: list[RemoteMessage] = []
        handed_out = 0
        for stored in pending:
            last = stored.uid
            if cutoff is None or stored.arrived >= cutoff:
                chunk.append(self._remote(folder, stored))
            if len(chunk) >= self._batch_size:
                yield Batch(folder, tuple(chunk), self._encode(folder, epoch, last))
                handed_out += 1
                chunk = []
                if failure is not None and handed_out >= failure.after_batches:
                    raise failure.error
        if chunk or last != after or (cursor is None and handed_out == 0):
            yield Batch(folder, tuple(chunk), self._encode(folder, epoch, last))
        if failure is not None:
            raise failure.error

    @staticmethod
    def _encode(folder: str, epoch: int, uid: int) -> str:
        return json.dumps({"v": 1, "folder": folder, "epoch": epoch, "uid": uid})

    @staticmethod
    def _decode(folder: str, cursor: str | None, epoch: int) -> int:
        if cursor is None:
            return 0
        try:
            data = json.loads(cursor)
            if data["v"] != 1 or data["folder"] != folder:
                raise ValueError("not a cursor of this folder")
            uid = int(data["uid"])
        except (ValueError, TypeError, KeyError) as exc:
            raise CursorExpired(f"memory cursor for {folder!r} is unusable: {exc}") from exc
        # epoch 0 is the cursor of a Drafts folder that did not exist yet: still valid.
        if data["epoch"] not in (epoch, 0):
            raise CursorExpired(f"memory folder {folder!r} was reset (its epoch changed)")
        return uid

    def _remote(self, folder: str, stored: StoredMessage) -> RemoteMessage:
        try:
            message = parse_message(stored.raw, stored.arrived)
        except Exception:  # the parser promises not to raise; keep the sync going if it does
            message = Message(
                date=stored.arrived, size=len(stored.raw), warnings=("parser failed",)
            )
        return RemoteMessage(
            folder=folder,
            remote_id=str(stored.uid),
            message=message,
            flags=frozenset(stored.flags),
            arrived=stored.arrived,
        )

    def fetch(self, folder: str, remote_id: str) -> RemoteMessage | None:
        self._check("fetch")
        with self.store.changed:
            box = self.store.folders.get(folder)
            stored = box.messages.get(_uid(remote_id)) if box else None
            return self._remote(folder, stored) if stored else None

    # -- drafts ------------------------------------------------------------------------------

    def create_draft(self, draft: EmailMessage) -> str:
        self._check("create_draft")
        name = self._drafts_name()
        with self.store.changed:
            if name not in self.store.folders:
                self.store.add_folder(name)
                self._created_drafts = True
            return self.store.inject(name, draft.as_bytes(), flags={SEEN, DRAFT})

    def find_draft(self, message_id: str, process_id: str) -> DraftCopy | None:
        self._check("find_draft")
        name = self._drafts_name()
        with self.store.changed:
            box = self.store.folders.get(name)
            if box is None:
                return None
            drafts = [m for m in box.messages.values() if "\\Deleted" not in m.flags]
            wanted = message_id.strip().strip("<>")
            match = next((m for m in drafts if wanted and m.message_id == wanted), None)
            if match is None and process_id:
                by_process = [
                    m for m in drafts if header_of(m.raw, "X-Followup-Process") == process_id
                ]
                match = max(by_process, key=lambda m: m.uid, default=None)
            if match is None:
                return None
            return DraftCopy(str(match.uid), self._remote(name, match).message)

    def delete_draft(self, remote_id: str) -> bool:
        self._check("delete_draft")
        with self.store.changed:
            box = self.store.folders.get(self._drafts_name())
            if box is None or box.messages.pop(_uid(remote_id), None) is None:
                return False
            self.store._touch(box)
            return True

    # -- other writes ----------------------------------------------------------------------

    def deliver_to_inbox(self, message: EmailMessage) -> None:
        self._check("deliver_to_inbox")
        self.store.inject(INBOX, message.as_bytes())

    def tag_thread_closed(self, message_ids: list[str], tag: str) -> bool:
        self._check("tag_thread_closed")
        wanted = {m.strip("<>") for m in message_ids}
        with self.store.changed:
            for box in self.store.folders.values():
                for stored in box.messages.values():
                    if stored.message_id in wanted:
                        stored.flags.add(tag)
        return True

    def wait_for_changes(self, timeout: float) -> bool:
        """True as soon as a watched folder, Sent or Drafts changed since it was last listed."""
        fmap = self.folders()
        names = [n for n in (*fmap.watched, fmap.sent, fmap.drafts) if n]

        def changed() -> bool:
            for name in names:
                box = self.store.folders.get(name)
                if box is not None and box.version != self._seen_versions.get(name, -1):
                    return True
            return False

        with self.store.changed:
            for name in names:  # folders never listed count from now
                box = self.store.folders.get(name)
                if box is not None:
                    self._seen_versions.setdefault(name, box.version)
            return self.store.changed.wait_for(changed, timeout=max(0.0, timeout))


def _uid(remote_id: str) -> int:
    try:
        return int(remote_id)
    except ValueError:
        return -1
