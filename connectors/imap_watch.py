"""Waiting for new mail: IMAP IDLE on the Inbox, STATUS polling elsewhere or without IDLE.

The watcher has its own connection: a session in IDLE cannot FETCH, and the sync must not
wait for the watcher. It stays in IDLE between calls, so the daemon can wait in short slices
without missing a push. IDLE is re-issued every 9 minutes (servers drop idle sessions well
before the RFC's 29). After a drop (BYE, EOF, timeout, OSError) it reconnects with exponential
back-off and jitter and reports True: mail may have arrived while it was away. Cursors belong
to the core and are never touched here.

"Is there news" compares UIDNEXT with a baseline: the UIDNEXT the sync last saw (fed by
`note_synced`) or the one this watcher saw when it last returned True.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from imapclient import IMAPClient

from agent.errors import TransientError
from connectors.imap_connect import CONNECTION_ERRORS, ImapConnection
from connectors.imap_settings import ImapSettings

log = logging.getLogger(__name__)

IDLE_REISSUE = 540.0  # seconds in one IDLE command
IDLE_SLICE = 30.0  # longest single wait on the socket
WATCH_READ_TIMEOUT = 30.0  # an answer to DONE/NOOP that takes longer means a dead link
_CHANGES = {b"EXISTS", b"EXPUNGE", b"FETCH", b"VANISHED"}


class _Lost(Exception):
    """The server ended the session (BYE) or the socket reached EOF."""


class Watcher:
    """Blocks until a watched folder may have changed. One per ImapMailbox."""

    def __init__(
        self,
        settings: ImapSettings,
        folders: Callable[[], Sequence[str]],
        *,
        use_idle: bool,
        poll_seconds: float,
        backoff_base: float = 0.5,
        backoff_cap: float = 60.0,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.conn = ImapConnection(settings, read_timeout=WATCH_READ_TIMEOUT)
        self._folders = folders
        self._use_idle = use_idle
        self._poll = max(0.1, poll_seconds)
        self._backoff = (backoff_base, backoff_cap)
        self._rng = rng
        self._failures = 0
        self._lost = False
        self._idling = False
        self._idle_since = 0.0
        self._last_poll = 0.0
        self._baseline: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    # ---- baselines ----------------------------------------------------------------------
    def note_synced(self, folder: str, uidnext: int) -> None:
        """The sync has seen everything below `uidnext` in `folder`."""
        with self._lock:
            self._baseline[folder] = uidnext

    def _compare(self, folder: str, uidnext: int) -> bool:
        """Record `uidnext`; True if it grew since the baseline."""
        with self._lock:
            before = self._baseline.get(folder)
            self._baseline[folder] = uidnext
        return before is not None and uidnext > before

    # ---- public -------------------------------------------------------------------------
    def close(self) -> None:
        self._stop.set()
        if self._idling and self.conn.connected:
            try:
                self.conn.call(lambda c: c.idle_done(), retry=False)
            except Exception:  # closing anyway
                log.debug("ending IDLE failed", exc_info=True)
        self._idling = False
        self.conn.close()

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + max(0.0, timeout)
        self._stop.clear()
        while True:
            try:
                if not self.conn.connected:
                    if not self._connect(deadline):
                        return False
                    if self._lost:
                        self._lost = False
                        return True  # mail may have arrived while we were away
                client = self.conn.open()
                if self._use_idle and self.conn.has("IDLE"):
                    return self._wait_idle(client, deadline)
                return self._wait_poll(client, deadline)
            except (*CONNECTION_ERRORS, _Lost, TransientError) as exc:
                log.info("%s: watch connection lost (%s)", self.conn.settings.key, exc)
                self.conn.drop()
                self._idling = False
                self._lost = True
                if time.monotonic() >= deadline:
                    return False

    # ---- connecting ---------------------------------------------------------------------
    def _connect(self, deadline: float) -> bool:
        """Open the session, retrying transient failures with back-off until the deadline.
        AuthError and ConfigError go to the caller: retrying cannot fix them."""
        while True:
            try:
                self.conn.open()
                self._failures = 0
                return True
            except TransientError as exc:
                base, cap = self._backoff
                ceiling = min(cap, base * (2 ** min(self._failures, 20)))
                self._failures += 1
                delay = ceiling * (0.5 + self._rng() / 2)
                remaining = deadline - time.monotonic()
                log.info(
                    "%s: reconnect failed (%s), next try in %.1fs",
                    self.conn.settings.key,
                    exc,
                    delay,
                )
                if remaining <= 0 or self._stop.wait(min(delay, remaining)):
                    return False
                if time.monotonic() >= deadline:
                    return False

    # ---- IDLE ---------------------------------------------------------------------------
    def _wait_idle(self, client: IMAPClient, deadline: float) -> bool:
        folders = list(self._folders())
        inbox, others = folders[0], folders[1:]
        if not self._idling:
            info = self.conn.reselect(client, inbox, readonly=True)
            news = self._compare(inbox, int(info.get(b"UIDNEXT", 0) or 0))
            news = self._poll_others(client, others) or news
            if news:
                return True
            self._start_idle(client)
        while True:
            now = time.monotonic()
            remaining = deadline - now
            if remaining <= 0:
                return False  # stay in IDLE: a push arriving now is read on the next call
            if now - self._idle_since >= IDLE_REISSUE or (
                others and now - self._last_poll >= self._poll
            ):
                responses = self._end_idle(client)
                if self._changed(responses) or self._poll_others(client, others):
                    return self._report(client, inbox)
                self._start_idle(client)
                continue
            wait = min(remaining, IDLE_SLICE, max(0.05, IDLE_REISSUE - (now - self._idle_since)))
            if others:  # wake up for the next STATUS round of the other folders
                wait = min(wait, max(0.05, self._poll - (now - self._last_poll)))
            started = time.monotonic()
            responses = client.idle_check(timeout=wait)
            if self._changed(responses):
                self._end_idle(client)
                return self._report(client, inbox)
            if not responses and time.monotonic() - started < wait / 2:
                # Woken with nothing to read: imapclient swallows EOF this way. Ending and
                # restarting IDLE proves the session is alive or raises.
                self._end_idle(client)
                self._start_idle(client)

    def _start_idle(self, client: IMAPClient) -> None:
        client.idle()
        self._idling = True
        self._idle_since = time.monotonic()

    def _end_idle(self, client: IMAPClient) -> list[Any]:
        self._idling = False
        _text, responses = client.idle_done()
        return list(responses or [])

    def _changed(self, responses: list[Any]) -> bool:
        news = False
        for r in responses:
            if not isinstance(r, tuple) or len(r) < 2:
                continue
            if r[0] == b"BYE":
                raise _Lost(r[1].decode("utf-8", "replace") if isinstance(r[1], bytes) else r[1])
            if r[1] in _CHANGES:
                news = True
        return news

    def _report(self, client: IMAPClient, inbox: str) -> bool:
        """News: move the baseline to what is there now, so the next call starts fresh."""
        info = self.conn.reselect(client, inbox, readonly=True)
        self._compare(inbox, int(info.get(b"UIDNEXT", 0) or 0))
        return True

    # ---- polling ------------------------------------------------------------------------
    def _poll_others(self, client: IMAPClient, folders: Sequence[str]) -> bool:
        self._last_poll = time.monotonic()
        news = False
        for folder in folders:
            status = client.folder_status(folder, [b"UIDNEXT"])
            news = self._compare(folder, int(status.get(b"UIDNEXT", 0) or 0)) or news
        return news

    def _wait_poll(self, client: IMAPClient, deadline: float) -> bool:
        folders = list(self._folders())
        while True:
            client.noop()  # keeps the session alive and notices a dead one
            if self._poll_others(client, folders):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if self._stop.wait(min(self._poll, remaining)):
                return False
