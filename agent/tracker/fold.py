"""A process's state, derived from everything known about it, in date order.

Deriving (rather than updating in place) makes the result independent of the order mail
arrives in: replaying the same messages in any order gives the same process.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from agent.tracker.serial import dt_from_text, dt_to_text
from agent.tracker.states import CLOSED, OPEN, next_state
from agent.verdict import (
    STAGE_APPLICATION,
    STAGE_ASSESSMENT,
    STAGE_PHONE_SCREEN,
    Verdict,
    interview_round,
    round_of,
)

# A rejection or an offer closes a process only at or above this confidence; below it
# the process is flagged needs_confirmation and left open (PRODUCT.md non-negotiable 5).
CLOSE_CONFIDENCE = 0.8


@dataclass(frozen=True)
class TrackedMessage:
    fingerprint: str
    message_id: str | None
    refs: tuple[str, ...]
    direction: str  # "in" | "out"
    at: datetime
    subject: str
    from_addr: str | None
    from_name: str | None
    reply_to: tuple[str, ...]
    verdict: Verdict
    followup_header: str | None  # X-Followup-Process of a sent follow-up


@dataclass(frozen=True)
class UserAction:
    at: datetime
    action: str  # close | reopen | confirm | ghost
    outcome: str | None = None


@dataclass(frozen=True)
class DraftMark:
    message_id: str
    created_at: datetime


@dataclass
class Derived:
    state: str = "applied"
    stage: str | None = STAGE_APPLICATION
    last_open_state: str = "applied"
    waiting_on_user: bool = False
    needs_confirmation: bool = False
    call_instead: bool = False
    pending_verdict: str | None = None
    last_company_at: datetime | None = None
    last_user_at: datetime | None = None
    interview_at: datetime | None = None
    interview_end: datetime | None = None
    stated_due: str | None = None  # ISO date
    stated_phrase: str | None = None
    stated_at: datetime | None = None
    contact_name: str | None = None
    contact_addr: str | None = None
    contact_salutation: str | None = None
    first_name_ok: bool = False
    participants: list[str] = field(default_factory=list)
    followups_sent: int = 0
    last_followup_at: datetime | None = None
    reply_to_message_id: str | None = None
    reply_refs: list[str] = field(default_factory=list)
    reply_subject: str = ""
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    role: str | None = None
    first_answer_days: dict[str, float] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    def flags(self) -> list[str]:
        out: list[str] = []
        if self.is_open and not self.waiting_on_user:
            out.append("waiting_on_company")
        if self.waiting_on_user and self.is_open:
            out.append("waiting_on_user")
        if self.needs_confirmation:
            out.append("needs_confirmation")
        if self.call_instead and self.is_open:
            out.append("call_instead")
        return out

    def to_json(self) -> str:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = dt_to_text(value)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Derived:
        data = json.loads(text)
        for key in (
            "last_company_at",
            "last_user_at",
            "interview_at",
            "interview_end",
            "stated_at",
            "last_followup_at",
            "opened_at",
            "closed_at",
        ):
            data[key] = dt_from_text(data.get(key))
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def _next_stage(d: Derived, v: Verdict, at: datetime) -> str:
    """The stage an invite moves to: as stated, else the round after the one that happened."""
    if v.stage and v.stage != STAGE_APPLICATION:
        return v.stage
    current = d.stage
    happened = d.interview_at is not None and d.interview_at <= at
    if current in (None, STAGE_APPLICATION):
        return interview_round(1)
    if not happened:
        return current  # a reschedule or the calendar invite for the same interview
    if current in (STAGE_PHONE_SCREEN, STAGE_ASSESSMENT):
        return interview_round(2)
    n = round_of(current)
    return interview_round(n + 1) if n else current


def _apply_state(d: Derived, event: str, at: datetime) -> None:
    before = d.state
    d.state = next_state(d.state, event, d.last_open_state)
    if d.state in OPEN:
        d.last_open_state = d.state
        d.closed_at = None
    elif before != d.state:
        d.closed_at = at


def _is_human_in(m: TrackedMessage) -> bool:
    return m.direction == "in" and not m.verdict.is_automatic


def _apply_inbound(d: Derived, m: TrackedMessage) -> None:
    v = m.verdict
    if v.is_automatic:
        return  # auto-replies, calendar notices, digests never move the clock
    if d.last_user_at and (d.last_company_at is None or d.last_user_at > d.last_company_at):
        days = (m.at - d.last_user_at).total_seconds() / 86400
        d.first_answer_days.setdefault(d.stage or STAGE_APPLICATION, round(days, 2))
    d.last_company_at = m.at
    for addr in (m.from_addr, *m.reply_to):
        if addr and addr.lower() not in d.participants:
            d.participants.append(addr.lower())
    if v.contact is not None:
        d.contact_addr = v.contact.addr.lower()
        d.contact_name = v.contact.name or None
        d.contact_salutation = v.contact_salutation
    d.first_name_ok = d.first_name_ok or v.first_name_ok
    if v.channel == "phone":
        d.call_instead = True
    if v.role and not d.role:
        d.role = v.role
    d.followups_sent = 0
    d.last_followup_at = None
    d.waiting_on_user = v.asks_user
    if v.due:
        d.stated_due, d.stated_phrase, d.stated_at = v.due.isoformat(), v.timeline, m.at
    else:
        d.stated_due, d.stated_phrase, d.stated_at = None, None, None
    # A follow-up answers the contact's own last message; mail from a relay or a no-reply
    # address is only the fallback when no person has written yet.
    if m.message_id and (v.contact is not None or not d.contact_addr):
        d.reply_to_message_id = m.message_id
        d.reply_refs = [r for r in m.refs if r != m.message_id]
        d.reply_subject = m.subject
    label = v.label
    if label in ("rejection", "offer"):
        if v.confidence >= CLOSE_CONFIDENCE:
            _apply_state(d, label, m.at)
            d.needs_confirmation, d.pending_verdict = False, None
        elif d.is_open:
            d.needs_confirmation, d.pending_verdict = True, label
        return
    if label == "invite":
        new_stage = _next_stage(d, v, m.at)
        if new_stage != d.stage:
            d.call_instead = v.channel == "phone"
        d.stage = new_stage
        if v.interview_at:
            d.interview_at, d.interview_end = v.interview_at, v.interview_end
        _apply_state(d, "invite", m.at)
        return
    if label == "ack" and d.stage is None:
        d.stage = STAGE_APPLICATION
    if v.interview_at and d.state == "interviewing":
        d.interview_at, d.interview_end = v.interview_at, v.interview_end  # a reschedule
    _apply_state(d, label if label in ("ack", "update") else "reply", m.at)


def _is_followup(
    d: Derived, m: TrackedMessage, drafts: list[DraftMark], last_was_out: bool
) -> bool:
    if m.followup_header:
        return True
    if any(dm.message_id == m.message_id for dm in drafts):
        return True
    since = d.last_company_at
    if any(dm.created_at <= m.at and (since is None or dm.created_at > since) for dm in drafts):
        return True  # the user wrote their own follow-up while ours waited in Drafts
    return last_was_out and d.last_company_at is not None


def derive(
    messages: list[TrackedMessage],
    actions: list[UserAction],
    drafts: list[DraftMark],
) -> Derived:
    """Fold everything known about one process, oldest first, into its current state."""
    d = Derived()
    items: list[tuple[datetime, int, str, TrackedMessage | UserAction]] = []
    for m in messages:
        items.append((m.at, 0, m.fingerprint, m))
    for i, a in enumerate(actions):
        items.append((a.at, 1, f"{i:08d}", a))
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    last_was_out = False
    for at, _, _, item in items:
        if d.opened_at is None:
            d.opened_at = at
        if isinstance(item, UserAction):
            _apply_action(d, item)
            continue
        if item.direction == "in":
            if _is_human_in(item):
                _apply_inbound(d, item)
                last_was_out = False
            continue
        if _is_followup(d, item, drafts, last_was_out):
            d.followups_sent += 1
            d.last_followup_at = at
        d.last_user_at = at
        d.waiting_on_user = False
        last_was_out = True
        if item.message_id and d.reply_to_message_id is None:
            d.reply_subject = d.reply_subject or item.subject
        _apply_state(d, "outbound", at)
    return d


def _apply_action(d: Derived, a: UserAction) -> None:
    if a.action == "close" and a.outcome:
        _apply_state(d, f"close:{a.outcome}", a.at)
        d.needs_confirmation, d.pending_verdict = False, None
    elif a.action == "reopen":
        _apply_state(d, "reopen", a.at)
        d.needs_confirmation, d.pending_verdict = False, None
        d.last_user_at = max(filter(None, (d.last_user_at, a.at)))  # restart the clock
    elif a.action == "confirm" and d.pending_verdict:
        _apply_state(d, d.pending_verdict, a.at)
        d.needs_confirmation, d.pending_verdict = False, None
    elif a.action == "ghost" and d.state in OPEN:
        _apply_state(d, "ghost", a.at)
    assert d.state in (*OPEN, *CLOSED)
