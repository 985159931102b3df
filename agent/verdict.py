"""What inference concludes about one message. Produced by `agent.infer.classify`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from agent.message import Address

Label = Literal["invite", "rejection", "offer", "ack", "update", "other"]
LABELS: tuple[Label, ...] = ("invite", "rejection", "offer", "ack", "update", "other")

# Stage vocabulary shared by inference, the tracker, policy, status and templates.
# "interview round N" is written with its number, e.g. "interview round 2".
STAGE_APPLICATION = "application"
STAGE_PHONE_SCREEN = "phone screen"
STAGE_FINAL = "final"
STAGE_ASSESSMENT = "assessment"


def interview_round(n: int) -> str:
    return f"interview round {n}"


def round_of(stage: str | None) -> int | None:
    """The round number of an "interview round N" stage, else None."""
    if stage and stage.startswith("interview round "):
        tail = stage.rsplit(" ", 1)[-1]
        return int(tail) if tail.isdigit() else None
    return None


# Kinds of mail that never move a follow-up clock (PRODUCT.md section 4).
AutoKind = Literal[
    "auto_reply",  # out of office, vacation, autoresponder
    "calendar_notice",  # Accepted:/Declined: replies to an invite
    "job_alert",  # LinkedIn/Indeed/... digests
    "newsletter",
    "recruiter_outreach",
    "receipt",
    "notification",
    "personal",
]


@dataclass
class Verdict:
    label: Label
    confidence: float  # 0..1
    evidence: list[str] = field(default_factory=list)
    company: str | None = None  # display form, e.g. "Acme Robotics"
    company_domain: str | None = None  # registrable domain of a real company address
    role: str | None = None
    stage: str | None = None  # see the STAGE_* vocabulary
    interview_at: datetime | None = None
    interview_end: datetime | None = None
    timeline: str | None = None  # the phrase as written
    due: date | None = None  # the date the timeline resolves to
    contact: Address | None = None  # the human to reply to; never a no-reply address
    contact_salutation: str | None = None  # e.g. "Ms. Rivera" / "Dana Rivera" / "Dana"
    channel: Literal["email", "phone"] = "email"
    first_name_ok: bool = False  # the contact invited first-name terms
    asks_user: bool = False  # they asked the user something: waiting_on_user
    kind: AutoKind | None = None  # for mail that is not about a process, or automatic
    is_automatic: bool = False  # never moves a silence clock
    ats: str | None = None  # the relay it came through (greenhouse, lever ...), if any
