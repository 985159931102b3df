"""Read-only views of the store, shared by status, the weekly report and the export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Process states (PRODUCT.md section 3).
OPEN_STATES = ("applied", "interviewing")
CLOSED_STATES = ("rejected", "offer", "withdrawn", "ghosted")
# Draft states shown by status.
DRAFT_STATES = ("none", "pending", "sent", "deleted", "retracted")


@dataclass
class ProcessView:
    id: str
    company: str
    role: str | None
    stage: str | None
    state: str
    flags: list[str]  # waiting_on_company, waiting_on_user, needs_confirmation, call_instead
    last_contact: datetime | None  # latest real (non-automatic) message, either direction
    last_company_contact: datetime | None
    last_user_contact: datetime | None
    due: date | None
    due_reason: str
    draft: str  # one of DRAFT_STATES
    draft_edited: bool
    contact_name: str | None
    contact_addr: str | None
    interview_at: datetime | None
    followups_sent: int
    opened_at: datetime
    closed_at: datetime | None
    note: str = ""  # why no draft, what needs the user, etc.
    pending_verdict: str | None = None  # "rejection"/"offer" awaiting `followup confirm`
    first_answer_days: dict[str, float] = field(default_factory=dict)  # stage -> days to answer

    @property
    def contact(self) -> str | None:
        if not self.contact_addr:
            return None
        return (
            f"{self.contact_name} <{self.contact_addr}>" if self.contact_name else self.contact_addr
        )

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass
class EventView:
    process_id: str
    company: str
    at: datetime
    kind: str  # message_in, message_out, draft_created, draft_sent, draft_deleted,
    # draft_retracted, draft_kept_edited, state_changed, needs_confirmation, reminder ...
    summary: str  # one human line
    label: str | None = None  # the verdict label for message events
    subject: str | None = None
