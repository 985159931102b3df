"""Follow-up timing: business days and the due-date rules. Pure functions, no I/O, no clock."""

from agent.policy.calendar import (
    add_business_days,
    is_business_day,
    local_date,
    next_business_day_on_or_after,
)
from agent.policy.due import (
    CLOSED_STATES,
    Decision,
    PolicySettings,
    ProcessTiming,
    Window,
    decide,
    is_due,
    stage_window,
)

__all__ = [
    "CLOSED_STATES",
    "Decision",
    "PolicySettings",
    "ProcessTiming",
    "add_business_days",
    "decide",
    "is_business_day",
    "is_due",
    "local_date",
    "next_business_day_on_or_after",
    "Window",
    "stage_window",
]
