"""MIME header parameters (Content-Type, Content-Disposition), read from the raw header.

The stdlib's compat32 accessors turn 8-bit header values into Header objects and mangle
8-bit file names; policy.default crashes on `name*`. This reader works on the raw text,
joins RFC 2231 continuations (`name*0*=`, `name*1*=`), decodes their charset, and never
raises.
"""

from __future__ import annotations

import email.message
import re
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from agent.parse.charsets import decode_bytes
from agent.parse.headers import MAX_HEADER_CHARS, fix_8bit, header_text, unfold

# Runs of anything but ';' and quotes, or quoted strings (an unclosed one runs to the end).
_SEGMENT = re.compile(r'(?:[^;"]|"(?:[^"\\]|\\.)*"?)+', re.S)
_KEY = re.compile(r"^([A-Za-z0-9!#$%&'+.^_`{|}~-]+?)(?:\*(\d{1,3}))?(\*)?$")
_TYPE = re.compile(r"^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$")


@dataclass(frozen=True)
class HeaderValue:
    """A parameterised header: its main value (lower case) and decoded parameters."""

    value: str = ""
    params: dict[str, str] = field(default_factory=dict)


def raw_header(part: email.message.Message, name: str) -> str:
    """The first raw value of a header, 8-bit bytes decoded, lines unfolded."""
    want = name.lower()
    try:
        for key, value in part.raw_items():
            if isinstance(key, str) and key.strip().lower() == want and isinstance(value, str):
                return fix_8bit(unfold(value[:MAX_HEADER_CHARS]))
    except Exception:
        pass
    return ""


def _unquote(value: str) -> str:
    value = value.strip()
    if value.startswith('"'):
        value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
        value = re.sub(r"\\(.)", r"\1", value)
    return value


def _join_extended(pieces: list[tuple[int, bool, str]]) -> str:
    """Assemble RFC 2231 pieces: percent-encoded bytes in the charset named up front."""
    charset = "utf-8"
    data = bytearray()
    for index, extended, text in sorted(pieces, key=lambda p: p[0]):
        if extended:
            if index == 0 and text.count("'") >= 2:
                charset, _lang, text = text.split("'", 2)
            data.extend(unquote_to_bytes(text))
        else:
            data.extend(text.encode("utf-8", "surrogateescape"))
    decoded, _problem = decode_bytes(bytes(data), charset or "utf-8")
    return decoded


def parse_header_value(text: str) -> HeaderValue:
    """Split `main; key=value; key*=utf-8''x` into its parts."""
    try:
        segments = _SEGMENT.findall(text)
    except Exception:
        return HeaderValue()
    if not segments:
        return HeaderValue()
    plain: dict[str, str] = {}
    extended: dict[str, list[tuple[int, bool, str]]] = {}
    for segment in segments[1:50]:
        key, sep, value = segment.partition("=")
        m = _KEY.match(key.strip())
        if not sep or m is None:
            continue  # "name*" with no value, junk between semicolons
        name, index, star = m.group(1).lower(), m.group(2), m.group(3)
        if index is None and not star:
            plain.setdefault(name, _unquote(value))
        else:
            extended.setdefault(name, []).append((int(index or 0), bool(star), _unquote(value)))
    params = dict(plain)
    for name, pieces in extended.items():
        try:
            params[name] = _join_extended(pieces)
        except Exception:
            continue
    return HeaderValue(segments[0].strip().lower(), params)


def content_type(part: email.message.Message) -> HeaderValue:
    """Content-Type with a valid type/subtype; text/plain when missing or malformed."""
    header = parse_header_value(raw_header(part, "content-type"))
    if _TYPE.match(header.value):
        return header
    default = "text/plain"
    if not header.value:
        try:  # message/rfc822 inside multipart/digest
            default = str(part.get_default_type())
        except Exception:
            pass
    return HeaderValue(default, header.params)


def disposition(part: email.message.Message) -> HeaderValue:
    return parse_header_value(raw_header(part, "content-disposition"))


def filename(ctype: HeaderValue, disp: HeaderValue) -> str:
    """The attachment's file name, encoded words decoded, directories dropped."""
    name = disp.params.get("filename") or ctype.params.get("name") or ""
    name = header_text(name).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:255]
