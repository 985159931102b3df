"""One watcher thread per account: wait for news, have the engine thread sync, repeat.

A watcher never touches the engine: it asks the worker for the mailbox to wait on and for
the sync. Failures (bad password, server down, IDLE dropped) are logged in one line and
retried after an exponential back-off with jitter, capped at a few minutes; one account's
trouble never reaches the others' threads.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from agent.daemon_worker import WorkerStopped
from connectors.base import Mailbox

log = logging.getLogger("followup.daemon")


@dataclass
class Backoff:
    """Exponential back-off with jitter: base, 2x base, 4x base ... up to cap."""

    base: float = 5.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * (2 ** min(self.failures, 30)))
        self.failures += 1
        # Jitter in [ceiling/2, ceiling] spreads reconnects without ever waiting near zero.
        return ceiling * (0.5 + self.rng.random() / 2)

    def reset(self) -> None:
        self.failures = 0


@dataclass
class WatchSource:
    """How a watcher gets the Mailbox it waits on.

    `open` returns it, connected. `dedicated`: the watcher owns it (its own connection, kept
    across syncs). Otherwise it is the engine's own mailbox: each wait slice holds `gate`
    (the shared side), and the watcher asks for it again after every sync, since the engine
    may have replaced it. `discard` is called when a wait failed: close the connection
    (dedicated) or have the engine drop it so its next use reconnects (shared).
    """

    open: Callable[[], Mailbox]
    dedicated: bool
    discard: Callable[[Mailbox], None]
    gate: Callable[[], AbstractContextManager[Any]] = nullcontext


class AccountWatcher:
    """Waits for changes on one account and submits a sync when there may be news."""

    def __init__(
        self,
        name: str,
        source: WatchSource,
        sync: Callable[[], Future[Any]],
        stop: threading.Event,
        *,
        wait_slice: float = 5.0,
        resync_after: float = 900.0,
        min_interval: float = 5.0,
        backoff: Backoff | None = None,
    ) -> None:
        self.name = name
        self._source = source
        self._sync = sync
        self._stop = stop
        # Short slices so a stop request is seen within seconds even while IDLE waits.
        self._slice = max(0.01, min(wait_slice, 5.0))
        self._resync_after = resync_after
        # A mailbox that keeps saying "news" (a folder it never sees listed) must not turn
        # into a busy loop of syncs: at most one sync per min_interval.
        self._min_interval = min_interval
        self._backoff = backoff or Backoff()
        self._mailbox: Mailbox | None = None
        self._thread = threading.Thread(target=self._run, name=f"watch-{name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float | None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        last_sync = time.monotonic()  # the daemon's full cycle has just synced every account
        last_attempt: float | None = None  # the first news is synced at once
        try:
            while not self._stop.is_set():
                news = self._wait_once()
                if news is None or self._stop.is_set():
                    continue
                if not news and time.monotonic() - last_sync < self._resync_after:
                    continue
                if last_attempt is not None:
                    gap = self._min_interval - (time.monotonic() - last_attempt)
                    if gap > 0 and self._stop.wait(gap):
                        continue
                last_attempt = time.monotonic()
                if self._sync_now():
                    last_sync = time.monotonic()
        finally:
            self._release()

    def _wait_once(self) -> bool | None:
        """One wait slice: True/False from the mailbox, None after a failure (backed off)."""
        try:
            if self._mailbox is None:
                self._mailbox = self._source.open()
            with self._source.gate():
                if self._stop.is_set():
                    return None
                return bool(self._mailbox.wait_for_changes(self._slice))
        except Exception as exc:  # any connector failure: log, back off, reconnect
            mailbox, self._mailbox = self._mailbox, None
            if mailbox is not None:
                self._quietly(self._source.discard, mailbox)
            self._fail("watching", exc)
            return None

    def _sync_now(self) -> bool:
        try:
            self._sync().result()
        except (CancelledError, WorkerStopped):
            return False  # the daemon is stopping
        except Exception as exc:
            self._fail("sync", exc)
            return False
        finally:
            if not self._source.dedicated:
                self._mailbox = None  # the engine may have reconnected: ask for it again
        if self._backoff.failures:
            log.info("account %s: working again", self.name)
        self._backoff.reset()
        return True

    def _fail(self, what: str, exc: BaseException) -> None:
        if self._stop.is_set() or isinstance(exc, WorkerStopped | CancelledError):
            return  # stopping: the failure is the stop itself, not news for the log
        delay = self._backoff.next_delay()
        log.warning(
            "account %s: %s failed (%s: %s); retrying in %s s",
            self.name,
            what,
            type(exc).__name__,
            _one_line(str(exc)),
            f"{delay:.0f}" if delay >= 10 else f"{delay:.1f}",
        )
        self._stop.wait(delay)

    def _release(self) -> None:
        """On exit: close a connection of our own; the engine closes its own mailboxes."""
        mailbox, self._mailbox = self._mailbox, None
        if mailbox is not None and self._source.dedicated:
            self._quietly(self._source.discard, mailbox)

    def _quietly(self, action: Callable[[Mailbox], None], mailbox: Mailbox) -> None:
        try:
            action(mailbox)
        except Exception as exc:  # closing must never kill the watcher
            log.debug("account %s: releasing the mailbox failed: %s", self.name, exc)


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
