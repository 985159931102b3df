"""The follow-up draft: wording from per-stage Jinja2 templates, headers that thread it."""

from agent.compose.context import DraftContext
from agent.compose.draft import (
    DRAFT_POLICY,
    PROCESS_HEADER,
    UnsafeDraft,
    clean_msg_id,
    compose_followup,
)
from agent.compose.render import BUILTIN_DIR, TEMPLATE_NAMES, WORD_LIMIT, render_body, word_count

__all__ = [
    "BUILTIN_DIR",
    "DRAFT_POLICY",
    "PROCESS_HEADER",
    "TEMPLATE_NAMES",
    "WORD_LIMIT",
    "DraftContext",
    "UnsafeDraft",
    "clean_msg_id",
    "compose_followup",
    "render_body",
    "word_count",
]
