"""Verdicts to and from JSON for the store (dates as ISO 8601)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from agent.message import Address
from agent.verdict import Verdict

_DATETIME_FIELDS = {"interview_at", "interview_end"}


def verdict_to_json(v: Verdict) -> str:
    data = asdict(v)
    for key, value in data.items():
        if isinstance(value, datetime | date):
            data[key] = value.isoformat()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def verdict_from_json(text: str) -> Verdict:
    raw: dict[str, Any] = json.loads(text)
    known = {f.name for f in fields(Verdict)}
    data = {k: v for k, v in raw.items() if k in known}
    for key in _DATETIME_FIELDS:
        if data.get(key):
            data[key] = datetime.fromisoformat(data[key])
    if data.get("due"):
        data["due"] = date.fromisoformat(data["due"])
    if data.get("contact"):
        data["contact"] = Address(**data["contact"])
    return Verdict(**data)


def dt_to_text(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def dt_from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
