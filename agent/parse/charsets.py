"""Bytes -> text with the charset a mail declares, and sane fallbacks when it lies."""

from __future__ import annotations

import codecs
from functools import lru_cache

# Labels that mean "no idea" in the wild; treated as undeclared rather than as an error.
_UNDECLARED = frozenset({"unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined"})

# Mail labels Python does not know, or knows under a narrower name.
_ALIASES = {
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "x-sjis": "shift_jis",
    "shift-jis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "gb2312": "gb18030",  # superset: mail labelled gb2312 often holds gbk characters
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
    "ansi_x3.4-1968": "ascii",
    "iso-2022-jp": "iso2022_jp_ext",  # wider than plain iso-2022-jp (half-width kana)
}

# Text codecs that turn ordinary bytes into something other than the author's text.
_REFUSED = frozenset(
    {"unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined", "palmos"}
)

# Stateful 7-bit codecs: ASCII-looking bytes that still need decoding.
_SEVEN_BIT = frozenset(
    {"iso2022_jp", "iso2022_jp_ext", "iso2022_jp_1", "iso2022_jp_2", "iso2022_kr", "utf-7", "hz"}
)

# Codecs whose declaration carries no real information about 8-bit bytes: try utf-8 first.
_WEAK = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})


@lru_cache(maxsize=512)
def codec_name(label: str) -> str | None:
    """The Python codec for a MIME charset label, or None when unknown or unusable."""
    name = label.strip().strip("\"'").strip().lower()
    if "*" in name:  # RFC 2231 language suffix: utf-8*en
        name = name.split("*", 1)[0]
    if not name or name in _UNDECLARED or len(name) > 40:
        return None
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return None
    return info.name


def _legacy(data: bytes) -> str:
    """Western legacy decoding: cp1252, else latin-1 (which accepts every byte)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf8_or_legacy(data: bytes) -> tuple[str, bool]:
    """Decode as utf-8 when it mostly is; otherwise as cp1252. Second value: was clean."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "replace")
    bad = loose.count("\ufffd")
    good = len(loose) - len(loose.encode("ascii", "ignore")) - bad  # non-ASCII characters
    # Real utf-8 with a stray bad byte keeps its many multibyte characters; cp1252 text
    # mislabelled as utf-8 has almost none.
    if good > bad:
        return loose, False
    return _legacy(data), False


def decode_bytes(data: bytes, label: str | None) -> tuple[str, str | None]:
    """Decode `data` declared as `label`. Returns the text and a short problem, if any."""
    if not data:
        return "", None
    if label is not None and not label.strip():
        label = None
    codec = codec_name(label) if label else None
    problem: str | None = None
    if label and codec is None:
        problem = f"bad charset {label.strip()[:40]!r}"
    if data.isascii() and codec not in _SEVEN_BIT and b"\x1b" not in data:
        return data.decode("ascii"), problem
    if codec is None and b"\x1b$" in data and data.isascii():  # undeclared raw ISO-2022-JP
        codec = "iso2022_jp_ext"
    if codec is None or codec in _WEAK:
        text, _clean = _utf8_or_legacy(data)
        return text, problem
    if codec == "utf-8":
        text, clean = _utf8_or_legacy(data)
        return text, None if clean else "invalid utf-8"
    try:
        return data.decode(codec), None
    except UnicodeDecodeError:
        return data.decode(codec, "replace"), f"undecodable bytes for {codec}"
    except Exception:  # odd codecs raise odd errors; never let one escape
        text, _clean = _utf8_or_legacy(data)
        return text, f"bad charset {label!r}"[:60]
