"""The shared walk over word starts: the C-accelerated and the pure-Python walk agree."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.infer import classify, scan
from agent.infer.records import message_from_record
from agent.infer.text import prepare

DATA = Path(__file__).parent / "data" / "infer"
SETS = [f"blind{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")] + [
    "cases.jsonl"
]


def records() -> Iterator[dict[str, object]]:
    for name in SETS:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def texts() -> list[str]:
    out: list[str] = []
    for rec in records():
        p = prepare(str(rec.get("subject") or ""), str(rec.get("body") or ""))
        out += [p.body_lc, p.subject_lc]
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123 .,'-!?\n\u00e9"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(500)]
    out.append("we haven't been selected; they didn't, can't, won't, 'n't, café n't")
    return out


def test_both_walks_find_the_same_candidates() -> None:
    for text in texts():
        assert scan.walk_automaton(text) == scan.walk_words(text), text[:80]


def test_verdicts_do_not_depend_on_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    recs = list(records())
    fast = [classify(message_from_record(r)) for r in recs]
    monkeypatch.setattr(scan, "USE_AUTOMATON", False)
    scan.walk.cache_clear()
    try:
        slow = [classify(message_from_record(r)) for r in recs]
    finally:
        scan.walk.cache_clear()
    assert [(v.label, v.confidence, v.timeline, v.company) for v in fast] == [
        (v.label, v.confidence, v.timeline, v.company) for v in slow
    ]
