"""The daemon in a thread, around a fake engine: start-up order, jobs, reload, stop, failures.

Nothing here sleeps to wait: tests wait on events and conditions with generous timeouts.
"""

from __future__ import annotations

import importlib.util
import logging
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from agent.clock import FixedClock
from agent.config import load_config
from agent.daemon import DUE_CHECK_JOB, REPORT_JOB, REPORT_MISFIRE_GRACE, Daemon
from agent.sdnotify import Notifier

TIMEOUT = 10.0


def _load_fakes() -> ModuleType:
    # Loaded by path: works whether or not tests/ is a package.
    path = Path(__file__).with_name("daemon_entry.py")
    spec = importlib.util.spec_from_file_location("daemon_entry_fakes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fakes = _load_fakes()


def write_config(
    path: Path, *, accounts: tuple[str, ...] = ("a",), weekday: str = "mon", at: str = "08:00"
) -> Path:
    lines = [
        "[agent]",
        f'state_dir = "{path.parent / "state"}"',
        'timezone = "Europe/Berlin"',
        "",
        "[report]",
        f'weekday = "{weekday}"',
        f'time = "{at}"',
    ]
    for name in accounts:
        lines += [
            "",
            "[[accounts]]",
            f'name = "{name}"',
            'type = "maildir"',
            f'path = "mail-{name}"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class NotifySocket:
    """A real AF_UNIX datagram socket standing in for systemd's."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(TIMEOUT)

    def receive_until(self, wanted: str) -> list[str]:
        """Datagrams up to and including the first that contains `wanted`."""
        seen: list[str] = []
        while True:
            message = self.sock.recv(4096).decode()  # raises TimeoutError after TIMEOUT
            seen.append(message)
            if wanted in message:
                return seen

    def close(self) -> None:
        self.sock.close()


class RecordingNotifier(Notifier):
    """The real notifier, which also writes each datagram into the engine's call log, so
    the order of engine calls and notifications can be compared."""

    def __init__(self, environ: dict[str, str], log: Callable[[str, str], None]) -> None:
        super().__init__(environ)
        self._log = log

    def send(self, fields: Any) -> bool:
        self._log("notify", " ".join(f"{k}={v}" for k, v in fields.items()))
        return super().send(fields)


@dataclass
class Harness:
    """A daemon running in a thread with fake engines, and what they recorded."""

    tmp: Path
    engine_cls: type = fakes.FakeEngine
    failing: frozenset[str] = frozenset()
    always_news: frozenset[str] = frozenset()
    counters: dict[str, Any] | None = None
    environ: dict[str, str] = field(default_factory=dict)
    engines: list[Any] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    result: Future[int] = field(default_factory=Future)

    def note(self, what: str, detail: str) -> None:
        self.notes.append((what, detail))

    def factory(self, cfg: Any, clock: Any) -> Any:
        engine = self.engine_cls(
            cfg,
            clock,
            failing=self.failing,
            always_news=self.always_news,
            counters=self.counters,
            on_call=self.note,
        )
        self.engines.append(engine)
        return engine

    @property
    def engine(self) -> Any:
        return self.engines[-1]

    def start(self, config: Path, **kwargs: Any) -> Daemon:
        notifier = RecordingNotifier(self.environ, self.note)
        kwargs.setdefault("wait_slice", 0.2)
        kwargs.setdefault("backoff_base", 0.01)
        kwargs.setdefault("backoff_cap", 0.05)
        kwargs.setdefault("min_sync_interval", 0.0)
        daemon = Daemon(
            load_config(config),
            FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)),
            config,
            self.factory,
            config_loader=load_config,
            notifier=notifier,
            **kwargs,
        )

        def body() -> None:
            try:
                self.result.set_result(daemon.run())
            except BaseException as exc:
                self.result.set_exception(exc)

        threading.Thread(target=body, name="daemon-under-test", daemon=True).start()
        return daemon

    def stop(self, daemon: Daemon) -> int:
        daemon.request_stop()
        return self.result.result(timeout=TIMEOUT)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    h = Harness(tmp_path)
    yield h
    # Every test must leave serialized engine use behind it.
    for engine in h.engines:
        assert engine.violations == []


def started(h: Harness, daemon: Daemon) -> None:
    assert daemon.ready.wait(TIMEOUT), "the daemon never became ready"


def test_the_first_full_cycle_runs_before_ready(harness: Harness, tmp_path: Path) -> None:
    sock = NotifySocket(tmp_path / "notify.sock")
    harness.environ["NOTIFY_SOCKET"] = str(sock.path)
    harness.counters = {"open_processes": 3, "drafts_pending": 1}
    daemon = harness.start(write_config(tmp_path / "c.toml"))
    try:
        datagrams = sock.receive_until("READY=1")
        started(harness, daemon)
        order = [what for what, _ in harness.notes]
        ready_at = next(i for i, (w, d) in enumerate(harness.notes) if "READY=1" in d)
        assert order.index("open") < order.index("full_cycle_done") < ready_at
        # systemd's status line says how things stand.
        assert "STATUS=3 open processes, 1 draft pending, next report Mon 08:00" in datagrams[-1]
    finally:
        assert harness.stop(daemon) == 0
        sock.close()


def test_stop_finishes_closes_the_engine_and_says_stopping(
    harness: Harness, tmp_path: Path
) -> None:
    sock = NotifySocket(tmp_path / "notify.sock")
    harness.environ["NOTIFY_SOCKET"] = str(sock.path)
    daemon = harness.start(write_config(tmp_path / "c.toml", accounts=("a", "b")))
    started(harness, daemon)
    assert harness.stop(daemon) == 0
    engine = harness.engine
    assert engine.closed
    assert engine.calls[-1] == ("close", "")  # nothing touched the engine after close
    assert any("STOPPING=1" in d for d in sock.receive_until("STOPPING=1"))
    sock.close()


def test_the_report_is_checked_at_start_and_scheduled_weekly_with_days_of_grace(
    harness: Harness, tmp_path: Path
) -> None:
    daemon = harness.start(write_config(tmp_path / "c.toml", weekday="mon", at="08:00"))
    started(harness, daemon)
    engine = harness.engine
    assert engine.wait_until(lambda: engine.count("send_report_if_due") >= 1)
    assert daemon.scheduler is not None
    job = daemon.scheduler.get_job(REPORT_JOB)
    # A laptop asleep through Monday 08:00 still gets the report once on waking.
    assert job.coalesce is True
    assert job.max_instances == 1
    assert job.misfire_grace_time == REPORT_MISFIRE_GRACE.total_seconds() >= 6 * 86400
    assert isinstance(job.trigger, CronTrigger)
    berlin = ZoneInfo("Europe/Berlin")
    friday = datetime(2026, 3, 6, 12, 0, tzinfo=berlin)
    assert job.trigger.get_next_fire_time(None, friday) == datetime(2026, 3, 9, 8, 0, tzinfo=berlin)
    # Woken on Tuesday: Monday's run is within the grace, so it still runs (once: coalesced).
    missed = datetime(2026, 3, 9, 8, 0, tzinfo=berlin)
    woke = datetime(2026, 3, 10, 10, 0, tzinfo=berlin)
    assert (woke - missed).total_seconds() <= job.misfire_grace_time
    assert harness.stop(daemon) == 0
    # The engine decides whether a slot is due: the fake delivers only once per slot.
    assert engine.reports_sent == 1


def test_the_due_check_runs_every_fifteen_minutes_by_default(
    harness: Harness, tmp_path: Path
) -> None:
    daemon = harness.start(write_config(tmp_path / "c.toml"))
    started(harness, daemon)
    assert daemon.scheduler is not None
    job = daemon.scheduler.get_job(DUE_CHECK_JOB)
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == timedelta(minutes=15)
    assert harness.stop(daemon) == 0


def test_new_mail_on_one_account_syncs_it_then_checks_what_is_due(
    harness: Harness, tmp_path: Path
) -> None:
    daemon = harness.start(write_config(tmp_path / "c.toml", accounts=("a", "b")))
    started(harness, daemon)
    engine = harness.engine
    engine.mailboxes["b"].poke()
    assert engine.wait_until(lambda: engine.count("sync_account", "b") >= 1)
    assert engine.wait_until(lambda: engine.count("due_check") >= 1)
    assert engine.count("sync_account", "a") == 0
    assert harness.stop(daemon) == 0


def test_an_account_that_keeps_failing_never_stops_the_others(
    harness: Harness, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="followup.daemon")
    harness.failing = frozenset({"a"})
    daemon = harness.start(write_config(tmp_path / "c.toml", accounts=("a", "b", "c")))
    started(harness, daemon)
    engine = harness.engine
    # "a" is retried (with back-off) again and again ...
    assert engine.wait_until(lambda: engine.count("wait", "a") >= 3)
    # ... while "b" and "c" still sync whenever mail comes.
    for round_ in range(1, 3):
        engine.mailboxes["b"].poke()
        engine.mailboxes["c"].poke()
        assert engine.wait_until(lambda n=round_: engine.count("sync_account", "b") >= n)
        assert engine.wait_until(lambda n=round_: engine.count("sync_account", "c") >= n)
    assert harness.stop(daemon) == 0
    # The broken connection was handed back to the engine to reconnect.
    assert engine.count("drop_mailbox", "a") >= 1
    lines = [r.getMessage() for r in caplog.records]
    failures = [line for line in lines if line.startswith("account a: watching failed")]
    assert failures and "(TransientError: server for a is down); retrying in" in failures[0]
    assert not [r for r in caplog.records if "account b" in r.getMessage()]


def test_a_shared_mailbox_is_never_waited_on_during_an_engine_call(
    harness: Harness, tmp_path: Path
) -> None:
    daemon = harness.start(write_config(tmp_path / "c.toml", accounts=("a", "b")))
    started(harness, daemon)
    engine = harness.engine
    for n in range(1, 6):
        engine.mailboxes["a"].poke()
        engine.mailboxes["b"].poke()
        assert engine.wait_until(lambda n=n: engine.count("sync_account", "a") >= n)
        assert engine.wait_until(lambda n=n: engine.count("sync_account", "b") >= n)
    assert harness.stop(daemon) == 0
    assert engine.violations == []  # the fake flags overlaps and waits during calls


def test_a_watch_mailbox_from_the_engine_is_a_separate_connection(
    harness: Harness, tmp_path: Path
) -> None:
    harness.engine_cls = fakes.WatchingFakeEngine
    daemon = harness.start(write_config(tmp_path / "c.toml", accounts=("a",)))
    started(harness, daemon)
    engine = harness.engine
    assert engine.wait_until(lambda: "a" in engine.watch_boxes)
    box = engine.watch_boxes["a"]
    assert engine.wait_until(lambda: box.connected)
    box.poke()
    assert engine.wait_until(lambda: engine.count("sync_account", "a") >= 1)
    assert engine.count("mailbox", "a") == 0  # the engine's own connection was left alone
    assert harness.stop(daemon) == 0
    assert box.closed  # the watcher closes the connection it owns


def test_sighup_reload_moves_the_weekly_report(harness: Harness, tmp_path: Path) -> None:
    config = write_config(tmp_path / "c.toml", weekday="mon", at="08:00")
    daemon = harness.start(config)
    started(harness, daemon)
    before = daemon.next_report_time()
    assert before is not None and (before.strftime("%a"), before.hour, before.minute) == (
        "Mon",
        8,
        0,
    )
    write_config(config, accounts=("a", "b"), weekday="tue", at="09:30")
    daemon.request_reload()
    assert daemon.reloaded.wait(TIMEOUT)
    after = daemon.next_report_time()
    assert after is not None and (after.strftime("%a"), after.hour, after.minute) == (
        "Tue",
        9,
        30,
    )
    # A new engine on the new config; the old one closed first; the new account watched.
    assert len(harness.engines) == 2
    old, new = harness.engines
    assert old.closed and new.opened
    new.mailboxes["b"].poke()
    assert new.wait_until(lambda: new.count("sync_account", "b") >= 1)
    assert harness.stop(daemon) == 0


def test_a_bad_config_on_reload_keeps_the_running_one(
    harness: Harness, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="followup.daemon")
    config = write_config(tmp_path / "c.toml", at="08:00")
    daemon = harness.start(config)
    started(harness, daemon)
    config.write_text(config.read_text().replace('time = "08:00"', 'time = "25:99"'))
    daemon.request_reload()
    assert daemon.reloaded.wait(TIMEOUT)
    after = daemon.next_report_time()
    assert after is not None and (after.hour, after.minute) == (8, 0)
    assert len(harness.engines) == 1 and not harness.engine.closed
    assert any("report.time" in r.getMessage() for r in caplog.records)
    # Still working: new mail is synced by the old engine.
    harness.engine.mailboxes["a"].poke()
    assert harness.engine.wait_until(lambda: harness.engine.count("sync_account", "a") >= 1)
    assert harness.stop(daemon) == 0


def test_the_watchdog_is_fed_when_systemd_asks_for_it(harness: Harness, tmp_path: Path) -> None:
    sock = NotifySocket(tmp_path / "notify.sock")
    harness.environ.update({"NOTIFY_SOCKET": str(sock.path), "WATCHDOG_USEC": "200000"})
    daemon = harness.start(write_config(tmp_path / "c.toml"))
    try:
        started(harness, daemon)
        assert any("WATCHDOG=1" in d for d in sock.receive_until("WATCHDOG=1"))
    finally:
        assert harness.stop(daemon) == 0
        sock.close()


def test_a_mailbox_that_always_reports_news_does_not_cause_a_sync_storm(
    harness: Harness, tmp_path: Path
) -> None:
    harness.always_news = frozenset({"a"})
    daemon = harness.start(write_config(tmp_path / "c.toml"), min_sync_interval=3600.0)
    started(harness, daemon)
    engine = harness.engine
    # The first news is synced at once; the next wait reports news again ...
    assert engine.wait_until(
        lambda: engine.count("sync_account", "a") >= 1 and engine.count("wait", "a") >= 2
    )
    assert harness.stop(daemon) == 0
    # ... and the watcher holds back until the interval passes instead of spinning.
    assert engine.count("sync_account", "a") == 1
    assert engine.count("wait", "a") == 2


class SlowCycleEngine(fakes.FakeEngine):
    """A first cycle that runs until the test lets it finish."""

    release = threading.Event()
    entered = threading.Event()

    def full_cycle(self) -> dict[str, Any]:
        self.entered.set()
        assert self.release.wait(TIMEOUT)
        return super().full_cycle()


@pytest.fixture
def slow_cycle() -> Iterator[type[SlowCycleEngine]]:
    SlowCycleEngine.release = threading.Event()
    SlowCycleEngine.entered = threading.Event()
    yield SlowCycleEngine
    SlowCycleEngine.release.set()


def test_a_stop_lets_the_running_engine_call_finish_then_closes(
    harness: Harness, tmp_path: Path, slow_cycle: type[SlowCycleEngine]
) -> None:
    harness.engine_cls = slow_cycle
    daemon = harness.start(write_config(tmp_path / "c.toml"))
    assert slow_cycle.entered.wait(TIMEOUT)
    daemon.request_stop()
    slow_cycle.release.set()  # the call in progress completes ...
    assert harness.result.result(timeout=TIMEOUT) == 0
    engine = harness.engine
    # ... and only then is the engine closed; nothing new was started in between.
    assert [what for what, _ in engine.calls] == ["open", "full_cycle", "full_cycle_done", "close"]
    assert not daemon.ready.is_set()  # never claimed to be ready


def test_a_stop_does_not_wait_forever_for_a_hung_engine_call(
    harness: Harness, tmp_path: Path, slow_cycle: type[SlowCycleEngine]
) -> None:
    harness.engine_cls = slow_cycle
    daemon = harness.start(write_config(tmp_path / "c.toml"), stop_budget=0.5)
    assert slow_cycle.entered.wait(TIMEOUT)
    daemon.request_stop()
    # Returns within its budget although the call never finished; the engine is left alone.
    assert harness.result.result(timeout=TIMEOUT) == 0
    assert not harness.engine.closed


def test_a_reload_asked_for_during_start_up_is_done_once_ready(
    harness: Harness, tmp_path: Path, slow_cycle: type[SlowCycleEngine]
) -> None:
    harness.engine_cls = slow_cycle
    config = write_config(tmp_path / "c.toml", at="08:00")
    daemon = harness.start(config)
    assert slow_cycle.entered.wait(TIMEOUT)
    write_config(config, at="07:15")
    daemon.request_reload()
    slow_cycle.release.set()
    assert daemon.reloaded.wait(TIMEOUT)
    after = daemon.next_report_time()
    assert after is not None and (after.hour, after.minute) == (7, 15)
    assert harness.stop(daemon) == 0
