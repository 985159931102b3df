"""The mail parser on odd real-world-style messages: it never raises and reads what a
person would read."""

from __future__ import annotations

import json
import os
import sysconfig
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from agent.message import Message
from agent.parse import parse_message

MAIL_DIR = Path(__file__).parent / "data" / "mail"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (MAIL_DIR / "expected.json").read_text(encoding="utf-8")
)
FIXTURES = sorted(p.name for p in MAIL_DIR.glob("*.eml"))


def parse_file(name: str, arrived: datetime | None = None) -> Message:
    return parse_message((MAIL_DIR / name).read_bytes(), arrived)


def test_fixture_folder_is_big_enough_and_mostly_described() -> None:
    assert len(FIXTURES) >= 35
    described = [name for name in FIXTURES if name in EXPECTED]
    assert len(described) * 2 >= len(FIXTURES)
    assert set(EXPECTED) <= set(FIXTURES), "expected.json names a missing file"


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_parses(name: str) -> None:
    raw = (MAIL_DIR / name).read_bytes()
    msg = parse_message(raw)
    assert isinstance(msg, Message)
    assert msg.size == len(raw)
    if msg.date is not None:
        assert msg.date.utcoffset() is not None
    for ev in msg.calendar:
        for when in (ev.start, ev.end):
            assert when is None or when.utcoffset() is not None
    assert all(isinstance(k, str) and k == k.lower() for k in msg.headers)
    assert all(isinstance(v, str) for v in msg.headers.values())


def _check_calendar(msg: Message, expected: list[dict[str, Any]]) -> None:
    assert len(msg.calendar) == len(expected)
    for ev, want in zip(msg.calendar, expected, strict=True):
        got = {
            "uid": ev.uid,
            "method": ev.method,
            "start": ev.start.isoformat() if ev.start else None,
            "end": ev.end.isoformat() if ev.end else None,
            "organizer_addr": ev.organizer.addr if ev.organizer else None,
            "organizer_name": ev.organizer.name if ev.organizer else None,
            "summary": ev.summary,
            "location": ev.location,
            "partstat": ev.partstat,
        }
        for key, value in want.items():
            if key in ("start", "end") and value is not None:
                # Compare instants: the zone object may differ, the moment must not.
                assert got[key] is not None
                assert datetime.fromisoformat(got[key]) == datetime.fromisoformat(value), key
            else:
                assert got[key] == value, key


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_fields(name: str) -> None:
    msg = parse_file(name)
    want = EXPECTED[name]
    simple = {
        "subject": msg.subject,
        "message_id": msg.message_id,
        "body": msg.body,
        "quoted": msg.quoted,
        "body_was_html": msg.body_was_html,
        "date_from_header": msg.date_from_header,
        "is_bulk": msg.is_bulk,
        "is_auto": msg.is_auto,
        "has_calendar": bool(msg.calendar),
        "attachments": list(msg.attachments),
        "in_reply_to": list(msg.in_reply_to),
        "references": list(msg.references),
        "references_count": len(msg.references),
        "to_addrs": [a.addr for a in msg.to],
        "to_names": [a.name for a in msg.to],
        "cc_addrs": [a.addr for a in msg.cc],
        "cc_names": [a.name for a in msg.cc],
        "from_addr": msg.from_.addr if msg.from_ else None,
        "from_name": msg.from_.name if msg.from_ else None,
        "from": str(msg.from_) if msg.from_ else None,
        "date": msg.date.isoformat() if msg.date else None,
    }
    for key, value in want.items():
        if key in simple:
            assert simple[key] == value, key
        elif key == "subject_startswith":
            assert msg.subject.startswith(value)
        elif key == "body_contains":
            for piece in value:
                assert piece in msg.body, piece
        elif key == "body_not_contains":
            for piece in value:
                assert piece not in msg.body, piece
        elif key == "quoted_contains":
            for piece in value:
                assert piece in msg.quoted, piece
        elif key == "attachments_contain":
            for piece in value:
                assert piece in msg.attachments, piece
        elif key == "warnings_contain":
            for piece in value:
                assert any(piece in w for w in msg.warnings), (piece, msg.warnings)
        elif key == "headers":
            for hname, hvalue in value.items():
                assert msg.headers.get(hname) == hvalue, hname
        elif key == "calendar":
            _check_calendar(msg, value)
        else:
            pytest.fail(f"unknown expectation {key!r} for {name}")


