"""Find where many phrase patterns can start in one pass over a text's word starts.

Each pattern's possible first characters index it: its first prefix.LONG characters when
those can be listed (few false candidates), else its first prefix.WIDTH. A text is walked
once, word start by word start, and only the patterns indexed under the characters found
there are candidates. This keeps the cost per message close to one pass over the text
instead of one pass per pattern; every index (rules, timeline, stage, company, role,
contact) shares the walk of a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar

from agent.infer.prefix import DIGITS, LONG, WIDTH, prefixes

T = TypeVar("T")

# A rule may begin at a word's first character or at an apostrophe ("we'll be in touch").
WORD_START = re.compile(r"[a-z0-9]+|'")  # each match starts a word (or is an apostrophe)


class WordIndex(Generic[T]):
    """Patterns (lowercase, no leading anchor) indexed by the characters they can start with.

    Every index is registered under its name, and one walk over a text serves them all (the
    walk is cached for the last few texts: the modules of one `classify` call share it).
    """

    def __init__(self, name: str, entries: Sequence[tuple[str, T]]) -> None:
        self.name = name
        self.index: dict[str, list[T]] = {}  # WIDTH-character keys
        self.long: dict[str, list[T]] = {}  # LONG-character keys: far fewer false candidates
        self.unindexed: list[T] = []
        for pattern, payload in entries:
            longer = prefixes(pattern, LONG)
            if longer:
                for st in longer:
                    self.long.setdefault(st, []).append(payload)
                continue
            starts = prefixes(pattern)
            if not starts:
                self.unindexed.append(payload)
                continue
            for st in starts:
                self.index.setdefault(st, []).append(payload)
        _REGISTRY[name] = self
        _merged.cache_clear()
        walk.cache_clear()

    def candidates(self, text: str) -> list[tuple[int, T]]:
        """(position, payload) for every word start where one of the patterns could begin."""
        return [(pos, p) for pos, group in walk(text).get(self.name, ()) for p in group]


_REGISTRY: dict[str, WordIndex[Any]] = {}


# A key's patterns, grouped by the index they belong to: ((index name, payloads), ...).
Groups = tuple[tuple[str, tuple[Any, ...]], ...]


@lru_cache(maxsize=1)
def _merged() -> tuple[dict[str, Groups], dict[str, Groups], frozenset[str]]:
    """(WIDTH-character keys, LONG-character keys) -> every index's patterns there, and the
    WIDTH-character beginnings of all keys (a cheap gate before the lookups)."""

    def grouped(attr: str) -> dict[str, Groups]:
        keys: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
        for name, wi in _REGISTRY.items():
            for k, payloads in getattr(wi, attr).items():
                keys.setdefault(k, []).append((name, tuple(payloads)))
        return {k: tuple(v) for k, v in keys.items()}

    short, long = grouped("index"), grouped("long")
    return short, long, frozenset(short) | frozenset(k[:WIDTH] for k in long)


_START = re.Match.start


@lru_cache(maxsize=8)
def walk(text: str) -> dict[str, list[tuple[int, tuple[Any, ...]]]]:
    """One pass over the word starts of `text`: per index, (position, payloads) in text order."""
    short, long, gate = _merged()
    folded = text.translate(DIGITS)
    starts = list(map(_START, WORD_START.finditer(folded)))
    if "n't" in folded:
        # "haven't been selected": a negation's "n't" starts a phrase inside its word.
        starts = sorted(starts + list(_contractions(folded)))
    out: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    # Most words start no pattern at all: one set lookup decides.
    for pos in [p for p in starts if folded[p : p + WIDTH] in gate]:
        for hit in (short.get(folded[pos : pos + WIDTH]), long.get(folded[pos : pos + LONG])):
            if hit:
                for name, payloads in hit:
                    lst = out.get(name)
                    if lst is None:
                        lst = out[name] = []
                    lst.append((pos, payloads))
    return out


def _contractions(text: str) -> Iterator[int]:
    i = text.find("n't")
    while i >= 0:
        if i and text[i - 1].isalpha():
            yield i
        i = text.find("n't", i + 3)
