"""Build the follow-up draft as an RFC 5322 message, threaded into the process's conversation."""

from __future__ import annotations

import email.policy
import re
from datetime import datetime
from email.headerregistry import Address as HeaderAddress
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from agent.compose import phrases
from agent.compose.context import DraftContext
from agent.compose.render import render_body
from agent.compose.sanitize import one_line
from agent.message import Address

MAX_REFERENCES = 20
PROCESS_HEADER = "X-Followup-Process"

# A msg-id we are willing to echo: printable ASCII without spaces, brackets or quotes, and no
# "=?" (which a decoder could read as an encoded word).
_MSG_ID = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@\-\[\]:]{1,250}")
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9\-]{2,63}")
_TOKEN = re.compile(r"[A-Za-z0-9._:\-]{1,100}")


class UnsafeDraft(ValueError):
    """A value that must not go into a header (bad address, message id or process id)."""


class _IdListHeader(UnstructuredHeader):
    """References / In-Reply-To: folded only between ids.

    The stock unstructured folding turns a long msg-id into RFC 2047 encoded words, which
    mail clients no longer recognise, and the draft drops out of its thread.
    """

    def fold(self, *, policy: Any) -> str:
        lines: list[str] = []
        current = f"{self.name}:"
        for msg_id in str(self).split():
            if len(current) + 1 + len(msg_id) > 78 and current.strip() != f"{self.name}:":
                lines.append(current)
                current = ""
            current += f" {msg_id}"
        lines.append(current)
        return policy.linesep.join(lines) + policy.linesep


def _draft_policy() -> email.policy.EmailPolicy:
    registry = HeaderRegistry()
    registry.map_to_type("references", _IdListHeader)
    registry.map_to_type("in-reply-to", _IdListHeader)
    # CRLF line endings: `bytes(msg)` is wire-ready for IMAP APPEND and the Gmail API.
    return email.policy.SMTP.clone(header_factory=registry)


DRAFT_POLICY = _draft_policy()


def clean_msg_id(value: str | None) -> str | None:
    """The id without <> and whitespace, or None when it is not safe to echo."""
    if not value:
        return None
    core = value.strip().strip("<>").strip()
    if not _MSG_ID.fullmatch(core) or "=?" in core:
        return None
    return core


def header_address(a: Address) -> HeaderAddress:
    """A structured header address; the display name cleaned, the address validated."""
    addr = a.addr.strip()
    local, _, domain = addr.rpartition("@")
    if not local or not _LOCAL_PART.fullmatch(local):
        raise UnsafeDraft(f"not a usable recipient address: {addr!r}")
    if not _DOMAIN.fullmatch(domain):
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UnsafeDraft(f"not a usable recipient address: {addr!r}") from exc
        if not _DOMAIN.fullmatch(domain):
            raise UnsafeDraft(f"not a usable recipient address: {addr!r}")
    name = one_line(a.name, max_chars=80, max_words=8)
    return HeaderAddress(display_name=name, username=local, domain=domain)


def _references(ctx: DraftContext, parent: str) -> list[str]:
    chain: list[str] = []
    for raw in (*ctx.references, parent):
        msg_id = clean_msg_id(raw)
        if msg_id and msg_id not in chain:
            chain.append(msg_id)
    # The parent must stay last (it is what clients thread on); keep the newest ids.
    if parent in chain:
        chain.remove(parent)
    chain.append(parent)
    return chain[-MAX_REFERENCES:]


def compose_followup(
    ctx: DraftContext, now: datetime, template_dir: Path | None = None
) -> EmailMessage:
    """The follow-up draft for `ctx`, dated `now`. Raises UnsafeDraft on unusable ids/addresses."""
    parent = clean_msg_id(ctx.in_reply_to)
    own_id = clean_msg_id(ctx.message_id)
    if parent is None:
        raise UnsafeDraft(f"not a usable In-Reply-To id: {ctx.in_reply_to!r}")
    if own_id is None:
        raise UnsafeDraft(f"not a usable Message-ID: {ctx.message_id!r}")
    if not _TOKEN.fullmatch(ctx.process_id):
        raise UnsafeDraft(f"not a usable process id: {ctx.process_id!r}")
    if not ctx.to:
        raise UnsafeDraft("a follow-up needs at least one recipient")
    if now.tzinfo is None:
        raise UnsafeDraft("the draft's date must be timezone-aware")

    msg = EmailMessage(policy=DRAFT_POLICY)
    sender = Address(one_line(ctx.user_name, max_chars=80, max_words=8), ctx.user_address)
    msg["From"] = header_address(sender)
    msg["To"] = [header_address(a) for a in ctx.to]
    if ctx.cc:
        msg["Cc"] = [header_address(a) for a in ctx.cc]
    msg["Subject"] = phrases.reply_subject(ctx.original_subject, phrases.clean_company(ctx.company))
    msg["Date"] = format_datetime(now.astimezone(ctx.tz))
    msg["Message-ID"] = f"<{own_id}>"
    msg["In-Reply-To"] = f"<{parent}>"
    msg["References"] = " ".join(f"<{i}>" for i in _references(ctx, parent))
    msg[PROCESS_HEADER] = ctx.process_id
    body = render_body(ctx, template_dir)
    # Quoted-printable only when needed keeps plain-ASCII drafts readable in raw form;
    # 7bit also caps lines at 998 octets, which a long paragraph could reach.
    plain = body.isascii() and max(map(len, body.splitlines()), default=0) <= 900
    cte = "7bit" if plain else "quoted-printable"
    msg.set_content(body, subtype="plain", charset="utf-8", cte=cte)
    return msg
