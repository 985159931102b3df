"""The normalized message: what every connector and the parser hand to the core.

Nothing here knows about a mail provider. Connectors build a `Message` from raw RFC 5322
bytes through `agent.parse.parse_message`, adding what only the provider knows (its own
thread id, the arrival time, the folder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Address:
    """One mailbox: a display name (possibly empty) and an address."""

    name: str
    addr: str

    @property
    def key(self) -> str:
        """The address lowercased, for comparisons."""
        return self.addr.strip().lower()

    def __str__(self) -> str:
        return f"{self.name} <{self.addr}>" if self.name else self.addr


@dataclass(frozen=True)
class CalendarEvent:
    """A calendar object found in a text/calendar part or an .ics attachment."""

    uid: str | None
    method: str | None  # REQUEST, CANCEL, REPLY, PUBLISH ... (upper case)
    start: datetime | None  # timezone-aware when it could be made so
    end: datetime | None
    organizer: Address | None
    summary: str
    location: str = ""
    # For METHOD:REPLY: the attendee's answer (ACCEPTED, DECLINED, TENTATIVE).
    partstat: str | None = None


@dataclass(frozen=True)
class Message:
    """A parsed email. Every field has a safe default so a broken mail still yields one."""

    message_id: str | None = None  # without angle brackets
    in_reply_to: tuple[str, ...] = ()  # ids without angle brackets
    references: tuple[str, ...] = ()
    subject: str = ""
    from_: Address | None = None
    sender: Address | None = None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    reply_to: tuple[Address, ...] = ()
    date: datetime | None = None  # timezone-aware; header date, else arrival time
    date_from_header: bool = False
    body: str = ""  # the new text of this message (quoted history removed)
    quoted: str = ""  # the quoted earlier replies, kept apart
    body_was_html: bool = False
    calendar: tuple[CalendarEvent, ...] = ()
    attachments: tuple[str, ...] = ()  # file names
    # Selected headers, keys lowercased: list-id, list-unsubscribe, precedence,
    # auto-submitted, x-autoreply, x-autorespond, x-auto-response-suppress, x-mailer,
    # x-followup-process, content-type ...
    headers: dict[str, str] = field(default_factory=dict)
    thread_id: str | None = None  # provider thread id (Gmail X-GM-THRID ...), set by connectors
    warnings: tuple[str, ...] = ()
    size: int = 0  # raw size in bytes

    @property
    def is_bulk(self) -> bool:
        """Mailing-list or bulk mail (newsletters, digests, marketing)."""
        h = self.headers
        prec = h.get("precedence", "").strip().lower()
        return bool(h.get("list-id") or h.get("list-unsubscribe")) or prec in {
            "bulk",
            "list",
            "junk",
        }

    @property
    def is_auto(self) -> bool:
        """An automatic reply (out of office, vacation, autoresponder) by its headers."""
        h = self.headers
        auto = h.get("auto-submitted", "").strip().lower()
        if auto and auto != "no":
            return True
        if h.get("x-autoreply") or h.get("x-autorespond"):
            return True
        return h.get("precedence", "").strip().lower() == "auto_reply"

    @property
    def thread_keys(self) -> tuple[str, ...]:
        """Every id that can tie this message to a thread, own id first."""
        keys: list[str] = []
        for k in (self.message_id, *self.in_reply_to, *self.references):
            if k and k not in keys:
                keys.append(k)
        return tuple(keys)
