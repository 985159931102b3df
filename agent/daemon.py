"""`followup run`: the long-running agent.

Start-up: open the engine, run one full cycle, tell systemd READY=1, then keep going with
- one watcher thread per account (IDLE or polling, whichever its connector does) that has the
  engine sync that account, then check what is due, whenever there may be news;
- a due check every `agent.due_check_minutes` (15 by default);
- the weekly report on a cron trigger at report.weekday/report.time in the user's zone,
  coalesced with days of misfire grace, so a laptop asleep on Monday morning sends it once on
  waking. The engine records each report slot it sent, so the extra checks at start and with
  every due check never send twice.

Threads: every Engine call runs on one worker thread, in order (see `agent.daemon_worker`);
the scheduler's jobs and the watchers only submit tasks. The main thread waits for signals:
SIGTERM/SIGINT stop (the current engine call finishes, the engine closes, exit 0 within ten
seconds), SIGHUP reloads the config (a bad new config is logged and the old one kept).

Time: decisions use the injected clock (an OffsetClock under FOLLOWUP_NOW); the scheduler's
timers and the watchers' waits run in real time.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from agent.clock import Clock
from agent.daemon_settings import DaemonSettings
from agent.daemon_status import error_lines, is_notable, status_line, summary
from agent.daemon_watch import AccountWatcher, Backoff, WatchSource
from agent.daemon_worker import EngineWorker, WorkerStopped, outcome
from agent.errors import ConfigError
from agent.sdnotify import Notifier
from connectors.base import Mailbox

if TYPE_CHECKING:
    from agent.config import Config

log = logging.getLogger("followup.daemon")

REPORT_JOB = "weekly-report"
DUE_CHECK_JOB = "due-check"
WATCHDOG_JOB = "watchdog"
# A weekly job missed while the machine slept still runs once on waking within this window;
# APScheduler's default grace (1 s) would silently drop it.
REPORT_MISFIRE_GRACE = timedelta(days=6)
STOP_BUDGET_SECONDS = 9.0  # systemd's TimeoutStopSec is 15; we promise 10

EngineFactory = Callable[["Config", Clock], Any]
ConfigLoader = Callable[[Path | None], Any]


def run_daemon(
    cfg: Config,
    clock: Clock,
    config_path: Path | None,
    engine_factory: EngineFactory | None = None,
    *,
    config_loader: ConfigLoader | None = None,
) -> int:
    """Run the agent in the foreground until SIGTERM/SIGINT. Returns the exit code.

    `engine_factory(cfg, clock)` builds an engine (default: `agent.engine.Engine`);
    `config_loader(path)` reads the config on SIGHUP (default: `agent.config.load_config`).

    Errors opening the engine (store locked, unreadable state dir ...) propagate for the CLI
    to render; once running, failures are logged and retried, never fatal.
    """
    daemon = Daemon(cfg, clock, config_path, engine_factory, config_loader=config_loader)
    with daemon.signal_handlers():
        return daemon.run()


class Daemon:
    """The daemon's moving parts; `run_daemon` is the entry point, tests drive this."""

    def __init__(
        self,
        cfg: Config | Any,
        clock: Clock,
        config_path: Path | None,
        engine_factory: EngineFactory | None = None,
        *,
        config_loader: ConfigLoader | None = None,
        notifier: Notifier | None = None,
        wait_slice: float = 5.0,
        backoff_base: float = 5.0,
        backoff_cap: float = 300.0,
        min_sync_interval: float = 5.0,
        stop_budget: float = STOP_BUDGET_SECONDS,
    ) -> None:
        self.cfg = cfg
        self.settings = DaemonSettings.from_config(cfg)  # a config we cannot schedule: exit 2
        self.clock = clock
        self.config_path = config_path
        self._factory = engine_factory or _default_engine_factory
        self._loader = config_loader or _default_loader
        self._notifier = notifier or Notifier()
        self._wait_slice = wait_slice
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._min_sync_interval = min_sync_interval
        self._stop_budget = stop_budget

        self.ready = threading.Event()  # set once READY=1 went out (tests wait on it)
        self.reloaded = threading.Event()  # set after each handled SIGHUP (tests wait on it)
        self.scheduler: BackgroundScheduler | None = None
        self._waker = _Waker()
        self._stop_requested = False
        self._reload_requested = False
        self._fatal: BaseException | None = None
        self._worker: EngineWorker | None = None
        self._watchers: list[AccountWatcher] = []
        self._watch_stop = threading.Event()
        self._counters: dict[str, Any] = {}

    # -- requests (signal handlers and tests) -------------------------------------------------

    def request_stop(self) -> None:
        """Ask the daemon to stop. Safe from a signal handler: sets a flag, writes one byte."""
        self._stop_requested = True
        self._waker.wake()

    def request_reload(self) -> None:
        """Ask the daemon to reload its config. Safe from a signal handler."""
        self._reload_requested = True
        self._waker.wake()

    @contextmanager
    def signal_handlers(self) -> Iterator[None]:
        """SIGTERM/SIGINT stop, SIGHUP reloads (only the main thread may install handlers)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def on_stop(signum: int, frame: FrameType | None) -> None:
            self.request_stop()

        def on_reload(signum: int, frame: FrameType | None) -> None:
            self.request_reload()

        previous = {
            signal.SIGTERM: signal.signal(signal.SIGTERM, on_stop),
            signal.SIGINT: signal.signal(signal.SIGINT, on_stop),
            signal.SIGHUP: signal.signal(signal.SIGHUP, on_reload),
        }
        # The kernel may deliver a signal to any thread, while Python runs handlers only in
        # the main thread: the wakeup fd makes the C-level handler wake the main thread's
        # select() so the Python handler runs now, not whenever something else wakes it.
        previous_fd = signal.set_wakeup_fd(self._waker.write_fd, warn_on_full_buffer=False)
        try:
            yield
        finally:
            signal.set_wakeup_fd(previous_fd)
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    # -- the main thread ------------------------------------------------------------------------

    def run(self) -> int:
        _quiet_scheduler_logs()
        s = self.settings
        log.info(
            "starting: %d account(s), due check every %d min, weekly report %s %02d:%02d %s",
            len(s.accounts),
            s.due_check_minutes,
            s.report_weekday,
            s.report_hour,
            s.report_minute,
            s.tz,
        )
        if os.environ.get("FOLLOWUP_NOW", "").strip():
            log.info("FOLLOWUP_NOW: deciding as of %s", self.clock.now().isoformat())
        worker = self._worker = EngineWorker(self._factory(self.cfg, self.clock))
        worker.start()

        opened = worker.submit("open", lambda engine: engine.open())
        if not self._await(opened):
            return self._shutdown()
        failure = outcome(opened)
        if failure is not None:
            worker.stop(final=_close_quietly)
            worker.join(self._stop_budget)
            raise failure  # the CLI renders FollowupErrors with their exit codes

        if not self._await(worker.submit("cycle", self._task_full_cycle)):
            return self._shutdown()
        self.scheduler = self._new_scheduler()
        self._add_jobs()
        self.scheduler.start()
        self._start_watchers()
        self._notifier.ready(self._status_line())
        self.ready.set()
        log.info("ready: %s", self._status_line())
        # Also at start: a report slot that passed while we were down is sent now (once).
        self._submit("report", self._task_report)

        while not self._stop_requested:
            # Checked before waiting: a SIGHUP during start-up has already been woken for.
            if self._reload_requested:
                self._reload_requested = False
                self._reload()
                continue
            self._waker.wait()
        return self._shutdown()

    def _await(self, future: Future[Any]) -> bool:
        """Wait for a task while still answering signals; False if a stop was asked for
        meanwhile (even if the task has finished too: start nothing new then)."""
        future.add_done_callback(lambda _: self._waker.wake())
        while not future.done() and not self._stop_requested:
            self._waker.wait()
        return not self._stop_requested

    def _shutdown(self) -> int:
        deadline = time.monotonic() + self._stop_budget
        log.info("stopping")
        self._notifier.stopping()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._watch_stop.set()
        worker = self._worker
        if worker is not None:
            worker.stop(final=_close_quietly)
            if not worker.join(max(0.0, deadline - time.monotonic())):
                # Exiting anyway: the engine call's open transaction is rolled back by SQLite.
                log.warning("an engine call is still running; exiting without waiting for it")
        for watcher in self._watchers:
            watcher.join(max(0.0, deadline - time.monotonic()))
        if self._fatal is not None:
            log.error("stopped after a fatal error: %s", self._fatal)
            return 1
        log.info("stopped")
        return 0

    def _reload(self) -> None:
        log.info("SIGHUP: reloading the config")
        self._notifier.reloading()
        try:
            new_cfg = self._loader(self.config_path)
            new_settings = DaemonSettings.from_config(new_cfg)
        except ConfigError as exc:
            for line in exc.lines:
                log.error("config reload refused (keeping the running config): %s", line)
            self._after_reload()
            return
        except Exception as exc:
            log.error("config reload refused (keeping the running config): %s", exc)
            self._after_reload()
            return

        self._stop_watchers()  # they hold mailboxes of the engine about to be replaced
        swapped = self._submit("reload", partial(self._task_swap, new_cfg))
        if swapped is None or not self._await(swapped):
            return  # stopping
        failure = outcome(swapped)
        if failure is None:
            self.cfg, self.settings = new_cfg, new_settings
            log.info("config reloaded")
        else:
            log.error("config reload failed (keeping the running config): %s", failure)
        if self._fatal is not None:
            self.request_stop()
            return
        if self.scheduler is not None:
            self._add_jobs()
        self._start_watchers()
        if failure is None:
            self._submit("cycle", self._task_full_cycle)  # new accounts get their first sync
        self._after_reload()

    def _after_reload(self) -> None:
        self._notifier.ready(self._status_line())
        self.reloaded.set()

    # -- scheduler jobs (run on APScheduler's threads: they only submit) -----------------------

    def _new_scheduler(self) -> BackgroundScheduler:
        # Memory job store: jobs are rebuilt from the config at every start, and a job store
        # is never shared between processes.
        return BackgroundScheduler(
            timezone=self.settings.tz,
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(max_workers=2)},
            job_defaults={"coalesce": True, "max_instances": 1},
        )

    def _add_jobs(self) -> None:
        scheduler = self.scheduler
        assert scheduler is not None
        s = self.settings
        scheduler.add_job(
            self._job_report,
            report_trigger(s),
            id=REPORT_JOB,
            name="weekly report",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(REPORT_MISFIRE_GRACE.total_seconds()),
            replace_existing=True,
        )
        scheduler.add_job(
            self._job_due_check,
            IntervalTrigger(minutes=s.due_check_minutes, timezone=s.tz),
            id=DUE_CHECK_JOB,
            name="due check",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=s.due_check_minutes * 60,
            replace_existing=True,
        )
        interval = self._notifier.watchdog_interval
        if interval is not None:
            scheduler.add_job(
                self._job_watchdog,
                IntervalTrigger(seconds=interval, timezone=s.tz),
                id=WATCHDOG_JOB,
                name="systemd watchdog",
                coalesce=True,
                max_instances=1,
                misfire_grace_time=max(1, int(interval)),
                replace_existing=True,
            )

    def _job_report(self) -> None:
        self._submit("report", self._task_report)

    def _job_due_check(self) -> None:
        self._submit("due", self._task_due)
        # The report is checked here too: the scheduler's timer does not count time spent
        # asleep, and under FOLLOWUP_NOW the engine's slot is not the wall clock's.
        self._submit("report", self._task_report)

    def _job_watchdog(self) -> None:
        # Ping only while the engine thread lives: a dead worker means a restart is due.
        worker = self._worker
        if worker is not None and worker.is_alive() and not self._stop_requested:
            self._notifier.watchdog()

    def _submit(self, key: str, task: Callable[[Any], Any]) -> Future[Any] | None:
        worker = self._worker
        if worker is None:
            return None
        try:
            return worker.submit(key, task)
        except WorkerStopped:
            return None

    # -- watchers ---------------------------------------------------------------------------------

    def _start_watchers(self) -> None:
        worker = self._worker
        assert worker is not None
        self._watch_stop = threading.Event()
        self._watchers = []
        for name in self.settings.accounts:
            source = self._watch_source(worker, name)
            watcher = AccountWatcher(
                name,
                source,
                partial(worker.submit, f"sync:{name}", partial(self._task_sync, name)),
                self._watch_stop,
                wait_slice=self._wait_slice if source.dedicated else min(self._wait_slice, 2.0),
                resync_after=self.settings.due_check_minutes * 60.0,
                min_interval=self._min_sync_interval,
                backoff=Backoff(self._backoff_base, self._backoff_cap),
            )
            self._watchers.append(watcher)
            watcher.start()

    def _watch_source(self, worker: EngineWorker, name: str) -> WatchSource:
        """Where a watcher waits: its own connection if the engine can make one
        (`watch_mailbox`), else the engine's own mailbox shared through the gate, so that
        a wait (IMAP IDLE) and an engine call never use one connection at once."""
        first: Mailbox | None = None
        if callable(getattr(worker.engine, "watch_mailbox", None)):
            # None: this provider has nothing to gain from a second connection.
            first = worker.submit(
                f"watch-mailbox:{name}", lambda engine: engine.watch_mailbox(name)
            ).result()
        if first is not None:
            spare: list[Mailbox] = [first]

            def open_own() -> Mailbox:
                mailbox: Mailbox = (
                    spare.pop()
                    if spare
                    else worker.submit(
                        f"watch-mailbox:{name}", lambda engine: engine.watch_mailbox(name)
                    ).result()
                )
                mailbox.connect()  # on the watcher's thread: a slow login blocks no one
                return mailbox

            return WatchSource(open=open_own, dedicated=True, discard=lambda box: box.close())

        def open_shared() -> Mailbox:
            mailbox: Mailbox = worker.submit(
                f"mailbox:{name}", lambda engine: engine.mailbox(name)
            ).result()
            return mailbox

        def drop_shared(mailbox: Mailbox) -> None:
            # The engine forgets (and closes) a broken connection; its next use reconnects.
            self._submit(f"drop-mailbox:{name}", partial(_drop_mailbox, name))

        return WatchSource(
            open=open_shared, dedicated=False, discard=drop_shared, gate=worker.gate.shared
        )

    def _stop_watchers(self) -> None:
        self._watch_stop.set()
        deadline = time.monotonic() + self._stop_budget
        for watcher in self._watchers:
            watcher.join(max(0.0, deadline - time.monotonic()))
        self._watchers = []

    # -- tasks (run on the engine thread, one at a time) ------------------------------------

    def _task_full_cycle(self, engine: Any) -> dict[str, Any] | None:
        try:
            counters = engine.full_cycle()
        except Exception as exc:
            log.error("full cycle failed (%s: %s)", type(exc).__name__, exc)
            return None
        self._note("cycle", counters, always=True)
        return counters

    def _task_sync(self, name: str, engine: Any) -> dict[str, Any]:
        try:
            counters = engine.sync_account(name)
        except Exception:
            _drop_mailbox(name, engine)  # reconnect next time
            raise  # to the watcher, which logs it and backs off
        self._note(f"sync {name}", counters)
        self._submit("due", self._task_due)
        return counters

    def _task_due(self, engine: Any) -> dict[str, Any] | None:
        try:
            counters = engine.due_check()
        except Exception as exc:
            log.error("due check failed (%s: %s)", type(exc).__name__, exc)
            return None
        self._note("due check", counters)
        return counters

    def _task_report(self, engine: Any) -> bool:
        try:
            sent = bool(engine.send_report_if_due())
        except Exception as exc:
            log.error(
                "weekly report failed (%s: %s); retrying at the next check",
                type(exc).__name__,
                exc,
            )
            return False
        if sent:  # the engine logs the delivery itself; this only ties it to the daemon
            slot = _quietly(lambda: engine.report_slot())
            log.debug("weekly report delivered%s", f" (slot {slot})" if slot else "")
        return sent

    def _task_swap(self, new_cfg: Any, old: Any) -> None:
        """Replace the engine. The old one closes first (the store allows one opener); if the
        new one cannot open, a fresh engine on the running config takes over again."""
        worker = self._worker
        assert worker is not None
        _close_quietly(old)
        new = self._factory(new_cfg, self.clock)
        try:
            new.open()
        except Exception:
            _close_quietly(new)
            again = self._factory(self.cfg, self.clock)
            try:
                again.open()
            except Exception as exc:
                self._fatal = exc
                raise
            worker.set_engine(again)
            raise
        worker.set_engine(new)

    def _note(self, what: str, counters: Any, *, always: bool = False) -> None:
        """Log what a task did (one line, only if something happened) and refresh STATUS=."""
        if not isinstance(counters, dict):
            return
        for line in error_lines(counters):
            log.warning("%s: %s", what, line)
        if always or is_notable(counters):
            log.info("%s: %s", what, summary(counters) or "nothing new")
        for key in ("open_processes", "drafts_pending"):
            if key in counters:
                self._counters[key] = counters[key]
        if self.ready.is_set():
            self._notifier.status(self._status_line())

    def _status_line(self) -> str:
        # Called from tasks too: a scheduler shutting down must not fail an engine task.
        next_report = _quietly(self.next_report_time)
        return status_line(self._counters, next_report, len(self.settings.accounts))

    def next_report_time(self) -> datetime | None:
        """When the weekly-report job fires next (None before the scheduler starts)."""
        scheduler = self.scheduler
        if scheduler is None:
            return None
        job = scheduler.get_job(REPORT_JOB)
        if job is None:
            return None
        # Before start() APScheduler has no next_run_time yet; ask the trigger.
        when: datetime | None = getattr(job, "next_run_time", None)
        if when is None:
            when = job.trigger.get_next_fire_time(None, datetime.now(self.settings.tz))
        return when


def report_trigger(settings: DaemonSettings) -> CronTrigger:
    """The weekly report's cron trigger, in the user's time zone."""
    return CronTrigger(
        day_of_week=settings.report_weekday,
        hour=settings.report_hour,
        minute=settings.report_minute,
        timezone=settings.tz,
    )


class _Waker:
    """A self-pipe: signal handlers and other threads wake the main thread without a lock
    (taking a lock inside a signal handler can deadlock the thread it interrupted).

    The pipe lives as long as the object: closing it while a late Future callback may still
    write would risk writing into a reused descriptor."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._closed = False

    @property
    def write_fd(self) -> int:
        return self._write

    def wake(self) -> None:
        try:
            os.write(self._write, b"\0")
        except OSError:
            pass  # pipe full (a wake-up is pending anyway) or closed during shutdown

    def wait(self, timeout: float | None = None) -> None:
        select.select([self._read], [], [], timeout)
        try:
            while os.read(self._read, 512):
                pass
        except OSError:
            pass  # drained

    def __del__(self) -> None:
        if not self._closed:
            self._closed = True
            os.close(self._read)
            os.close(self._write)


def _close_quietly(engine: Any) -> None:
    try:
        engine.close()
    except Exception as exc:  # close() should never raise; a stop must still complete
        log.warning("closing the engine failed: %s", exc)


def _drop_mailbox(name: str, engine: Any) -> None:
    drop = getattr(engine, "drop_mailbox", None)
    if callable(drop):
        drop(name)


def _quietly(get: Callable[[], Any]) -> Any:
    try:
        return get()
    except Exception:
        return None


def _default_engine_factory(cfg: Any, clock: Clock) -> Any:
    # Imported when needed: the engine pulls in the whole pipeline.
    from agent.engine import Engine

    return Engine(cfg, clock)


def _default_loader(path: Path | None) -> Any:
    from agent.config import load_config

    return load_config(path)


def _quiet_scheduler_logs() -> None:
    # APScheduler logs every job run at INFO ("Running job ..."), every minute with the
    # watchdog: keep our log to events that matter unless someone chose a level for it.
    scheduler_log = logging.getLogger("apscheduler")
    if scheduler_log.level == logging.NOTSET:
        scheduler_log.setLevel(logging.WARNING)
