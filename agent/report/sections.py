"""What the weekly email says, worked out from the store's views (PRODUCT.md section 7).

The result is plain data: both templates (text and HTML) render the same `ReportData`, so
the two parts of the email never disagree. Sections with nothing to say are left out; the
numbers are shown whenever there is at least one process.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from agent.report import humanize as h
from agent.verdict import (
    STAGE_APPLICATION,
    STAGE_ASSESSMENT,
    STAGE_FINAL,
    STAGE_PHONE_SCREEN,
    round_of,
)
from agent.views import EventView, ProcessView

# How many ghosted processes the email lists before pointing at the spreadsheet.
GHOSTED_LIMIT = 10
CLOSED_ORDER = {"offer": 0, "rejected": 1, "withdrawn": 2}
ANSWERED_STATES = ("interviewing", "offer", "rejected")


@dataclass
class Item:
    """One line of a section: a process and what to know or do about it."""

    title: str  # the company
    subtitle: str = ""  # role and stage
    lines: list[str] = field(default_factory=list)
    badge: str = ""  # a short tag: "edited", "due now", "offer", "call" ...
    tone: str = "info"  # the badge's colour in HTML: good, warn, bad, info, muted
    commands: list[tuple[str, str]] = field(default_factory=list)  # (command, what it does)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    intro: str = ""
    more: str = ""  # a closing line when items were left out


@dataclass
class Numbers:
    open: int
    total: int
    answered: int
    response_rate: str
    offers: int
    rejections: int
    medians: list[tuple[str, str, int]]  # (stage, "6.5 days", processes counted)


@dataclass
class ReportData:
    subject: str
    week_key: str  # ISO week, e.g. "2026-W48"
    week_of: date
    week_label: str  # "23 Nov 2026"
    greeting: str
    dateline: str  # "Monday 23 November 2026, 08:00 (Europe/Berlin)"
    glance: str  # one summary line
    sections: list[Section]
    numbers: Numbers | None
    empty_note: str  # shown when no section has anything

    def footer(self, attached: bool) -> str:
        text = (
            "Sent by followup to you alone. followup never sends mail for you: "
            "follow-ups wait in your Drafts until you send them."
        )
        if attached:
            text += (
                " The attached spreadsheet holds the whole history: "
                "one sheet of processes, one of events."
            )
        return text


def week_key(week_of: date) -> str:
    year, week, _ = week_of.isocalendar()
    return f"{year}-W{week:02d}"


def collect(
    views: Sequence[ProcessView],
    events: Sequence[EventView],
    *,
    now: datetime,
    tz: ZoneInfo,
    user_name: str,
    week_start: datetime | None = None,
) -> ReportData:
    """Everything the weekly email says, as data."""
    if now.tzinfo is None:
        raise ValueError("build_report needs a timezone-aware `now`")
    ctx = _Context(now=h.local(now, tz), tz=tz, events=events)
    if week_start is not None:
        week_of = (h.local(week_start, tz) if week_start.tzinfo else week_start).date()
    else:
        week_of = ctx.today - timedelta(days=ctx.today.weekday())

    sections = [
        _drafts(views, ctx),
        _replies_owed(views, ctx),
        _interviews(views, ctx),
        _waiting(views, ctx),
        _closed_this_week(views, ctx),
        _ghosted(views, ctx),
        _confirmations(views, ctx),
    ]
    shown = [s for s in sections if s.items]
    open_count = sum(1 for v in views if v.is_open)
    due_count = sum(1 for v in views if v.is_open and v.due is not None and v.due <= ctx.today)
    subject = (
        f"followup: weekly status, week of {h.short_date(week_of)} "
        f"({open_count} open, {due_count} due)"
    )
    first_name = h.clean(user_name).split(" ")[0] if h.clean(user_name) else ""
    if not views:
        empty_note = (
            "followup is not tracking any hiring process yet. As soon as it sees an "
            "application, an interview invite or a reply from a company in your mailbox, "
            "it will show up here."
        )
    else:
        empty_note = "Nothing needs you this week: no drafts waiting, no replies owed."
    return ReportData(
        subject=subject,
        week_key=week_key(week_of),
        week_of=week_of,
        week_label=h.short_date(week_of),
        greeting=f"Hi {first_name}," if first_name else "Hi,",
        dateline=f"{h.long_day(ctx.now)} ({tz.key})",
        glance=_glance(open_count, due_count, sections),
        sections=shown,
        numbers=_numbers(views) if views else None,
        empty_note=empty_note if not shown else "",
    )


@dataclass
class _Context:
    now: datetime  # in the user's timezone
    tz: ZoneInfo
    events: Sequence[EventView]

    @property
    def today(self) -> date:
        return self.now.date()

    def day(self, moment: datetime | date) -> str:
        if isinstance(moment, datetime):
            moment = h.local(moment, self.tz).date()
        return h.day(moment, self.today)

    def ago(self, moment: datetime) -> str:
        return h.relative(h.local(moment, self.tz).date(), self.today)

    def draft_since(self, process_id: str) -> datetime | None:
        made = [
            e.at for e in self.events if e.process_id == process_id and e.kind == "draft_created"
        ]
        return max(made, key=lambda at: h.local(at, self.tz)) if made else None


def _subtitle(v: ProcessView) -> str:
    parts = [h.clean(v.role), h.clean(v.stage)]
    return ", ".join(p for p in parts if p)


def _item(
    v: ProcessView,
    lines: list[str] | None = None,
    badge: str = "",
    tone: str = "info",
    commands: list[tuple[str, str]] | None = None,
) -> Item:
    return Item(
        title=h.clean(v.company) or "(unknown company)",
        subtitle=_subtitle(v),
        lines=list(lines or []),
        badge=badge,
        tone=tone,
        commands=list(commands or []),
    )


def _note(v: ProcessView) -> list[str]:
    return [h.clean(v.note)] if h.clean(v.note) else []


def _drafts(views: Sequence[ProcessView], ctx: _Context) -> Section:
    items = []
    pending = [v for v in views if v.draft == "pending"]
    # Oldest first: the draft that has waited longest is the one to send first.
    pending.sort(key=lambda v: _sort_moment(ctx.draft_since(v.id), ctx))
    for v in pending:
        lines = [f"to {h.clean(v.contact)}" if v.contact else "to the contact on the thread"]
        since = ctx.draft_since(v.id)
        if since is not None:
            lines.append(f"in your Drafts since {ctx.day(since)} ({ctx.ago(since)})")
        item = _item(v, lines=lines)
        if v.draft_edited:
            item.badge, item.tone = "edited", "warn"
            item.lines.append("You edited this draft, so followup will not change or remove it.")
        if not v.is_open:
            item.lines.append(f"This process is now {v.state}: check the draft still fits.")
        item.lines += _note(v)
        items.append(item)
    return Section(
        "drafts",
        "Follow-ups waiting in your Drafts",
        items,
        intro="Review them, adjust if you like, and send them yourself: followup never sends mail.",
    )


def _replies_owed(views: Sequence[ProcessView], ctx: _Context) -> Section:
    owed = [v for v in views if "waiting_on_user" in v.flags]
    owed.sort(key=lambda v: _sort_moment(v.last_company_contact, ctx))
    items = []
    for v in owed:
        who = h.clean(v.contact_name) or h.clean(v.contact_addr) or "They"
        if v.last_company_contact is not None:
            line = (
                f"{who} wrote on {ctx.day(v.last_company_contact)} "
                f"({ctx.ago(v.last_company_contact)}) and is waiting for your answer."
            )
        else:
            line = f"{who} asked you something and is waiting for your answer."
        items.append(_item(v, lines=[line, *_note(v)], badge="your turn", tone="warn"))
    return Section(
        "replies_owed",
        "Replies you owe",
        items,
        intro="No follow-up is drafted while the next move is yours.",
    )


def _interviews(views: Sequence[ProcessView], ctx: _Context) -> Section:
    coming = [
        v for v in views if v.is_open and v.interview_at is not None and v.interview_at > ctx.now
    ]
    coming.sort(key=lambda v: _sort_moment(v.interview_at, ctx))
    items = []
    for v in coming:
        assert v.interview_at is not None
        at = h.local(v.interview_at, ctx.tz)
        item = _item(v)
        when_rel = h.relative(at.date(), ctx.today)
        item.lines.append(f"{h.day_time(at, ctx.today)} ({when_rel})")
        if v.contact:
            item.lines.append(f"with {h.clean(v.contact)}")
        if when_rel in ("today", "tomorrow"):
            item.badge, item.tone = when_rel, "good"
        items.append(item)
    return Section("interviews", "Upcoming interviews", items, intro=f"Times in {ctx.tz.key}.")


def _waiting(views: Sequence[ProcessView], ctx: _Context) -> Section:
    waiting = [v for v in views if v.is_open and "waiting_on_user" not in v.flags]
    # Soonest due first; processes with nothing planned go last, longest quiet first.
    waiting.sort(
        key=lambda v: (
            v.due is None,
            v.due or date.max,
            _sort_moment(v.last_contact or v.opened_at, ctx),
        )
    )
    items = []
    for v in waiting:
        item = _item(v)
        if v.last_contact is not None:
            quiet = (ctx.today - h.local(v.last_contact, ctx.tz).date()).days
            item.lines.append(
                f"Quiet for {h.plural(quiet, 'day')} (last contact {ctx.day(v.last_contact)})"
            )
        else:
            item.lines.append(f"No contact yet since {ctx.day(v.opened_at)}")
        reason = h.clean(v.due_reason)
        why = f": {reason}" if reason else ""
        if "call_instead" in v.flags:
            item.badge, item.tone = "call", "info"
            by = f" by {ctx.day(v.due)}" if v.due else ""
            because = f" ({reason})" if reason else ""
            item.lines.append(f"They asked for a call, not an email: call them{by}{because}.")
        elif v.due is not None and v.due <= ctx.today:
            item.badge, item.tone = "due now", "bad"
            item.lines.append(f"Follow-up due since {ctx.day(v.due)}{why}")
        elif v.due is not None:
            item.lines.append(
                f"Next follow-up {ctx.day(v.due)} ({h.relative(v.due, ctx.today)}){why}"
            )
        else:
            item.lines.append(f"No follow-up planned{why}")
        if v.draft == "pending":
            item.lines.append("A follow-up is waiting in your Drafts.")
        if v.followups_sent:
            item.lines.append(f"{h.plural(v.followups_sent, 'follow-up')} sent so far")
        item.lines += _note(v)
        items.append(item)
    return Section("waiting", "Waiting on companies", items)


def _closed_this_week(views: Sequence[ProcessView], ctx: _Context) -> Section:
    since = ctx.now - timedelta(days=7)
    closed = [
        v
        for v in views
        if v.closed_at is not None
        and v.state in CLOSED_ORDER
        and since < h.local(v.closed_at, ctx.tz) <= ctx.now
    ]
    # Offers first, then rejections, then withdrawals; newest first within each.
    closed.sort(key=lambda v: (CLOSED_ORDER[v.state], -_timestamp(v.closed_at)))
    words = {"offer": "Offer received", "rejected": "Rejected", "withdrawn": "Withdrawn"}
    tones = {"offer": "good", "rejected": "muted", "withdrawn": "muted"}
    items = []
    for v in closed:
        assert v.closed_at is not None
        line = f"{words[v.state]} {ctx.day(v.closed_at)} ({ctx.ago(v.closed_at)})"
        items.append(_item(v, lines=[line, *_note(v)], badge=v.state, tone=tones[v.state]))
    return Section("closed", "Closed this week", items)


def _ghosted(views: Sequence[ProcessView], ctx: _Context) -> Section:
    ghosted = [v for v in views if v.state == "ghosted"]
    ghosted.sort(key=lambda v: -_timestamp(v.closed_at or v.opened_at))
    week_ago = ctx.now - timedelta(days=7)
    items = []
    for v in ghosted[:GHOSTED_LIMIT]:
        lines = [f"No answer after {h.plural(v.followups_sent, 'follow-up')}"]
        if v.last_contact is not None:
            lines[0] += f"; last contact {ctx.day(v.last_contact)}"
        item = _item(v, lines=lines + _note(v))
        if v.closed_at is not None and h.local(v.closed_at, ctx.tz) > week_ago:
            item.badge, item.tone = "this week", "muted"
        items.append(item)
    extra = len(ghosted) - GHOSTED_LIMIT
    more = f"and {extra} more: `followup status --all` lists them all" if extra > 0 else ""
    return Section("ghosted", "Ghosted", items, more=more)


def _confirmations(views: Sequence[ProcessView], ctx: _Context) -> Section:
    unsure = [v for v in views if "needs_confirmation" in v.flags or v.pending_verdict]
    items = []
    for v in unsure:
        company = h.clean(v.company) or "this company"
        if v.pending_verdict == "rejection":
            line = f"Looks like a rejection from {company}."
        elif v.pending_verdict == "offer":
            line = f"Looks like an offer from {company}."
        else:
            line = f"A message from {company} needs your word."
        commands = [
            (f"followup confirm {v.id}", "to accept it"),
            (f"followup reopen {v.id}", "if it is wrong and the process goes on"),
        ]
        items.append(
            _item(v, lines=[line, *_note(v)], commands=commands, badge="unsure", tone="warn")
        )
    return Section(
        "confirm",
        "Needs your confirmation",
        items,
        intro="followup was not sure enough to act on these on its own.",
    )


def _numbers(views: Sequence[ProcessView]) -> Numbers:
    answered = sum(1 for v in views if _got_answer(v))
    per_stage: dict[str, list[float]] = {}
    for v in views:
        for stage, days in v.first_answer_days.items():
            per_stage.setdefault(stage, []).append(days)
    medians = [
        (stage, h.days_amount(statistics.median(values)), len(values))
        for stage, values in sorted(per_stage.items(), key=lambda kv: _stage_rank(kv[0]))
    ]
    return Numbers(
        open=sum(1 for v in views if v.is_open),
        total=len(views),
        answered=answered,
        response_rate=h.percent(answered, len(views)),
        offers=sum(1 for v in views if v.state == "offer"),
        rejections=sum(1 for v in views if v.state == "rejected"),
        medians=medians,
    )


def _got_answer(v: ProcessView) -> bool:
    """Did the company ever answer? A human message from them, a measured answer time, or a
    state only an answer can bring (an invite, an offer, a rejection)."""
    return (
        v.state in ANSWERED_STATES
        or v.last_company_contact is not None
        or bool(v.first_answer_days)
    )


def _stage_rank(stage: str) -> tuple[int, int, str]:
    fixed = {STAGE_APPLICATION: 0, STAGE_PHONE_SCREEN: 1, STAGE_ASSESSMENT: 2, STAGE_FINAL: 4}
    if stage in fixed:
        return (fixed[stage], 0, stage)
    n = round_of(stage)
    return (3, n, stage) if n is not None else (5, 0, stage)


def _glance(open_count: int, due_count: int, sections: list[Section]) -> str:
    sizes = {s.key: len(s.items) for s in sections}
    parts = [h.plural(open_count, "open process", "open processes")]
    if due_count:
        parts.append(f"{h.plural(due_count, 'follow-up')} due")
    if sizes["drafts"]:
        parts.append(f"{h.plural(sizes['drafts'], 'draft')} waiting")
    if sizes["replies_owed"]:
        parts.append(f"{h.plural(sizes['replies_owed'], 'reply', 'replies')} you owe")
    if sizes["interviews"]:
        parts.append(f"{h.plural(sizes['interviews'], 'interview')} coming up")
    if sizes["confirm"]:
        parts.append(f"{sizes['confirm']} to confirm")
    return ", ".join(parts)


def _timestamp(moment: datetime | None) -> float:
    if moment is None:
        return 0.0
    return (moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))).timestamp()


def _sort_moment(moment: datetime | None, ctx: _Context) -> float:
    # Unknown moments sort last.
    return _timestamp(moment) if moment is not None else float("inf")
