"""Make mail-derived text safe to put in a header or a sentence.

Company names, roles, contact names and subjects come from mail anyone can send. Before they
reach a template or a header they lose every control, format and line-separator character
(no header injection, no bidi tricks) and are capped in words and characters (no essay in a
salutation, no template pushed over its word budget).
"""

from __future__ import annotations

import unicodedata

# Line breaks and other controls become a space; invisible format characters (bidi
# overrides, zero-width joiners) and unassigned/private code points are dropped.
_TO_SPACE = frozenset({"Cc", "Zl", "Zp", "Zs"})
_DROP = frozenset({"Cf", "Cs", "Co", "Cn"})


def one_line(text: str | None, *, max_chars: int, max_words: int | None = None) -> str:
    """`text` as a single line of plain words, within both caps (cut at a word boundary)."""
    if not text:
        return ""
    kept: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        cat = unicodedata.category(ch)
        if cat in _TO_SPACE:
            kept.append(" ")
        elif cat not in _DROP:
            kept.append(ch)
    words = "".join(kept).split()
    if max_words is not None:
        words = words[:max_words]
    line = " ".join(words)
    if len(line) > max_chars:
        cut = line[: max_chars + 1].rsplit(" ", 1)[0]
        line = cut if 0 < len(cut) <= max_chars else line[:max_chars]
    return line.strip()


def text_block(text: str | None, *, max_lines: int, max_chars_per_line: int) -> str:
    """Multi-line text (the signature): each line cleaned, blank runs and length capped."""
    if not text:
        return ""
    lines = [
        one_line(raw, max_chars=max_chars_per_line)
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    return "\n".join(lines[:max_lines]).strip("\n")


def sentence(text: str | None, *, max_chars: int, max_words: int) -> str:
    """One line that reads as a sentence: capital first letter, closing punctuation."""
    line = one_line(text, max_chars=max_chars - 1, max_words=max_words)
    if not line:
        return ""
    line = line[0].upper() + line[1:]
    return line if line[-1] in ".!?" else line + "."
