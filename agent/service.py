"""The application's use cases, one function each; the CLI is a thin layer over these."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.clock import Clock
from agent.errors import ConfigError
from agent.views import ProcessView

if TYPE_CHECKING:
    from agent.config import Config
    from agent.engine import Engine


@contextmanager
def _engine(cfg: Config, clock: Clock, *, exclusive: bool = True) -> Iterator[Engine]:
    from agent.engine import Engine

    engine = Engine(cfg, clock)
    engine.open(exclusive=exclusive)
    try:
        yield engine
    finally:
        engine.close()


def run_once(cfg: Config, clock: Clock) -> dict[str, Any]:
    """One full cycle over every account; returns counters for the summary line."""
    with _engine(cfg, clock) as engine:
        return engine.full_cycle()


def run_daemon(cfg: Config, config_path: Path | None) -> int:
    """The long-running agent (foreground). Returns the exit code."""
    from agent.clock import clock_from_env
    from agent.daemon import run_daemon as daemon

    return daemon(cfg, clock_from_env(running=True), config_path)


def status(cfg: Config, clock: Clock, include_closed: bool) -> list[ProcessView]:
    from agent.policy.due import PolicySettings
    from agent.status import process_views

    with _engine(cfg, clock, exclusive=False) as engine:
        return process_views(
            engine.repo,
            PolicySettings.from_config(cfg.policy),
            cfg.tz,
            clock.now(),
            include_closed=include_closed,
        )


def status_json(cfg: Config, views: list[ProcessView]) -> list[dict[str, Any]]:
    from agent.status import view_json

    return [view_json(v, cfg.tz) for v in views]


def build_report(cfg: Config, clock: Clock) -> EmailMessage:
    from agent.reporting import make_report

    with _engine(cfg, clock, exclusive=False) as engine:
        return make_report(engine)


def send_report(cfg: Config, clock: Clock) -> str:
    """Deliver the report now; returns a one-line description of where it went."""
    from agent.reporting import deliver_report, report_message_id

    # A report on demand writes nothing to the store, so it may run beside the daemon.
    with _engine(cfg, clock, exclusive=False) as engine:
        now = clock.now()
        slot = f"manual-{now.isoformat()}"
        where = deliver_report(engine, slot, report_message_id(slot, engine.profile.address))
        return f"weekly status email delivered to {where}"


def export(cfg: Config, clock: Clock, fmt: str, out: Path) -> list[Path]:
    from agent.export import export_csv, export_xlsx
    from agent.policy.due import PolicySettings
    from agent.status import event_views, process_views

    with _engine(cfg, clock, exclusive=False) as engine:
        views = process_views(
            engine.repo,
            PolicySettings.from_config(cfg.policy),
            cfg.tz,
            clock.now(),
            include_closed=True,
        )
        events = event_views(engine.repo)
    if fmt == "xlsx":
        return [export_xlsx(views, events, out, cfg.tz)]
    if fmt == "csv":
        return list(export_csv(views, events, out, cfg.tz))
    raise ConfigError(f"--format: must be csv or xlsx, not {fmt!r}")


def _user_action(
    cfg: Config, clock: Clock, process: str, action: str, outcome: str | None
) -> ProcessView:
    from agent.engine import Engine
    from agent.status import find_process, process_view
    from agent.store import StoreLocked
    from agent.tracker.fold import Derived
    from agent.tracker.ingest import rederive

    engine = Engine(cfg, clock)
    try:
        engine.open()
        owner = True
    except StoreLocked:
        # The daemon holds the writer lock: the user's word is still recorded, and the
        # daemon acts on the drafts at its next check.
        engine.open(exclusive=False)
        owner = False
    try:
        proc = find_process(engine.repo, process)
        if proc is None:
            raise ConfigError(f"PROCESS: no process {process!r} (see `followup status --all`)")
        d = Derived.from_json(proc.derived)
        if action == "reopen" and d.is_open:
            raise ConfigError(f"PROCESS: {proc.id} is already open")
        if action == "confirm" and not d.needs_confirmation:
            raise ConfigError(f"PROCESS: {proc.id} has no verdict waiting for confirmation")
        now = clock.now()
        with engine.store.transaction():
            engine.repo.add_action(proc.id, now, action, outcome)
            engine.repo.add_event(
                proc.id,
                now,
                f"user_{action}",
                f"{proc.company}: you said {action} {outcome or ''}".strip(),
                f"user:{proc.id}:{action}:{now.isoformat()}",
            )
            rederive(engine.repo, proc.id, now)
        if owner:
            engine.keeper(proc.account).run(now)  # e.g. retract the draft of a closed process
        fresh = engine.repo.process(proc.id)
        assert fresh is not None
        return process_view(engine.repo, fresh, engine.settings, cfg.tz, now)
    finally:
        engine.close()


def close_process(cfg: Config, clock: Clock, process: str, outcome: str) -> ProcessView:
    if outcome not in ("rejected", "offer", "withdrawn"):
        raise ConfigError(f"--as: must be rejected, offer or withdrawn, not {outcome!r}")
    return _user_action(cfg, clock, process, "close", outcome)


def reopen_process(cfg: Config, clock: Clock, process: str) -> ProcessView:
    return _user_action(cfg, clock, process, "reopen", None)


def confirm_process(cfg: Config, clock: Clock, process: str) -> ProcessView:
    return _user_action(cfg, clock, process, "confirm", None)


def run_demo(out_dir: Path | None) -> int:
    from agent.demo import run_demo as demo

    return demo(out_dir)
