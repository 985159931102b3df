"""The weekly status email as a MIME message, addressed to the user alone.

Structure: multipart/mixed [ multipart/alternative [text/plain, text/html], xlsx ].
The message is built with `email.policy.default` (LF line ends); whoever delivers it over
IMAP APPEND or SMTP serializes it with `policy=email.policy.SMTP` for CRLF.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from agent.errors import ConfigError
from agent.export import XLSX_MEDIA_TYPE
from agent.report import humanize as h
from agent.report.sections import Item, ReportData, collect
from agent.views import EventView, ProcessView

TEXT_WIDTH = 78  # fits an 80-column terminal with room for a mail client's margin
REPORT_HEADER = "X-Followup-Report"
TEMPLATES = Path(__file__).parent / "templates"


def build_report(
    views: list[ProcessView],
    events: list[EventView],
    *,
    now: datetime,
    tz: ZoneInfo,
    user_name: str,
    to_addr: str,
    from_addr: str | None = None,
    xlsx: bytes | None = None,
    week_start: datetime | None = None,
) -> EmailMessage:
    """The weekly status email (PRODUCT.md section 7) for `to_addr`, and nobody else."""
    to = _single_address(to_addr, "report.to")
    data = collect(views, events, now=now, tz=tz, user_name=user_name, week_start=week_start)
    local_now = h.local(now, tz)

    msg = EmailMessage()
    msg["Subject"] = data.subject
    if from_addr:
        _single_address(from_addr, "report.from")
        msg["From"] = from_addr
    else:
        msg["From"] = Address(display_name="followup", addr_spec=to)
    msg["To"] = to
    msg["Date"] = format_datetime(local_now)
    # The user's own domain, so the id reveals nothing about the machine it was made on.
    msg["Message-ID"] = make_msgid(idstring="followup-report", domain=to.rsplit("@", 1)[1])
    msg[REPORT_HEADER] = data.week_key
    # RFC 3834: automatic mail; our own agent and vacation responders leave it alone.
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"

    attached = xlsx is not None
    msg.set_content(render_text(data, attached=attached), subtype="plain", charset="utf-8")
    msg.add_alternative(render_html(data, attached=attached), subtype="html", charset="utf-8")
    if xlsx is not None:
        maintype, subtype = XLSX_MEDIA_TYPE.split("/")
        msg.add_attachment(
            xlsx,
            maintype=maintype,
            subtype=subtype,
            filename=f"followup-history-{local_now.date().isoformat()}.xlsx",
        )
    return msg


def report_text(msg: EmailMessage) -> str:
    """The text/plain body of a report (what `followup report --print` shows)."""
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        raise ValueError("the report has no text/plain part")
    text = part.get_content()
    assert isinstance(text, str)
    return text


def render_text(data: ReportData, *, attached: bool = False) -> str:
    """The plain-text body; `attached` says whether the spreadsheet comes with it."""
    template = _environment().get_template("report.txt.j2")
    return template.render(r=data, attached=attached)


def render_html(data: ReportData, *, attached: bool = False) -> str:
    """The HTML body: tables and inline styles only, every value escaped."""
    return _environment().get_template("report.html.j2").render(r=data, attached=attached)


def _single_address(value: str, key: str) -> str:
    """One plain address, or a ConfigError naming the key: a comma or a newline in the
    recipient would put someone else on the report or inject a header."""
    if any(ch in value for ch in ",;\r\n"):
        raise ConfigError(f"{key}: must be a single address, got {value!r}")
    _, addr = parseaddr(value)
    local_part, at, domain = addr.rpartition("@")
    if not at or not local_part or not domain or " " in addr:
        raise ConfigError(f"{key}: not an email address: {value!r}")
    return addr


# --- templates ---------------------------------------------------------------------------

_ENV: Environment | None = None


def _environment() -> Environment:
    global _ENV
    if _ENV is None:
        env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            # Every mail-derived value in the HTML is escaped; the text part needs none.
            autoescape=select_autoescape(
                enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True
            ),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["wrap"] = _wrap
        env.filters["headline"] = _headline
        env.filters["commands"] = _commands
        _ENV = env
    return _ENV


def _wrap(text: str, indent: int = 0, width: int = TEXT_WIDTH) -> str:
    pad = " " * indent
    return textwrap.fill(
        text,
        width=width,
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _headline(item: Item, width: int = TEXT_WIDTH) -> str:
    """'  * Company - role, stage' with the badge right-aligned in brackets."""
    name = f"{item.title} - {item.subtitle}" if item.subtitle else item.title
    head = _wrap(name, indent=4, width=width)
    head = "  *" + head[3:]
    if not item.badge:
        return head
    badge = f"[{item.badge}]"
    last = head.rsplit("\n", 1)[-1]
    if len(last) + 2 + len(badge) <= width:
        return head + " " * (width - len(last) - len(badge)) + badge
    return head + "\n" + " " * (width - len(badge)) + badge


def _commands(item: Item, indent: int = 4) -> str:
    if not item.commands:
        return ""
    column = max(len(cmd) for cmd, _ in item.commands) + 2
    return "\n".join(f"{' ' * indent}{cmd.ljust(column)}{what}" for cmd, what in item.commands)
