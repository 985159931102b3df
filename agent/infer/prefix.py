"""The first three characters a regular expression can match, to index rules by word start.

Scanning 200 phrase rules over a 5 KB message one regex at a time is too slow, and most
rules could only ever match at a handful of places. Each rule's possible 3-character
beginnings are worked out once from the parsed pattern; at run time the text's word starts
are looked up in that index and only those rules are tried, only there. A pattern whose
beginning cannot be enumerated (a character range, a wildcard, an anchor) returns None and
is scanned the ordinary way.
"""

from __future__ import annotations

import re._constants as C  # noqa: N812 - the stdlib's own module
import re._parser as P  # noqa: N812
from collections.abc import Iterator
from typing import Any

WIDTH = 5
LONG = 8  # a second, more selective key for the patterns whose 8-character starts enumerate
_AFTER_WORD = " .,;:!?\n)'\"-/"
DIGITS = str.maketrans("123456789", "000000000")


def key(text: str, pos: int) -> str:
    """The index key of the text at `pos`: its next WIDTH characters, digits folded to 0."""
    return text[pos : pos + WIDTH].translate(DIGITS)


_LIMIT = 4000


class _Unknown(Exception):
    pass


def prefixes(pattern: str, width: int = WIDTH) -> frozenset[str] | None:
    """Every string of `width` characters the pattern can start with, or None if unbounded."""
    try:
        parsed = P.parse(pattern)
        out: set[str] = set()
        for s in _gen(list(parsed.data), "", width):
            out.add(s)
            if len(out) > _LIMIT:
                return None
        return frozenset(out) if out else None
    except (_Unknown, RecursionError):
        return None


def _gen(seq: list[tuple[Any, Any]], prefix: str, width: int) -> Iterator[str]:
    if len(prefix) >= width:
        yield prefix[:width]
        return
    if not seq:
        if len(prefix) == width - 1:
            # A match one character short ("soon"): index it with the characters that can
            # follow a word.
            for ch in _AFTER_WORD:
                yield prefix + ch
            return
        raise _Unknown  # the whole match can be shorter than WIDTH
    op, av = seq[0]
    rest = seq[1:]
    if op is C.LITERAL:
        yield from _gen(rest, prefix + chr(av).translate(DIGITS), width)
    elif op is C.SUBPATTERN:
        yield from _gen(list(av[-1].data) + rest, prefix, width)
    elif op is C.BRANCH:
        for alt in av[1]:
            yield from _gen(list(alt.data) + rest, prefix, width)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, item = av
        if lo == 0:
            yield from _gen(rest, prefix, width)
        if hi >= 1:
            more = [(op, (max(lo - 1, 0), hi - 1, item))] if hi > 1 else []
            yield from _gen(list(item.data) + more + rest, prefix, width)
    elif op is C.IN:
        chars: list[str] = []
        for iop, iav in av:
            if iop is C.LITERAL:
                chars.append(chr(iav))
            elif iop is C.RANGE and iav[1] - iav[0] <= 40:
                chars.extend(chr(c).translate(DIGITS) for c in range(iav[0], iav[1] + 1))
            elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                chars.append("0")  # keys fold every digit to 0 (see key())
            else:
                raise _Unknown
        for ch in dict.fromkeys(chars):
            yield from _gen(rest, prefix + ch, width)
    elif op in (C.ASSERT, C.ASSERT_NOT) or (
        op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY) and prefix
    ):
        yield from _gen(rest, prefix, width)  # zero-width: word starts already bound it
    else:
        raise _Unknown
