"""A kill -9 at any point of a draft's creation never yields a second draft, and a
restart never repeats work already done."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from cycle_helpers import drafts, followup, inbox_reports, make_world

from agent.demo.scenario import TZ

# Thursday 19 March 2026: Helios Energy's follow-up is due that morning.
DUE = datetime(2026, 3, 19, 9, 0, tzinfo=TZ)


def _processes_with_drafts(root: Path) -> list[str]:
    return sorted(str(m["X-Followup-Process"]) for m in drafts(root))


@pytest.fixture()
def clean_result(tmp_path: Path) -> list[str]:
    world, config = make_world(tmp_path / "clean")
    world.deliver_until(DUE)
    followup(config, DUE, "run", "--once")
    found = _processes_with_drafts(tmp_path / "clean")
    assert "helios-energy" in found
    return found


@pytest.mark.parametrize("point", ["after-draft-intent", "after-draft-write"])
def test_kill_during_draft_creation_then_rerun_gives_one_draft_each(
    tmp_path: Path, clean_result: list[str], point: str
) -> None:
    root = tmp_path / "crash"
    world, config = make_world(root)
    world.deliver_until(DUE)
    crashed = followup(config, DUE, "run", "--once", crash=point, check=False)
    assert crashed.returncode == 137  # died like kill -9, nothing cleaned up
    written = len(drafts(root))
    assert written == (0 if point == "after-draft-intent" else 1)

    followup(config, DUE, "run", "--once")
    assert _processes_with_drafts(root) == clean_result  # one each, none twice

    followup(config, DUE, "run", "--once")  # and a third run changes nothing
    assert _processes_with_drafts(root) == clean_result


def test_restart_does_not_repeat_the_weekly_email(tmp_path: Path) -> None:
    world, config = make_world(tmp_path)
    monday = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)
    world.deliver_until(monday)
    followup(config, monday, "run", "--once")
    followup(config, monday, "run", "--once")
    assert [r["X-Followup-Report"] for r in inbox_reports(tmp_path)] == ["2026-W11"]


def test_kill_while_delivering_the_weekly_email_still_gives_one(tmp_path: Path) -> None:
    world, config = make_world(tmp_path)
    monday = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)
    world.deliver_until(monday)
    crashed = followup(config, monday, "run", "--once", crash="after-report-write", check=False)
    assert crashed.returncode == 137
    assert len(inbox_reports(tmp_path)) == 1
    followup(config, monday, "run", "--once")
    assert len(inbox_reports(tmp_path)) == 1
