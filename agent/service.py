"""The application's use cases, one function each; the CLI is a thin layer over these.

Functions that are not built yet raise NotImplementedYet (the CLI says so and exits 1).
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.clock import Clock
from agent.errors import NotImplementedYet
from agent.views import ProcessView

if TYPE_CHECKING:
    from agent.config import Config


def run_once(cfg: Config, clock: Clock) -> dict[str, Any]:
    """One full cycle over every account; returns counters for the summary line."""
    raise NotImplementedYet("followup run --once is not implemented yet")


def run_daemon(cfg: Config, config_path: Path | None) -> int:
    """The long-running agent (foreground). Returns the exit code."""
    raise NotImplementedYet("followup run (daemon) is not implemented yet")


def status(cfg: Config, clock: Clock, include_closed: bool) -> list[ProcessView]:
    raise NotImplementedYet("followup status is not implemented yet")


def status_json(cfg: Config, views: list[ProcessView]) -> list[dict[str, Any]]:
    raise NotImplementedYet("followup status --json is not implemented yet")


def build_report(cfg: Config, clock: Clock) -> EmailMessage:
    raise NotImplementedYet("followup report is not implemented yet")


def send_report(cfg: Config, clock: Clock) -> str:
    """Deliver the report now; returns a one-line description of where it went."""
    raise NotImplementedYet("followup report --send is not implemented yet")


def export(cfg: Config, clock: Clock, fmt: str, out: Path) -> list[Path]:
    raise NotImplementedYet("followup export is not implemented yet")


def close_process(cfg: Config, clock: Clock, process: str, outcome: str) -> ProcessView:
    raise NotImplementedYet("followup close is not implemented yet")


def reopen_process(cfg: Config, clock: Clock, process: str) -> ProcessView:
    raise NotImplementedYet("followup reopen is not implemented yet")


def confirm_process(cfg: Config, clock: Clock, process: str) -> ProcessView:
    raise NotImplementedYet("followup confirm is not implemented yet")


def run_demo(out_dir: Path | None) -> int:
    raise NotImplementedYet("followup demo is not implemented yet")
