"""The follow-up draft lifecycle: create exactly once, notice sent/deleted/edited, retract.

Crash safety: the intent (with the draft's Message-ID, fixed before anything is written)
is committed before the mailbox write; after a crash the intent is reconciled by looking
for that Message-ID in Drafts, so a kill -9 at any point never yields a second draft.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from agent.compose import DraftContext, UnsafeDraft, compose_followup
from agent.infer.contact import is_noreply
from agent.message import Address, Message
from agent.parse import parse_message
from agent.policy.due import ACTION_DRAFT, ACTION_GHOST, ACTION_REMIND, Decision, PolicySettings
from agent.policy.due import is_due as policy_is_due
from agent.store.db import Store
from agent.store.repo import DraftRow, ProcessRow, Repo
from agent.timing import decision_for
from agent.tracker.fold import Derived
from agent.tracker.ingest import rederive
from connectors.base import Mailbox

log = logging.getLogger(__name__)

# Shared team mailboxes: a person may read them, but a follow-up goes to a person by name.
TEAM_MAILBOX = re.compile(
    r"^(careers?|jobs?|recruit(ing|ment|er|ers)?|talent|hr|hiring|people|team|info|hello|"
    r"contact|apply|applications?|candidates?|support|admin|office|staffing|resumes?|cv)"
    r"([+._-].*)?$",
    re.IGNORECASE,
)
# Draft states counted as still sitting in the user's Drafts folder.
LIVE = ("intent", "pending", "edited")


def crash_point(name: str) -> None:
    """Fault injection for the crash tests: FOLLOWUP_TEST_CRASH=<name> kills the process
    at that point as abruptly as kill -9 would."""
    if os.environ.get("FOLLOWUP_TEST_CRASH") == name:
        os._exit(137)


def body_hash(msg: Message) -> str:
    text = re.sub(r"\s+", " ", msg.body).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Profile:
    name: str
    addresses: tuple[str, ...]
    signature: str
    recent_updates: tuple[str, ...]

    @property
    def address(self) -> str:
        return self.addresses[0] if self.addresses else ""


def draft_message_id(process_id: str, window_key: str, user_address: str) -> str:
    digest = hashlib.sha1(f"{process_id}\x00{window_key}".encode()).hexdigest()[:16]
    domain = user_address.rsplit("@", 1)[-1] if "@" in user_address else "followup.invalid"
    return f"followup.{digest}@{domain}"


def recipient(d: Derived) -> tuple[Address | None, str]:
    """The human to write to, or None and why not (the recipient guard)."""
    addr = d.contact_addr
    if not addr:
        return None, "no human contact known: no draft"
    local = addr.split("@", 1)[0]
    if is_noreply(addr):
        return None, f"only a no-reply address ({addr}): no draft"
    if TEAM_MAILBOX.match(local):
        return None, f"only a team mailbox ({addr}), no person to write to: no draft"
    if addr not in d.participants:
        return None, f"{addr} never wrote to you in this process: no draft"
    return Address(d.contact_name or "", addr), ""


class DraftKeeper:
    """Runs the draft lifecycle for one account."""

    def __init__(
        self,
        store: Store,
        repo: Repo,
        mailbox: Mailbox,
        account: str,
        profile: Profile,
        settings: PolicySettings,
        tz: ZoneInfo,
        template_dir: Path | None,
        on_event: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.store, self.repo, self.mailbox, self.account = store, repo, mailbox, account
        self.profile, self.settings, self.tz, self.template_dir = (
            profile,
            settings,
            tz,
            template_dir,
        )
        self.on_event = on_event

    # the whole pass --------------------------------------------------------------------
    def run(self, now: datetime) -> dict[str, int]:
        counts = {"created": 0, "retracted": 0, "sent": 0, "deleted": 0, "ghosted": 0}
        for draft in self.repo.drafts(states=("intent",)):
            if draft.account == self.account:
                self._finish_intent(draft, now, counts)
        for draft in self.repo.drafts(states=("pending", "edited", "deleted")):
            if draft.account == self.account:
                self._check(draft, now, counts)
        for proc in self.repo.processes():
            if proc.account == self.account:
                self._consider(proc, now, counts)
        return counts

    # existing drafts -------------------------------------------------------------------
    def _outbound_after(self, process_id: str, since: datetime) -> bool:
        return any(
            m.direction == "out" and m.at >= since for m in self.repo.process_messages(process_id)
        )

    def _check(self, draft: DraftRow, now: datetime, counts: dict[str, int]) -> None:
        proc = self.repo.process(draft.process_id)
        if proc is None:
            return
        if draft.state == "deleted":
            if self._outbound_after(draft.process_id, draft.created_at):
                self._set(draft, "sent", now, f"{proc.company}: follow-up sent", counts, "sent")
            return
        copy = self.mailbox.find_draft(draft.message_id, draft.process_id)
        if copy is None:
            if self._outbound_after(draft.process_id, draft.created_at):
                self._set(draft, "sent", now, f"{proc.company}: follow-up sent", counts, "sent")
            else:
                self._set(
                    draft,
                    "deleted",
                    now,
                    f"{proc.company}: you deleted the draft; not recreated this window",
                    counts,
                    "deleted",
                )
            return
        edited = draft.body_hash is not None and body_hash(copy.message) != draft.body_hash
        if edited and draft.state == "pending":
            with self.store.transaction():
                self.repo.update_draft(draft.id, now, state="edited", remote_id=copy.remote_id)
            draft.state = "edited"
        d = Derived.from_json(proc.derived)
        stale = not d.is_open or (
            d.last_company_at is not None and d.last_company_at > draft.created_at
        )
        if not stale:
            return
        why = "closed" if not d.is_open else "they wrote first"
        if draft.state == "edited":
            self._set(
                draft,
                "kept",
                now,
                f"{proc.company}: {why}; your edited draft is kept in Drafts",
                counts,
                None,
            )
            return
        self.mailbox.delete_draft(copy.remote_id)
        self._set(
            draft, "retracted", now, f"{proc.company}: {why}; draft removed", counts, "retracted"
        )

    def _set(
        self,
        draft: DraftRow,
        state: str,
        now: datetime,
        summary: str,
        counts: dict[str, int],
        counter: str | None,
    ) -> None:
        with self.store.transaction():
            self.repo.update_draft(draft.id, now, state=state)
            self.repo.add_event(
                draft.process_id,
                now,
                f"draft_{state}",
                summary,
                f"draft:{draft.message_id}:{state}",
            )
            rederive(self.repo, draft.process_id, now)
        if counter:
            counts[counter] += 1
        self.on_event(summary)
        log.info("%s", summary)

    # new drafts ------------------------------------------------------------------------
    def decision(self, proc: ProcessRow, now: datetime) -> tuple[Decision, str]:
        """The policy's decision and the window key it belongs to."""
        d = Derived.from_json(proc.derived)
        restart = None
        for draft in reversed(self.repo.drafts(proc.id)):
            if draft.state == "deleted" and (
                d.last_company_at is None or draft.created_at > d.last_company_at
            ):
                restart = draft.updated_at
            break
        dec = decision_for(d, self.settings, self.tz, now, restart_at=restart)
        key = f"{dec.window}:{dec.due.isoformat() if dec.due else '-'}:{d.followups_sent}"
        return dec, key

    def _consider(self, proc: ProcessRow, now: datetime, counts: dict[str, int]) -> None:
        d = Derived.from_json(proc.derived)
        if not d.is_open:
            return
        dec, key = self.decision(proc, now)
        if dec.action == ACTION_GHOST:
            with self.store.transaction():
                self.repo.add_action(proc.id, now, "ghost", None)
                rederive(self.repo, proc.id, now)
            counts["ghosted"] += 1
            self.on_event(f"{proc.company}: no answer after {d.followups_sent} follow-ups: ghosted")
            return
        if not policy_is_due(dec, self.tz, now):
            return
        if dec.action == ACTION_REMIND:
            with self.store.transaction():
                if self.repo.add_event(
                    proc.id,
                    now,
                    "reminder",
                    f"{proc.company}: call {d.contact_name or 'them'} ({dec.reason})",
                    f"remind:{proc.id}:{key}",
                ):
                    self.on_event(f"{proc.company}: reminder to call, no email draft")
            return
        if dec.action != ACTION_DRAFT or self.repo.draft_for_window(proc.id, key):
            return
        if any(x.state in LIVE for x in self.repo.drafts(proc.id)):
            return  # one live draft per process at a time
        to, why_not = recipient(d)
        if to is None or not d.reply_to_message_id:
            with self.store.transaction():
                self.repo.add_event(
                    proc.id,
                    now,
                    "no_draft",
                    f"{proc.company}: follow-up due but {why_not or 'no message to reply to'}",
                    f"nodraft:{proc.id}:{key}",
                )
            return
        mid = draft_message_id(proc.id, key, self.profile.address)
        with self.store.transaction():
            self.repo.insert_draft_intent(proc.id, self.account, key, mid, now)
        crash_point("after-draft-intent")
        draft = self.repo.draft_for_window(proc.id, key)
        assert draft is not None
        self._finish_intent(draft, now, counts)

    def _compose(
        self, proc: ProcessRow, d: Derived, draft: DraftRow, now: datetime
    ) -> EmailMessage:
        to, _ = recipient(d)
        assert to is not None and d.reply_to_message_id
        # Each follow-up brings news of its own: the n-th uses the n-th recent update and
        # says nothing rather than repeat one the company has already read.
        updates = self.profile.recent_updates
        n = d.followups_sent
        update = updates[n] if n < len(updates) else None
        ctx = DraftContext(
            process_id=proc.id,
            message_id=draft.message_id,
            company=proc.company,
            role=proc.role or d.role,
            stage=d.stage,
            interview_at=d.interview_at,
            contact_name=d.contact_name,
            contact_salutation=d.contact_salutation,
            first_name_ok=d.first_name_ok,
            to=(to,),
            cc=(),
            in_reply_to=d.reply_to_message_id,
            references=tuple(d.reply_refs),
            original_subject=d.reply_subject,
            user_name=self.profile.name,
            user_address=self.profile.address,
            signature=self.profile.signature,
            recent_update=update,
            followup_number=d.followups_sent + 1,
            stated_phrase=d.stated_phrase,
            tz=self.tz,
        )
        return compose_followup(ctx, now, self.template_dir)

    def _finish_intent(self, draft: DraftRow, now: datetime, counts: dict[str, int]) -> None:
        """Write the draft an intent stands for, unless a copy is already there."""
        proc = self.repo.process(draft.process_id)
        if proc is None:
            return
        d = Derived.from_json(proc.derived)
        copy = self.mailbox.find_draft(draft.message_id, draft.process_id)
        if copy is None and (not d.is_open or recipient(d)[0] is None):
            with self.store.transaction():
                self.repo.update_draft(draft.id, now, state="retracted")
            return
        if copy is None:
            try:
                message = self._compose(proc, d, draft, now)
            except UnsafeDraft as exc:
                with self.store.transaction():
                    self.repo.update_draft(draft.id, now, state="retracted")
                    self.repo.add_event(
                        draft.process_id,
                        now,
                        "no_draft",
                        f"{proc.company}: no draft: {exc}",
                        f"unsafe:{draft.message_id}",
                    )
                return
            remote_id = self.mailbox.create_draft(message)
            crash_point("after-draft-write")
            digest = body_hash(parse_message(bytes(message)))
        else:
            remote_id, digest = copy.remote_id, body_hash(copy.message)
        summary = f"{proc.company}: follow-up draft to {d.contact_name or d.contact_addr} in Drafts"
        with self.store.transaction():
            self.repo.update_draft(
                draft.id, now, state="pending", remote_id=remote_id, body_hash=digest
            )
            self.repo.add_event(
                draft.process_id, now, "draft_created", summary, f"draft:{draft.message_id}:created"
            )
            rederive(self.repo, draft.process_id, now)
        counts["created"] += 1
        self.on_event(summary)
        log.info("%s", summary)
