"""One thread that makes every Engine call, in order.

The Engine and its SQLite store are not thread-safe, so the scheduler's jobs and the account
watchers never call it themselves: they submit a task here and (if they care) wait for its
Future. Tasks carry a key; submitting a key that is already queued and not yet started
returns the queued task's Future instead of adding a second one, so a burst of "new mail"
or a scheduler catching up after sleep turns into one sync, not ten.

The thread is a daemon thread: if an engine call hangs past the stop deadline, the process
can still exit (each message's effects are one transaction, so SQLite rolls the open one back).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("followup.daemon")

Task = Callable[[Any], Any]  # receives the current engine


class WorkerStopped(RuntimeError):
    """The worker no longer takes tasks (the daemon is stopping)."""


class MailboxGate:
    """Readers-writer gate between watchers and the engine thread.

    Used only when a watcher has to wait on the engine's own Mailbox object (no separate
    watch connection): watchers hold the shared side for one short wait slice, the engine
    thread holds the exclusive side for each call, so one connection is never used by two
    threads at once. A waiting engine call keeps new slices from starting (writer first).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


@dataclass
class _Job:
    key: str
    task: Task
    future: Future[Any]


class EngineWorker:
    """Runs submitted tasks one at a time against the current engine."""

    def __init__(self, engine: Any, gate: MailboxGate | None = None) -> None:
        self._engine = engine
        self._gate = gate or MailboxGate()
        self._cond = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._queued: dict[str, _Job] = {}
        self._accepting = True
        self._running_since: float | None = None
        self._thread = threading.Thread(target=self._run, name="followup-engine", daemon=True)

    @property
    def gate(self) -> MailboxGate:
        return self._gate

    @property
    def engine(self) -> Any:
        """The current engine. Touch it only from inside a task."""
        return self._engine

    def set_engine(self, engine: Any) -> None:
        """Swap the engine (config reload). Call only from inside a task."""
        self._engine = engine

    def start(self) -> None:
        self._thread.start()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def busy_for(self) -> float:
        """Seconds the current task has been running (0 when idle)."""
        since = self._running_since
        return 0.0 if since is None else time.monotonic() - since

    def submit(self, key: str, task: Task) -> Future[Any]:
        """Queue `task` unless a task with `key` is already queued; returns its Future."""
        with self._cond:
            if not self._accepting:
                raise WorkerStopped("the daemon is stopping")
            queued = self._queued.get(key)
            if queued is not None:
                return queued.future
            job = _Job(key, task, Future())
            self._queue.append(job)
            self._queued[key] = job
            self._cond.notify()
            return job.future

    def stop(self, final: Task | None = None) -> Future[Any]:
        """Take no more tasks, drop the queued ones, run `final` (e.g. engine.close) after the
        current task, then let the thread end. Returns the Future of `final`."""
        done: Future[Any] = Future()
        with self._cond:
            self._accepting = False
            dropped = list(self._queue)
            self._queue.clear()
            self._queued.clear()
            self._queue.append(_Job("final", final or (lambda engine: None), done))
            self._cond.notify()
        for job in dropped:
            job.future.cancel()
        return done

    def join(self, timeout: float | None) -> bool:
        """Wait for the thread to end; True if it did."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue:
                    self._cond.wait()
                job = self._queue.popleft()
                if self._queued.get(job.key) is job:
                    del self._queued[job.key]
                last = not self._accepting and not self._queue
            if job.future.set_running_or_notify_cancel():
                self._execute(job)
            if last:
                return

    def _execute(self, job: _Job) -> None:
        self._running_since = time.monotonic()
        try:
            with self._gate.exclusive():
                result = job.task(self._engine)
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the Future
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)
        finally:
            self._running_since = None


def outcome(future: Future[Any]) -> BaseException | None:
    """The exception a finished Future ended with (a cancelled one counts), else None."""
    try:
        return future.exception(timeout=0)
    except CancelledError as exc:
        return exc
