"""MaildirMailbox: the Mailbox protocol over a local Maildir tree (the embedded default).

Works on what mbsync, offlineimap, notmuch, mutt or a local Dovecot keep on disk: index files
(`.notmuch/`, `dovecot-uidlist`, `dovecot.index*`) are ignored, flags are read from and
written to the `:2,` info suffix, and remote ids are stable ids (see `names.stable_id`) so a
message keeps its id when a client reads, flags or uploads it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path
from typing import Any, ClassVar

from agent.clock import Clock, SystemClock
from agent.errors import ConfigError
from agent.message import Message
from agent.parse import parse_message
from connectors.base import Batch, DraftCopy, FolderMap, RemoteMessage
from connectors.maildir import cursor as cursors
from connectors.maildir.files import (
    Entry,
    Listing,
    ensure_folder,
    read_headers,
    scan,
    to_lf,
    write_message,
)
from connectors.maildir.folders import DRAFTS_NAMES, INBOX, SENT_NAMES, Folder, MaildirTree
from connectors.maildir.names import flags_of, stable_id

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
_DRAFTS_DEFAULT_NAME = "Drafts"
# A directory changed less than this long before we looked may change again within the same
# timestamp tick; wait_for_changes then also compares entry counts.
_SETTLE_NS = 1_000_000_000


@dataclass
class _Snapshot:
    """What a folder's new/ and cur/ looked like when it was last listed."""

    mtimes: tuple[int, int]
    count: int | None  # entries read by that listing (None: not listed, only stat'ed)
    taken_ns: int
    settled: bool


def _norm_id(value: object) -> str:
    return str(value or "").strip().strip("<>").strip()


