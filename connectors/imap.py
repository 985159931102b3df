"""The IMAP connector: any IMAP mailbox (Gmail, Outlook, Fastmail, iCloud, Dovecot ...).

`ImapMailbox(account, **options)` implements `connectors.base.Mailbox` with imapclient.
The pieces live beside it: settings (`imap_settings`), connecting and errors (`imap_connect`),
folder discovery (`imap_folders`), the header-first sync (`imap_sync`, `imap_headers`,
`imap_relevance`), the cursor (`imap_cursor`), writes (`imap_writes`) and IDLE (`imap_watch`).

Options (all keyword, all optional):
- `relevant`: `Callable[[Message], bool]` deciding from a header-only message whether to
  fetch its body on a sync (default: `JobMailHeuristic`); others are still yielded, headers only;
- `addresses`: the user's own addresses, for the default heuristic (default: the username
  if it is an address);
- `clock`: an `agent.clock.Clock` for the look-back (default: from FOLLOWUP_NOW or the system);
- `progress`: show a progress bar (default: only when stderr is a terminal);
- `header_batch` (2000 UIDs per header FETCH), `body_cap` (262144 bytes per body).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from email.message import EmailMessage
from typing import Any, ClassVar

from agent.clock import Clock, clock_from_env
from agent.errors import ConfigError, TransientError
from agent.message import Message
from connectors.base import Batch, DraftCopy, FolderMap, RemoteMessage
from connectors.imap_connect import ImapConnection
from connectors.imap_folders import resolve_folders
from connectors.imap_relevance import JobMailHeuristic
from connectors.imap_settings import ImapSettings
from connectors.imap_sync import BODY_CAP, HEADER_BATCH, FolderSync, SyncOptions, fetch_one
from connectors.imap_watch import Watcher
from connectors.imap_writes import DRAFT_FLAGS, Writer

log = logging.getLogger(__name__)

MAX_GMAIL_IDS = 500_000  # remembered X-GM-MSGIDs, to bound memory in a long-running daemon


class ImapMailbox:
    """One IMAP account. Two connections at most: one for sync and writes, one for IDLE."""

    supports_push: ClassVar[bool] = True  # IDLE; servers without it are polled
    supports_thread_tags: ClassVar[bool] = True  # keywords where PERMANENTFLAGS allow

    def __init__(
        self,
        account: Any,
        *,
        relevant: Callable[[Message], bool] | None = None,
        addresses: Iterable[str] = (),
        clock: Clock | None = None,
        progress: bool | None = None,
        header_batch: int = HEADER_BATCH,
        body_cap: int = BODY_CAP,
    ) -> None:
        self.settings = ImapSettings.from_account(account)
        self.name = self.settings.name
        own = list(addresses)
        if not own and "@" in self.settings.username:
            own = [self.settings.username]
        self._clock = clock or clock_from_env()
        self._conn = ImapConnection(self.settings)
        self._writer = Writer(self._conn, self._clock.now)
        self._folder_map: FolderMap | None = None
        self._options = SyncOptions(
            relevant=relevant or JobMailHeuristic(own),
            lookback_days=self.settings.lookback_days,
            now=self._clock.now,
            header_batch=max(1, header_batch),
            body_cap=max(1024, body_cap),
            progress=progress,
        )
        self._watcher = Watcher(
            self.settings,
            lambda: self.folders().watched,
            use_idle=self.settings.idle,
            poll_seconds=self.settings.poll_seconds,
        )

    # ---- session ------------------------------------------------------------------------
    def connect(self) -> None:
        self._conn.open()

    def close(self) -> None:
        for part in (self._watcher, self._conn):
            try:
                part.close()
            except Exception:  # close never raises
                log.debug("closing %s failed", type(part).__name__, exc_info=True)

    @property
    def reconnects(self) -> int:
        """How often the sync connection was reopened after a drop (for logs and tests)."""
        return self._conn.reconnects

    # ---- reading ------------------------------------------------------------------------
    def folders(self) -> FolderMap:
        if self._folder_map is None:
            self._folder_map = self._conn.call(
                lambda c: resolve_folders(c, self.settings), what="LIST"
            )
        return self._folder_map

    def changes(self, folder: str, cursor: str | None) -> Iterator[Batch]:
        if len(self._options.seen_gmail_ids) > MAX_GMAIL_IDS:
            self._options.seen_gmail_ids.clear()
        sync = FolderSync(self._conn, folder, cursor, self._options)
        yield from sync.batches()
        if sync.uidnext:
            self._watcher.note_synced(folder, sync.uidnext)

    def fetch(self, folder: str, remote_id: str) -> RemoteMessage | None:
        try:
            uid = int(remote_id)
        except ValueError:
            return None
        return fetch_one(self._conn, folder, uid, cap=self._options.body_cap)

    # ---- writing ------------------------------------------------------------------------
    def _drafts(self) -> str:
        drafts = self.folders().drafts
        if not drafts:
            raise ConfigError(
                f"{self.settings.key}.drafts_folder: no Drafts folder found on "
                f"{self.settings.where}: name one with drafts_folder"
            )
        return drafts

    def create_draft(self, draft: EmailMessage) -> str:
        drafts = self._drafts()
        uid = self._writer.append(drafts, draft, DRAFT_FLAGS)
        if uid is None:
            raise TransientError(
                f"{self.settings.key}: the draft was stored in {drafts!r} but the server did "
                "not say where: it will be found by its Message-ID next time"
            )
        return str(uid)

    def find_draft(self, message_id: str, process_id: str) -> DraftCopy | None:
        return self._writer.find_draft(self._drafts(), message_id, process_id)

    def delete_draft(self, remote_id: str) -> bool:
        return self._writer.delete_draft(self._drafts(), remote_id)

    def deliver_to_inbox(self, message: EmailMessage) -> None:
        self._writer.append(self.folders().inbox, message, ())

    def tag_thread_closed(self, message_ids: list[str], tag: str) -> bool:
        fmap = self.folders()
        where = list(fmap.watched) + (
            [fmap.sent] if fmap.sent and fmap.sent not in fmap.watched else []
        )
        return self._writer.tag(where, message_ids, tag)

    # ---- watching -----------------------------------------------------------------------
    def wait_for_changes(self, timeout: float) -> bool:
        return self._watcher.wait(timeout)
