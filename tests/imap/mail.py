"""Hand-written test messages (CRLF, as IMAP stores them) and follow-up drafts."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime


def mail(
    message_id: str,
    *,
    subject: str = "Lunch on Friday?",
    sender: str = "Sam Friend <sam@friends.example>",
    to: str = "alex@example.com",
    body: str = "Are you free?\n",
    date: datetime | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    msg["Message-ID"] = f"<{message_id}>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))


def newsletter(message_id: str, subject: str = "This week's deals") -> bytes:
    return mail(
        message_id,
        subject=subject,
        sender="Shop News <news@shop.example>",
        body="Big savings inside.\n",
        headers={"List-Id": "<deals.shop.example>", "List-Unsubscribe": "<mailto:u@shop.example>"},
    )


def job_mail(message_id: str, subject: str = "Interview invitation: Backend Engineer") -> bytes:
    return mail(
        message_id,
        subject=subject,
        sender="Dana Lee <dana@acme.example>",
        body="Could you do Tuesday at 10:00?\n",
    )


def follow_up_draft(
    message_id: str,
    process_id: str,
    *,
    in_reply_to: str = "invite-1@acme.example",
    date: datetime | None = None,
) -> EmailMessage:
    """A follow-up draft as the core composes it: threaded, with our process header."""
    msg = EmailMessage()
    msg["From"] = "Alex Morgan <alex@example.com>"
    msg["To"] = "Dana Lee <dana@acme.example>"
    msg["Subject"] = "Re: Interview invitation: Backend Engineer"
    msg["Date"] = format_datetime(date or datetime(2026, 3, 12, 8, 15, tzinfo=UTC))
    msg["Message-ID"] = f"<{message_id}>"
    msg["In-Reply-To"] = f"<{in_reply_to}>"
    msg["References"] = f"<application-1@example.com> <{in_reply_to}>"
    msg["X-Followup-Process"] = process_id
    msg.set_content("Dear Ms Lee,\n\nthank you for your time on Tuesday.\n")
    return msg
