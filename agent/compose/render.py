"""Render the follow-up body from a Jinja2 template, the user's override first.

Templates see only pre-cleaned strings (see `template_vars`), never the raw context, so an
override cannot reach mail-derived text that skipped sanitizing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from agent.compose import phrases
from agent.compose.context import DraftContext
from agent.compose.sanitize import sentence, text_block

BUILTIN_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAMES = (
    "application.txt.j2",
    "phone_screen.txt.j2",
    "interview.txt.j2",
    "final.txt.j2",
    "assessment.txt.j2",
)
WORD_LIMIT = 180  # PRODUCT.md section 6: the body, without the signature
UPDATE_CAP = (280, 35)  # (chars, words) for one recent update


@lru_cache(maxsize=8)
def _environment(template_dir: Path | None) -> SandboxedEnvironment:
    loaders: list[BaseLoader] = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(FileSystemLoader(str(BUILTIN_DIR)))
    # Sandboxed: a template file is code, and the override directory is only as safe as
    # its permissions. Autoescape stays off: this is plain text, cleaned before rendering.
    return SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        auto_reload=True,
    )


def template_vars(ctx: DraftContext) -> dict[str, Any]:
    """The values a template may use, each one cleaned and length-capped."""
    company = phrases.clean_company(ctx.company)
    user = phrases.clean_name(ctx.user_name) or ctx.user_address
    return {
        "salutation": phrases.salutation(
            ctx.contact_name, ctx.contact_salutation, ctx.first_name_ok
        ),
        "company": company,
        "role_phrase": phrases.role_phrase(ctx.role),
        "interview_phrase": phrases.interview_phrase(ctx.stage, ctx.interview_at, ctx.tz),
        "recent_update": sentence(
            ctx.recent_update, max_chars=UPDATE_CAP[0], max_words=UPDATE_CAP[1]
        ),
        "stated_phrase": phrases.stated(ctx.stated_phrase),
        "followup_number": max(1, int(ctx.followup_number)),
        "signature": text_block(ctx.signature, max_lines=8, max_chars_per_line=100) or user,
        "user_name": user,
    }


_BLANK_RUN = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line between paragraphs, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_body(ctx: DraftContext, template_dir: Path | None = None) -> str:
    """The plain-text body for the context's stage; `template_dir` files override ours."""
    directory = template_dir if template_dir is not None and template_dir.is_dir() else None
    env = _environment(directory.resolve() if directory else None)
    template = env.get_template(phrases.template_name(ctx.stage))
    return _tidy(template.render(**template_vars(ctx)))


def word_count(body: str, signature: str) -> int:
    """Words in `body` before the signature (the part the 180-word limit is about)."""
    sig = text_block(signature, max_lines=8, max_chars_per_line=100)
    head = body[: body.rindex(sig)] if sig and sig in body else body
    return len(head.split())
