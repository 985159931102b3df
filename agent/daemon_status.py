"""One-line texts the daemon shows: systemd's STATUS= and the log's cycle summaries."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

# Counters that describe the state rather than what just happened: they are shown in STATUS=
# but a cycle whose only non-zero counters are these is not worth an INFO log line.
GAUGES = frozenset({"open_processes", "drafts_pending", "accounts"})


def _count(counters: Mapping[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = counters.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def status_line(counters: Mapping[str, Any], next_report: datetime | None, accounts: int) -> str:
    """E.g. "3 open processes, 1 draft pending, next report Mon 08:00"."""
    parts: list[str] = []
    open_count = _count(counters, "open_processes", "open")
    if open_count is not None:
        parts.append(_plural(open_count, "open process", "open processes"))
    pending = _count(counters, "drafts_pending")
    if pending is not None:
        parts.append(_plural(pending, "draft", "drafts") + " pending")
    if not parts:
        parts.append("watching " + _plural(accounts, "account", "accounts"))
    if next_report is not None:
        parts.append("next report " + next_report.strftime("%a %H:%M"))
    return ", ".join(parts)


def summary(counters: Mapping[str, Any] | None) -> str:
    """The non-zero scalar counters as `key=value`, sorted; nested values are left out."""
    if not counters:
        return ""
    items: list[str] = []
    for key in sorted(counters):
        value = counters[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue
        if value in (0, ""):
            continue
        text = " ".join(str(value).split())
        items.append(f"{key}={text[:80]}")
    return " ".join(items)


def is_notable(counters: Mapping[str, Any] | None) -> bool:
    """True if the counters say something happened (not just how things stand)."""
    if not counters:
        return False
    for key, value in counters.items():
        if key in GAUGES or isinstance(value, bool):
            continue
        if isinstance(value, int | float) and value:
            return True
    return False


def error_lines(counters: Mapping[str, Any] | None) -> list[str]:
    """Per-account failures a cycle reported under "errors" ({account: text} or [text])."""
    found = (counters or {}).get("errors")
    if isinstance(found, Mapping):
        return [f"account {name}: {' '.join(str(text).split())}" for name, text in found.items()]
    if isinstance(found, list | tuple):
        return [" ".join(str(text).split()) for text in found]
    return []
