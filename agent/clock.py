"""Time is injected: every decision asks a Clock, never datetime.now() directly.

`FOLLOWUP_NOW` (ISO 8601 with offset) fixes the clock for every command.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Protocol

from agent.errors import ConfigError


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock stuck at one moment (tests, FOLLOWUP_NOW, the demo). `set` moves it."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._moment = moment

    def now(self) -> datetime:
        return self._moment

    def set(self, moment: datetime) -> None:
        self._moment = moment


class OffsetClock:
    """Runs in real time from a fixed starting moment (the daemon under FOLLOWUP_NOW)."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._origin = datetime.now(UTC)

    def now(self) -> datetime:
        return self._start + (datetime.now(UTC) - self._origin)


def parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigError(f"FOLLOWUP_NOW: not an ISO 8601 date-time: {value!r}") from exc
    if moment.tzinfo is None:
        raise ConfigError(
            f"FOLLOWUP_NOW: needs a UTC offset, e.g. 2026-03-02T09:00:00+01:00: {value!r}"
        )
    return moment


def clock_from_env(*, running: bool = False) -> Clock:
    """The clock for a command. `running=True` (the daemon) keeps time moving from FOLLOWUP_NOW."""
    value = os.environ.get("FOLLOWUP_NOW", "").strip()
    if not value:
        return SystemClock()
    moment = parse_now(value)
    return OffsetClock(moment) if running else FixedClock(moment)
