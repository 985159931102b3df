"""The draft as a message: threading headers, recipients, and no header injection."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from compose_context import BERLIN, ctx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.compose import DraftContext, UnsafeDraft, compose_followup
from agent.message import Address

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=BERLIN)
EXPECTED_HEADERS = {
    "from", "to", "subject", "date", "message-id", "in-reply-to", "references",
    "x-followup-process", "content-type", "content-transfer-encoding", "mime-version",
}  # fmt: skip


def wire(c: DraftContext) -> bytes:
    return bytes(compose_followup(c, NOW))


def parsed(c: DraftContext) -> email.message.EmailMessage:
    msg = email.message_from_bytes(wire(c), policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def test_draft_is_a_threaded_reply_to_the_contact() -> None:
    msg = parsed(ctx())
    assert msg["From"] == "Alex Morgan <alex@example.com>"
    assert msg["To"] == "Dana Rivera <dana.rivera@northwind.example>"
    assert msg["Subject"] == "Re: Your interview with Northwind Labs"
    assert msg["Message-ID"] == "<followup.1.proc-7@alex.example.com>"
    assert msg["In-Reply-To"] == "<msg-2@northwind.example>"
    assert msg["References"].split() == [
        "<msg-0@alex.example.com>",
        "<msg-1@northwind.example>",
        "<msg-2@northwind.example>",
    ]
    assert msg["X-Followup-Process"] == "proc-7"
    assert parsedate_to_datetime(msg["Date"]) == NOW
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert "Cc" not in msg


def test_wire_format_uses_crlf_line_endings() -> None:
    raw = wire(ctx())
    assert raw.count(b"\n") == raw.count(b"\r\n") > 10


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Interview next steps", "Re: Interview next steps"),
        ("Re: Interview next steps", "Re: Interview next steps"),
        ("RE: Aw: re: Interview next steps", "Re: Interview next steps"),
        ("Re[2]: Interview next steps", "Re: Interview next steps"),
        ("SV: Intervju", "Re: Intervju"),
        ("Fwd: Interview next steps", "Re: Fwd: Interview next steps"),
        ("Interview\r\n next steps", "Re: Interview next steps"),
        ("", "Following up: Northwind Labs"),
    ],
)
def test_subject(original: str, expected: str) -> None:
    assert parsed(ctx(original_subject=original))["Subject"] == expected


def test_references_are_deduplicated_bracketed_and_capped() -> None:
    chain = tuple(f"<id{i}@northwind.example>" for i in range(30)) + ("id3@northwind.example",)
    msg = parsed(ctx(references=chain, in_reply_to="<id29@northwind.example>"))
    refs = msg["References"].split()
    assert len(refs) == 20
    assert len(set(refs)) == 20
    assert refs[-1] == "<id29@northwind.example>"  # the parent stays last
    assert msg["In-Reply-To"] == "<id29@northwind.example>"


def test_references_missing_the_parent_get_it_appended() -> None:
    refs = parsed(ctx(references=(), in_reply_to="only@northwind.example"))["References"]
    assert refs == "<only@northwind.example>"


def test_long_message_ids_survive_folding_unencoded() -> None:
    long_id = "CAF" + "x7" * 60 + "@mail.gmail.example"
    chain = tuple(f"{i}-{long_id}" for i in range(5))
    raw = wire(ctx(references=chain, in_reply_to=long_id))
    assert b"=?" not in raw.split(b"\r\n\r\n", 1)[0]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["In-Reply-To"] == f"<{long_id}>"
    assert msg["References"].split()[-1] == f"<{long_id}>"
    assert len(msg["References"].split()) == 6


def test_unsafe_ids_in_the_chain_are_dropped() -> None:
    chain = ("good@x.example", "bad id@x.example", "=?utf-8?q?x?=@x.example", "")
    refs = parsed(ctx(references=chain))["References"].split()
    assert refs == ["<good@x.example>", "<msg-2@northwind.example>"]


INJECTIONS = [
    "Acme\r\nBcc: evil@x.example",
    "Acme\nBcc: evil@x.example",
    "Acme\rBcc: evil@x.example",
    "Acme\u2028Bcc: evil@x.example",
    "Acme\x85Bcc: evil@x.example",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize(
    "field", ["company", "contact_name", "original_subject", "role", "user_name", "recipient_name"]
)
def test_header_injection_never_adds_a_header(payload: str, field: str) -> None:
    if field == "recipient_name":
        c = ctx(
            to=(Address(payload, "dana.rivera@northwind.example"),),
            cc=(Address(payload, "cc@x.example"),),
        )
    else:
        c = ctx(**{field: payload})
    raw = wire(c)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    names = {k.lower() for k in msg.keys()}
    assert "bcc" not in names
    assert names <= EXPECTED_HEADERS | {"cc"}
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))
    assert len(msg.get_all("To")) == 1 and len(msg["To"].addresses) == 1


@pytest.mark.parametrize(
    "bad",
    ["dana@northwind.example\r\nBcc: evil@x.example", "no-at-sign", "a b@northwind.example",
     "dana@", "<dana@northwind.example>", "dana@northwind.example, evil@x.example"],
)  # fmt: skip
def test_unusable_recipient_address_is_refused(bad: str) -> None:
    with pytest.raises(UnsafeDraft):
        compose_followup(ctx(to=(Address("Dana", bad),)), NOW)


@pytest.mark.parametrize(
    "changes",
    [
        {"in_reply_to": ""},
        {"in_reply_to": "two words@x.example"},
        {"message_id": "a\r\nb@x"},
        {"process_id": "p 1\r\nBcc: x"},
        {"to": ()},
    ],
)
def test_unusable_ids_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(UnsafeDraft):
        compose_followup(ctx(**changes), NOW)


def test_cc_recipients_are_kept() -> None:
    msg = parsed(ctx(cc=(Address("Sam Lee", "sam.lee@northwind.example"),)))
    assert msg["Cc"] == "Sam Lee <sam.lee@northwind.example>"


def test_display_names_with_commas_and_quotes_stay_one_address() -> None:
    msg = parsed(ctx(to=(Address('Rivera, Dana "HR"', "dana.rivera@northwind.example"),)))
    (addr,) = msg["To"].addresses
    assert addr.addr_spec == "dana.rivera@northwind.example"
    assert addr.display_name == 'Rivera, Dana "HR"'


def test_non_ascii_text_round_trips() -> None:
    msg = parsed(ctx(user_name="Zoë Ångström", signature="Zoë Ångström", company="Café Nürnberg"))
    body = msg.get_content()
    assert "Café Nürnberg" in body and body.rstrip().endswith("Zoë Ångström")
    assert msg["From"].addresses[0].display_name == "Zoë Ångström"


def test_internationalised_domain_is_encoded() -> None:
    msg = parsed(ctx(to=(Address("Jürgen", "jurgen@bücher.example"),)))
    assert msg["To"].addresses[0].domain == "xn--bcher-kva.example"


def test_date_is_written_in_the_users_timezone() -> None:
    msg = compose_followup(ctx(), datetime(2026, 7, 1, 7, 0, tzinfo=ZoneInfo("UTC")))
    assert msg["Date"].endswith("+0200")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    company=st.text(max_size=120),
    name=st.text(max_size=80),
    subject=st.text(max_size=300),
    role=st.one_of(st.none(), st.text(max_size=120)),
)
def test_any_mail_text_yields_the_same_header_set(
    company: str, name: str, subject: str, role: str | None
) -> None:
    c = ctx(
        company=company,
        contact_name=name,
        original_subject=subject,
        role=role,
        to=(Address(name, "dana.rivera@northwind.example"),),
    )
    msg = parsed(c)
    assert {k.lower() for k in msg.keys()} == EXPECTED_HEADERS
    assert [a.addr_spec for a in msg["To"].addresses] == ["dana.rivera@northwind.example"]
    assert msg["In-Reply-To"] == "<msg-2@northwind.example>"
