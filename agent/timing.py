"""From a derived process to the policy's decision (the glue between tracker and policy)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from agent.policy.due import Decision, PolicySettings, ProcessTiming, decide
from agent.tracker.fold import Derived


def timing_of(d: Derived, *, restart_at: datetime | None = None) -> ProcessTiming:
    """`restart_at`: the user deleted this window's draft then; the clock restarts there."""
    last_user = d.last_user_at
    if restart_at and (last_user is None or restart_at > last_user):
        last_user = restart_at
    return ProcessTiming(
        state=d.state,
        stage=d.stage,
        last_company_at=d.last_company_at,
        last_user_at=last_user,
        # An interview with a start but no known end counts from its start.
        interview_end=d.interview_end or d.interview_at,
        stated_due=date.fromisoformat(d.stated_due) if d.stated_due else None,
        stated_phrase=d.stated_phrase,
        stated_at=d.stated_at,
        followups_sent=d.followups_sent,
        last_followup_at=d.last_followup_at,
        channel="phone" if d.call_instead else "email",
        waiting_on_user=d.waiting_on_user,
        needs_confirmation=d.needs_confirmation,
    )


def decision_for(
    d: Derived,
    settings: PolicySettings,
    tz: ZoneInfo,
    now: datetime,
    restart_at: datetime | None = None,
) -> Decision:
    return decide(timing_of(d, restart_at=restart_at), settings, tz, now)
