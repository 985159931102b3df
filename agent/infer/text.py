"""Preparing mail text for the rules: only the new text, bounded, normalised.

The parser already separates quoted history, but records from other tools (and some mailers)
still carry it inline; cutting it here too keeps an old rejection or offer in the history from
deciding the label of a neutral reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Rules never look past this many characters of new text: real mail that is longer is
# footers, legal text or pasted threads, and bounding it keeps the speed predictable.
MAX_BODY_CHARS = 20_000

_REPLY_HEADER = re.compile(
    r"^(?:"
    r"On\b.{0,200}?\bwrote:\s*$"  # On Tue, Mar 1, 2011 at 10:00, Jane <j@x> wrote:
    r"|-{2,}\s*(?:Original Message|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}.*$"
    r"|_{10,}\s*$"  # Outlook's rule line before the quoted header block
    r"|\*?From:\*?\s.+\n\s*\*?(?:Sent|Date):\*?\s.+$"  # Outlook header block
    r"|Le .{0,120} a écrit\s?:\s*$"
    r"|Am .{0,120} schrieb .{0,120}:\s*$"
    r")",
    re.MULTILINE,
)
# Cheap markers without which no reply header can be present.
_REPLY_NEEDLES = ("wrote:", "--", "____", "From:", "écrit", "schrieb")
_WROTE_SPLIT = re.compile(r"^On\b[^\n]{0,200}\n[^\n]{0,200}\bwrote:\s*$", re.MULTILINE)


def strip_quoted(body: str) -> str:
    """The new text only: cut at the first reply header, drop `>` lines."""
    if not body:
        return ""
    text = body[: MAX_BODY_CHARS * 2]
    cut = len(text)
    if not any(n in text for n in _REPLY_NEEDLES):
        if ">" in text:
            text = "\n".join(ln for ln in text.split("\n") if not ln.lstrip().startswith(">"))
        return text[:MAX_BODY_CHARS]
    m = _REPLY_HEADER.search(text)
    if m and m.start() > 0:
        cut = m.start()
    m2 = _WROTE_SPLIT.search(text)
    if m2 and 0 < m2.start() < cut:
        cut = m2.start()
    text = text[:cut]
    if ">" in text:
        text = "\n".join(ln for ln in text.split("\n") if not ln.lstrip().startswith(">"))
    return text[:MAX_BODY_CHARS]


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "*": "",
    }
)
# Only what changes: runs of two or more blanks, and tabs and other odd blanks (a pattern
# that also matched every single space would rewrite a 5 KB text a thousand times over).
# Same result as replacing every run of blanks with one space.
_SPACES = re.compile(r"[ \t\r\f\v]{2,}|[\t\r\f\v]")
_BLANKS = re.compile(r"\n\s*\n+")
_ODD_BLANKS = ("  ", "\t", "\r", "\f", "\v")


def normalise(text: str) -> str:
    """Straight quotes and dashes, no markdown emphasis, single spaces; keeps line breaks."""
    text = text.translate(_QUOTES)
    if any(ch in text for ch in _ODD_BLANKS):  # a substring test is far cheaper than the regex
        text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n\n", text).strip()


@dataclass(frozen=True)
class Prepared:
    """The text a message is judged on, in the forms the rules need."""

    subject: str  # normalised, reply/forward prefixes removed
    body: str  # normalised new text
    subject_lc: str
    body_lc: str
    # The subject carried a Re:/Fwd: prefix: it names the thread's old topic, not this mail's.
    reply: bool = False

    @property
    def full_lc(self) -> str:
        return f"{self.subject_lc}\n{self.body_lc}"


_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|tr|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def clean_subject(subject: str) -> str:
    return _PREFIX.sub("", normalise(subject or "")).strip()


def is_reply_subject(subject: str) -> bool:
    """A subject with a reply or forward prefix ("Re:", "Fwd:", "AW:" ...)."""
    return bool(_PREFIX.match(subject or ""))


def prepare(subject: str, body: str) -> Prepared:
    subj = clean_subject(subject)
    new = normalise(strip_quoted(body or ""))
    return Prepared(subj, new, subj.lower(), new.lower(), is_reply_subject(subject))


_SENTENCE_REACH = 600  # a longer run without a full stop or line break is no sentence


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence (or line) around `pos`, at most _SENTENCE_REACH away."""
    lo = max(0, pos - _SENTENCE_REACH)
    hi = min(len(text), pos + _SENTENCE_REACH)
    start = max(
        text.rfind(". ", lo, pos),
        text.rfind("! ", lo, pos),
        text.rfind("? ", lo, pos),
        text.rfind("\n", lo, pos),
    )
    start = lo if start < 0 else start + 1
    ends = [
        i
        for i in (
            text.find(". ", pos, hi),
            text.find("! ", pos, hi),
            text.find("? ", pos, hi),
            text.find("\n", pos, hi),
        )
        if i >= 0
    ]
    end = min(ends) + 1 if ends else hi
    return start, end
