"""Header values as the compat32 parser leaves them -> clean text, addresses, ids, dates.

compat32 hands us header values as ASCII strings in which 8-bit bytes hide as surrogate
escapes. Everything here accepts such strings and never raises.
"""

from __future__ import annotations

import binascii
import email.utils
import re
import warnings
from datetime import UTC, datetime, timedelta, timezone

from agent.message import Address
from agent.parse.charsets import decode_bytes

_FOLD = re.compile(r"\r?\n[ \t]*|\r")
_SPACES = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# One RFC 2047 encoded word. Bounded character classes: linear on any input.
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,60})\?([bBqQ])\?([^?\s]*)\?=")
# Adjacent encoded words, replaced by a private-use token while an address list is split.
_WORD_RUN = re.compile(rf"{_ENCODED_WORD.pattern}(?:[ \t]*{_ENCODED_WORD.pattern})*")
_TOKEN = re.compile(r"\ue000(\d+)\ue001")
_ANGLE_ID = re.compile(r"<([^<>\s]{1,500})>")
_ID_SPLIT = re.compile(r"[\s,;]+")
_MAILTO = re.compile(r"<\s*mailto:", re.IGNORECASE)
_EMAIL_LIKE = re.compile(r"[\w.+'=-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")

MAX_HEADER_CHARS = 8000  # longer values are cut: nothing we read needs more


def unfold(value: str) -> str:
    """Join folded lines into one."""
    if "\n" in value or "\r" in value:
        value = _FOLD.sub(" ", value)
    return value


def fix_8bit(value: str, problems: list[str] | None = None) -> str:
    """Turn surrogate-escaped raw 8-bit bytes back into text (utf-8, else cp1252)."""
    if value.isascii() and "\x1b" not in value:
        return value
    if problems is not None:
        problems.append("raw 8-bit text")
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeError:
        return value.encode("utf-8", "replace").decode("utf-8", "replace")
    text, _problem = decode_bytes(raw, None)
    return text


def _b_decode(payload: str) -> bytes:
    data = re.sub(r"[^A-Za-z0-9+/]", "", payload)
    if len(data) % 4 == 1:  # one stray character can never decode: drop it
        data = data[:-1]
    data += "=" * (-len(data) % 4)
    return binascii.a2b_base64(data.encode("ascii"))


def _q_decode(payload: str) -> bytes:
    return binascii.a2b_qp(payload.encode("ascii", "replace"), header=True)


def decode_words(value: str, problems: list[str] | None = None) -> str:
    """Decode RFC 2047 encoded words; whitespace between adjacent words disappears.

    Adjacent words in one charset are joined as bytes first, because mailers split
    multibyte characters across words.
    """
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: list[tuple[str, bytearray]] = []

    def flush() -> None:
        for charset, data in pending:
            text, problem = decode_bytes(bytes(data), charset)
            if problem and problems is not None:
                problems.append(problem)
            out.append(text)
        pending.clear()

    pos = 0
    for m in _ENCODED_WORD.finditer(value):
        gap = value[pos : m.start()]
        if gap and (not pending or gap.strip()):
            flush()
            out.append(gap)
        charset, kind, payload = m.group(1), m.group(2).lower(), m.group(3)
        try:
            data = _b_decode(payload) if kind == "b" else _q_decode(payload)
        except (binascii.Error, ValueError):
            if problems is not None:
                problems.append("bad encoded word")
            flush()
            out.append(m.group(0))
            pos = m.end()
            continue
        charset = charset.split("*", 1)[0].lower()
        if pending and pending[-1][0] == charset:
            pending[-1][1].extend(data)
        else:
            pending.append((charset, bytearray(data)))
        pos = m.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


def clean(value: str) -> str:
    """Drop control characters and squeeze whitespace."""
    value = _CONTROLS.sub("", value)
    return _SPACES.sub(" ", value).strip()


def header_text(value: str, problems: list[str] | None = None) -> str:
    """An unstructured header (Subject, List-Id ...) as clean text."""
    try:
        value = value[:MAX_HEADER_CHARS]
        return clean(decode_words(fix_8bit(unfold(value), problems), problems))
    except Exception:
        return clean(value.encode("ascii", "replace").decode("ascii"))


def _placeholder_words(value: str, problems: list[str] | None) -> tuple[str, list[str]]:
    """Replace runs of encoded words by atom-safe tokens so commas inside decoded names
    cannot split an address list; return the text and the decoded runs."""
    runs: list[str] = []

    def keep(m: re.Match[str]) -> str:
        runs.append(decode_words(m.group(0), problems))
        return f"\ue000{len(runs) - 1}\ue001"

    return _WORD_RUN.sub(keep, value), runs


