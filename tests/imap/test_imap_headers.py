"""Header-only messages and the default relevance rule (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.errors import CursorExpired
from connectors.imap_cursor import ImapCursor
from connectors.imap_headers import message_from_headers
from connectors.imap_relevance import JobMailHeuristic

ARRIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def headers(**fields: str) -> bytes:
    lines = [f"{name.replace('_', '-')}: {value}" for name, value in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_header_block_becomes_a_message_with_decoded_fields() -> None:
    block = (
        b"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@firma.example>\r\n"
        b"To: alex@example.com,\r\n Bo <bo@example.com>\r\n"
        b"Subject: =?utf-8?b?RWlubGFkdW5nIHp1bSBHZXNwcsOkY2g=?=\r\n"
        b"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\n"
        b"Message-ID: <abc@firma.example>\r\n"
        b"References: <r1@x.example>\r\n <r2@x.example>\r\n"
        b"In-Reply-To: <r2@x.example>\r\n\r\n"
    )
    m = message_from_headers(block, arrived=ARRIVED, size=4321)
    assert m.from_ is not None and m.from_.name == "Jürgen Müller"
    assert [a.addr for a in m.to] == ["alex@example.com", "bo@example.com"]
    assert m.subject == "Einladung zum Gespräch"
    assert m.message_id == "abc@firma.example"
    assert m.references == ("r1@x.example", "r2@x.example")
    assert m.in_reply_to == ("r2@x.example",)
    assert m.date == datetime(2026, 3, 2, 8, 0, tzinfo=UTC) and m.date_from_header
    assert m.size == 4321 and m.body == ""


def test_broken_headers_still_give_a_message() -> None:
    m = message_from_headers(
        b"From: <\r\nDate: someday\r\nSubject: =?bogus?q?x?=\r\n\r\n", arrived=ARRIVED, size=10
    )
    assert m.from_ is None
    assert m.date == ARRIVED and not m.date_from_header
    assert m.subject == "=?bogus?q?x?="


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"Subject": "Interview invitation", "From": "a@b.example"}, True),
        ({"Subject": "Your application to Acme", "From": "x@y.example"}, True),
        ({"Subject": "Thanks", "From": "Acme <no-reply@greenhouse-mail.io>"}, True),
        ({"Subject": "Hi", "From": "Acme Talent Team <t@acme.example>"}, True),
        ({"Subject": "Invitation: Call @ Tue", "From": "cal@x.example"}, True),
        (
            {
                "Subject": "x",
                "From": "a@b.example",
                "Content-Type": "text/calendar; method=REQUEST",
            },
            True,
        ),
        ({"Subject": "Re: dinner", "From": "a@b.example", "In-Reply-To": "<q@x>"}, True),
        ({"Subject": "Dinner", "From": "Alex <alex@example.com>"}, True),  # the user's own
        ({"Subject": "Dinner", "From": "a@b.example"}, False),
        ({"Subject": "Weekly deals", "From": "n@shop.example", "List-Id": "<d.shop>"}, False),
        (
            {
                "Subject": "Re: [list] patch",
                "From": "a@b.example",
                "In-Reply-To": "<q@x>",
                "List-Id": "<l>",
            },
            False,
        ),
        ({"Subject": "Control panel update", "From": "ops@host.example"}, False),
    ],
)
def test_default_relevance(fields: dict[str, str], expected: bool) -> None:
    relevant = JobMailHeuristic(["alex@example.com"])
    m = message_from_headers(headers(**fields), arrived=ARRIVED, size=1)
    assert relevant(m) is expected


def test_cursor_round_trips_and_garbage_expires() -> None:
    cursor = ImapCursor(uidvalidity=7, last_uid=42, highestmodseq=99)
    assert ImapCursor.decode(cursor.encode(), "INBOX") == cursor
    assert cursor.encode() == '{"v":1,"uidvalidity":7,"last_uid":42,"highestmodseq":99}'
    for bad in ("", "{}", "[1]", '{"v":2,"uidvalidity":1,"last_uid":1}', "12"):
        with pytest.raises(CursorExpired):
            ImapCursor.decode(bad, "INBOX")
