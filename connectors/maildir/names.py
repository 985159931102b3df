"""Maildir file names: making unique ones, and reading flags, time and a stable id from them.

A Maildir file name is `<unique>` in new/ and `<unique>:2,<FLAGS>` in cur/. Mail clients and
sync tools rename files when flags change or a message moves new/ -> cur/, and mbsync and
offlineimap add `,U=<uid>` (offlineimap also `,FMD5=<hex>`) once a message is uploaded. The
*stable id* strips all of that, so it names one message for as long as it stays in its folder.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import socket
import time

# Maildir letters -> IMAP system flags (the names Dovecot maps them to), so every connector
# reports the same words. P ("passed") is what IMAP calls $Forwarded.
_LETTER_TO_FLAG = {
    "D": "\\Draft",
    "F": "\\Flagged",
    "P": "$Forwarded",
    "R": "\\Answered",
    "S": "\\Seen",
    "T": "\\Deleted",
}

# ":2," is the standard info separator; ";2," and "!2," are used where ':' is not allowed in
# file names (mbsync's InfoDelimiter on Windows file systems, some Android tools).
_INFO_RE = re.compile(r"^(?P<base>.+?)[:;!]2,(?P<flags>[^:;!/]*)$")
_UPLOAD_TAG_RE = re.compile(r",(?:U=\d+|FMD5=[0-9a-fA-F]+)")
_NAME_TIME_RE = re.compile(r"^(\d{9,12})[._]")
# Names before 1973 are not delivery times written by a mail tool.
_MIN_PLAUSIBLE_TIME = 100_000_000

_counter = itertools.count(1)


def split_info(name: str) -> tuple[str, str]:
    """(base, flag letters) of a file name; the letters are '' when there is no info part."""
    match = _INFO_RE.match(name)
    if match:
        return match["base"], match["flags"]
    if ":" in name:  # an experimental ":1," info or a stray colon: the base is what precedes it
        return name.split(":", 1)[0], ""
    return name, ""


def stable_id(name: str) -> str:
    """The part of a file name that survives flag changes, new/ -> cur/ and sync-tool uploads."""
    return untagged(split_info(name)[0])


def untagged(base: str) -> str:
    """A base name without the `,U=` / `,FMD5=` tags sync tools add once a message is uploaded."""
    return _UPLOAD_TAG_RE.sub("", base) if "," in base else base


def flags_of(letters: str) -> frozenset[str]:
    """IMAP-style flag names for Maildir flag letters; lower-case keyword letters are ignored."""
    return frozenset(_LETTER_TO_FLAG[c] for c in letters if c in _LETTER_TO_FLAG)


def info_suffix(letters: str) -> str:
    """The `:2,` suffix for these flag letters, sorted in ASCII order as the spec asks."""
    return ":2," + "".join(sorted(set(letters)))


def name_time(name: str) -> int | None:
    """The delivery time (Unix seconds) written at the start of the name by most tools."""
    match = _NAME_TIME_RE.match(name)
    if not match:
        return None
    value = int(match[1])
    return value if value >= _MIN_PLAUSIBLE_TIME else None


def _escaped_hostname() -> str:
    # The spec escapes '/' and ':' because both would break the name.
    host = socket.gethostname() or "localhost"
    return host.replace("/", "\\057").replace(":", "\\072")


def unique_name(now: float | None = None) -> str:
    """A new unique name: `<sec>.M<usec>P<pid>R<random>Q<counter>.<host>`.

    The seconds come first so names sort by delivery time; the zero-padded microseconds keep
    that order within a second; the per-process counter makes quick successive writes unique
    and the random part guards against a recycled pid.
    """
    moment = time.time() if now is None else now
    seconds = int(moment)
    micros = int((moment - seconds) * 1_000_000)
    return (
        f"{seconds}.M{micros:06d}P{os.getpid()}R{secrets.token_hex(4)}"
        f"Q{next(_counter)}.{_escaped_hostname()}"
    )
