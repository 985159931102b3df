"""The only writes the IMAP connector makes: drafts in Drafts, the report in the Inbox, and a
keyword on the messages of closed threads. Nothing here sends mail.

APPEND is not idempotent (the same draft appended twice is two drafts): it is never retried
blindly after a dropped connection; the core calls `find_draft` before creating one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import Any

from imapclient import IMAPClient

from agent.errors import ConfigError
from agent.parse import parse_message
from connectors.base import DraftCopy
from connectors.imap_connect import ImapConnection
from connectors.imap_headers import message_ids, split_header_block

log = logging.getLogger(__name__)

DRAFT_FLAGS = ("\\Draft", "\\Seen")
DRAFT_CAP = 1024 * 1024  # a draft we wrote is small; a user's edit may add attachments
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)
# An IMAP keyword is an atom: no spaces, parentheses, wildcards, quotes, backslash or ].
_KEYWORD = re.compile(r"^[!#$&'+,\-./0-9:;<=>?@A-Z^_`a-z|}~]{1,64}$")
_IDENT_FIELDS = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID X-FOLLOWUP-PROCESS)]"


def to_bytes(message: Message) -> bytes:
    """The message with CRLF line ends, as IMAP wants it."""
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def message_time(message: Message, fallback: datetime) -> datetime:
    """The Date header as the INTERNALDATE, so clients sort the draft where it belongs."""
    value = message.get("Date")
    if value:
        try:
            moment = parsedate_to_datetime(str(value))
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        except (TypeError, ValueError, IndexError):
            pass
    return fallback


def appenduid(response: Any) -> int | None:
    """The new message's UID from an APPEND answer (UIDPLUS), if the server gave one."""
    data = response if isinstance(response, bytes) else str(response).encode()
    match = _APPENDUID.search(data)
    return int(match.group(2)) if match else None


def _idents(row: dict[bytes, Any]) -> dict[str, str]:
    for key, value in row.items():
        if isinstance(key, bytes) and key.upper().startswith(b"BODY[HEADER") and value:
            return split_header_block(value)
    return {}


def _deleted(row: dict[bytes, Any]) -> bool:
    return any(f.lower() == b"\\deleted" for f in row.get(b"FLAGS", ()) if isinstance(f, bytes))


