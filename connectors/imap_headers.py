"""A fast, header-only `Message` from the few header fields fetched on a first sync.

The full parser (`agent.parse.parse_message`) is built for whole messages and is far too slow
to run 50,000 times on a first sync; this reads only what the header fetch returns and never
raises. Messages found relevant are parsed again, whole, by `parse_message`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime

from agent.message import Address, Message

# The header fields a first sync fetches for every message (IMAP FETCH names).
HEADER_FIELDS: tuple[str, ...] = (
    "FROM",
    "SENDER",
    "TO",
    "CC",
    "REPLY-TO",
    "SUBJECT",
    "DATE",
    "MESSAGE-ID",
    "IN-REPLY-TO",
    "REFERENCES",
    "CONTENT-TYPE",
    "LIST-ID",
    "LIST-UNSUBSCRIBE",
    "PRECEDENCE",
    "AUTO-SUBMITTED",
    "X-AUTOREPLY",
    "X-AUTORESPOND",
    "X-AUTO-RESPONSE-SUPPRESS",
    "X-FOLLOWUP-PROCESS",
)
HEADER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})]"

HEADERS_ONLY_WARNING = "headers only: the body was not fetched (not job-related by its headers)"

_FOLD = re.compile(r"\r?\n[ \t]+")
_MSGID = re.compile(r"<([^<>\s]+)>")
_ADDRESS_FIELDS = frozenset({"from", "sender", "to", "cc", "reply-to"})


def split_header_block(block: bytes) -> dict[str, str]:
    """Header name (lowercased) -> value, unfolded. Repeated address fields are joined."""
    text = block.decode("utf-8", "replace")
    out: dict[str, str] = {}
    for line in _FOLD.sub(" ", text).splitlines():
        name, sep, value = line.partition(":")
        if not sep or not name or name[0] in " \t":
            continue
        key = name.strip().lower()
        value = value.strip()
        if key in out:
            if key in _ADDRESS_FIELDS:
                out[key] = f"{out[key]}, {value}"
            continue
        out[key] = value
    return out


def decode_words(value: str) -> str:
    """RFC 2047 encoded words to text; anything odd is left as it came."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError, AssertionError):
        return value


# The common shapes "Name <a@b>", "<a@b>" and "a@b", read without the email package's
# full (and slow) RFC 5322 address parser; anything else goes to that parser.
_NAMED = re.compile(r"^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$")
_BARE = re.compile(r"^\s*([^\s<>]+@[^\s<>]+)\s*$")
_HARD = ('"', "(", "\\", ";", ":")


def _parsed_addresses(value: str) -> tuple[Address, ...]:
    try:
        pairs = getaddresses([value])
    except (ValueError, TypeError, IndexError):
        return ()
    return tuple(Address(decode_words(n), a) for n, a in pairs if a and "@" in a)


def addresses(value: str | None) -> tuple[Address, ...]:
    if not value:
        return ()
    if any(c in value for c in _HARD):
        return _parsed_addresses(value)
    found: list[Address] = []
    for part in value.split(","):
        if not part.strip():
            continue
        bare = _BARE.match(part)
        if bare:
            found.append(Address("", bare.group(1)))
            continue
        named = _NAMED.match(part)
        if not named:
            return _parsed_addresses(value)
        found.append(Address(decode_words(named.group(1)), named.group(2)))
    return tuple(found)


def message_ids(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    ids = _MSGID.findall(value)
    if not ids:  # ids without angle brackets, as some mailers write them
        ids = [part for part in value.replace(",", " ").split() if "@" in part]
    seen: list[str] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return tuple(seen)


def header_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def message_from_headers(block: bytes, *, arrived: datetime | None, size: int) -> Message:
    """A `Message` with the header fields filled and no body."""
    h = split_header_block(block)
    date = header_date(h.get("date"))
    ids = message_ids(h.get("message-id"))
    senders = addresses(h.get("sender"))
    froms = addresses(h.get("from"))
    return Message(
        message_id=ids[0] if ids else None,
        in_reply_to=message_ids(h.get("in-reply-to")),
        references=message_ids(h.get("references")),
        subject=decode_words(h.get("subject", "")),
        from_=froms[0] if froms else None,
        sender=senders[0] if senders else None,
        to=addresses(h.get("to")),
        cc=addresses(h.get("cc")),
        reply_to=addresses(h.get("reply-to")),
        date=date or arrived,
        date_from_header=date is not None,
        headers=h,
        warnings=(HEADERS_ONLY_WARNING,),
        size=size,
    )
