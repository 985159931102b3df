"""A fake Engine for the daemon tests, and a script that runs the real daemon around it.

`python tests/daemon_entry.py CONFIG CALLS` runs `agent.daemon` in the foreground (real signal
handlers, real sd_notify, real config loading) with a FakeEngine that appends each call to the
JSON-lines file CALLS, so a test in another process can see what the daemon asked for.
"""

from __future__ import annotations

import faulthandler
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.errors import TransientError


class FakeMailbox:
    """Waits on an Event instead of a server; `poke()` plays "new mail arrived"."""

    supports_push = True
    supports_thread_tags = False

    def __init__(self, name: str, engine: FakeEngine, *, failing: bool = False) -> None:
        self.name = name
        self._engine = engine
        self._news = threading.Event()
        self.failing = failing
        self.always_news = False  # a connector that keeps reporting the same change
        self.connected = False
        self.closed = False

    def poke(self) -> None:
        self._news.set()

    def connect(self) -> None:
        self.connected = True

    def close(self) -> None:
        self.closed = True

    def wait_for_changes(self, timeout: float) -> bool:
        self._engine.record("wait", self.name)
        if self.failing:
            raise TransientError(f"server for {self.name} is down")
        if self.always_news:
            return True
        self._engine.begin_wait(self)
        try:
            news = self._news.wait(timeout)
        finally:
            self._engine.end_wait(self)
        self._news.clear()
        return news


class FakeEngine:
    """Implements the Engine interface; records calls and catches overlapping ones."""

    def __init__(
        self,
        cfg: Any,
        clock: Any,
        *,
        failing: frozenset[str] = frozenset(),
        always_news: frozenset[str] = frozenset(),
        counters: dict[str, Any] | None = None,
        on_call: Callable[[str, str], None] | None = None,
        calls_file: Path | None = None,
    ) -> None:
        self.cfg = cfg
        self.clock = clock
        self.calls: list[tuple[str, str]] = []
        self.violations: list[str] = []
        self.counters = counters if counters is not None else {"open_processes": 0}
        self._cond = threading.Condition()
        self._busy = 0
        self._waiting = 0
        self._on_call = on_call
        self._calls_file = calls_file
        self.mailboxes = {
            account.name: FakeMailbox(account.name, self, failing=account.name in failing)
            for account in cfg.accounts
        }
        for name in always_news:
            self.mailboxes[name].always_news = True
        self.opened = False
        self.closed = False
        self.reports_sent = 0

    # bookkeeping ---------------------------------------------------------------------------

    def record(self, what: str, detail: str = "") -> None:
        with self._cond:
            self.calls.append((what, detail))
            self._cond.notify_all()
        if self._on_call is not None:
            self._on_call(what, detail)
        if self._calls_file is not None:
            with self._calls_file.open("a", encoding="utf-8") as out:
                out.write(json.dumps([what, detail]) + "\n")

    def count(self, what: str, detail: str | None = None) -> int:
        with self._cond:
            return sum(1 for w, d in self.calls if w == what and detail in (None, d))

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def begin_wait(self, mailbox: FakeMailbox) -> None:
        # Waiting on the engine's own mailbox while an engine call runs would mix two
        # conversations on one connection; a separate watch mailbox may wait any time.
        with self._cond:
            if mailbox is self.mailboxes.get(mailbox.name):
                if self._busy:
                    self.violations.append(f"wait on {mailbox.name} during an engine call")
                self._waiting += 1

    def end_wait(self, mailbox: FakeMailbox) -> None:
        with self._cond:
            if mailbox is self.mailboxes.get(mailbox.name):
                self._waiting -= 1

    def _enter(self, what: str, detail: str = "") -> None:
        with self._cond:
            self._busy += 1
            if self._busy > 1:
                self.violations.append(f"{what} overlapped another engine call")
            if self._waiting:
                self.violations.append(f"{what} ran while a watcher waited on a shared mailbox")
        self.record(what, detail)

    def _leave(self) -> None:
        with self._cond:
            self._busy -= 1

    # the Engine interface ----------------------------------------------------------------------

    def open(self) -> None:
        self._enter("open")
        self.opened = True
        self._leave()

    def close(self) -> None:
        self._enter("close")
        self.closed = True
        for mailbox in self.mailboxes.values():
            mailbox.close()
        self._leave()

    def mailbox(self, account_name: str) -> FakeMailbox:
        self._enter("mailbox", account_name)
        self._leave()
        return self.mailboxes[account_name]

    def drop_mailbox(self, account_name: str) -> None:
        self._enter("drop_mailbox", account_name)
        self._leave()

    def sync_account(self, account_name: str) -> dict[str, Any]:
        self._enter("sync_account", account_name)
        self._leave()
        return {"messages": 1}

    def due_check(self) -> dict[str, Any]:
        self._enter("due_check")
        self._leave()
        return dict(self.counters)

    def report_slot(self, now: Any = None) -> str | None:
        return "2026-W10"

    def send_report_if_due(self) -> bool:
        self._enter("send_report_if_due")
        first = self.reports_sent == 0
        self.reports_sent = 1  # one slot only: the store would refuse a second send
        self._leave()
        return first

    def full_cycle(self) -> dict[str, Any]:
        self._enter("full_cycle")
        self._leave()
        self.record("full_cycle_done")
        return dict(self.counters)


class WatchingFakeEngine(FakeEngine):
    """Also offers `watch_mailbox`: a separate connection per watcher."""

    def __init__(self, cfg: Any, clock: Any, **kwargs: Any) -> None:
        super().__init__(cfg, clock, **kwargs)
        self.watch_boxes: dict[str, FakeMailbox] = {}

    def watch_mailbox(self, account_name: str) -> FakeMailbox:
        self._enter("watch_mailbox", account_name)
        box = FakeMailbox(account_name, self)
        self.watch_boxes[account_name] = box
        self._leave()
        return box


def main(argv: list[str]) -> int:
    from agent.clock import clock_from_env
    from agent.config import load_config
    from agent.daemon import Daemon

    config_path, calls_file = Path(argv[0]), Path(argv[1])
    faulthandler.register(signal.SIGUSR1)  # a hung test can ask where every thread is
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(message)s")
    cfg = load_config(config_path)

    def factory(cfg: Any, clock: Any) -> FakeEngine:
        return FakeEngine(cfg, clock, calls_file=calls_file)

    # As run_daemon does, with short wait slices so the test's stop is quick.
    daemon = Daemon(cfg, clock_from_env(running=True), config_path, factory, wait_slice=0.5)
    with daemon.signal_handlers():
        return daemon.run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