class Writer:
    """Write operations on one account's main connection."""

    def __init__(self, conn: ImapConnection, now: Any) -> None:
        self.conn = conn
        self.now = now  # () -> aware datetime

    def _check_alive(self) -> None:
        """A NOOP (retried after a reconnect) so a stale session fails before an APPEND."""
        self.conn.call(lambda c: c.noop(), what="NOOP")

    # ---- append -------------------------------------------------------------------------
    def append(self, folder: str, message: Message, flags: Iterable[str]) -> int | None:
        """APPEND once; the new UID when the server says it (or we can find it), else None."""
        raw = to_bytes(message)
        when = message_time(message, self.now())
        self._check_alive()

        def run(client: IMAPClient) -> Any:
            self.conn.forget_selection()  # the folder's view changes under us
            return client.append(folder, raw, flags=list(flags), msg_time=when)

        response = self.conn.call(run, retry=False, what=f"APPEND to {folder}")
        uid = appenduid(response)
        if uid is None:
            mid = message_ids(str(message.get("Message-ID", "")))
            found = self.search_header(folder, "Message-ID", f"<{mid[0]}>") if mid else []
            uid = max(found) if found else None
        return uid

    # ---- searching ----------------------------------------------------------------------
    def search_header(
        self, folder: str, header: str, value: str, readonly: bool = True
    ) -> list[int]:
        """UIDs whose `header` contains `value` (servers match substrings: callers verify)."""

        def run(client: IMAPClient) -> list[int]:
            self.conn.reselect(client, folder, readonly=readonly)
            return [int(u) for u in client.search(["HEADER", header, value, "NOT", "DELETED"])]

        return self.conn.call(run, what=f"search in {folder}")

    def _identify(self, folder: str, uids: list[int]) -> dict[int, dict[bytes, Any]]:
        def run(client: IMAPClient) -> dict[int, dict[bytes, Any]]:
            self.conn.select(client, folder, readonly=True)
            return client.fetch(uids, ["FLAGS", _IDENT_FIELDS])

        return self.conn.call(run, what=f"fetch in {folder}") if uids else {}

    def _matching(self, folder: str, header: str, value: str) -> list[int]:
        """UIDs whose header is exactly `value` (ids compared without angle brackets)."""
        probe = f"<{value}>" if header.lower() == "message-id" else value
        uids = self.search_header(folder, header, probe)
        rows = self._identify(folder, uids)
        found = []
        for uid, row in rows.items():
            if _deleted(row):
                continue
            got = _idents(row).get(header.lower(), "")
            same = value in message_ids(got) if header.lower() == "message-id" else got == value
            if same:
                found.append(int(uid))
        return sorted(found)

    # ---- drafts -------------------------------------------------------------------------
    def find_draft(self, drafts: str, message_id: str, process_id: str) -> DraftCopy | None:
        mid = message_id.strip().strip("<>")
        uids = self._matching(drafts, "Message-ID", mid) if mid else []
        if not uids and process_id:
            uids = self._matching(drafts, "X-Followup-Process", process_id.strip())
        if not uids:
            return None
        uid = uids[-1]  # the newest, should a client have left an older copy

        def run(client: IMAPClient) -> dict[int, dict[bytes, Any]]:
            self.conn.select(client, drafts, readonly=True)
            return client.fetch([uid], [f"BODY.PEEK[]<0.{DRAFT_CAP}>", "INTERNALDATE"])

        row = self.conn.call(run, what="fetch draft").get(uid)
        if not row:
            return None
        raw = b""
        for key, value in row.items():
            if isinstance(key, bytes) and key.upper().startswith(b"BODY[]"):
                raw = value or b""
        arrived = row.get(b"INTERNALDATE")
        return DraftCopy(
            str(uid), parse_message(raw, arrived if isinstance(arrived, datetime) else None)
        )

    def delete_draft(self, drafts: str, remote_id: str) -> bool:
        """Flag one of our drafts \\Deleted and expunge it alone. False if it is gone (or is
        not one of ours: a draft without X-Followup-Process is never touched)."""
        try:
            uid = int(remote_id)
        except ValueError:
            return False

        def run(client: IMAPClient) -> bool:
            self.conn.reselect(client, drafts, readonly=False)
            row = client.fetch([uid], ["FLAGS", _IDENT_FIELDS]).get(uid)
            if not row:
                return False
            if not _idents(row).get("x-followup-process"):
                log.warning("%s: Drafts UID %s is not a followup draft: left alone", drafts, uid)
                return False
            client.add_flags([uid], ["\\Deleted"], silent=True)
            if self.conn.has("UIDPLUS"):
                client.uid_expunge([uid])
                return True
            # Without UID EXPUNGE, EXPUNGE removes every \Deleted message: only do it when ours
            # is the only one, else leave it flagged (clients hide it) and say so.
            others = [u for u in client.search(["DELETED"]) if int(u) != uid]
            if others:
                log.warning(
                    "%s: the draft is flagged \\Deleted but not expunged: %d other messages there "
                    "are flagged \\Deleted too and the server has no UIDPLUS",
                    drafts,
                    len(others),
                )
                return True
            client.expunge()
            return True

        self._check_alive()
        return bool(self.conn.call(run, what="delete draft"))

    # ---- keywords -----------------------------------------------------------------------
    def tag(self, folders: Iterable[str], message_ids_: list[str], keyword: str) -> bool:
        """Add `keyword` to the messages with these Message-IDs where the folder allows
        keywords (PERMANENTFLAGS has \\*). False when no folder allows it."""
        if not _KEYWORD.match(keyword) or keyword.startswith("\\"):
            raise ConfigError(f"thread tag {keyword!r}: not a valid IMAP keyword")
        ids = [i.strip().strip("<>") for i in message_ids_ if i and i.strip().strip("<>")]
        allowed = False
        for folder in folders:

            def run(client: IMAPClient, folder: str = folder) -> bool:
                info = self.conn.reselect(client, folder, readonly=False)
                perm = {p.lower() for p in info.get(b"PERMANENTFLAGS", ())}
                if b"\\*" not in perm and keyword.encode().lower() not in perm:
                    return False
                return True

            if not self.conn.call(run, what=f"open {folder}"):
                continue
            allowed = True
            uids: set[int] = set()
            for mid in ids:
                uids.update(self._matching(folder, "Message-ID", mid))
            if uids:

                def store(
                    client: IMAPClient, folder: str = folder, targets: list[int] = sorted(uids)
                ) -> None:
                    self.conn.select(client, folder, readonly=False)
                    client.add_flags(targets, [keyword], silent=True)

                self.conn.call(store, what=f"tag in {folder}")
        return allowed
