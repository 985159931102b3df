"""The follow-up history as a spreadsheet: one sheet of processes, one of events.

`followup export` and the weekly email's attachment both come from here.

Formats:
- xlsx: sheets "Processes" and "Events"; dates are real date cells in the user's local
  time (naive, since Excel cells carry no timezone).
- csv: a CSV file holds one table, so the processes go to the given path and the events to
  a sibling `<stem>-events.csv`. Files are UTF-8 with a byte-order mark (Excel otherwise
  reads them as the legacy code page and garbles accents), RFC 4180 quoting, CRLF line ends,
  dates as ISO 8601 strings with the user's UTC offset.

Mail-derived text is untrusted: any text cell starting with = + - @ tab or CR gets a leading
apostrophe so a spreadsheet never evaluates it as a formula (CSV/formula injection), in both
formats.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from agent.views import EventView, ProcessView

Cell = str | int | float | date | datetime | None
Table = tuple[list[str], list[list[Cell]]]

PROCESS_HEADERS = [
    "id",
    "company",
    "role",
    "stage",
    "state",
    "flags",
    "last contact",
    "next due",
    "due reason",
    "draft",
    "contact",
    "interview at",
    "follow-ups sent",
    "opened",
    "closed",
    "note",
]
EVENT_HEADERS = ["date", "process id", "company", "kind", "label", "subject", "summary"]

PROCESSES_SHEET = "Processes"
EVENTS_SHEET = "Events"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Characters a spreadsheet may read as the start of a formula (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that xlsx cannot store and that have no business in a cell anyway.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def neutralize(text: str) -> str:
    """Untrusted text made safe for a spreadsheet cell: control characters dropped and a
    leading apostrophe before anything a spreadsheet could take for a formula."""
    text = _CONTROL_CHARS.sub("", text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _local(moment: datetime | None, tz: ZoneInfo) -> datetime | None:
    # Naive datetimes from the store are taken as UTC, the store's convention.
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(tz)


def processes_rows(views: Sequence[ProcessView], tz: ZoneInfo) -> Table:
    """Headers and one row per process, in the given order. Datetimes are aware, in `tz`;
    each writer turns them into what its format holds."""
    rows: list[list[Cell]] = []
    for v in views:
        rows.append(
            [
                v.id,
                v.company,
                v.role,
                v.stage,
                v.state,
                ", ".join(v.flags),
                _local(v.last_contact, tz),
                v.due,
                v.due_reason,
                v.draft,
                v.contact,
                _local(v.interview_at, tz),
                v.followups_sent,
                _local(v.opened_at, tz),
                _local(v.closed_at, tz),
                v.note,
            ]
        )
    return list(PROCESS_HEADERS), rows


def events_rows(events: Sequence[EventView], tz: ZoneInfo) -> Table:
    """Headers and one row per event, oldest first (a history reads forwards)."""
    ordered = sorted(events, key=lambda e: _local(e.at, tz) or datetime.min.replace(tzinfo=tz))
    rows: list[list[Cell]] = [
        [_local(e.at, tz), e.process_id, e.company, e.kind, e.label, e.subject, e.summary]
        for e in ordered
    ]
    return list(EVENT_HEADERS), rows


# --- CSV ---------------------------------------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralize(value)
    return str(value)


def _write_csv(path: Path, headers: list[str], rows: Iterable[list[Cell]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
    _write_atomically(path, buffer.getvalue().encode("utf-8-sig"))


def events_csv_path(path: Path) -> Path:
    """Where `export_csv` puts the events: `<stem>-events.csv` beside the processes file."""
    return path.with_name(f"{path.stem}-events.csv")


def export_csv(
    views: Sequence[ProcessView], events: Sequence[EventView], path: Path, tz: ZoneInfo
) -> list[Path]:
    """Write processes to `path` and events to `<stem>-events.csv`; returns both paths."""
    path = Path(path)
    events_path = events_csv_path(path)
    _write_csv(path, *processes_rows(views, tz))
    _write_csv(events_path, *events_rows(events, tz))
    return [path, events_path]


# --- xlsx --------------------------------------------------------------------------------


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return neutralize(value)
    return value


def _display_width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("2026-01-01 00:00")
    if isinstance(value, date):
        return len("2026-01-01")
    # The longest line of a multi-line cell decides its width.
    return max(len(line) for line in str(value).splitlines() or [""])


def _fill_sheet(sheet: Worksheet, headers: list[str], rows: list[list[Cell]]) -> None:
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    widths = [len(h) for h in headers]
    for row in rows:
        cells = [_xlsx_cell(v) for v in row]
        sheet.append(cells)
        for i, value in enumerate(cells):
            widths[i] = max(widths[i], _display_width(value))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, datetime):
                cell.number_format = _DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
            elif isinstance(cell.value, str):
                # Text stays text: never a formula, nor an error value such as "#N/A".
                cell.data_type = "s"
    for i, width in enumerate(widths, start=1):
        # +2 leaves room for the autofilter's drop-down button.
        fitted = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(i)].width = fitted
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"


def _workbook(views: Sequence[ProcessView], events: Sequence[EventView], tz: ZoneInfo) -> Workbook:
    book = Workbook()
    processes = book.active
    assert processes is not None  # a new Workbook always has one sheet
    processes.title = PROCESSES_SHEET
    _fill_sheet(processes, *processes_rows(views, tz))
    _fill_sheet(book.create_sheet(EVENTS_SHEET), *events_rows(events, tz))
    book.properties.creator = "followup"
    return book


def export_xlsx_bytes(
    views: Sequence[ProcessView], events: Sequence[EventView], tz: ZoneInfo
) -> bytes:
    """The history workbook as bytes (the weekly email's attachment)."""
    buffer = io.BytesIO()
    _workbook(views, events, tz).save(buffer)
    return buffer.getvalue()


def export_xlsx(
    views: Sequence[ProcessView], events: Sequence[EventView], path: Path, tz: ZoneInfo
) -> Path:
    """Write the history workbook to `path` (replaced atomically); returns the path."""
    path = Path(path)
    _write_atomically(path, export_xlsx_bytes(views, events, tz))
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    # A crash or full disk never leaves a half-written spreadsheet where the old one was.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
