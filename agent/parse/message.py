"""Raw RFC 5322 bytes -> `agent.message.Message`. Never raises, whatever the input.

The stdlib parser runs with policy compat32, which tolerates far more than policy.default
(whose header objects crash on `To: <`, on `name*` parameters and on unknown charsets);
every decoding step after that is our own and guarded.
"""

from __future__ import annotations

import email
import email.message
import email.parser
import email.policy
from datetime import UTC, datetime

from agent.message import Address, CalendarEvent, Message
from agent.parse.headers import (
    header_text,
    parse_addresses,
    parse_date,
    parse_ids,
    received_date,
)
from agent.parse.ics import parse_ics
from agent.parse.mime import Walk, text_of
from agent.parse.notes import Notes
from agent.parse.quotes import split_quoted

MAX_HEADERS = 300
_HEADER_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


def _as_bytes(raw: object) -> bytes:
    if isinstance(raw, bytes):
        return raw
    if isinstance(raw, bytearray | memoryview):
        return bytes(raw)
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _aware(when: datetime | None) -> datetime | None:
    if not isinstance(when, datetime):
        return None
    if when.tzinfo is None or when.utcoffset() is None:
        return when.replace(tzinfo=UTC)
    return when


def _feed(data: bytes, notes: Notes) -> tuple[email.message.Message | None, bool]:
    """Parse with compat32; if the MIME structure defeats the parser (deep nesting hits
    the recursion limit), keep at least the headers. Second value: headers only."""
    try:
        return email.message_from_bytes(data, policy=email.policy.compat32), False
    except Exception as exc:
        notes.add(f"MIME structure unreadable ({type(exc).__name__})")
    try:
        parser = email.parser.BytesParser(policy=email.policy.compat32)
        return parser.parsebytes(data, headersonly=True), True
    except Exception as exc:
        notes.add(f"headers unreadable ({type(exc).__name__})")
    return None, True


def _header_table(msg: email.message.Message) -> dict[str, list[str]]:
    """Raw header values by lowercased name, in message order."""
    table: dict[str, list[str]] = {}
    try:
        items = list(msg.raw_items())
    except Exception:
        return table
    for name, value in items[: MAX_HEADERS * 4]:
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        key = name.strip().lower()
        if not key or len(key) > 100 or not set(key) <= _HEADER_NAME_CHARS:
            continue
        values = table.setdefault(key, [])
        if len(values) < 100:
            values.append(value)
    return table


def _is_multipart(msg: email.message.Message) -> bool:
    try:
        return msg.get_content_maintype() == "multipart"
    except Exception:
        return False


def _pick_date(
    table: dict[str, list[str]], arrived: datetime | None, notes: Notes
) -> tuple[datetime | None, bool]:
    """The Date header; else the arrival time; else the latest Received timestamp.
    Second value: it came from the Date header."""
    raw = (table.get("date") or [""])[0]
    date = parse_date(raw)
    if date is not None:
        return date, True
    notes.add("bad Date header" if raw.strip() else "no Date header")
    if arrived is not None:
        return arrived, False
    received = [d for d in (received_date(v) for v in table.get("received", [])) if d]
    return (max(received) if received else None), False


def _calendar_events(walk: Walk, notes: Notes) -> tuple[CalendarEvent, ...]:
    """Events of every calendar part, each invite once: it often comes twice (inline
    text/calendar and an attached invite.ics)."""
    seen: dict[tuple[object, ...], CalendarEvent] = {}
    for blob, method, number in walk.calendar_blobs:

        def note(problem: str, k: int = number) -> None:
            notes.add(f"{problem} in part {k}")

        for ev in parse_ics(blob, method, walk.fallback_tz, note):
            seen.setdefault((ev.uid, ev.method, ev.start, ev.end, ev.summary), ev)
    return tuple(seen.values())


def _parse(raw: object, arrived: datetime | None) -> Message:
    data = _as_bytes(raw)
    notes = Notes()
    arrived = _aware(arrived)
    if not data.strip():
        notes.add("empty message")
        return Message(date=arrived, warnings=notes.as_tuple(), size=len(data))
    if b"\x00" in data:
        notes.add("NUL bytes")

    msg, headers_only = _feed(data, notes)
    if msg is None:
        return Message(date=arrived, warnings=notes.as_tuple(), size=len(data))
    table = _header_table(msg)
    if not table:
        notes.add("no headers")

    def first(name: str) -> str:
        values = table.get(name)
        return values[0] if values else ""

    headers: dict[str, str] = {}
    for key, values in list(table.items())[:MAX_HEADERS]:
        headers[key] = header_text(values[0])

    ids = parse_ids(first("message-id"))
    message_id = ids[0] if ids else None
    if message_id is None:
        notes.add("no Message-ID")

    def addresses(name: str) -> tuple[Address, ...]:
        problems: list[str] = []
        found = parse_addresses(table.get(name.lower(), []), problems)
        for problem in problems:
            notes.add(f"{problem} in {name} header")
        return found

    from_ = addresses("From")
    if not from_:
        notes.add("no From address")
    sender = addresses("Sender")
    subject_problems: list[str] = []
    subject = header_text(first("subject"), subject_problems)
    for problem in subject_problems:
        notes.add(f"{problem} in Subject header")

    date, date_from_header = _pick_date(table, arrived, notes)
    walk = Walk(notes=notes, fallback_tz=date.tzinfo if date else None)
    # After a failed MIME parse a multipart body is raw MIME source: not worth reading.
    found = None if headers_only and _is_multipart(msg) else text_of(msg, walk)
    text, was_html = found if found else ("", False)
    if walk.html_cut:
        notes.add("HTML body cut to size")

    body, quoted = split_quoted(text)
    if walk.forwarded:
        quoted = "\n\n".join(x for x in (quoted, *walk.forwarded) if x)

    return Message(
        message_id=message_id,
        in_reply_to=parse_ids(" ".join(table.get("in-reply-to", []))),
        references=parse_ids(" ".join(table.get("references", []))),
        subject=subject,
        from_=from_[0] if from_ else None,
        sender=sender[0] if sender else None,
        to=addresses("To"),
        cc=addresses("Cc"),
        reply_to=addresses("Reply-To"),
        date=date,
        date_from_header=date_from_header,
        body=body,
        quoted=quoted,
        body_was_html=was_html and bool(text.strip()),
        calendar=_calendar_events(walk, notes),
        attachments=tuple(walk.attachments),
        headers=headers,
        warnings=notes.as_tuple(),
        size=len(data),
    )


def parse_message(raw: bytes, arrived: datetime | None = None) -> Message:
    """Parse raw message bytes. Never raises: problems end up in `Message.warnings`."""
    try:
        return _parse(raw, arrived)
    except Exception as exc:  # last line of defence: a Message must always come back
        try:
            size = len(raw)
        except Exception:
            size = 0
        return Message(
            date=_aware(arrived),
            warnings=(f"parse failed ({type(exc).__name__})",),
            size=size,
        )
