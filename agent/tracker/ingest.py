"""One message into the store: infer it, find or open its process, re-derive the process.

Messages join a process by thread first (Message-ID, In-Reply-To, References, provider
thread id, calendar UID), then by company and role (PRODUCT.md section 3).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from agent.infer import classify
from agent.message import Message
from agent.store.repo import ProcessRow, Repo
from agent.tracker.fold import Derived, TrackedMessage, derive
from agent.tracker.keys import (
    company_key,
    fingerprint,
    looks_domain_derived,
    role_key,
    roles_compatible,
    slug,
)
from agent.tracker.serial import verdict_from_json, verdict_to_json
from agent.verdict import Verdict

log = logging.getLogger(__name__)

JOB_LABELS = ("invite", "rejection", "offer", "ack", "update")
# Mail of these kinds never opens a process by itself (cold outreach does once answered).
NOT_A_PROCESS = (
    "job_alert",
    "newsletter",
    "recruiter_outreach",
    "receipt",
    "notification",
    "auto_reply",
    "calendar_notice",
    "personal",
)


@dataclass
class Ingested:
    status: str  # processed | duplicate | seen
    fingerprint: str
    process_id: str | None = None
    verdict: Verdict | None = None
    changed: list[str] = field(default_factory=list)  # processes re-derived


def thread_keys(msg: Message) -> list[str]:
    keys = list(msg.thread_keys)
    if msg.thread_id:
        keys.append(f"thread:{msg.thread_id}")
    for ev in msg.calendar:
        if ev.uid:
            keys.append(f"ical:{ev.uid}")
    return keys


def ingest(
    repo: Repo,
    account: str,
    folder: str,
    remote_id: str,
    msg: Message,
    *,
    outbound: bool,
    tz: ZoneInfo,
    user_addresses: tuple[str, ...],
    now: datetime,
) -> Ingested:
    """Record one message and its effects. The caller holds the transaction."""
    if repo.seen_remote(account, folder, remote_id):
        return Ingested("seen", "")
    fp = fingerprint(msg)
    at = msg.date or now
    base = dict(
        account=account,
        folder=folder,
        remote_id=remote_id,
        fingerprint=fp,
        message_id=msg.message_id,
        thread_id=msg.thread_id,
        refs=" ".join(msg.thread_keys),
        reply_to=" ".join(a.key for a in msg.reply_to),
        followup_header=msg.headers.get("x-followup-process"),
        direction="out" if outbound else "in",
        sent_at=at.astimezone(UTC).isoformat(),
        subject=msg.subject[:500],
        from_addr=msg.from_.key if msg.from_ else None,
        from_name=msg.from_.name if msg.from_ else None,
        to_addrs=" ".join(a.key for a in (*msg.to, *msg.cc)),
    )
    if repo.seen_fingerprint(fp):
        repo.insert_message(**base, status="duplicate")
        return Ingested("duplicate", fp)
    if msg.headers.get("x-followup-report"):
        verdict = Verdict(
            label="other",
            confidence=1.0,
            evidence=["our own weekly report"],
            kind="notification",
            is_automatic=True,
        )
    else:
        verdict = classify(msg, tz=tz, user_addresses=user_addresses)
    repo.insert_message(
        **base,
        label=verdict.label,
        confidence=verdict.confidence,
        automatic=int(verdict.is_automatic),
        verdict=verdict_to_json(verdict),
        status="processed",
    )
    keys = thread_keys(msg)
    repo.add_thread_keys(fp, keys)
    process_id, changed = _assign(repo, account, fp, keys, verdict, outbound, at)
    if process_id:
        kind = "message_out" if outbound else "message_in"
        who = "you" if outbound else (msg.from_.name or msg.from_.addr if msg.from_ else "?")
        what = "wrote" if outbound else verdict.label
        repo.add_event(
            process_id,
            at,
            kind,
            f"{who}: {what}: {msg.subject[:120]}",
            f"msg:{fp}",
            label=None if outbound else verdict.label,
            subject=msg.subject[:300],
        )
    for pid in changed:
        rederive(repo, pid, now)
        if process_id == pid:
            process_id = _consolidate(repo, pid, now)
    result = Ingested("processed", fp, process_id, verdict, changed)
    return result


def _assign(
    repo: Repo,
    account: str,
    fp: str,
    keys: list[str],
    verdict: Verdict,
    outbound: bool,
    at: datetime,
) -> tuple[str | None, list[str]]:
    """Pick (or open) the process for a message. Returns it and every process to re-derive."""
    related = [
        r for r in repo.message_rows(repo.thread_fingerprints(keys)) if r["fingerprint"] != fp
    ]
    in_thread = sorted({r["process_id"] for r in related if r["process_id"]})
    if in_thread:
        target = _merge(repo, in_thread)
        repo.set_message_process(fp, target)
        return target, [target]
    if outbound:
        # The user answering a thread we hold (cold outreach, their own application mail)
        # makes that thread a process, named after the company that wrote.
        inbound = [r for r in related if r["direction"] == "in"]
        for row in sorted(inbound, key=lambda r: r["sent_at"], reverse=True):
            v = verdict_from_json(row["verdict"])
            if v.company and not v.is_automatic:
                pid = _open_process(repo, account, v, datetime.fromisoformat(row["sent_at"]))
                for r in related:
                    repo.set_message_process(r["fingerprint"], pid)
                repo.set_message_process(fp, pid)
                return pid, [pid]
        return None, []
    if verdict.label not in JOB_LABELS or verdict.kind in NOT_A_PROCESS or not verdict.company:
        return None, []
    pid = _match_company(repo, verdict, at)
    if pid is None:
        pid = _open_process(repo, account, verdict, at)
    for r in related:  # e.g. the user's own application mail this acknowledges
        if not r["process_id"]:
            repo.set_message_process(r["fingerprint"], pid)
    repo.set_message_process(fp, pid)
    return pid, [pid]


def _match_company(repo: Repo, verdict: Verdict, at: datetime) -> str | None:
    """An open process at the same company whose role does not contradict this one."""
    assert verdict.company
    rk = role_key(verdict.role)
    candidates = []
    for p in repo.processes_of_company(company_key(verdict.company)):
        d = Derived.from_json(p.derived)
        if not d.is_open and d.state != "ghosted":
            # A closed process takes mail dated before it closed (arrival order does not
            # matter), and later mail of the same role that is not a fresh application.
            history = d.closed_at is not None and at <= d.closed_at
            same_role = bool(rk and p.role_key and roles_compatible(rk, p.role_key))
            if not history and not (same_role and verdict.label != "ack"):
                continue
        if not roles_compatible(rk, p.role_key):
            continue
        candidates.append((bool(rk and p.role_key == rk), d.is_open, p.created_at, p.id))
    if not candidates:
        return None
    candidates.sort(reverse=True)
    return candidates[0][3]


def _open_process(repo: Repo, account: str, verdict: Verdict, at: datetime) -> str:
    assert verdict.company
    ckey = company_key(verdict.company) or slug(verdict.company)
    rk = role_key(verdict.role)
    taken = repo.process_ids()
    base = slug(verdict.company)
    if base in taken and verdict.role:
        base = slug(f"{verdict.company} {verdict.role}", 60)
    pid, n = base, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    repo.insert_process(
        ProcessRow(
            id=pid,
            account=account,
            company=verdict.company.strip()[:120],
            company_key=ckey,
            role=verdict.role,
            role_key=rk,
            created_at=at,
            derived=Derived().to_json(),
            merged_into=None,
        )
    )
    return pid


def _merge(repo: Repo, process_ids: list[str]) -> str:
    """A message tying several processes together merges them into the oldest."""
    if len(process_ids) == 1:
        return process_ids[0]
    rows = [p for p in (repo.process(pid) for pid in process_ids) if p]
    rows.sort(key=lambda p: (p.created_at, p.id))
    target = rows[0].id
    for other in rows[1:]:
        log.info("merging process %s into %s (one thread)", other.id, target)
        repo.merge_process(other.id, target)
    return target


def rederive(repo: Repo, process_id: str, now: datetime) -> Derived:
    """Recompute a process from its messages, actions and drafts; log what changed."""
    row = repo.process(process_id)
    assert row is not None
    before = Derived.from_json(row.derived)
    messages = repo.process_messages(process_id)
    after = derive(messages, repo.actions(process_id), repo.draft_marks(process_id))
    cols: dict[str, object] = {"derived": after.to_json()}
    role = best_role(messages)
    if role and role != row.role:
        cols["role"], cols["role_key"] = role, role_key(role)
    name = best_company_name(messages)
    if name and name != row.company:
        cols["company"] = name
    repo.update_process(process_id, **cols)
    at = now
    if after.state != before.state:
        stamp = (after.closed_at or at).isoformat()
        repo.add_event(
            process_id,
            after.closed_at or at,
            "state_changed",
            f"{row.company}: {before.state} -> {after.state}",
            f"state:{process_id}:{after.state}:{stamp}",
        )
    if after.stage != before.stage and after.stage:
        repo.add_event(
            process_id,
            at,
            "stage_changed",
            f"{row.company}: stage {after.stage}",
            f"stage:{process_id}:{after.stage}",
        )
    if after.needs_confirmation and not before.needs_confirmation:
        repo.add_event(
            process_id,
            at,
            "needs_confirmation",
            f"{row.company}: looks like {after.pending_verdict}, not acted on: "
            f"run `followup confirm {process_id}`",
            f"confirm:{process_id}:{after.pending_verdict}:{at.isoformat()}",
        )
    return after


def best_company_name(messages: list[TrackedMessage]) -> str | None:
    """The name most of the process's mail gives the company, preferring names a person
    wrote over ones read off a domain, so arrival order never decides it."""
    votes: dict[str, int] = {}
    for m in messages:
        v = m.verdict
        if not v.company:
            continue
        weight = 1 if looks_domain_derived(v.company, v.company_domain) else 3
        if m.direction == "out":
            weight = min(weight, 1)
        votes[v.company.strip()[:120]] = votes.get(v.company.strip()[:120], 0) + weight
    if not votes:
        return None
    return max(votes.items(), key=lambda kv: (kv[1], " " in kv[0], kv[0]))[0]


_JOB_WORD = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|designer|scientist|specialist|lead|"
    r"director|architect|consultant|intern|associate|administrator|coordinator|officer|"
    r"representative|technician|researcher|writer|editor|head|recruiter|accountant|nurse|"
    r"teacher|sales|marketing|operations|product|data|software)\b",
    re.IGNORECASE,
)


def best_role(messages: list[TrackedMessage]) -> str | None:
    """The role most of the process's mail names, preferring ones that read like a job title."""
    votes: dict[str, tuple[int, str]] = {}
    for m in messages:
        role = m.verdict.role
        key = role_key(role)
        if not role or not key:
            continue
        weight = (2 if _JOB_WORD.search(role) else 0) + (1 if m.direction == "in" else 0)
        count, _ = votes.get(key, (0, role))
        votes[key] = (count + weight, role)
    if not votes:
        return None
    best = max(votes.items(), key=lambda kv: (kv[1][0], -len(kv[0]), kv[0]))
    return best[1][1]


def _consolidate(repo: Repo, process_id: str, now: datetime) -> str:
    """Merge processes that turn out to be one opening once more mail is known (e.g. an
    ATS acknowledgement that arrived before the recruiter's thread named the role).
    The older process survives, so the outcome does not depend on arrival order."""
    row = repo.process(process_id)
    assert row is not None
    group = [row]
    for other in repo.processes_of_company(row.company_key):
        if other.id == row.id or not (other.role_key and row.role_key):
            continue
        if not roles_compatible(other.role_key, row.role_key):
            continue
        first, second = sorted((row, other), key=lambda p: (p.created_at, p.id))
        d = Derived.from_json(first.derived)
        if d.is_open or (d.closed_at is not None and second.created_at <= d.closed_at):
            group.append(other)
    if len(group) == 1:
        return process_id
    target = _merge(repo, sorted({p.id for p in group}))
    rederive(repo, target, now)
    return target
