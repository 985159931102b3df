"""`classify`: one message in, one `Verdict` out. Pure: no network, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from agent.infer.asks import asks_user
from agent.infer.ats import relay_for_domain
from agent.infer.company import find_company
from agent.infer.contact import find_contact
from agent.infer.domains import addr_domain
from agent.infer.intent import decide
from agent.infer.people import Signature, find_signature
from agent.infer.role import find_role
from agent.infer.stage import find_interview_time, find_stage
from agent.infer.text import prepare
from agent.infer.timeline import find_timeline
from agent.message import Address, Message
from agent.verdict import Verdict

_UTC = ZoneInfo("UTC")


def classify(
    msg: Message, *, tz: ZoneInfo | None = None, user_addresses: Sequence[str] = ()
) -> Verdict:
    """What `msg` means for the user's job search, with the evidence that decided it."""
    zone = tz or _UTC
    users = frozenset(a.strip().lower() for a in user_addresses if a)
    p = prepare(msg.subject, msg.body)
    signature = find_signature(p.body)
    outbound = bool(msg.from_ and msg.from_.key in users)

    if outbound:
        return _outbound(msg, p.subject, p.body, users)

    intent = decide(msg, p)
    v = Verdict(
        label=intent.label,
        confidence=intent.confidence,
        evidence=intent.evidence,
        kind=intent.kind,
        is_automatic=intent.is_automatic,
    )
    v.ats = _ats(msg)
    if v.ats:
        v.evidence.append(f"header: relay {v.ats}")

    # A calendar part's title names the employer as often as the text does.
    titles = "".join(f"\n{ev.summary}" for ev in msg.calendar if ev.summary)
    guess = find_company(
        msg.from_, msg.reply_to, p.subject, p.body + titles, signature, _sender_hosts(msg)
    )
    v.company, v.company_domain = guess.name, guess.domain
    v.role = find_role(p.subject, p.body)
    if v.role and v.company and v.role.lower() == v.company.lower():
        v.role = None

    sent = msg.date.astimezone(zone).date() if msg.date else None
    tl = find_timeline(p.body, sent)
    if tl:
        # Mail about no process of the user's promises nothing about one ("founders reply
        # within a week", "offer valid this week"): the phrase is reported, never a date.
        v.timeline, v.due = tl.phrase, (tl.due if v.label != "other" else None)

    job = v.label != "other"
    if job:
        v.stage = find_stage(p.body_lc, p.subject_lc, v.label, reply=p.reply)
    if v.label in ("invite", "update") or (msg.calendar and v.label != "other"):
        start, end, ev = find_interview_time(msg, p.body, zone)
        v.interview_at, v.interview_end = start, end
        if ev and ev not in v.evidence and ev.startswith("text"):
            v.evidence.append(f"interview time {ev}")

    info = find_contact(msg.from_, msg.reply_to, p.body, signature, users)
    v.contact, v.contact_salutation = info.contact, info.salutation
    v.channel = "phone" if info.channel == "phone" else "email"
    v.first_name_ok = info.first_name_ok
    if v.channel == "phone":
        v.evidence.append("asked for a phone call")
    if job and v.label not in ("rejection", "ack"):
        v.asks_user, _sentence = asks_user(p.body)
    return v


def _sender_hosts(msg: Message) -> tuple[str, ...]:
    hosts = []
    if msg.sender and msg.sender.addr:
        hosts.append(addr_domain(msg.sender.addr))
    return tuple(hosts)


def _ats(msg: Message) -> str | None:
    for a in (msg.from_, msg.sender, *msg.reply_to):
        if a and a.addr:
            r = relay_for_domain(addr_domain(a.addr))
            if r and r.kind in ("ats", "board"):
                return r.key
    return None


def _outbound(msg: Message, subject: str, body: str, users: frozenset[str]) -> Verdict:
    """The user's own mail: no label of its own, but who and what it is about."""
    to = next((a for a in (*msg.to, *msg.cc) if a.key not in users), None)
    v = Verdict(label="other", confidence=0.9, evidence=["header: From is the user"])
    guess = find_company(to, (), subject, body, Signature(None, None, None, None))
    v.company, v.company_domain = guess.name, guess.domain
    v.role = find_role(subject, body)
    v.contact = to if to else None
    v.contact_salutation = to.name if to and to.name else None
    v.ats = _ats(Message(from_=to)) if to else None
    return v


__all__ = ["classify", "Address"]