class MaildirMailbox:
    """One `type = "maildir"` account."""

    supports_push: ClassVar[bool] = False
    supports_thread_tags: ClassVar[bool] = False

    def __init__(
        self,
        account: Any,
        *,
        clock: Clock | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        poll_interval: float = 0.5,
    ) -> None:
        self.name: str = account.name
        self._root = Path(account.path).expanduser()
        self._watched: list[str] = list(getattr(account, "folders", None) or [INBOX])
        self._drafts_override: str | None = getattr(account, "drafts_folder", None)
        self._sent_override: str | None = getattr(account, "sent_folder", None)
        self._lookback = timedelta(days=int(getattr(account, "lookback_days", 180)))
        self._key: str = getattr(account, "key", None) or f"accounts.{account.name}"
        self._clock: Clock = clock or SystemClock()
        self._batch_size = max(1, batch_size)
        self._poll = poll_interval
        self._tree: MaildirTree | None = None
        self._drafts_created: str | None = None
        self._snapshots: dict[Path, _Snapshot] = {}

    # -- connection ------------------------------------------------------------------------

    def connect(self) -> None:
        """Check that the path is a Maildir. There is nothing to open."""
        if not self._root.is_dir():
            raise ConfigError(f"{self._key}.path: {self._root} does not exist or is not a folder")
        tree = MaildirTree(self._root)
        if not tree.is_valid():
            raise ConfigError(
                f"{self._key}.path: {self._root} is not a Maildir "
                "(expected cur/ new/ tmp/ at its root, Maildir++ layout)"
            )
        self._tree = tree

    def close(self) -> None:
        self._tree = None

    def _t(self) -> MaildirTree:
        if self._tree is None:
            self.connect()
        assert self._tree is not None
        return self._tree

    # -- folders -----------------------------------------------------------------------------

    def folders(self) -> FolderMap:
        tree = self._t()
        how: dict[str, str] = {"inbox": f"{tree.layout} root {tree.describe(tree.inbox)}"}
        watched = [INBOX]
        for name in self._watched:
            folder = tree.find(name)
            if folder is None:
                raise ConfigError(
                    f"{self._key}.folders: no folder {name!r} in {self._root} "
                    f"(looked for {tree.describe(Folder(name, tree.new_folder_path(name)))})"
                )
            if folder.name not in watched:
                watched.append(folder.name)
        sent = self._sent_folder(how)
        drafts = self._drafts_folder(how)
        return FolderMap(
            watched=tuple(watched),
            sent=sent.name if sent else None,
            drafts=drafts.name,
            how=how,
        )

    def _override(self, name: str, key: str, how: dict[str, str], role: str) -> Folder:
        folder = self._t().find(name)
        if folder is None:
            raise ConfigError(f"{self._key}.{key}: no folder {name!r} in {self._root}")
        how[role] = f"config override {self._t().describe(folder)}"
        return folder

    def _sent_folder(self, how: dict[str, str]) -> Folder | None:
        tree = self._t()
        if self._sent_override:
            return self._override(self._sent_override, "sent_folder", how, "sent")
        found = tree.discover(SENT_NAMES)
        if found is not None:
            how["sent"] = f"name {tree.describe(found)}"
        else:
            how["sent"] = "not found (looked for .Sent, .Sent Messages, .Sent Items, ...)"
        return found

    def _drafts_folder(self, how: dict[str, str] | None = None) -> Folder:
        """The Drafts folder; when none exists, where it will be created (path not existing)."""
        tree = self._t()
        how = {} if how is None else how
        if self._drafts_override:
            return self._override(self._drafts_override, "drafts_folder", how, "drafts")
        found = tree.discover(DRAFTS_NAMES)
        if found is not None:
            created = self._drafts_created == found.name
            how["drafts"] = f"{'created' if created else 'name'} {tree.describe(found)}"
            return found
        planned = Folder(_DRAFTS_DEFAULT_NAME, tree.new_folder_path(_DRAFTS_DEFAULT_NAME))
        how["drafts"] = f"missing: {tree.describe(planned)} is created with the first draft"
        return planned

    def _resolve(self, name: str) -> Folder | None:
        """An existing folder by name; None for the not-yet-created Drafts; else ConfigError."""
        tree = self._t()
        folder = tree.find(name)
        if folder is not None:
            return folder
        drafts = self._drafts_folder()
        if name.strip("/").replace(".", "/") == drafts.name:
            return None
        raise ConfigError(f"{self._key}: no folder {name!r} in {self._root}")

    # -- reading ---------------------------------------------------------------------------

    def changes(self, folder: str, cursor: str | None) -> Iterator[Batch]:
        resolved = self._resolve(folder)
        name = resolved.name if resolved else self._drafts_folder().name
        previous = cursors.decode(name, cursor) if cursor is not None else None
        if resolved is None:  # Drafts not created yet: an empty folder
            if previous is None:
                yield Batch(name, (), cursors.encode(name, cursors.advance(None, [], {})))
            return
        yield from self._changes(resolved, previous)

    def _changes(self, folder: Folder, previous: cursors.Cursor | None) -> Iterator[Batch]:
        mtimes = self._dir_mtimes(folder.path)
        taken = time.time_ns()
        listing = scan(folder.path)
        self._remember(folder.path, mtimes, listing.count, taken)

        now = int(time.time())
        times: dict[str, int] = {}
        candidates: list[tuple[cursors.Key, Entry]] = []
        for entry in listing.entries:
            t = entry.named_time
            if t is None:
                try:
                    t = int(os.stat(entry.path).st_mtime)
                except OSError:
                    continue  # gone since we listed it
            # A time in the future (a skewed clock, a bogus name) must not hold back what
            # arrives after it.
            t = min(t, now)
            times[entry.sid] = t
            key = (t, entry.sid)
            if previous is None or previous.is_new(key):
                candidates.append((key, entry))
        candidates.sort(key=lambda c: cursors.sort_key(c[0]))

        cutoff = None
        if previous is None:
            cutoff = (self._clock.now() - self._lookback).timestamp()
        current = previous
        examined: list[cursors.Key] = []
        messages: list[RemoteMessage] = []
        yielded = False
        for key, entry in candidates:
            examined.append(key)
            message = self._load(folder, entry, cutoff)
            if message is not None:
                messages.append(message)
            if len(messages) >= self._batch_size:
                current = cursors.advance(current, examined, times)
                yield Batch(folder.name, tuple(messages), cursors.encode(folder.name, current))
                yielded = True
                examined, messages = [], []
        if examined or (previous is None and not yielded):
            current = cursors.advance(current, examined, times)
            yield Batch(folder.name, tuple(messages), cursors.encode(folder.name, current))

    def _load(self, folder: Folder, entry: Entry, cutoff: float | None) -> RemoteMessage | None:
        """Read and parse one file; None when it is gone, unreadable or before the look-back."""
        path, letters = entry.path, entry.letters
        for _attempt in range(2):
            try:
                if cutoff is not None and os.stat(path).st_mtime < cutoff:
                    return None
                with open(path, "rb") as fh:
                    mtime = os.fstat(fh.fileno()).st_mtime
                    raw = fh.read()
                break
            except FileNotFoundError:
                # A mail client moved or re-flagged it since we listed: find it by its id.
                moved = self._locate(folder, entry.sid)
                if moved is None:
                    return None
                path, letters = moved.path, moved.letters
            except OSError as exc:
                log.warning("maildir: skipping %s in %s: %s", entry.name, folder.name, exc.strerror)
                return None
        else:
            return None
        arrived = datetime.fromtimestamp(mtime, UTC)
        return RemoteMessage(
            folder=folder.name,
            remote_id=entry.sid,
            message=self._parse(raw, arrived, entry.name),
            flags=flags_of(letters),
            arrived=arrived,
        )

    @staticmethod
    def _parse(raw: bytes, arrived: datetime, name: str) -> Message:
        try:
            return parse_message(raw, arrived)
        except Exception:  # the parser promises not to raise; one bad file must not stop a sync
            log.warning("maildir: the parser failed on %s", name, exc_info=True)
            return Message(date=arrived, size=len(raw), warnings=("parser failed",))

    def _locate(self, folder: Folder, sid: str) -> Entry | None:
        for entry in scan(folder.path).entries:
            if entry.sid == sid:
                return entry
        return None

    def fetch(self, folder: str, remote_id: str) -> RemoteMessage | None:
        resolved = self._resolve(folder)
        if resolved is None:
            return None
        entry = self._locate(resolved, remote_id)
        if entry is None:
            return None
        return self._load(resolved, entry, None)

    # -- drafts ------------------------------------------------------------------------------

    def create_draft(self, draft: EmailMessage) -> str:
        folder = self._drafts_folder()
        if not folder.path.exists():
            ensure_folder(folder.path, subfolder=self._t().layout == "maildir++")
            self._drafts_created = folder.name
            log.info("maildir: created the Drafts folder %s", folder.path)
        # Seen and Draft, in cur/: what a mail client writes for a saved draft.
        data = to_lf(draft.as_bytes())
        name = write_message(folder.path, data, seen_by_client=True, letters="DS")
        return stable_id(name)

    def find_draft(self, message_id: str, process_id: str) -> DraftCopy | None:
        folder = self._drafts_folder()
        if not folder.path.exists():
            return None
        wanted = _norm_id(message_id)
        by_process: list[tuple[int, Entry]] = []
        parser = BytesParser(policy=compat32)
        for entry in scan(folder.path).entries:
            if "T" in entry.letters:  # trashed by the user, waiting to be expunged
                continue
            try:
                headers = parser.parsebytes(read_headers(entry.path), headersonly=True)
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("maildir: skipping draft %s: %s", entry.name, exc.strerror)
                continue
            if wanted and _norm_id(headers.get("Message-ID")) == wanted:
                return self._draft_copy(folder, entry)
            if process_id and str(headers.get("X-Followup-Process") or "").strip() == process_id:
                by_process.append((entry.named_time or 0, entry))
        # A client that rewrote the draft may leave an older copy around: prefer the newest.
        for _t, entry in sorted(by_process, key=lambda p: (p[0], p[1].sid), reverse=True):
            copy = self._draft_copy(folder, entry)
            if copy is not None:
                return copy
        return None

    def _draft_copy(self, folder: Folder, entry: Entry) -> DraftCopy | None:
        loaded = self._load(folder, entry, None)
        return DraftCopy(loaded.remote_id, loaded.message) if loaded else None

    def delete_draft(self, remote_id: str) -> bool:
        folder = self._drafts_folder()
        if not folder.path.exists():
            return False
        entry = self._locate(folder, remote_id)
        if entry is None:
            return False
        try:
            os.unlink(entry.path)
        except FileNotFoundError:
            return False
        return True

    # -- other writes ----------------------------------------------------------------------

    def deliver_to_inbox(self, message: EmailMessage) -> None:
        # new/ without flags: it shows as unread, like any delivered mail.
        write_message(self._t().inbox.path, to_lf(message.as_bytes()), seen_by_client=False)

    def tag_thread_closed(self, message_ids: list[str], tag: str) -> bool:
        return False  # Maildir has no portable keywords (Dovecot's live in dovecot-keywords)

    # -- waiting -----------------------------------------------------------------------------

    @staticmethod
    def _dir_mtimes(path: Path) -> tuple[int, int]:
        result = []
        for sub in ("new", "cur"):
            try:
                result.append(os.stat(path / sub).st_mtime_ns)
            except OSError:
                result.append(0)
        return result[0], result[1]

    def _remember(self, path: Path, mtimes: tuple[int, int], count: int | None, taken: int) -> None:
        settled = count is None or taken - max(mtimes) > _SETTLE_NS
        self._snapshots[path] = _Snapshot(mtimes, count, taken, settled)

    def _drafts_path(self) -> Path | None:
        name = self.folders().drafts
        folder = self._t().find(name) if name else None
        return folder.path if folder is not None else None

    def _watch_paths(self) -> list[Path]:
        fmap = self.folders()
        names = [*fmap.watched, *(n for n in (fmap.sent, fmap.drafts) if n)]
        paths = []
        for name in names:
            folder = self._t().find(name)
            if folder is not None and folder.path not in paths:
                paths.append(folder.path)
        return paths

    def wait_for_changes(self, timeout: float) -> bool:
        """Poll the new/ and cur/ directories of the watched folders, Sent and Drafts.

        Compared with how they looked when `changes` last listed them (or when this call
        started, for folders not listed yet). Directory timestamps can be too coarse to show a
        change made right after a listing, so recently changed folders also compare their
        entry counts.
        """
        deadline = time.monotonic() + max(0.0, timeout)
        paths = self._watch_paths()
        for path in paths:
            if path not in self._snapshots:
                self._remember(path, self._dir_mtimes(path), None, time.time_ns())
        drafts = self._drafts_path()
        first = True
        while True:
            for path in paths:
                snap = self._snapshots[path]
                changed = self._dir_mtimes(path) != snap.mtimes
                if not changed and not snap.settled:
                    old_enough = time.time_ns() - max(snap.mtimes) > _SETTLE_NS
                    if first or old_enough:
                        changed = scan_count(path) != snap.count
                        snap.settled = old_enough
                if changed:
                    if path == drafts:
                        # Nothing lists Drafts through `changes`, so take the new look
                        # here; else every later call would report the same change.
                        self._remember(path, self._dir_mtimes(path), scan_count(path),
                                       time.time_ns())
                    return True
            first = False
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self._poll, remaining))


def scan_count(path: Path) -> int:
    listing: Listing = scan(path)
    return listing.count
