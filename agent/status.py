"""Process and event views for status, the weekly report and the export."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from agent.policy.due import PolicySettings
from agent.store.repo import ProcessRow, Repo
from agent.timing import decision_for
from agent.tracker.fold import Derived
from agent.views import EventView, ProcessView

_DRAFT_SHOWN = {
    "intent": "pending",
    "pending": "pending",
    "edited": "pending",
    "kept": "pending",
    "sent": "sent",
    "deleted": "deleted",
    "retracted": "retracted",
}


def _draft_state(repo: Repo, process_id: str) -> tuple[str, bool]:
    drafts = repo.drafts(process_id)
    if not drafts:
        return "none", False
    last = drafts[-1]
    return _DRAFT_SHOWN.get(last.state, "none"), last.state in ("edited", "kept")


def _note(repo: Repo, proc: ProcessRow, d: Derived) -> str:
    if d.needs_confirmation:
        what = {"offer": "an offer", "rejection": "a rejection"}.get(
            d.pending_verdict or "", "a decision"
        )
        return (
            f"looks like {what}: "
            f"not acted on; `followup confirm {proc.id}` or `followup close {proc.id}`"
        )
    for row in reversed(repo.events(proc.id)):
        if row["kind"] == "no_draft":
            return str(row["summary"]).split(": ", 1)[-1]
        if row["kind"].startswith("draft_"):
            break
    return ""


def process_view(
    repo: Repo, proc: ProcessRow, settings: PolicySettings, tz: ZoneInfo, now: datetime
) -> ProcessView:
    d = Derived.from_json(proc.derived)
    dec = decision_for(d, settings, tz, now)
    draft, edited = _draft_state(repo, proc.id)
    flags = d.flags()
    contacts = [x for x in (d.last_company_at, d.last_user_at) if x]
    return ProcessView(
        id=proc.id,
        company=proc.company,
        role=proc.role or d.role,
        stage=d.stage,
        state=d.state,
        flags=flags,
        last_contact=max(contacts) if contacts else None,
        last_company_contact=d.last_company_at,
        last_user_contact=d.last_user_at,
        due=dec.due if d.is_open else None,
        due_reason=dec.reason,
        draft=draft,
        draft_edited=edited,
        contact_name=d.contact_name,
        contact_addr=d.contact_addr,
        interview_at=d.interview_at,
        followups_sent=d.followups_sent,
        opened_at=d.opened_at or proc.created_at,
        closed_at=d.closed_at,
        note=_note(repo, proc, d),
        pending_verdict=d.pending_verdict,
        first_answer_days=dict(d.first_answer_days),
    )


def process_views(
    repo: Repo, settings: PolicySettings, tz: ZoneInfo, now: datetime, include_closed: bool = True
) -> list[ProcessView]:
    views = [process_view(repo, p, settings, tz, now) for p in repo.processes()]
    if not include_closed:
        views = [v for v in views if v.is_open]
    far = datetime.max.date()
    views.sort(key=lambda v: (not v.is_open, v.due or far, v.company.lower(), v.id))
    return views


def event_views(repo: Repo) -> list[EventView]:
    companies = {p.id: p.company for p in repo.processes(include_merged=True)}
    return [
        EventView(
            process_id=r["process_id"],
            company=companies.get(r["process_id"], ""),
            at=datetime.fromisoformat(r["at"]),
            kind=r["kind"],
            summary=r["summary"],
            label=r["label"],
            subject=r["subject"],
        )
        for r in repo.events()
    ]


def view_json(v: ProcessView, tz: ZoneInfo) -> dict[str, Any]:
    """One status row with exactly the PRODUCT.md section 1 keys."""
    return {
        "id": v.id,
        "company": v.company,
        "role": v.role,
        "stage": v.stage,
        "state": v.state,
        "flags": list(v.flags),
        "last_contact": v.last_contact.astimezone(tz).date().isoformat()
        if v.last_contact
        else None,
        "due": v.due.isoformat() if v.due else None,
        "due_reason": v.due_reason,
        "draft": v.draft,
        "contact": v.contact,
    }


def find_process(repo: Repo, query: str) -> ProcessRow | None:
    """A process by id, else by a unique company name (case-insensitive)."""
    proc = repo.process(query)
    while proc is not None and proc.merged_into:
        proc = repo.process(proc.merged_into)
    if proc:
        return proc
    q = query.strip().lower()
    matches = [p for p in repo.processes() if p.company.lower() == q or p.id.startswith(q)]
    return matches[0] if len(matches) == 1 else None
