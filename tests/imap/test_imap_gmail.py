"""Gmail's IMAP extensions (X-GM-THRID, X-GM-MSGID), against a scripted server session.

Dovecot has no Gmail extensions, so a small stand-in answers SELECT, SEARCH and FETCH the way
Gmail does for two labels holding the same message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from mail import job_mail, newsletter

from connectors.imap_relevance import JobMailHeuristic
from connectors.imap_sync import FolderSync, SyncOptions

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


class GmailLike:
    """Folders of (uid, X-GM-MSGID, X-GM-THRID, raw message)."""

    def __init__(self, folders: dict[str, list[tuple[int, int, int, bytes]]]) -> None:
        self.folders = folders
        self.selected = ""

    # the ImapConnection surface FolderSync uses
    def has(self, capability: str) -> bool:
        return capability == "X-GM-EXT-1"

    def call(self, op: Callable[[Any], Any], **_: Any) -> Any:
        return op(self)

    def select(self, client: Any, folder: str, *, readonly: bool) -> dict[bytes, Any]:
        self.selected = folder
        uids = [u for u, *_ in self.folders[folder]]
        return {b"UIDVALIDITY": 11, b"UIDNEXT": max(uids, default=0) + 1}

    reselect = select

    # the IMAPClient surface
    def search(self, criteria: list[Any]) -> list[int]:
        return [u for u, *_ in self.folders[self.selected]]

    def fetch(self, uids: list[int], items: list[str]) -> dict[int, dict[bytes, Any]]:
        assert all(isinstance(u, int) for u in uids)  # never '1:*' strings
        out: dict[int, dict[bytes, Any]] = {}
        for uid, msgid, thrid, raw in self.folders[self.selected]:
            if uid not in uids:
                continue
            head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
            row: dict[bytes, Any] = {b"X-GM-MSGID": msgid, b"X-GM-THRID": thrid}
            if any(i.startswith("BODY.PEEK[HEADER") for i in items):
                row.update(
                    {b"RFC822.SIZE": len(raw), b"FLAGS": (), b"BODY[HEADER.FIELDS (X)]": head}
                )
                row[b"INTERNALDATE"] = datetime(2026, 3, 1, tzinfo=UTC)
            else:
                row[b"BODY[]<0>"] = raw
            out[uid] = row
        return out


def options(seen: set[int]) -> SyncOptions:
    return SyncOptions(
        relevant=JobMailHeuristic(),
        lookback_days=180,
        now=lambda: NOW,
        progress=False,
        seen_gmail_ids=seen,
    )


def test_gmail_thread_ids_and_one_copy_of_a_message_in_two_labels() -> None:
    invite = job_mail("invite-1@acme.example")
    server = GmailLike(
        {
            "INBOX": [
                (5, 1001, 0x18E0A1B2C3D4E5F6, invite),
                (6, 1002, 0x18E0FFFF00001111, newsletter("d@x")),
            ],
            "Jobs": [(3, 1001, 0x18E0A1B2C3D4E5F6, invite)],  # the same message, labelled "Jobs"
        }
    )
    seen: set[int] = set()
    inbox = [
        m for b in FolderSync(server, "INBOX", None, options(seen)).batches() for m in b.messages
    ]  # type: ignore[arg-type]
    jobs_batches = list(FolderSync(server, "Jobs", None, options(seen)).batches())  # type: ignore[arg-type]

    assert [m.message.thread_id for m in inbox] == ["18e0a1b2c3d4e5f6", "18e0ffff00001111"]
    assert "Tuesday at 10:00" in inbox[0].message.body
    # counted once: the label copy yields no message, but its cursor still moves on
    assert [len(b.messages) for b in jobs_batches] == [0]
    assert '"last_uid":3' in jobs_batches[-1].cursor
