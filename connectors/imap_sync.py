"""Incremental, header-first sync of one IMAP folder.

1. SELECT (read-only) and compare UIDVALIDITY with the cursor (a change: CursorExpired).
2. UID SEARCH for what is new: `UID n:*` after a cursor, `SINCE <look-back>` on a first run.
3. FETCH sizes, dates, flags and a few header fields for large batches of UIDs (integer lists,
   never `1:*` strings), build header-only messages, ask the relevance predicate.
4. FETCH bodies (capped) only for the relevant ones, in groups bounded by size, parse them.
5. Yield a `Batch` per group in UID order, with a cursor after each: an interruption only
   redoes the last batch.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from agent.errors import CursorExpired
from agent.message import Message
from agent.parse import parse_message
from connectors.base import Batch, RemoteMessage
from connectors.imap_connect import ImapConnection
from connectors.imap_cursor import ImapCursor
from connectors.imap_fetch import fetch_rows
from connectors.imap_headers import HEADER_ITEM, message_from_headers
from connectors.imap_relevance import Relevance

log = logging.getLogger(__name__)

BODY_CAP = 256 * 1024  # bytes of a message we download at most
HEADER_BATCH = 2000  # UIDs per header FETCH
BODY_GROUP_BYTES = 8 * 1024 * 1024  # body bytes per FETCH and per yielded Batch
GMAIL = "X-GM-EXT-1"
BODY_MISSING_WARNING = "headers only: the server could not deliver the body"


@dataclass
class SyncOptions:
    relevant: Relevance
    lookback_days: int
    now: Callable[[], datetime]
    header_batch: int = HEADER_BATCH
    body_cap: int = BODY_CAP
    body_group_bytes: int = BODY_GROUP_BYTES
    progress: bool | None = None  # None: a bar only when stderr is a terminal
    # Gmail: X-GM-MSGIDs already yielded by this mailbox (a message in two labels counts once).
    seen_gmail_ids: set[int] = field(default_factory=set)


@dataclass
class _Entry:
    uid: int
    message: Message  # header-only until its body is fetched
    flags: frozenset[str]
    arrived: datetime | None
    size: int
    relevant: bool
    gmail_id: int | None = None


def _flags(row: dict[bytes, Any]) -> frozenset[str]:
    return frozenset(
        f.decode("utf-8", "replace") if isinstance(f, bytes) else str(f)
        for f in row.get(b"FLAGS", ())
    )


def _arrived(row: dict[bytes, Any]) -> datetime | None:
    value = row.get(b"INTERNALDATE")
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _item(row: dict[bytes, Any], prefix: bytes) -> bytes:
    """A FETCH item by the start of its name (servers echo `BODY[...]<0>` in varying case)."""
    for key, value in row.items():
        if isinstance(key, bytes) and key.upper().startswith(prefix):
            return value if isinstance(value, bytes) else b""
    return b""


def _thread_id(row: dict[bytes, Any]) -> str | None:
    thrid = row.get(b"X-GM-THRID")
    # Hex, as the Gmail API and web client spell thread ids.
    return format(int(thrid), "x") if thrid is not None else None


def full_message(
    raw: bytes, *, arrived: datetime | None, size: int, cap: int, thread_id: str | None
) -> Message:
    """Parse a (possibly capped) download and add what only IMAP knows."""
    try:
        m = parse_message(raw, arrived)
    except Exception as exc:  # the parser promises not to raise; a bad mail must not stop sync
        log.warning("message could not be parsed (%s): keeping its headers", type(exc).__name__)
        m = message_from_headers(raw.split(b"\r\n\r\n", 1)[0], arrived=arrived, size=size)
    warnings = m.warnings
    if size > cap:
        warnings = (*warnings, f"truncated: only the first {cap} of {size} bytes were fetched")
    return replace(m, size=max(size, m.size), thread_id=thread_id or m.thread_id, warnings=warnings)


class FolderSync:
    """One `changes()` call: a generator of batches for one folder."""

    def __init__(
        self,
        conn: ImapConnection,
        folder: str,
        cursor: str | None,
        options: SyncOptions,
    ) -> None:
        self.conn = conn
        self.folder = folder
        self.start = ImapCursor.decode(cursor, folder) if cursor else None
        self.opt = options
        self.uidvalidity = 0
        self.uidnext = 0  # at SELECT: everything below it is covered once the batches end
        self.gmail = conn.has(GMAIL)

    # ---- server round trips, each safe to repeat after a reconnect ---------------------
    def _in_folder(self, op: Callable[[IMAPClient], Any], what: str) -> Any:
        def run(client: IMAPClient) -> Any:
            info = self.conn.select(client, self.folder, readonly=True)
            if self.uidvalidity and info.get(b"UIDVALIDITY") != self.uidvalidity:
                raise CursorExpired(
                    f"{self.folder}: UIDVALIDITY changed during the sync: listing it again"
                )
            return op(client)

        return self.conn.call(run, what=what)

    def _open(self) -> dict[bytes, Any]:
        return self.conn.call(
            lambda c: self.conn.reselect(c, self.folder, readonly=True),
            what=f"opening {self.folder}",
        )

    def _search(self, criteria: list[Any]) -> list[int]:
        return [int(u) for u in self._in_folder(lambda c: c.search(criteria), "search")]

    def _fetch(self, uids: Sequence[int], items: list[str]) -> dict[int, dict[bytes, Any]]:
        """FETCH; when the server refuses (NO/BAD: a size limit, one broken message), halve
        the batch and retry, down to single messages. A message the server cannot deliver
        is left out with a warning, so it cannot block the folder forever."""
        try:
            return self._in_folder(lambda c: fetch_rows(c, uids, items), "fetch")
        except IMAPClientError as exc:  # connection drops arrive as TransientError instead
            if len(uids) == 1:
                log.warning(
                    "%s: the server cannot deliver UID %s (%s): skipped",
                    self.folder,
                    uids[0],
                    str(exc)[:200],
                )
                return {}
            half = len(uids) // 2
            rows = self._fetch(uids[:half], items)
            rows.update(self._fetch(uids[half:], items))
            return rows

    # ---- the sync -----------------------------------------------------------------------
    def batches(self) -> Iterator[Batch]:
        info = self._open()
        self.uidvalidity = int(info.get(b"UIDVALIDITY", 0))
        uidnext = self.uidnext = int(info.get(b"UIDNEXT", 0) or 0)
        hms = info.get(b"HIGHESTMODSEQ")
        modseq = int(hms) if hms is not None else None
        start = self.start
        if start is not None:
            if start.uidvalidity != self.uidvalidity:
                raise CursorExpired(
                    f"{self.folder}: UIDVALIDITY changed ({start.uidvalidity} -> "
                    f"{self.uidvalidity}): listing the folder again"
                )
            if uidnext and uidnext <= start.last_uid + 1:
                return  # nothing new: no SEARCH needed
            uids = self._search(["UID", f"{start.last_uid + 1}:*", "NOT", "DELETED"])
            # `n:*` always matches the last message, even below n: filter here.
            uids = sorted(u for u in uids if u > start.last_uid)
            if not uids:
                return
        else:
            since = (self.opt.now() - timedelta(days=self.opt.lookback_days)).date()
            uids = sorted(self._search(["SINCE", since, "NOT", "DELETED"]))
        floor = max(uidnext - 1, 0)  # everything below UIDNEXT at SELECT was searched

        def cursor(last: int, final: bool) -> str:
            last_uid = max(last, floor) if final else last
            if start is not None:
                last_uid = max(last_uid, start.last_uid)
            return ImapCursor(self.uidvalidity, last_uid, modseq).encode()

        if not uids:
            yield Batch(self.folder, (), cursor(0, final=True))
            return

        with _Progress(self.opt.progress, len(uids), self.folder) as bar:
            chunks = [
                uids[i : i + self.opt.header_batch]
                for i in range(0, len(uids), self.opt.header_batch)
            ]
            for n, chunk in enumerate(chunks):
                entries = self._headers(chunk)
                # No entries (all vanished, or Gmail duplicates): still move the cursor on.
                groups = list(self._groups(entries)) or [[]]
                for g, group in enumerate(groups):
                    last_group = g == len(groups) - 1
                    messages = self._complete(group) if group else []
                    end = chunk[-1] if last_group else group[-1].uid
                    final = last_group and n == len(chunks) - 1
                    yield Batch(self.folder, tuple(messages), cursor(end, final))
                    # Remembered only once the core has taken the batch: a batch lost to an
                    # error must not make its messages look like duplicates next time.
                    self.opt.seen_gmail_ids.update(e.gmail_id for e in group if e.gmail_id)
                    bar.advance(len(group))
                bar.advance(len(chunk) - len(entries))

    def _items(self) -> list[str]:
        items = ["RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM]
        if self.gmail:
            items += ["X-GM-THRID", "X-GM-MSGID"]
        return items

    def _headers(self, chunk: Sequence[int]) -> list[_Entry]:
        rows = self._fetch(chunk, self._items())
        entries: list[_Entry] = []
        for uid in chunk:
            row = rows.get(uid)
            if not row:
                continue  # expunged since the search
            gid = row.get(b"X-GM-MSGID") if self.gmail else None
            if gid is not None and int(gid) in self.opt.seen_gmail_ids:
                continue  # the same message under another label, already handed out
            arrived = _arrived(row)
            size = int(row.get(b"RFC822.SIZE", 0) or 0)
            m = message_from_headers(_item(row, b"BODY[HEADER"), arrived=arrived, size=size)
            thread = _thread_id(row)
            if thread:
                m = replace(m, thread_id=thread)
            try:
                relevant = bool(self.opt.relevant(m))
            except Exception:  # a faulty predicate must not lose mail: fetch the body
                log.exception("relevance predicate failed; fetching the body")
                relevant = True
            entries.append(
                _Entry(uid, m, _flags(row), arrived, size, relevant, int(gid) if gid else None)
            )
        return entries

    def _groups(self, entries: list[_Entry]) -> Iterator[list[_Entry]]:
        """Consecutive runs of entries whose bodies to fetch stay within the byte budget."""
        group: list[_Entry] = []
        budget = 0
        for e in entries:
            cost = min(e.size, self.opt.body_cap) if e.relevant else 0
            if group and budget + cost > self.opt.body_group_bytes:
                yield group
                group, budget = [], 0
            group.append(e)
            budget += cost
        if group:
            yield group

    def _complete(self, group: list[_Entry]) -> list[RemoteMessage]:
        wanted = [e.uid for e in group if e.relevant]
        bodies: dict[int, bytes] = {}
        if wanted:
            rows = self._fetch(wanted, [f"BODY.PEEK[]<0.{self.opt.body_cap}>"])
            bodies = {uid: _item(row, b"BODY[]") for uid, row in rows.items()}
        out: list[RemoteMessage] = []
        for e in group:
            m = e.message
            raw = bodies.get(e.uid)
            if raw:
                m = full_message(
                    raw,
                    arrived=e.arrived,
                    size=e.size,
                    cap=self.opt.body_cap,
                    thread_id=m.thread_id,
                )
            elif e.relevant:
                m = replace(m, warnings=(BODY_MISSING_WARNING,))
            out.append(RemoteMessage(self.folder, str(e.uid), m, e.flags, e.arrived))
        return out


class _Progress:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, enabled: bool | None, total: int, folder: str) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty() and total > HEADER_BATCH
        self._bar: Any = None
        self._task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self._bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(f"sync {folder}", total=total)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)


def fetch_one(
    conn: ImapConnection, folder: str, uid: int, *, cap: int = BODY_CAP
) -> RemoteMessage | None:
    """One message by UID (capped body), or None if it is gone."""
    items = ["RFC822.SIZE", "INTERNALDATE", "FLAGS", f"BODY.PEEK[]<0.{cap}>"]
    if conn.has(GMAIL):
        items.append("X-GM-THRID")

    def run(client: IMAPClient) -> dict[int, dict[bytes, Any]]:
        conn.reselect(client, folder, readonly=True)  # fresh view: it may have just arrived
        return client.fetch([uid], items)

    row = conn.call(run, what="fetch").get(uid)
    if not row:
        return None
    arrived = _arrived(row)
    size = int(row.get(b"RFC822.SIZE", 0) or 0)
    m = full_message(
        _item(row, b"BODY[]"), arrived=arrived, size=size, cap=cap, thread_id=_thread_id(row)
    )
    return RemoteMessage(folder, str(uid), m, _flags(row), arrived)