# --- quoted history --------------------------------------------------------------------


def _plain(body: str, headers: str = "") -> bytes:
    head = (
        "From: Jane <jane@acme.example>\nTo: me@example.org\nSubject: Re: x\n"
        "Date: Mon, 04 Mar 2024 10:00:00 +0000\nMessage-ID: <q@acme.example>\n"
        "Content-Type: text/plain; charset=utf-8\n"
    )
    return (head + headers + "\n" + body).encode("utf-8")


def test_on_wrote_attribution_moves_history_to_quoted() -> None:
    msg = parse_message(
        _plain(
            "Sounds good, see you Monday.\n\n"
            "On Fri, Mar 1, 2024 at 4:05 PM Jane <jane@acme.example> wrote:\n"
            "> Can you make Monday at 10?\n"
        )
    )
    assert msg.body == "Sounds good, see you Monday."
    assert msg.quoted.startswith("On Fri, Mar 1, 2024")
    assert "> Can you make Monday at 10?" in msg.quoted


def test_attribution_wrapped_over_three_lines() -> None:
    msg = parse_message(
        _plain(
            "Confirmed.\n\nOn Friday, March 1, 2024 at 4:05:11 PM UTC+1, Jane\n"
            "Recruiter-With-A-Long-Name <jane.recruiter@acme.example>\nwrote:\n"
            "old text without quote marks\n"
        )
    )
    assert msg.body == "Confirmed."
    assert "old text without quote marks" in msg.quoted


def test_spanish_and_dutch_attributions() -> None:
    spanish = parse_message(
        _plain("Perfecto.\n\nEl lun, 4 mar 2024 a las 10:00, Ana (<ana@x.es>) escribió:\n> hola\n")
    )
    dutch = parse_message(
        _plain("Prima.\n\nOp 4 mrt. 2024 om 10:00 schreef Jan <jan@x.nl>:\n> hallo\n")
    )
    assert spanish.body == "Perfecto." and "escribió" in spanish.quoted
    assert dutch.body == "Prima." and "schreef" in dutch.quoted


def test_outlook_header_block_without_separator() -> None:
    msg = parse_message(
        _plain(
            "Works for me.\n\nFrom: Alex <alex@example.org>\nDate: Monday, March 4, 2024\n"
            "Subject: Time\n\nIs 3pm ok?\n"
        )
    )
    assert msg.body == "Works for me."
    assert "Is 3pm ok?" in msg.quoted


def test_a_lone_from_line_in_new_text_is_not_a_quote() -> None:
    body = "From: the team, thanks again.\nWe will decide by Friday.\n"
    msg = parse_message(_plain(body))
    assert "We will decide by Friday." in msg.body
    assert msg.quoted == ""


def test_wrote_in_a_sentence_is_not_an_attribution() -> None:
    body = "My manager wrote: we should talk again next week.\nRegards\n"
    msg = parse_message(_plain(body))
    assert "we should talk again next week" in msg.body
    assert msg.quoted == ""


def test_separator_left_above_a_cut_is_dropped() -> None:
    msg = parse_message(
        _plain(
            "See you then.\n\n-----------------------------\n*From:* Bob [mailto:b@x.org]\n"
            "*Sent:* Monday\n*To:* Jane\n*Subject:* Time\n\nOld text\n"
        )
    )
    assert msg.body == "See you then."
    assert msg.quoted.endswith("Old text")


def test_signature_stays_in_body() -> None:
    msg = parse_message(_plain("Thanks!\n\n-- \nJane Recruiter\nAcme Corp\n"))
    assert "Jane Recruiter" in msg.body and "Acme Corp" in msg.body


