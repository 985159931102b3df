"""What the daemon reads from the config: the schedule, the time zone and the accounts.

Extracted once per (re)load so a config that cannot be scheduled is refused before the
running daemon lets go of its old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from agent.errors import ConfigError

if TYPE_CHECKING:
    from agent.config import Config

DEFAULT_DUE_CHECK_MINUTES = 15
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DaemonSettings:
    tz: tzinfo
    report_weekday: str  # "mon" ... "sun", as CronTrigger's day_of_week takes it
    report_hour: int
    report_minute: int
    due_check_minutes: int
    accounts: tuple[str, ...]

    @classmethod
    def from_config(cls, cfg: Config | Any) -> DaemonSettings:
        """Read the daemon's settings; raises ConfigError naming each bad key."""
        problems: list[str] = []
        tz = _zone(cfg, problems)
        weekday = str(cfg.report.weekday).strip().lower()[:3]
        if weekday not in WEEKDAYS:
            problems.append("report.weekday: must be one of " + ", ".join(WEEKDAYS))
        hour, minute = _hour_minute(cfg.report.time, problems)
        # `agent.due_check_minutes` is optional: older configs (and the model) may lack it.
        minutes = getattr(cfg.agent, "due_check_minutes", None) or DEFAULT_DUE_CHECK_MINUTES
        if not isinstance(minutes, int) or minutes < 1:
            problems.append("agent.due_check_minutes: must be a whole number of minutes >= 1")
            minutes = DEFAULT_DUE_CHECK_MINUTES
        names = tuple(str(account.name) for account in cfg.accounts)
        if problems:
            raise ConfigError("the daemon cannot schedule this config", lines=problems)
        return cls(
            tz=tz,
            report_weekday=weekday,
            report_hour=hour,
            report_minute=minute,
            due_check_minutes=minutes,
            accounts=names,
        )


def _zone(cfg: Any, problems: list[str]) -> tzinfo:
    zone = getattr(cfg, "tz", None)
    if isinstance(zone, tzinfo):
        return zone
    name = getattr(cfg.agent, "timezone", None) or "UTC"
    try:
        return ZoneInfo(str(name))
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        problems.append(f"agent.timezone: unknown time zone {name!r}")
        return ZoneInfo("UTC")


def _hour_minute(value: Any, problems: list[str]) -> tuple[int, int]:
    hour = getattr(value, "hour", None)
    minute = getattr(value, "minute", None)
    if isinstance(hour, int) and isinstance(minute, int):
        return hour, minute
    text = str(value).strip()
    left, sep, right = text.partition(":")
    if sep and left.isdigit() and right.isdigit() and int(left) < 24 and int(right) < 60:
        return int(left), int(right)
    problems.append('report.time: must be a 24-hour time "HH:MM"')
    return 8, 0
