"""The agent's cycle over every account: sync, infer, track, draft, retract, report.

One Engine per process; it owns the store connection and the connected mailboxes. The CLI
(`run --once`) and the daemon (`agent.daemon`) drive it; it never reads the time itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from agent.clock import Clock

if TYPE_CHECKING:
    from agent.config import Config
    from connectors.base import Mailbox


class Engine:
    def __init__(self, cfg: Config, clock: Clock) -> None:
        self.cfg = cfg
        self.clock = clock

    def open(self) -> None:
        """Open the store (creates state_dir 0700, migrates the schema)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close mailboxes and the store. Never raises."""
        raise NotImplementedError

    def mailbox(self, account_name: str) -> Mailbox:
        """The connected Mailbox of one account (connects on first use)."""
        raise NotImplementedError

    def sync_account(self, account_name: str) -> dict[str, Any]:
        """Sync one account's watched folders and Sent, infer, update processes, retract
        drafts made stale by new mail. One message's effects commit in one transaction."""
        raise NotImplementedError

    def due_check(self) -> dict[str, Any]:
        """Create drafts that are due, notice sent/deleted/edited drafts, ghost processes."""
        raise NotImplementedError

    def report_slot(self, now: datetime | None = None) -> str | None:
        """The key of the latest weekly-report slot at or before now (e.g.
        "2026-W48"), or None if the configured slot has not come yet this week."""
        raise NotImplementedError

    def send_report_if_due(self) -> bool:
        """Deliver the weekly report for the latest slot unless already recorded as sent
        (exactly once per slot, across restarts). True if one was delivered now."""
        raise NotImplementedError

    def full_cycle(self) -> dict[str, Any]:
        """Every account's sync (one failing account never stops the others), then
        due_check, then send_report_if_due. Returns counters."""
        raise NotImplementedError
