"""The fast FETCH reader gives exactly what imapclient gives, on Dovecot and on odd answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dovecot import DovecotAccount
from mail import job_mail, mail, newsletter

from connectors.imap_fetch import _fast, fetch_rows, uid_set
from connectors.imap_headers import HEADER_ITEM


@pytest.mark.parametrize(
    "items",
    [
        ["RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM],
        ["BODY.PEEK[]<0.2048>", "INTERNALDATE"],
        ["FLAGS", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]", "RFC822.SIZE"],
        ["ENVELOPE"],  # not a shape the fast reader knows: imapclient's parser answers
    ],
)
def test_fetch_rows_equals_imapclient_fetch(dovecot: DovecotAccount, items: list[str]) -> None:
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    dovecot.append("INBOX", job_mail("a@acme.example"), ["\\Seen", "$Label1"], when)
    dovecot.append("INBOX", newsletter("b@shop.example"))
    dovecot.append("INBOX", mail("c@x.example", body="y" * 5000 + "\n"), ["\\Flagged"])
    with dovecot.client() as c:
        c.select_folder("INBOX", readonly=True)
        uids = c.search(["ALL"])
        expected = c.fetch(uids, items)
        got = fetch_rows(c, [uids[2], uids[0], uids[1]], items)
        assert got == expected
        assert fetch_rows(c, [99], items) == {}


def test_answers_of_another_shape_are_left_to_imapclient() -> None:
    nil_date = [b"1 (UID 7 INTERNALDATE NIL FLAGS ())"]
    after_literal = [(b"1 (UID 7 BODY[] {2}", b"hi"), b" FLAGS (\\Seen))"]
    quoted_body = [b'1 (UID 7 BODY[] "hi")']
    for data in (nil_date, after_literal, quoted_body):
        assert _fast(data) is None
    plain = [(b"3 (UID 7 RFC822.SIZE 2 FLAGS (\\Seen) BODY[] {2}", b"hi"), b")"]
    assert _fast(plain) == {
        7: {b"SEQ": 3, b"RFC822.SIZE": 2, b"FLAGS": (b"\\Seen",), b"BODY[]": b"hi"}
    }


def test_uid_sets_are_compact_ranges_of_integers() -> None:
    assert uid_set([7, 1, 2, 3, 9, 10, 3]) == "1:3,7,9:10"
    assert uid_set([42]) == "42"
