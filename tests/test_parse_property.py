"""Property: whatever bytes arrive, parse_message returns a Message and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.message import Message
from agent.parse import parse_message

# Header names and value fragments that exercise the risky code paths.
_NAMES = st.sampled_from(
    [
        b"From",
        b"To",
        b"Cc",
        b"Reply-To",
        b"Sender",
        b"Subject",
        b"Date",
        b"Message-ID",
        b"In-Reply-To",
        b"References",
        b"Content-Type",
        b"Content-Transfer-Encoding",
        b"Content-Disposition",
        b"Received",
        b"List-Id",
        b"Auto-Submitted",
        b"X-Junk",
    ]
)
_FRAGMENTS = st.sampled_from(
    [
        b"<",
        b'"',
        b"=?",
        b"?=",
        b"=?utf-8?B?",
        b"=?x-bad?Q?a=ZZ?=",
        b"=?iso-2022-jp?B?GyRC?=",
        b"multipart/mixed; boundary=",
        b"text/calendar; method=",
        b"name*",
        b"filename*=",
        b"utf-8''%FF%00",
        b"base64",
        b"quoted-printable",
        b"\r\n ",
        b"\n\t",
        b";",
        b",",
        b"@",
        b"\x00",
        b"\xff\xfe",
        b"\xc3\x28",
        b"Mon, 32 Foo 99999 25:61:61 +9999",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=X:2024",
        b"<!--",
        b"<a href='",
        b"--",
        b"--b",
        b"\r\n\r\n",
        b"> ",
        b"On Mon wrote:",
        b"-----Original Message-----",
    ]
)
_VALUE = st.lists(st.one_of(_FRAGMENTS, st.binary(max_size=12)), max_size=8).map(b"".join)
_HEADER = st.tuples(_NAMES, _VALUE).map(lambda nv: nv[0] + b": " + nv[1])
_BODY = st.lists(st.one_of(_FRAGMENTS, st.binary(max_size=40)), max_size=12).map(b"".join)


@st.composite
def raw_messages(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(_HEADER, max_size=10))
    newline = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    boundary_part = draw(st.sampled_from([b"", b"--b" + newline, b"--b--" + newline]))
    return newline.join(headers) + newline + newline + boundary_part + draw(_BODY)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_messages())
def test_structured_noise_never_raises(raw: bytes) -> None:
    msg = parse_message(raw)
    assert isinstance(msg, Message)
    assert msg.size == len(raw)
    assert not any(w.startswith("parse failed") for w in msg.warnings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    msg = parse_message(raw)
    assert isinstance(msg, Message)
    assert msg.size == len(raw)


# Lines built from words that can form attributions, header blocks and quote marks, but
# no mobile footer or separator (those two are dropped on purpose).
_LINE = st.lists(
    st.sampled_from(
        ["On", "Mon,", "2024", "at", "10:00", "Jane", "<j@x.org>", "wrote:", "From:", "Sent:",
         "Subject:", "To:", ">", ">>", "Am", "schrieb", "a écrit :", "hello", "Thanks", ""]
    ),
    max_size=8,
).map(" ".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=30))
def test_quote_split_never_loses_a_line(lines: list[str]) -> None:
    from agent.parse.quotes import split_quoted

    body, quoted = split_quoted("\n".join(lines))
    kept = set(body.split("\n")) | set(quoted.split("\n"))
    assert all(line in kept for line in lines if line.strip())
