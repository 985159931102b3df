"""`followup classify` output: one JSON object per message (PRODUCT.md section 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from agent.infer.classify import classify
from agent.infer.records import message_from_record
from agent.message import Message
from agent.verdict import Verdict


def verdict_to_json(v: Verdict, msg: Message) -> dict[str, Any]:
    """The section 5 keys, JSON-ready. `msg` is accepted for callers that add message facts."""
    del msg  # the verdict already carries everything section 5 asks for
    return {
        "label": v.label,
        "confidence": round(float(v.confidence), 3),
        "company": v.company,
        "role": v.role,
        "stage": v.stage,
        "interview_at": v.interview_at.isoformat() if v.interview_at else None,
        "timeline": v.timeline,
        "due": v.due.isoformat() if v.due else None,
        "contact": {"name": v.contact.name, "address": v.contact.addr} if v.contact else None,
        "channel": v.channel,
        "evidence": list(v.evidence),
    }


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def classify_inputs(
    files: list[str] | None, jsonl: str | None, tz: ZoneInfo | None
) -> Iterator[dict[str, Any]]:
    """Every input message's verdict as a dict, in input order; failures become error objects."""
    from agent.parse import parse_message

    for path in files or []:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            yield {"file": path, "error": f"cannot read {path}: {exc.strerror or _one_line(exc)}"}
            continue
        try:
            msg = parse_message(raw, None)
            v = classify(msg, tz=tz)
        except Exception as exc:  # one bad message must not stop the batch
            yield {"file": path, "error": f"cannot classify {path}: {_one_line(exc)}"}
            continue
        yield {"file": path, **verdict_to_json(v, msg)}
    if jsonl is not None:
        yield from _jsonl(jsonl, tz)


def _jsonl(path: str, tz: ZoneInfo | None) -> Iterator[dict[str, Any]]:
    try:
        fh = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield {"file": path, "error": f"cannot read {path}: {exc.strerror or _one_line(exc)}"}
        return
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": None, "line": n, "error": f"line {n}: invalid JSON ({exc.msg})"}
                continue
            if not isinstance(rec, dict):
                yield {"id": None, "line": n, "error": f"line {n}: not a JSON object"}
                continue
            rid = rec.get("id")
            try:
                msg = message_from_record(rec)
                v = classify(msg, tz=tz)
            except Exception as exc:  # one bad record must not stop the batch
                yield {"id": rid, "error": f"line {n}: cannot classify: {_one_line(exc)}"}
                continue
            yield {"id": rid, **verdict_to_json(v, msg)}