# --- HTML --------------------------------------------------------------------------------


def _html(html: str, extra_headers: str = "") -> bytes:
    return (
        "From: news@shop.example\nTo: me@example.org\nSubject: html\n"
        "Date: Mon, 04 Mar 2024 10:00:00 +0000\nMessage-ID: <h@shop.example>\n"
        f"{extra_headers}Content-Type: text/html; charset=utf-8\n\n{html}"
    ).encode()


def test_html_is_converted_to_readable_text() -> None:
    msg = parse_message(
        _html(
            "<html><head><title>T</title><style>p {color: red}</style></head><body>"
            "<script>alert(1 < 2)</script><h1>Welcome</h1><p>Click <a href='https://x'>"
            "here</a>&nbsp;to&#160;confirm &amp; enjoy.</p><div>one</div><div>two</div>"
            "<table><tr><td>A</td><td>B</td></tr></table></body></html>"
        )
    )
    assert msg.body_was_html
    assert msg.body.splitlines() == [
        "Welcome",
        "",
        "Click here to confirm & enjoy.",
        "",
        "one",
        "two",
        "",
        "A  B",
    ]


def test_html_without_closing_head_still_shows_body() -> None:
    msg = parse_message(_html("<html><head><title>x</title><body><p>Visible text</p>"))
    assert msg.body == "Visible text"


def test_html_blockquote_becomes_quoted_history() -> None:
    msg = parse_message(
        _html(
            "<div>New answer</div><div>On Mon, Mar 4, 2024 at 9:00 AM Bob &lt;b@x.org&gt; "
            "wrote:<br></div><blockquote>Old question<br>line two</blockquote>"
        )
    )
    assert msg.body == "New answer"
    assert "> Old question" in msg.quoted and "> line two" in msg.quoted


def test_five_megabyte_html_body_is_cut_not_choked_on() -> None:
    row = "<tr><td><a href='https://shop.example/p'>Product name</a> &euro;9.99</td></tr>\n"
    html = "<html><body><p>Top offer</p><table>" + row * (5_000_000 // len(row)) + "</table>"
    msg = parse_message(_html(html))
    assert msg.body.startswith("Top offer")
    assert "Product name €9.99" in msg.body
    assert any("HTML body cut" in w for w in msg.warnings)


@pytest.mark.parametrize(
    "junk",
    ["<!--" * 100_000, "<a " * 100_000, "<![" * 100_000, "<a href='x>" * 50_000, "</" * 100_000],
)
def test_html_with_unclosed_constructs_parses(junk: str) -> None:
    # Python 3.11's HTMLParser is quadratic on these; the pre-pass keeps them linear.
    msg = parse_message(_html("<p>Hello</p>" + junk))
    assert msg.body.startswith("Hello")


# --- calendar ----------------------------------------------------------------------------


def _with_ics(ics: str, ctype: str = "text/calendar; method=REQUEST", date: str = "") -> bytes:
    date = date or "Mon, 04 Mar 2024 10:00:00 -0800"
    return (
        "From: Jane <jane@acme.example>\nTo: me@example.org\nSubject: Invitation\n"
        f"Date: {date}\nMessage-ID: <cal@acme.example>\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        f"Invitation\n--b\nContent-Type: {ctype}\n\n{ics}\n--b--\n"
    ).encode()


def _vevent(*lines: str, method: str = "REQUEST") -> str:
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"METHOD:{method}",
            "BEGIN:VEVENT",
            *lines,
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )


def test_floating_time_takes_the_message_offset() -> None:
    msg = parse_message(_with_ics(_vevent("UID:u1", "DTSTART:20240311T090000", "SUMMARY:Chat")))
    (ev,) = msg.calendar
    assert ev.start == datetime(2024, 3, 11, 9, 0, tzinfo=timezone(timedelta(hours=-8)))
    assert ev.end is None


