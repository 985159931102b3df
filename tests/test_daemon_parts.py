"""The daemon's small parts: sd_notify, back-off, the engine worker, settings, status lines."""

from __future__ import annotations

import os
import random
import socket
import threading
from concurrent.futures import CancelledError
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from agent.daemon_settings import DaemonSettings
from agent.daemon_status import error_lines, is_notable, status_line, summary
from agent.daemon_watch import Backoff
from agent.daemon_worker import EngineWorker, WorkerStopped
from agent.errors import ConfigError
from agent.sdnotify import Notifier

TIMEOUT = 10.0


# -- sd_notify ------------------------------------------------------------------------------


def test_notify_is_a_no_op_outside_systemd() -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert notifier.ready("ok") is False
    assert notifier.watchdog_interval is None


def test_notify_sends_one_datagram_of_key_value_lines(tmp_path: Path) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.settimeout(TIMEOUT)
        notifier = Notifier({"NOTIFY_SOCKET": str(path)})
        assert notifier.ready("2 open processes,\nnext report Mon 08:00")
        # A status text never breaks the line protocol, whatever it contains.
        assert sock.recv(4096) == b"READY=1\nSTATUS=2 open processes, next report Mon 08:00"


def test_notify_reaches_an_abstract_socket() -> None:
    name = f"followup-test-{os.getpid()}-{random.randrange(10**9)}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(TIMEOUT)
        assert Notifier({"NOTIFY_SOCKET": "@" + name}).stopping()
        assert sock.recv(4096) == b"STOPPING=1"


def test_notify_survives_a_vanished_socket(tmp_path: Path) -> None:
    assert Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone")}).watchdog() is False


def test_the_watchdog_pings_at_half_the_interval_for_this_process_only() -> None:
    mine = {"WATCHDOG_USEC": "120000000", "WATCHDOG_PID": str(os.getpid())}
    assert Notifier(mine).watchdog_interval == 60.0
    assert Notifier({"WATCHDOG_USEC": "120000000"}).watchdog_interval == 60.0
    other = {"WATCHDOG_USEC": "120000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert Notifier(other).watchdog_interval is None
    assert Notifier({"WATCHDOG_USEC": "soon"}).watchdog_interval is None


# -- back-off -------------------------------------------------------------------------------


def test_backoff_doubles_with_jitter_up_to_the_cap_and_resets() -> None:
    backoff = Backoff(base=5.0, cap=300.0, rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(10)]
    ceilings = [min(300.0, 5.0 * 2**n) for n in range(10)]
    for delay, ceiling in zip(delays, ceilings, strict=True):
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 300.0
    backoff.reset()
    assert backoff.next_delay() <= 5.0


# -- the engine worker ----------------------------------------------------------------------


class SlowEngine:
    """An engine whose calls block until the test lets them go."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.calls: list[str] = []

    def hold(self) -> str:
        self.started.set()
        assert self.release.wait(TIMEOUT)
        self.calls.append("hold")
        return "held"


def test_the_worker_runs_tasks_in_order_and_merges_queued_duplicates() -> None:
    engine = SlowEngine()
    worker = EngineWorker(engine)
    worker.start()
    first = worker.submit("hold", lambda e: e.hold())
    assert engine.started.wait(TIMEOUT)
    # While one runs, a burst of the same request becomes one queued task.
    due = [worker.submit("due", lambda e: e.calls.append("due")) for _ in range(5)]
    assert all(f is due[0] for f in due)
    report = worker.submit("report", lambda e: e.calls.append("report"))
    engine.release.set()
    assert first.result(TIMEOUT) == "held"
    report.result(TIMEOUT)
    assert engine.calls == ["hold", "due", "report"]
    worker.stop().result(TIMEOUT)
    assert worker.join(TIMEOUT)


def test_stopping_the_worker_finishes_the_running_task_drops_the_rest_then_closes() -> None:
    engine = SlowEngine()
    worker = EngineWorker(engine)
    worker.start()
    running = worker.submit("hold", lambda e: e.hold())
    assert engine.started.wait(TIMEOUT)
    queued = worker.submit("sync:a", lambda e: e.calls.append("sync"))
    final = worker.stop(final=lambda e: e.calls.append("close"))
    with pytest.raises(WorkerStopped):
        worker.submit("due", lambda e: None)
    engine.release.set()
    final.result(TIMEOUT)
    assert worker.join(TIMEOUT)
    assert running.result(0) == "held"
    with pytest.raises(CancelledError):
        queued.result(0)
    assert engine.calls == ["hold", "close"]


def test_a_failing_task_reports_its_error_and_the_worker_carries_on() -> None:
    worker = EngineWorker(object())

    def boom(engine: Any) -> None:
        raise RuntimeError("store busy")

    worker.start()
    failed = worker.submit("sync:a", boom)
    fine = worker.submit("due", lambda e: "ok")
    with pytest.raises(RuntimeError, match="store busy"):
        failed.result(TIMEOUT)
    assert fine.result(TIMEOUT) == "ok"
    worker.stop().result(TIMEOUT)


# -- settings -------------------------------------------------------------------------------


def config(**report: Any) -> SimpleNamespace:
    return SimpleNamespace(
        agent=SimpleNamespace(timezone="Europe/Berlin"),
        report=SimpleNamespace(**({"weekday": "mon", "time": "08:00"} | report)),
        accounts=[SimpleNamespace(name="personal"), SimpleNamespace(name="work")],
    )


def test_settings_read_the_schedule_and_accounts() -> None:
    settings = DaemonSettings.from_config(config(weekday="Friday", time="17:45"))
    assert settings.tz == ZoneInfo("Europe/Berlin")
    assert (settings.report_weekday, settings.report_hour, settings.report_minute) == (
        "fri",
        17,
        45,
    )
    assert settings.due_check_minutes == 15
    assert settings.accounts == ("personal", "work")


def test_settings_name_every_key_they_cannot_schedule() -> None:
    with pytest.raises(ConfigError) as caught:
        DaemonSettings.from_config(config(weekday="someday", time="8 am"))
    assert [line.split(":")[0] for line in caught.value.lines] == ["report.weekday", "report.time"]


# -- status lines ---------------------------------------------------------------------------


def test_the_status_line_says_how_things_stand() -> None:
    monday = datetime(2026, 3, 9, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert (
        status_line({"open_processes": 3, "drafts_pending": 1}, monday, 2)
        == "3 open processes, 1 draft pending, next report Mon 08:00"
    )
    assert status_line({"open_processes": 1, "drafts_pending": 0}, None, 1) == (
        "1 open process, 0 drafts pending"
    )
    assert status_line({}, monday, 2) == "watching 2 accounts, next report Mon 08:00"


def test_cycle_summaries_are_one_line_and_only_when_something_happened() -> None:
    counters = {"messages": 4, "drafts_created": 1, "drafts_retracted": 0, "open_processes": 3}
    assert summary(counters) == "drafts_created=1 messages=4 open_processes=3"
    assert is_notable(counters)
    assert not is_notable({"messages": 0, "open_processes": 3})
    assert summary({"note": "two\nlines", "nested": {"a": 1}}) == "note=two lines"
    assert error_lines({"errors": {"work": "login refused\n(AUTHENTICATIONFAILED)"}}) == [
        "account work: login refused (AUTHENTICATIONFAILED)"
    ]
