"""Everything the composer needs for one follow-up draft, gathered by the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from agent.message import Address


@dataclass(frozen=True)
class DraftContext:
    process_id: str
    message_id: str  # the draft's own Message-ID, without <>
    company: str
    role: str | None
    stage: str | None  # verdict vocabulary (agent/verdict.py)
    interview_at: datetime | None
    contact_name: str | None  # full name, e.g. "Dana Rivera"
    contact_salutation: str | None  # e.g. "Ms. Rivera" when a title is known
    first_name_ok: bool  # the contact invited first-name terms
    to: tuple[Address, ...]  # already passed the caller's recipient guard
    cc: tuple[Address, ...]
    in_reply_to: str  # Message-ID being answered, without <>
    references: tuple[str, ...]  # the thread's chain, without <>
    original_subject: str
    user_name: str
    user_address: str
    signature: str
    recent_update: str | None  # one item of profile.recent_updates
    followup_number: int  # 1 for the first follow-up, 2 for the second ...
    stated_phrase: str | None  # e.g. "by Friday", when they gave a date that passed
    tz: ZoneInfo
