"""Small hand-written messages for connector tests."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def raw_message(
    message_id: str,
    *,
    subject: str = "Your application",
    sender: str = "Dana Recruiter <dana@example.org>",
    to: str = "alex@example.com",
    body: str = "Thanks for applying, we will be in touch.\n",
    date: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    """An RFC 5322 message as a server would store it (LF line ends)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2024, 3, 4, 9, 30, tzinfo=UTC))
    msg["Message-ID"] = f"<{message_id}>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes().replace(b"\r\n", b"\n")


def draft_message(
    message_id: str | None = None,
    *,
    process_id: str = "p-1",
    in_reply_to: str = "invite-1@example.org",
    body: str = "Dear Dana,\n\nthank you for your time last week.\n",
) -> EmailMessage:
    """A follow-up draft as the core composes it."""
    msg = EmailMessage()
    msg["From"] = "Alex Morgan <alex@example.com>"
    msg["To"] = "Dana Recruiter <dana@example.org>"
    msg["Subject"] = "Re: Interview"
    msg["Message-ID"] = f"<{message_id}>" if message_id else make_msgid(domain="example.com")
    msg["In-Reply-To"] = f"<{in_reply_to}>"
    msg["References"] = f"<{in_reply_to}>"
    msg["X-Followup-Process"] = process_id
    msg.set_content(body)
    return msg
