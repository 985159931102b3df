"""Score the classifier on a labelled JSONL corpus.

    python -m agent.infer.eval CORPUS.jsonl [--json] [--tz Europe/Berlin]

Records: `{"id","label","subject","from_name","from_addr","body"}` plus optional `date`,
`timeline` (as written; an explicit null means "states no timeline"), `due` (ISO date, checked
when the record has a date), `company`, `role`, `stage`, `channel`, and `min_confidence` /
`max_confidence` (bounds on the confidence of a correct label).
Prints per-label precision/recall/F1, macro F1, the confusion matrix, false rejections,
'other' mail taken for a job label, offer recall, the timeline found rate, due dates invented
for mail that states none, company/role/stage/channel accuracy (where the record gives one),
confidence bounds missed, and every misclassified id with its top evidence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from agent.infer.classify import classify
from agent.infer.records import message_from_record
from agent.verdict import LABELS

_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_STAGE_WORDS = re.compile(r"^(?:application|phone screen|interview round \d+|final|assessment)$")
_CO_SUFFIX = re.compile(
    r"\b(?:inc|llc|llp|ltd|limited|corp|corporation|co|company|gmbh|ag|plc|sa|group|the|pvt|pte)\b\.?",
    re.I,
)


@dataclass
class Report:
    n: int = 0
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    macro_f1: float = 0.0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    false_rejections: int = 0
    rejection_precision: float = 0.0
    other_as_job_pct: float = 0.0
    offer_recall: float = 0.0
    timeline_total: int = 0
    timeline_found: int = 0
    timeline_found_pct: float = 0.0
    due_total: int = 0
    due_right: int = 0
    company_total: int = 0
    company_right: int = 0
    company_pct: float = 0.0
    spurious_due_total: int = 0  # records that state no timeline (explicit null)
    spurious_due: int = 0  # ... for which a due date was produced anyway
    fields: dict[str, list[int]] = field(default_factory=dict)  # role/stage/channel: [right, n]
    confidence_misses: int = 0
    misclassified: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)  # timeline / due / company misses

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def norm_company(name: str | None) -> str:
    if not name:
        return ""
    s = _CO_SUFFIX.sub(" ", name.lower())
    return re.sub(r"[^a-z0-9]", "", s)


def _timeline_match(gold: str, got: str | None) -> bool:
    if not got:
        return False
    g, p = _plain_when(gold), _plain_when(got)
    return g == p or g in p or p in g


# Typography and the leading preposition do not change a timeline: "until Friday, May 16" is
# "Friday, May 16 at 5pm PT", "3–5 business days" is "3-5 business days".
_LEAD_WORD = re.compile(r"^(?:by|until|till|on|before|after|around|in|within|during) ")


def _plain_when(text: str) -> str:
    t = re.sub(r"\s+", " ", text.lower().replace("\u2013", "-").replace("\u2014", "-"))
    return _LEAD_WORD.sub("", t.strip(" ."))


def _field_match(key: str, want: str, got: str | None) -> bool:
    if not got:
        return False
    if key == "role":
        return re.sub(r"[^a-z0-9]", "", want.lower()) == re.sub(r"[^a-z0-9]", "", got.lower())
    return want.strip().lower() == got.strip().lower()


def evaluate(records: list[dict[str, Any]], tz: ZoneInfo | None = None) -> Report:
    rep = Report()
    conf: dict[str, dict[str, int]] = {g: {p: 0 for p in LABELS} for g in LABELS}
    for rec in records:
        gold = rec.get("label")
        if gold not in LABELS:
            continue
        rep.n += 1
        msg = message_from_record(rec)
        v = classify(msg, tz=tz)
        conf[gold][v.label] += 1
        if v.label != gold:
            rep.misclassified.append(
                {
                    "id": rec.get("id"),
                    "gold": gold,
                    "predicted": v.label,
                    "confidence": round(v.confidence, 3),
                    "evidence": v.evidence[:3],
                }
            )
        tl = rec.get("timeline")
        if isinstance(tl, str) and tl.strip() and not _PLACEHOLDER.search(tl):
            rep.timeline_total += 1
            if _timeline_match(tl, v.timeline):
                rep.timeline_found += 1
            else:
                rep.misses.append({"id": rec.get("id"), "timeline": tl, "got": v.timeline})
            due = rec.get("due")
            if due and msg.date is not None:
                rep.due_total += 1
                if v.due and v.due.isoformat() == due:
                    rep.due_right += 1
                else:
                    rep.misses.append(
                        {
                            "id": rec.get("id"),
                            "due": due,
                            "got": v.due.isoformat() if v.due else None,
                        }
                    )
        elif "timeline" in rec and tl is None and msg.date is not None:
            rep.spurious_due_total += 1
            if v.due is not None:
                rep.spurious_due += 1
                rep.misses.append({"id": rec.get("id"), "timeline": None, "got": v.timeline})
        for key in ("role", "stage", "channel"):
            want = rec.get(key)
            if key == "stage" and not _STAGE_WORDS.match(str(want)):
                continue  # a corpus note in another vocabulary ("first round"), not ours
            if isinstance(want, str) and want.strip() and gold != "other":
                got = getattr(v, key)
                tally = rep.fields.setdefault(key, [0, 0])
                tally[1] += 1
                if _field_match(key, want, got):
                    tally[0] += 1
                else:
                    rep.misses.append({"id": rec.get("id"), key: want, "got": got})
        if v.label == gold:
            lo, hi = rec.get("min_confidence"), rec.get("max_confidence")
            if (isinstance(lo, (int, float)) and v.confidence < lo) or (
                isinstance(hi, (int, float)) and v.confidence > hi
            ):
                rep.confidence_misses += 1
                rep.misses.append(
                    {"id": rec.get("id"), "confidence": round(v.confidence, 3), "bounds": [lo, hi]}
                )
        co = rec.get("company")
        if isinstance(co, str) and co.strip() and gold != "other":
            rep.company_total += 1
            if norm_company(co) == norm_company(v.company):
                rep.company_right += 1
            else:
                rep.misses.append({"id": rec.get("id"), "company": co, "got": v.company})
    rep.confusion = conf
    f1s = []
    for lb in LABELS:
        tp = conf[lb][lb]
        fp = sum(conf[g][lb] for g in LABELS if g != lb)
        fn = sum(conf[lb][p] for p in LABELS if p != lb)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec_ = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        rep.per_label[lb] = {"precision": prec, "recall": rec_, "f1": f1, "support": tp + fn}
        if tp + fn:
            f1s.append(f1)
    rep.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    rep.false_rejections = sum(conf[g]["rejection"] for g in LABELS if g != "rejection")
    rep.rejection_precision = rep.per_label["rejection"]["precision"]
    others = sum(conf["other"].values())
    rep.other_as_job_pct = (
        100.0 * sum(conf["other"][p] for p in LABELS if p != "other") / others if others else 0.0
    )
    rep.offer_recall = rep.per_label["offer"]["recall"]
    rep.timeline_found_pct = (
        100.0 * rep.timeline_found / rep.timeline_total if rep.timeline_total else 100.0
    )
    rep.company_pct = 100.0 * rep.company_right / rep.company_total if rep.company_total else 100.0
    return rep


def load(path: str) -> list[dict[str, Any]]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if isinstance(rec, dict):
                out.append(rec)
    return out


def render(rep: Report) -> str:
    lines = [
        f"messages: {rep.n}",
        "",
        f"{'label':<10} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}",
    ]
    for lb in LABELS:
        m = rep.per_label[lb]
        lines.append(
            f"{lb:<10} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
            f"{int(m['support']):5d}"
        )
    lines += [
        f"macro F1: {rep.macro_f1:.3f}",
        f"rejection precision: {rep.rejection_precision:.3f}",
        f"false rejections (non-rejections labelled rejection): {rep.false_rejections}",
        f"'other' taken for a job label: {rep.other_as_job_pct:.1f}%",
        f"offer recall: {rep.offer_recall:.3f}",
        f"timeline found: {rep.timeline_found}/{rep.timeline_total} "
        f"({rep.timeline_found_pct:.1f}%)",
    ]
    if rep.due_total:
        lines.append(f"due right: {rep.due_right}/{rep.due_total}")
    if rep.company_total:
        lines.append(
            f"company right: {rep.company_right}/{rep.company_total} ({rep.company_pct:.1f}%)"
        )
    if rep.spurious_due_total:
        lines.append(
            f"due date invented (mail states no timeline): "
            f"{rep.spurious_due}/{rep.spurious_due_total}"
        )
    for key, (right, n) in rep.fields.items():
        lines.append(f"{key} right: {right}/{n}")
    if rep.confidence_misses:
        lines.append(f"confidence outside the record's bounds: {rep.confidence_misses}")
    lines += [
        "",
        "confusion (rows gold, columns predicted):",
        "           " + " ".join(f"{p[:6]:>6}" for p in LABELS),
    ]
    for g in LABELS:
        lines.append(f"{g:<10} " + " ".join(f"{rep.confusion[g][p]:6d}" for p in LABELS))
    if rep.misclassified:
        lines += ["", "misclassified:"]
        for m in rep.misclassified:
            ev = "; ".join(m["evidence"]) or "-"
            lines.append(
                f"  {m['id']}: gold {m['gold']}, predicted {m['predicted']} "
                f"({m['confidence']}) {ev}"
            )
    if rep.misses:
        lines += ["", "timeline/due/company misses:"]
        lines += [f"  {json.dumps(m, ensure_ascii=False)}" for m in rep.misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m agent.infer.eval", description=__doc__.split("\n")[0]
    )
    ap.add_argument("corpus", help="labelled JSONL file")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--tz", default=None, help="timezone for relative dates (default UTC)")
    args = ap.parse_args(argv)
    try:
        records = load(args.corpus)
        tz = ZoneInfo(args.tz) if args.tz else None
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {args.corpus}: {exc}", file=sys.stderr)
        return 2
    rep = evaluate(records, tz)
    print(json.dumps(rep.as_dict(), indent=2) if args.json else render(rep))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
