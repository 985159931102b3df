"""How the CLI shows things to people: the status table and compact classify lines.

Mail-derived text is untrusted: it goes into rich `Text` objects, never into markup.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from email.message import EmailMessage
from typing import Any

from rich.table import Table
from rich.text import Text

from agent.views import ProcessView


def status_table(views: list[ProcessView], tz: tzinfo, today: date) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    for title in ("id", "company", "role", "stage", "state", "last contact", "next due", "draft"):
        table.add_column(title, overflow="fold")
    for view in views:
        table.add_row(
            Text(view.id, style="dim"),
            Text(view.company),
            Text(view.role or "-"),
            Text(view.stage or "-"),
            _state_text(view),
            Text(_when(view.last_contact, tz, today)),
            _due_text(view, today),
            Text(view.draft + (" (edited)" if view.draft_edited else "")),
        )
    return table


def _state_text(view: ProcessView) -> Text:
    text = Text(view.state, style="" if view.is_open else "dim")
    if view.flags:
        text.append(" [" + ", ".join(view.flags) + "]", style="yellow")
    return text


def _due_text(view: ProcessView, today: date) -> Text:
    if view.due is None:
        return Text(view.due_reason or "-", style="dim")
    style = "bold red" if view.due <= today else ""
    text = Text(view.due.isoformat(), style=style)
    if view.due_reason:
        text.append(f" ({view.due_reason})", style="dim")
    return text


def _when(moment: datetime | None, tz: tzinfo, today: date) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone(tz)
    days = (today - local.date()).days
    ago = "today" if days == 0 else f"{days} d ago" if days > 0 else "ahead"
    return f"{local:%Y-%m-%d} ({ago})"


def report_text(message: EmailMessage) -> str:
    """The text/plain body of the weekly email (what `report --print` shows)."""
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        body = message.get_body(preferencelist=("html",))
    if body is None:
        return ""
    content = body.get_content()  # type: ignore[attr-defined]
    return content if isinstance(content, str) else content.decode("utf-8", "replace")


def classify_line(result: dict[str, Any]) -> str:
    """One compact, human line for a classify result."""
    name = str(result.get("file") or result.get("id") or "?")
    if result.get("error"):
        return f"{name}: error: {result['error']}"
    parts = [f"{name}: {result.get('label', '?')}"]
    confidence = result.get("confidence")
    if isinstance(confidence, (int, float)):
        parts[0] += f" ({confidence:.2f})"
    company = result.get("company")
    role = result.get("role")
    if company or role:
        parts.append(" / ".join(str(v) for v in (company, role) if v))
    if result.get("stage"):
        parts.append(f"stage {result['stage']}")
    if result.get("interview_at"):
        parts.append(f"interview {result['interview_at']}")
    if result.get("due"):
        timeline = f" ({result['timeline']})" if result.get("timeline") else ""
        parts.append(f"due {result['due']}{timeline}")
    if result.get("channel") == "phone":
        parts.append("call instead")
    return "  ".join(parts)
