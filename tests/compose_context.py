"""A draft context shared by the composer tests: one realistic process to vary."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from agent.compose import DraftContext
from agent.message import Address

BERLIN = ZoneInfo("Europe/Berlin")
SIGNATURE = "Alex Morgan\n+1 555 0100"

BASE = DraftContext(
    process_id="proc-7",
    message_id="followup.1.proc-7@alex.example.com",
    company="Northwind Labs",
    role="Data Platform Engineer",
    stage="interview round 2",
    interview_at=datetime(2026, 3, 3, 14, 0, tzinfo=BERLIN),  # Tuesday
    contact_name="Dana Rivera",
    contact_salutation=None,
    first_name_ok=False,
    to=(Address("Dana Rivera", "dana.rivera@northwind.example"),),
    cc=(),
    in_reply_to="msg-2@northwind.example",
    references=("msg-0@alex.example.com", "msg-1@northwind.example"),
    original_subject="Your interview with Northwind Labs",
    user_name="Alex Morgan",
    user_address="alex@example.com",
    signature=SIGNATURE,
    recent_update=None,
    followup_number=1,
    stated_phrase=None,
    tz=BERLIN,
)


def ctx(**changes: Any) -> DraftContext:
    return replace(BASE, **changes)
