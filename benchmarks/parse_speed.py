"""Parser throughput on generated, typical ~5 KB messages, and timings on hostile input.

    python benchmarks/parse_speed.py [N]      (default 4000 messages per kind)

Prints messages per second for each kind and for the mix, on one core; nothing is asserted.
The goal is at least 2,000 typical messages per second.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from agent.parse import parse_message

WORDS = (
    "thank you for your application we would like to invite you to a call next week with "
    "the engineering team please let us know your availability the role is hybrid and the "
    "interview takes about forty five minutes looking forward to hearing from you"
).split()


def _sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _paragraphs(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        para = " ".join(_sentence(rng) for _ in range(3))
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)


def _headers(rng: random.Random, i: int, ctype: str, extra: str = "") -> str:
    received = "".join(
        f"Received: from mx{k}.example.net (mx{k}.example.net [192.0.2.{k}])\n"
        f"\tby relay{k}.example.org with ESMTPS id {rng.getrandbits(40):x}\n"
        f"\tfor <alex@example.org>; Mon, 4 Mar 2024 09:3{k}:00 +0000\n"
        for k in range(4)
    )
    return (
        received
        + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=acme.example; s=s1;\n"
        + " h=from:to:subject:date:message-id; bh="
        + "A" * 44
        + ";\n b="
        + "B" * 300
        + "\n"
        + "From: =?utf-8?Q?Dana_M=C3=BCller?= <dana@acme.example>\n"
        + "To: Alex Morgan <alex@example.org>\nCc: hiring@acme.example\n"
        + f"Subject: Re: Interview for the backend role ({i})\n"
        + "Date: Mon, 4 Mar 2024 09:30:00 +0100\n"
        + f"Message-ID: <{i}.{rng.getrandbits(64):x}@mail.acme.example>\n"
        + f"In-Reply-To: <{i - 1}@mail.example.org>\n"
        + f"References: <{i - 2}@mail.acme.example> <{i - 1}@mail.example.org>\n"
        + "MIME-Version: 1.0\n"
        + extra
        + f"Content-Type: {ctype}\n"
    )


def plain_reply(rng: random.Random, i: int) -> bytes:
    quoted = "\n".join("> " + line for line in _paragraphs(rng, 1500).split("\n"))
    body = (
        _paragraphs(rng, 1500)
        + "\n\nBest,\nDana\n\n"
        + "On Fri, Mar 1, 2024 at 4:05 PM Alex Morgan <alex@example.org> wrote:\n"
        + quoted
        + "\n"
    )
    return (_headers(rng, i, "text/plain; charset=utf-8") + "\n" + body).encode()


def alternative(rng: random.Random, i: int) -> bytes:
    text = _paragraphs(rng, 1600)
    html = "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    body = (
        "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
        f"quoted-printable\n\n{text}\n--alt\nContent-Type: text/html; charset=utf-8\n\n"
        f"<html><body><div>{html}</div></body></html>\n--alt--\n"
    )
    return (_headers(rng, i, 'multipart/alternative; boundary="alt"') + "\n" + body).encode()


def newsletter(rng: random.Random, i: int) -> bytes:
    rows = "".join(
        f"<tr><td style='padding:4px'><a href='https://jobs.example/{k}'>{_sentence(rng, 5)}"
        f"</a></td><td>&euro;{k}0k</td></tr>\n"
        for k in range(25)
    )
    html = (
        "<html><head><style>td{font-family:Arial}</style></head><body>"
        f"<table>{rows}</table><p>Unsubscribe</p></body></html>"
    )
    extra = "List-Unsubscribe: <https://jobs.example/u>\nList-Id: <digest.jobs.example>\n"
    return (_headers(rng, i, "text/html; charset=utf-8", extra) + "\n" + html).encode()


def invite(rng: random.Random, i: int) -> bytes:
    ics = "\r\n".join(
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
            f"UID:{i}@acme.example", "DTSTART;TZID=Europe/Berlin:20240311T100000",
            "DTEND;TZID=Europe/Berlin:20240311T110000",
            "ORGANIZER;CN=Dana:mailto:dana@acme.example", "SUMMARY:Interview",
            "END:VEVENT", "END:VCALENDAR",
        ]
    )  # fmt: skip
    body = (
        f"--m\nContent-Type: text/plain; charset=utf-8\n\n{_paragraphs(rng, 2500)}\n"
        f"--m\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n{ics}\n--m--\n"
    )
    return (_headers(rng, i, 'multipart/alternative; boundary="m"') + "\n" + body).encode()


KINDS: dict[str, Callable[[random.Random, int], bytes]] = {
    "plain reply with quote": plain_reply,
    "multipart/alternative": alternative,
    "HTML newsletter": newsletter,
    "calendar invite": invite,
}


def _rate(messages: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in messages:
        parse_message(raw)
    return len(messages) / (time.perf_counter() - start)


def _timed(label: str, raw: bytes) -> None:
    start = time.perf_counter()
    parse_message(raw)
    print(f"  {label:<40} {len(raw) / 1e6:6.1f} MB  {time.perf_counter() - start:6.3f} s")


def main(count: int) -> None:
    rng = random.Random(7)
    mix: list[bytes] = []
    print(f"typical messages ({count} per kind, one core):")
    for label, make in KINDS.items():
        messages = [make(rng, i + 10) for i in range(count)]
        mix.extend(messages)
        size = sum(map(len, messages)) / len(messages)
        parse_message(messages[0])  # warm imports (icalendar, html.parser)
        print(f"  {label:<28} avg {size / 1024:4.1f} KB  {_rate(messages):7.0f} msg/s")
    rng.shuffle(mix)
    print(
        f"  {'mix':<28} avg {sum(map(len, mix)) / len(mix) / 1024:4.1f} KB  {_rate(mix):7.0f} msg/s"
    )

    print("hostile or huge single messages:")
    head = b"From: a@b.example\nSubject: x\nContent-Type: text/html\n\n"
    row = b"<tr><td><a href='https://x.example/p'>Item</a> &euro;9</td></tr>\n"
    _timed("5 MB HTML body", head + row * (5_000_000 // len(row)))
    _timed("unclosed comments (<!-- x 250k)", head + b"<!--" * 250_000)
    _timed("unclosed tags (<a  x 250k)", head + b"<a " * 250_000)
    _timed("20 MB binary junk", random.Random(1).randbytes(20_000_000))
    nested = b"Subject: deep\n" + b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (k, k) for k in range(1500)
    )
    _timed("1500 nested multiparts", nested)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
