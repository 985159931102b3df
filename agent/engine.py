"""The agent's cycle over every account: sync, infer, track, draft, retract, report.

One Engine per process; it owns the store connection and the connected mailboxes. The CLI
(`run --once`) and the daemon (`agent.daemon`) drive it; it never reads the time itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from agent.clock import Clock
from agent.drafts import DraftKeeper, Profile, crash_point
from agent.errors import AuthError, ConfigError, CursorExpired, FollowupError, TransientError
from agent.policy.due import PolicySettings
from agent.store.db import Store
from agent.store.repo import Repo
from agent.tracker.fold import Derived
from agent.tracker.ingest import ingest
from connectors import load_connector

if TYPE_CHECKING:
    from agent.config import Config
    from connectors.base import Mailbox, RemoteMessage

log = logging.getLogger(__name__)


class Engine:
    def __init__(
        self, cfg: Config, clock: Clock, on_event: Callable[[str], None] | None = None
    ) -> None:
        self.cfg = cfg
        self.clock = clock
        self.tz = cfg.tz
        self.settings = PolicySettings.from_config(cfg.policy)
        self.profile = Profile(
            name=cfg.profile.name,
            addresses=tuple(a.lower() for a in cfg.profile.addresses),
            signature=cfg.profile.signature,
            recent_updates=tuple(cfg.profile.recent_updates),
        )
        self.on_event = on_event or (lambda line: None)
        self._store: Store | None = None
        self._repo: Repo | None = None
        self._mailboxes: dict[str, Mailbox] = {}

    # lifecycle -------------------------------------------------------------------------
    def open(self, *, exclusive: bool = True) -> None:
        """Open the store (creates state_dir 0700, migrates the schema)."""
        self._store = Store(self.cfg.agent.state_dir, exclusive=exclusive)
        self._repo = Repo(self._store)

    def close(self) -> None:
        """Close mailboxes and the store. Never raises."""
        for mailbox in self._mailboxes.values():
            try:
                mailbox.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                log.debug("closing a mailbox failed", exc_info=True)
        self._mailboxes.clear()
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def store(self) -> Store:
        assert self._store is not None, "Engine.open() first"
        return self._store

    @property
    def repo(self) -> Repo:
        assert self._repo is not None, "Engine.open() first"
        return self._repo

    def _account(self, name: str) -> Any:
        for account in self.cfg.accounts:
            if account.name == name:
                return account
        raise ConfigError(f"accounts: no account named {name!r}")

    def mailbox(self, account_name: str) -> Mailbox:
        """The connected Mailbox of one account (connects on first use)."""
        if account_name not in self._mailboxes:
            account = self._account(account_name)
            # IMAP tells the user's own mail by these, beyond the login name.
            extra = {"addresses": self.profile.addresses} if account.type == "imap" else {}
            mailbox = load_connector(account, **extra)
            mailbox.connect()
            self._mailboxes[account_name] = mailbox
        return self._mailboxes[account_name]

    def watch_mailbox(self, account_name: str) -> Mailbox | None:
        """A second, unconnected mailbox for the daemon's watcher where the provider needs
        its own connection to wait on (IMAP IDLE); None to wait on the shared one."""
        account = self._account(account_name)
        if account.type != "imap":
            return None
        return load_connector(account, addresses=self.profile.addresses)

    def drop_mailbox(self, account_name: str) -> None:
        """Forget a mailbox after a failure so the next use reconnects."""
        mailbox = self._mailboxes.pop(account_name, None)
        if mailbox is not None:
            try:
                mailbox.close()
            except Exception:  # noqa: BLE001
                log.debug("closing a failed mailbox", exc_info=True)

    # sync ------------------------------------------------------------------------------
    def sync_account(self, account_name: str) -> dict[str, Any]:
        """Sync one account's watched folders and Sent, infer, update processes.
        One message's effects commit in one transaction."""
        mailbox = self.mailbox(account_name)
        fmap = mailbox.folders()
        counts = {"messages": 0, "duplicates": 0, "processes": 0}
        folders = [(f, False) for f in fmap.watched]
        if fmap.sent and fmap.sent not in fmap.watched:
            folders.append((fmap.sent, True))
        for folder, is_sent in folders:
            try:
                self._sync_folder(account_name, mailbox, folder, is_sent, counts)
            except CursorExpired as exc:
                log.warning("%s/%s: %s; listing the folder again", account_name, folder, exc)
                with self.store.transaction():
                    self.repo.set_cursor(account_name, folder, None, self.clock.now())
                self._sync_folder(account_name, mailbox, folder, is_sent, counts)
        return counts

    def _sync_folder(
        self, account: str, mailbox: Mailbox, folder: str, is_sent: bool, counts: dict[str, Any]
    ) -> None:
        cursor = self.repo.cursor(account, folder)
        for batch in mailbox.changes(folder, cursor):
            for remote in batch.messages:
                self._ingest(account, folder, remote, is_sent, counts)
            with self.store.transaction():
                self.repo.set_cursor(account, folder, batch.cursor, self.clock.now())

    def _ingest(
        self,
        account: str,
        folder: str,
        remote: RemoteMessage,
        is_sent: bool,
        counts: dict[str, Any],
    ) -> None:
        msg = remote.message
        sender = msg.from_.key if msg.from_ else ""
        outbound = is_sent or sender in self.profile.addresses
        now = self.clock.now()
        lookback = timedelta(days=getattr(self._account(account), "lookback_days", 180))
        if msg.date is not None and msg.date < now - lookback:
            # Older than the look-back by its own date (a fresh mbsync copy has new file
            # times): remembered as seen, never inferred.
            with self.store.transaction():
                if not self.repo.seen_remote(account, folder, remote.remote_id):
                    self.repo.insert_message(
                        account=account, folder=folder, remote_id=remote.remote_id,
                        fingerprint=f"old:{account}:{folder}:{remote.remote_id}",
                        message_id=msg.message_id, direction="out" if outbound else "in",
                        sent_at=msg.date.isoformat(), subject=msg.subject[:500], to_addrs="",
                        status="too_old",
                    )
            return
        try:
            with self.store.transaction():
                result = ingest(
                    self.repo,
                    account,
                    folder,
                    remote.remote_id,
                    msg,
                    outbound=outbound,
                    tz=self.tz,
                    user_addresses=self.profile.addresses,
                    now=now,
                )
        except Exception:  # one bad message never stops the sync
            log.exception("%s/%s: message %s skipped", account, folder, remote.remote_id)
            with self.store.transaction():
                self.repo.insert_message(
                    account=account,
                    folder=folder,
                    remote_id=remote.remote_id,
                    fingerprint=f"error:{account}:{folder}:{remote.remote_id}",
                    direction="in",
                    sent_at=now.isoformat(),
                    subject=msg.subject[:500],
                    to_addrs="",
                    status="error",
                    error="could not be processed",
                )
            return
        if result.status == "processed":
            counts["messages"] += 1
            if result.process_id and result.verdict:
                who = msg.from_.name or msg.from_.addr if msg.from_ else "?"
                direction = "you wrote" if outbound else f"{result.verdict.label} from {who}"
                self.on_event(f"{result.process_id}: {direction}: {msg.subject[:80]}")
        elif result.status == "duplicate":
            counts["duplicates"] += 1

    # drafts ----------------------------------------------------------------------------
    def keeper(self, account_name: str) -> DraftKeeper:
        template_dir = self.cfg.templates.dir if self.cfg.templates else None
        if template_dir is None and self.cfg.path is not None:
            template_dir = self.cfg.path.parent / "templates"  # used if it exists
        return DraftKeeper(
            self.store,
            self.repo,
            self.mailbox(account_name),
            account_name,
            self.profile,
            self.settings,
            self.tz,
            template_dir,
            self.on_event,
        )

    def due_check(self) -> dict[str, Any]:
        """Create drafts that are due, notice sent/deleted/edited drafts, ghost processes."""
        totals: dict[str, Any] = {
            "created": 0,
            "retracted": 0,
            "sent": 0,
            "deleted": 0,
            "ghosted": 0,
            "errors": 0,
        }
        for account in self.cfg.accounts:
            try:
                counts = self.keeper(account.name).run(self.clock.now())
            except (TransientError, OSError) as exc:
                totals["errors"] += 1
                log.warning("%s: drafts postponed: %s", account.name, exc)
                self.drop_mailbox(account.name)
                continue
            for key, value in counts.items():
                totals[key] += value
        totals.update(self.counts())
        return totals

    def counts(self) -> dict[str, int]:
        """Open processes and drafts waiting in Drafts, for the daemon's status line."""
        open_count = pending = 0
        for proc in self.repo.processes():
            if Derived.from_json(proc.derived).is_open:
                open_count += 1
        pending = len(self.repo.drafts(states=("intent", "pending", "edited", "kept")))
        return {"open_processes": open_count, "drafts_pending": pending}

    # weekly report ---------------------------------------------------------------------
    def report_slot(self, now: datetime | None = None) -> str | None:
        """The key of the latest weekly-report slot at or before now (e.g. "2026-W48")."""
        local = (now or self.clock.now()).astimezone(self.tz)
        report = self.cfg.report
        monday = local.date() - timedelta(days=local.weekday())
        slot_day = monday + timedelta(days=report.weekday_index)
        slot = datetime.combine(slot_day, report.at, tzinfo=self.tz)
        if slot > local:
            slot -= timedelta(days=7)
        year, week, _ = slot.date().isocalendar()
        return f"{year}-W{week:02d}"

    def send_report_if_due(self) -> bool:
        """Deliver the weekly report for the latest slot unless already recorded as sent
        (exactly once per slot, across restarts). True if one was delivered now."""
        from agent.reporting import deliver_report, report_message_id

        slot = self.report_slot()
        if slot is None:
            return False
        row = self.repo.report(slot)
        now = self.clock.now()
        if row is not None and row["state"] == "delivered":
            return False
        message_id = report_message_id(slot, self.profile.address)
        if row is None:
            with self.store.transaction():
                self.repo.insert_report_intent(slot, message_id, now)
        elif self.repo.message_id_seen(message_id):
            # Delivered before a crash: the Inbox sync has already seen it.
            with self.store.transaction():
                self.repo.mark_report_delivered(slot, now)
            return False
        where = deliver_report(self, slot, message_id)
        crash_point("after-report-write")
        with self.store.transaction():
            self.repo.mark_report_delivered(slot, now)
        self.on_event(f"weekly report {slot} delivered to {where}")
        log.info("weekly report %s delivered to %s", slot, where)
        return True

    # the whole cycle -------------------------------------------------------------------
    def full_cycle(self) -> dict[str, Any]:
        """Every account's sync (one failing account never stops the others), then
        due_check, then send_report_if_due. Returns counters."""
        summary: dict[str, Any] = {"messages": 0, "duplicates": 0, "failed_accounts": []}
        for account in self.cfg.accounts:
            try:
                counts = self.sync_account(account.name)
            except (AuthError, TransientError, ConfigError, OSError, FollowupError) as exc:
                log.error("%s: sync failed: %s", account.name, exc)
                summary["failed_accounts"].append(account.name)
                self.drop_mailbox(account.name)
                continue
            summary["messages"] += counts["messages"]
            summary["duplicates"] += counts["duplicates"]
        summary.update(self.due_check())
        try:
            summary["report"] = self.send_report_if_due()
        except (FollowupError, OSError) as exc:
            log.error("weekly report not delivered: %s", exc)
            summary["report"] = False
        return summary