def test_unknown_tzid_without_message_date_falls_back_to_utc() -> None:
    raw = _with_ics(_vevent("UID:u2", "DTSTART;TZID=Mars/Olympus:20240311T090000"))
    raw = raw.replace(b"Date: Mon, 04 Mar 2024 10:00:00 -0800\n", b"")
    msg = parse_message(raw)
    assert msg.calendar[0].start == datetime(2024, 3, 11, 9, 0, tzinfo=UTC)


def test_duration_gives_the_end_and_method_comes_from_the_calendar() -> None:
    ics = _vevent("UID:u3", "DTSTART:20240311T170000Z", "DURATION:PT45M", method="PUBLISH")
    msg = parse_message(_with_ics(ics, ctype="application/ics"))
    (ev,) = msg.calendar
    assert ev.method == "PUBLISH"
    assert ev.end == datetime(2024, 3, 11, 17, 45, tzinfo=UTC)


def test_organizer_without_name_and_reply_partstat() -> None:
    ics = _vevent(
        "UID:u4",
        "DTSTART:20240311T170000Z",
        "ORGANIZER:MAILTO:Jane@Acme.example",
        "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.org",
        method="REPLY",
    )
    msg = parse_message(_with_ics(ics, ctype="text/calendar; method=REPLY"))
    (ev,) = msg.calendar
    assert ev.organizer is not None and ev.organizer.addr == "Jane@Acme.example"
    assert ev.organizer.name == ""
    assert ev.partstat == "DECLINED"


def test_garbage_calendar_gives_a_warning_not_an_error() -> None:
    msg = parse_message(_with_ics("BEGIN:VCALENDAR\r\n\x00\x01garbage:::\r\nEND:VEVENT"))
    assert msg.calendar == ()
    assert any("calendar" in w for w in msg.warnings)
    assert msg.body == "Invitation"


def test_same_invite_inline_and_attached_counts_once() -> None:
    msg = parse_file("calendar_request.eml")
    assert len(msg.calendar) == 1


# --- dates -------------------------------------------------------------------------------


def test_missing_date_uses_arrival_before_received() -> None:
    arrived = datetime(2024, 3, 15, 14, 5, tzinfo=UTC)
    msg = parse_file("missing_date.eml", arrived)
    assert msg.date == arrived
    assert msg.date_from_header is False


def test_naive_arrival_time_is_taken_as_utc() -> None:
    msg = parse_file("bad_date.eml", datetime(2024, 3, 16, 8, 0))
    assert msg.date == datetime(2024, 3, 16, 8, 0, tzinfo=UTC)


def test_header_date_wins_over_arrival() -> None:
    msg = parse_file("no_message_id.eml", datetime(2030, 1, 1, tzinfo=UTC))
    assert msg.date == datetime(2024, 3, 7, 8, 1, tzinfo=UTC)
    assert msg.date_from_header is True


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tue, 5 Mar 2024 10:00:00 +0100 (CET)", datetime(2024, 3, 5, 9, 0, tzinfo=UTC)),
        ("5 Mar 24 10:00 GMT", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:00 -0000", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:60 +0000", datetime(2024, 3, 5, 10, 0, 59, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:00 +9999", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
        ("Tue, 31 Feb 2024 10:00:00 +0000", None),
        ("tomorrow", None),
        ("3", None),
    ],
)
def test_date_header_variants(header: str, expected: datetime | None) -> None:
    msg = parse_message(_plain("x", f"Date: {header}\n").replace(b"Date: Mon, 04", b"X-Old: 04"))
    if expected is None:
        assert msg.date_from_header is False and msg.date is None
    else:
        assert msg.date == expected and msg.date_from_header is True


# --- bulk and automatic mail ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "bulk", "auto"),
    [
        ("List-Id: <jobs.list.example>\n", True, False),
        ("List-Unsubscribe: <mailto:u@x.example>\n", True, False),
        ("Precedence: junk\n", True, False),
        ("Precedence: auto_reply\n", False, True),
        ("Auto-Submitted: auto-generated\n", False, True),
        ("Auto-Submitted: No\n", False, False),
        ("X-Autorespond: yes\n", False, True),
        ("", False, False),
    ],
)
def test_bulk_and_auto_flags_come_from_headers(headers: str, bulk: bool, auto: bool) -> None:
    msg = parse_message(_plain("hello", headers))
    assert (msg.is_bulk, msg.is_auto) == (bulk, auto)


