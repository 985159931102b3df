"""Walk a compat32 MIME tree: body text, attachments, calendars, forwarded messages.

Every part is handled inside its own try block, so one bad part costs only itself.
"""

from __future__ import annotations

import email.message
import re
from dataclasses import dataclass, field
from datetime import tzinfo

from agent.parse.charsets import decode_bytes
from agent.parse.headers import header_text, parse_addresses
from agent.parse.html_text import MAX_HTML_CHARS, html_to_text
from agent.parse.notes import Notes, defect_note
from agent.parse.params import HeaderValue, content_type, disposition, filename, raw_header

MAX_DEPTH = 25
MAX_PARTS = 500
MAX_TEXT_CHARS = 500_000  # per text part, after decoding

# C0 controls other than tab/newline/CR/form feed: noise from binary junk or NULs.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar"})
_MESSAGE_TYPES = frozenset({"message/rfc822", "message/global"})


@dataclass
class Walk:
    """What a walk over one message collected."""

    notes: Notes
    fallback_tz: tzinfo | None = None
    parts_seen: int = 0
    attachments: list[str] = field(default_factory=list)
    calendar_blobs: list[tuple[str, str | None, int]] = field(default_factory=list)
    forwarded: list[str] = field(default_factory=list)
    html_cut: bool = False


def _header(part: email.message.Message, name: str) -> str:
    return raw_header(part, name)


def _payload_bytes(part: email.message.Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("ascii", "surrogateescape")
    return b""


def part_text(
    part: email.message.Message,
    number: int,
    notes: Notes,
    limit: int = MAX_TEXT_CHARS,
    note_cut: bool = True,
    ctype: HeaderValue | None = None,
) -> str:
    """The decoded text of a leaf part, control characters dropped, cut to `limit`."""
    data = _payload_bytes(part)
    if len(data) > limit * 4:  # no character takes more than 4 bytes: skip decoding the rest
        data = data[: limit * 4]
    ctype = ctype or content_type(part)
    text, problem = decode_bytes(data, ctype.params.get("charset"))
    if problem:
        notes.add(f"{problem} in part {number}")
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limit:
        if note_cut:
            notes.add(f"text cut to {limit} characters in part {number}")
        text = text[:limit]
    return text


def _note_defects(part: email.message.Message, number: int, notes: Notes) -> None:
    for defect in getattr(part, "defects", ()) or ():
        notes.add(defect_note(defect, number))


def _forwarded_text(inner: email.message.Message, walk: Walk, depth: int) -> str:
    """An attached message rendered like a forwarded one: a few headers, then its text."""
    lines: list[str] = []
    for name in ("From", "Date", "Subject", "To"):
        raw = _header(inner, name)
        if not raw:
            continue
        if name in ("From", "To"):
            value = ", ".join(str(a) for a in parse_addresses([raw]))
        else:
            value = header_text(raw)
        lines.append(f"{name}: {value}")
    inner_walk = Walk(notes=Notes(), fallback_tz=walk.fallback_tz, parts_seen=walk.parts_seen)
    found = text_of(inner, inner_walk, depth + 1)
    walk.parts_seen = inner_walk.parts_seen
    body = found[0] if found else ""
    return "\n".join(lines) + ("\n\n" + body if body else "")


def _attach(walk: Walk, name: str, number: int) -> None:
    walk.attachments.append(name or f"attachment-{number}")


Deferred = list[tuple[email.message.Message, int]]


def text_of(
    part: email.message.Message, walk: Walk, depth: int = 0, deferred: Deferred | None = None
) -> tuple[str, bool] | None:
    """Readable text of a part and whether it came from HTML; collects the rest in walk.

    With `deferred`, HTML parts are not converted but listed there (inside a
    multipart/alternative the plain text usually makes converting them unnecessary).
    """
    walk.parts_seen += 1
    number = walk.parts_seen
    if depth > MAX_DEPTH or number > MAX_PARTS:
        walk.notes.add("too many or too deeply nested MIME parts")
        return None
    try:
        return _text_of(part, walk, depth, number, deferred)
    except RecursionError:
        walk.notes.add("too deeply nested MIME parts")
    except Exception as exc:
        walk.notes.add(f"unreadable part {number} ({type(exc).__name__})")
    finally:
        _note_defects(part, number, walk.notes)
    return None


def _html_text(part: email.message.Message, number: int, walk: Walk) -> str:
    # The HTML converter applies its own cap and reports the cut itself.
    html = part_text(part, number, walk.notes, limit=MAX_HTML_CHARS + 1, note_cut=False)
    text, cut = html_to_text(html)
    walk.html_cut = walk.html_cut or cut
    return text


def _alternative(
    children: list[tuple[str, bool] | None], html_parts: Deferred, walk: Walk
) -> tuple[str, bool] | None:
    """Plain text first; HTML is converted only when no alternative has plain text."""
    found = [c for c in children if c and c[0].strip()]
    for text, was_html in found:
        if not was_html:
            return text, was_html
    for part, number in html_parts:
        text = _html_text(part, number, walk)
        if text.strip():
            return text, True
    return found[0] if found else None


def _text_of(
    part: email.message.Message, walk: Walk, depth: int, number: int, deferred: Deferred | None
) -> tuple[str, bool] | None:
    ctype = content_type(part)
    kind = ctype.value
    main = kind.split("/", 1)[0]
    payload = part.get_payload()

    if isinstance(payload, list) and main != "message":
        if kind == "multipart/alternative":
            html_parts: Deferred = []
            children = [text_of(child, walk, depth + 1, html_parts) for child in payload]
            return _alternative(children, html_parts, walk)
        children = [text_of(child, walk, depth + 1, deferred) for child in payload]
        texts = [c for c in children if c and c[0].strip()]
        if not texts:
            return None
        return "\n\n".join(t for t, _ in texts), all(h for _, h in texts)
    if main == "multipart":  # no usable boundary: read it as text
        text = part_text(part, number, walk.notes, ctype=ctype)
        return (text, False) if text.strip() else None

    disp = disposition(part)
    name = filename(ctype, disp)

    if kind in _MESSAGE_TYPES:
        inner = payload[0] if isinstance(payload, list) and payload else None
        if isinstance(inner, email.message.Message):
            subject = header_text(_header(inner, "subject"))
            _attach(walk, name or (f"{subject[:80]}.eml" if subject else ""), number)
            walk.forwarded.append(_forwarded_text(inner, walk, depth))
        return None

    if kind in _CALENDAR_TYPES or name.lower().endswith((".ics", ".vcs")):
        if name:
            _attach(walk, name, number)
        method = ctype.params.get("method", "").strip().upper() or None
        text = part_text(part, number, walk.notes, ctype=ctype)
        walk.calendar_blobs.append((text, method, number))
        return None

    is_attachment = disp.value == "attachment" or (bool(name) and main != "text")
    if is_attachment or main not in ("text", "message"):
        if is_attachment or name:
            _attach(walk, name, number)
        return None

    if kind == "text/html":
        if deferred is not None:
            deferred.append((part, number))
            return None
        return _html_text(part, number, walk), True
    if kind in ("text/plain", "text/enriched", "text/markdown"):
        return part_text(part, number, walk.notes, ctype=ctype), False
    if name:
        _attach(walk, name, number)  # text/csv, text/x-vcard ... with a name
    return None
