"""The weekly email's slot: once per week, sent late after a missed Monday, never twice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cycle_helpers import inbox_reports, make_world

from agent.clock import FixedClock
from agent.config import load_config
from agent.demo.scenario import TZ
from agent.engine import Engine


def _engine(root: Path, clock: FixedClock) -> Engine:
    _, config = make_world(root)
    engine = Engine(load_config(config), clock)
    engine.open()
    return engine


def test_missed_monday_sends_once_on_wake_and_never_again(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 6, 18, 0, tzinfo=TZ))  # Friday evening
    engine = _engine(tmp_path, clock)
    try:
        assert engine.send_report_if_due()  # the week's Monday slot (W10), first run
        assert not engine.send_report_if_due()
        # The laptop sleeps from Friday to Wednesday: Monday 08:00 (W11) passes unseen.
        clock.set(datetime(2026, 3, 11, 7, 30, tzinfo=TZ))
        assert engine.report_slot() == "2026-W11"
        assert engine.send_report_if_due()
        assert not engine.send_report_if_due()
    finally:
        engine.close()
    # A restart on the same Wednesday remembers it.
    engine = Engine(load_config(tmp_path / "config.toml"), clock)
    engine.open()
    try:
        assert not engine.send_report_if_due()
        clock.set(datetime(2026, 3, 16, 7, 59, tzinfo=TZ))  # a minute before next Monday's
        assert not engine.send_report_if_due()
        clock.set(datetime(2026, 3, 16, 8, 0, tzinfo=TZ))
        assert engine.send_report_if_due()
    finally:
        engine.close()
    weeks = [r["X-Followup-Report"] for r in inbox_reports(tmp_path)]
    assert sorted(weeks) == ["2026-W10", "2026-W11", "2026-W12"]


def test_slot_follows_the_configured_day_and_time_in_the_users_timezone(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 29, 6, 59, tzinfo=TZ))  # Sunday, DST starts that day
    engine = _engine(tmp_path, clock)
    try:
        engine.cfg.report.weekday = "sun"
        engine.cfg.report.time = "07:00"
        assert engine.report_slot() == "2026-W12"  # last Sunday's
        clock.set(datetime(2026, 3, 29, 7, 0, tzinfo=TZ))
        assert engine.report_slot() == "2026-W13"
    finally:
        engine.close()