def test_selected_headers_are_decoded_text() -> None:
    raw = _plain(
        "x",
        "X-GM-THRID: 1790000000000000001\nX-Followup-Process: p-17\n"
        "Return-Path: <bounce@acme.example>\nList-Id: =?utf-8?Q?Caf=C3=A9?= <cafe.list>\n",
    )
    msg = parse_message(raw)
    assert msg.headers["x-gm-thrid"] == "1790000000000000001"
    assert msg.headers["x-followup-process"] == "p-17"
    assert msg.headers["return-path"] == "<bounce@acme.example>"
    assert msg.headers["list-id"] == "Café <cafe.list>"
    assert msg.headers["content-type"] == "text/plain; charset=utf-8"


# --- hostile and huge input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\n\n\n",
        b"\x00" * 100,
        b"From:\n",
        b"Subject: =?utf-8?B?====?=\n\n",
        bytes(range(256)),
    ],
)
def test_degenerate_input_still_gives_a_message(raw: bytes) -> None:
    msg = parse_message(raw)
    assert isinstance(msg, Message) and msg.size == len(raw)


def test_other_bytes_like_inputs_are_accepted() -> None:
    raw = (MAIL_DIR / "crlf_line_endings.eml").read_bytes()
    for value in (bytearray(raw), memoryview(raw)):
        assert parse_message(value).subject == "CRLF line endings"  # type: ignore[arg-type]


def test_deeply_nested_multipart_does_not_blow_the_stack() -> None:
    depth = 1200
    raw = b"From: a@b.example\nSubject: deep\n" + b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(depth)
    )
    msg = parse_message(raw)
    assert msg.subject == "deep"
    assert msg.body == ""  # not the raw MIME source
    assert any("MIME structure unreadable" in w for w in msg.warnings)


def test_twenty_megabyte_message_parses() -> None:
    head = b"From: a@b.example\nSubject: big\nContent-Type: multipart/mixed; boundary=Z\n\n"
    attachment = (
        b"--Z\nContent-Type: application/octet-stream; name=big.bin\n"
        b"Content-Transfer-Encoding: base64\n\n" + b"QUJD" * 19 + b"\n"
    ) + (b"QUJD" * 19 + b"\n") * 260_000
    raw = head + b"--Z\nContent-Type: text/plain\n\nsee attached\n" + attachment + b"--Z--\n"
    assert len(raw) > 20_000_000
    msg = parse_message(raw)
    assert msg.body == "see attached"
    assert msg.attachments == ("big.bin",)


def test_many_parts_are_capped() -> None:
    part = b"--Z\nContent-Type: application/pdf; name=f.pdf\n\nx\n"
    raw = b"Subject: parts\nContent-Type: multipart/mixed; boundary=Z\n\n" + part * 2000
    msg = parse_message(raw)
    assert 0 < len(msg.attachments) <= 500
    assert any("too many" in w for w in msg.warnings)


# --- CPython's own odd messages --------------------------------------------------------------


def _cpython_mail_dir() -> Path | None:
    try:
        import test.test_email as pkg

        candidate = Path(pkg.__file__).parent / "data"
    except Exception:
        candidate = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"
    return candidate if candidate.is_dir() else None


def test_cpython_test_messages_parse_without_raising() -> None:
    folder = _cpython_mail_dir()
    # Where the interpreter ships without its test suite, our own folder stands in.
    files = sorted(folder.glob("msg_*.txt")) if folder else sorted(MAIL_DIR.glob("*.eml"))
    assert files
    for path in files:
        raw = path.read_bytes()
        msg = parse_message(raw)
        assert isinstance(msg, Message) and msg.size == len(raw), os.fspath(path)
        assert not any(w.startswith("parse failed") for w in msg.warnings), path.name
