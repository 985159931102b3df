"""Did the sender ask the user something that needs an answer (the user owes a reply)?"""

from __future__ import annotations

import re

_REQUEST = re.compile(
    r"(?:please|kindly|could you|can you|would you|could you please|can you please|would you mind|"
    r"i'd appreciate if you|we'd appreciate if you|let me know|let us know)\b[^.?!\n]{0,80}?"
    r"\b(?:availability|available|send|share|provide|confirm|complete|fill (?:out|in)|reply|"
    r"respond|"
    r"sign|upload|submit|forward|attach|update|let (?:me|us) know|tell (?:me|us)|which|when|what "
    r"time|"
    r"works for you|expectations|references|portfolio|transcript|documents?|id|passport|visa|"
    r"start date|notice period)"
)
_QUESTION = re.compile(r"[^.?!\n]{3,200}\?")
_TO_USER = re.compile(r"\b(?:you|your)\b")
_NOT_AN_ASK = re.compile(
    r"(?:any (?:other |further |more )?questions|if you have (?:any )?questions|should you have|"
    r"if you need|questions\?|need (?:any )?help|feel free|don't hesitate|do not hesitate|"
    r"use the link|click|link below|the link|button|here to|unsubscribe)",
    re.I,
)


def asks_user(body: str) -> tuple[bool, str | None]:
    """(asked, the sentence that asks) for a direct request or a question to the user."""
    text = body[:20000]
    low = text.lower()
    for rx in (_REQUEST, _QUESTION):
        for m in rx.finditer(low):
            sent = m.group(0)
            if _NOT_AN_ASK.search(sent):
                continue
            if rx is _QUESTION and not _TO_USER.search(sent):
                continue
            return True, text[m.start() : m.end()].strip()[:90]
    return False, None
