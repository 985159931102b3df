"""Messages from JSON records (`followup classify --jsonl`, the labelled corpora)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from agent.message import Address, Message
from agent.parse.quotes import split_quoted


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def parse_record_date(value: Any) -> datetime | None:
    """An ISO 8601 or RFC 2822 date; naive times are taken as UTC; anything else is None."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        import email.utils

        try:
            dt = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def message_from_record(rec: dict[str, Any]) -> Message:
    """`{"id","subject","from_name","from_addr","date","body"}` -> Message; other keys ignored."""
    addr = _text(rec.get("from_addr")).strip()
    name = _text(rec.get("from_name")).strip()
    from_ = Address(name, addr) if (addr or name) else None
    raw = _text(rec.get("body"))
    # A record's body is the whole text a mailer showed, quoted history included; split it
    # the way the mail parser does, so a record and the same mail as .eml read alike.
    body, quoted = split_quoted(raw) if raw else ("", "")
    rid = rec.get("id")
    return Message(
        message_id=str(rid) if rid is not None else None,
        subject=_text(rec.get("subject")),
        from_=from_,
        date=parse_record_date(rec.get("date")),
        date_from_header=False,
        body=body,
        quoted=quoted,
        size=len(raw.encode("utf-8", "replace")),
    )
