"""Server behaviour Dovecot cannot be made to show, against a scripted server session:
Gmail's extensions (X-GM-THRID, X-GM-MSGID) and messages the server fails to deliver.

A small stand-in answers SELECT, SEARCH and FETCH the way such a server does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from imapclient.exceptions import IMAPClientError
from mail import job_mail, newsletter

from connectors.imap_headers import HEADERS_ONLY_WARNING
from connectors.imap_relevance import JobMailHeuristic
from connectors.imap_sync import BODY_MISSING_WARNING, FolderSync, SyncOptions

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


class ScriptedServer:
    """Folders of (uid, X-GM-MSGID, X-GM-THRID, raw message). A FETCH touching a UID in
    `broken_headers` (or, for bodies, `broken_bodies`) is refused with NO."""

    def __init__(
        self,
        folders: dict[str, list[tuple[int, int, int, bytes]]],
        *,
        gmail: bool = True,
        broken_headers: frozenset[int] = frozenset(),
        broken_bodies: frozenset[int] = frozenset(),
    ) -> None:
        self.folders = folders
        self.gmail = gmail
        self.broken_headers = broken_headers
        self.broken_bodies = broken_bodies
        self.selected = ""
        self.fetches: list[int] = []  # sizes of the FETCH commands, in order

    # the ImapConnection surface FolderSync uses
    def has(self, capability: str) -> bool:
        return capability == "X-GM-EXT-1" and self.gmail

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
        self.fetches.append(len(uids))
        headers = any(i.startswith("BODY.PEEK[HEADER") for i in items)
        if set(uids) & (self.broken_headers if headers else self.broken_bodies):
            raise IMAPClientError("FETCH failed: NO [SERVERBUG] Internal error")
        out: dict[int, dict[bytes, Any]] = {}
        for uid, msgid, thrid, raw in self.folders[self.selected]:
            if uid not in uids:
                continue
            head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
            row: dict[bytes, Any] = (
                {b"X-GM-MSGID": msgid, b"X-GM-THRID": thrid} if self.gmail else {}
            )
            if headers:
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
    server = ScriptedServer(
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


def test_a_message_the_server_cannot_deliver_does_not_block_the_folder() -> None:
    mails = [(u, 0, 0, job_mail(f"invite-{u}@acme.example")) for u in range(1, 9)]
    server = ScriptedServer(
        {"INBOX": mails}, gmail=False, broken_headers=frozenset({3}), broken_bodies=frozenset({6})
    )
    batches = list(FolderSync(server, "INBOX", None, options(set())).batches())  # type: ignore[arg-type]
    got = {m.remote_id: m.message for b in batches for m in b.messages}

    assert sorted(got, key=int) == ["1", "2", "4", "5", "6", "7", "8"]  # 3 skipped, logged
    assert got["6"].warnings == (BODY_MISSING_WARNING,) and got["6"].subject
    assert all(HEADERS_ONLY_WARNING not in m.warnings for m in got.values())
    assert '"last_uid":8' in batches[-1].cursor
    assert server.fetches[0] == 8 and 1 in server.fetches  # halved down to the culprit
