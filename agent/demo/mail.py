"""Building the demo's raw messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime


@dataclass
class DemoMail:
    at: datetime
    folder: str  # "INBOX" or "Sent"
    sender: str
    to: str
    subject: str
    body: str
    msgid: str
    reply_to_id: str | None = None  # the message this answers (for threading)
    headers: dict[str, str] = field(default_factory=dict)
    ics: str | None = None

    def to_bytes(self, thread: dict[str, list[str]]) -> bytes:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = self.to
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(self.at)
        msg["Message-ID"] = f"<{self.msgid}>"
        refs = list(thread.get(self.reply_to_id, [])) if self.reply_to_id else []
        if self.reply_to_id:
            refs.append(self.reply_to_id)
            msg["In-Reply-To"] = f"<{self.reply_to_id}>"
            msg["References"] = " ".join(f"<{r}>" for r in refs)
        thread[self.msgid] = refs
        for key, value in self.headers.items():
            msg[key] = value
        msg.set_content(self.body)
        if self.ics:
            msg.add_alternative(self.ics, subtype="calendar", params={"method": "REQUEST"})
        return bytes(msg)


def ics_request(
    uid: str, start: datetime, minutes: int, summary: str, organizer: str, organizer_name: str
) -> str:
    end = start + timedelta(minutes=minutes)
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//followup demo//EN",
            "VERSION:2.0",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{start.strftime(fmt)}",
            f"DTSTART:{start.astimezone(UTC).strftime(fmt)}",
            f"DTEND:{end.astimezone(UTC).strftime(fmt)}",
            f"SUMMARY:{summary}",
            f"ORGANIZER;CN={organizer_name}:mailto:{organizer}",
            "ATTENDEE;CN=Alex Morgan;RSVP=TRUE:mailto:alex@example.com",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )

