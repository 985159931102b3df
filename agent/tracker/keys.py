"""Normalized keys: message fingerprints, company and role keys, process ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from agent.message import Message

_SUFFIXES = re.compile(
    r"\b(inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|ag|sa|sas|bv|b\.v|plc|corp|corporation|"
    r"co|company|pty|oy|ab|as|srl|spa|kk|group|holdings|technologies|technology|labs)\.?$"
)


def fingerprint(msg: Message) -> str:
    """Message-ID when there is one, else a digest of what identifies the mail."""
    if msg.message_id:
        return msg.message_id
    sender = msg.from_.key if msg.from_ else ""
    when = msg.date.isoformat() if msg.date else ""
    basis = "\x00".join((sender, when, msg.subject, msg.body[:500]))
    return "sha1:" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def company_key(name: str) -> str:
    """'Acme Robotics, Inc.' and 'acme robotics' give the same key."""
    text = _ascii(name).lower().strip()
    text = re.sub(r"[^a-z0-9 &.]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    for _ in range(2):
        text = _SUFFIXES.sub("", text).strip(" .,")
    return re.sub(r"[^a-z0-9]+", "", text)


def role_key(role: str | None) -> str | None:
    if not role:
        return None
    text = re.sub(r"[^a-z0-9]+", " ", _ascii(role).lower()).strip()
    text = re.sub(r"\b(sr)\b", "senior", text)
    text = re.sub(r"\b(jr)\b", "junior", text)
    return text or None


def slug(text: str, limit: int = 40) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
    return out[:limit].strip("-") or "process"


def roles_compatible(a: str | None, b: str | None) -> bool:
    """Two role keys name the same opening unless they clearly differ: an unknown role, or
    one that shares most of its words with the other, is the same opening."""
    if not a or not b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa:
        return True
    return len(wa & wb) / len(wa | wb) >= 0.5


def looks_domain_derived(name: str, domain: str | None) -> bool:
    """'Northwindrobotics' read off northwindrobotics.com, not written by a person."""
    if not domain or " " in name.strip():
        return False
    label = domain.split(".")[0].replace("-", "")
    return company_key(name) == label