def _restore(text: str, runs: list[str]) -> str:
    if "\ue000" not in text:
        return text
    return _TOKEN.sub(lambda m: runs[int(m.group(1))] if int(m.group(1)) < len(runs) else "", text)


def _clean_addr(addr: str) -> str:
    addr = clean(addr).strip("<>\"' ")
    if addr.lower().startswith("mailto:"):
        addr = addr[7:]
    return addr.replace(" ", "")


def parse_addresses(values: list[str], problems: list[str] | None = None) -> tuple[Address, ...]:
    """Every mailbox in one or more address headers, duplicates removed."""
    found: list[Address] = []
    seen: set[str] = set()
    for value in values:
        try:
            text = fix_8bit(unfold(value[:MAX_HEADER_CHARS]), problems)
            if "mailto:" in text.lower():
                text = _MAILTO.sub("<", text)
            text, runs = _placeholder_words(text, problems) if "=?" in text else (text, [])
            pairs = email.utils.getaddresses([text])
            # A bare local name ("MAILER-DAEMON", "root") is an address only when alone.
            local_ok = len(text.split()) == 1 and "," not in text
        except Exception:
            pairs = [("", m.group(0)) for m in _EMAIL_LIKE.finditer(value)]
            runs = []
            local_ok = False
        for name, addr in pairs:
            addr = _clean_addr(_restore(addr, runs))
            if any(ch in addr for ch in '<>"(),;:'):
                # The parser gave up half way ("Unterminated <a@b>"): keep the address only.
                m = _EMAIL_LIKE.search(addr)
                addr = m.group(0) if m else ""
            if not addr or len(addr) > 320 or ("@" not in addr and not local_ok):
                continue
            name = clean(_restore(name, runs)).strip("\"' ")
            key = addr.lower()
            if key in seen:
                continue
            seen.add(key)
            found.append(Address(name if name.lower() != key else "", addr))
    return tuple(found)


def parse_ids(value: str) -> tuple[str, ...]:
    """Message ids from Message-ID / In-Reply-To / References, brackets stripped."""
    try:
        text = fix_8bit(unfold(value[: MAX_HEADER_CHARS * 4]))
    except Exception:
        return ()
    ids = _ANGLE_ID.findall(text)
    if not ids:
        tokens = [t.strip("<>\"'") for t in _ID_SPLIT.split(text)]
        ids = [t for t in tokens if "@" in t] or ([tokens[0]] if len(tokens) == 1 else [])
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        i = _CONTROLS.sub("", i).strip()
        if i and i not in seen:
            seen.add(i)
            out.append(i)
    return tuple(out)


def _sane(dt: datetime) -> datetime | None:
    return dt if 1970 <= dt.year <= 2200 else None


def _rfc5322_date(text: str) -> datetime | None:
    try:
        t = email.utils.parsedate_tz(text)
    except Exception:
        return None
    if not t:
        return None
    offset = t[9]
    tz = UTC
    if offset is not None and abs(offset) < 86400:
        tz = timezone(timedelta(seconds=offset))
    try:
        return _sane(datetime(t[0], t[1], t[2], t[3], t[4], min(t[5], 59), tzinfo=tz))
    except (ValueError, OverflowError, TypeError):
        return None


def _loose_date(text: str) -> datetime | None:
    """Last resort for non-RFC dates ("2024-03-01 10:00 +0100"). Only accepted when it
    names a full day: parsing with two defaults must give the same answer."""
    if len(text) > 200:
        return None
    try:
        from dateutil import parser as dateparser

        with warnings.catch_warnings():  # unknown zone names warn (and may raise later)
            warnings.simplefilter("ignore")
            one = dateparser.parse(text, fuzzy=True, default=datetime(2001, 1, 1))
            two = dateparser.parse(text, fuzzy=True, default=datetime(2002, 2, 2))
    except Exception:
        return None
    if one is None or one != two:
        return None
    if one.tzinfo is None:
        one = one.replace(tzinfo=UTC)
    try:
        one.utcoffset()
    except Exception:
        return None
    return _sane(one)


def parse_date(value: str) -> datetime | None:
    """A timezone-aware datetime from a Date-style header, or None."""
    try:
        text = clean(fix_8bit(unfold(value[:1000])))
    except Exception:
        return None
    if not text:
        return None
    return _rfc5322_date(text) or _loose_date(text)


def received_date(value: str) -> datetime | None:
    """The timestamp after the last ';' of a Received header."""
    _, sep, tail = value.rpartition(";")
    return parse_date(tail) if sep else None
