"""PLACEHOLDER: a naive parser so other modules can be built; the real one replaces it."""

from __future__ import annotations

import email
import email.policy
import email.utils
from datetime import UTC, datetime

from agent.message import Address, Message


def _addr(value: str | None) -> Address | None:
    if not value:
        return None
    name, addr = email.utils.parseaddr(value)
    return Address(name, addr) if addr else None


def parse_message(raw: bytes, arrived: datetime | None = None) -> Message:
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    date = None
    try:
        date = email.utils.parsedate_to_datetime(msg.get("Date", ""))
    except (TypeError, ValueError):
        date = None
    body = ""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True) or b""
            body = payload.decode("utf-8", "replace")
            break
    mid = (msg.get("Message-ID") or "").strip().strip("<>") or None
    irt = tuple(x.strip("<>") for x in (msg.get("In-Reply-To") or "").split() if x)
    refs = tuple(x.strip("<>") for x in (msg.get("References") or "").split() if x)
    return Message(
        message_id=mid,
        in_reply_to=irt,
        references=refs,
        subject=str(msg.get("Subject", "")),
        from_=_addr(msg.get("From")),
        to=tuple(a for a in (_addr(x) for x in (msg.get_all("To") or [])) if a),
        date=date or arrived or datetime.now(UTC),
        date_from_header=date is not None,
        body=body,
        headers={k.lower(): str(v) for k, v in msg.items()},
        size=len(raw),
    )
