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

try:  # optional: finds every key in one pass in C; the pure-Python walk gives the same result
    import ahocorasick
except ImportError:  # pragma: no cover - exercised by forcing the pure walk in tests
    ahocorasick = None

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
        _automaton.cache_clear()
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


Walk = dict[str, list[tuple[int, tuple[Any, ...]]]]


@lru_cache(maxsize=8)
def walk(text: str) -> Walk:
    """One pass over the word starts of `text`: per index, (position, payloads) in text order."""
    if ahocorasick is not None and USE_AUTOMATON:
        return walk_automaton(text)
    return walk_words(text)


USE_AUTOMATON = True  # tests switch it off to check that both walks agree


def walk_words(text: str) -> Walk:
    """The pure-Python walk: each word start looked up in the key tables."""
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


@lru_cache(maxsize=1)
def _automaton() -> Any:
    """Every key of every index in one Aho-Corasick automaton: key -> (length, groups)."""
    short, long, _gate = _merged()
    auto = ahocorasick.Automaton()
    for table in (short, long):
        for key, groups in table.items():
            auto.add_word(key, (len(key), groups))
    auto.make_automaton()
    return auto


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def walk_automaton(text: str) -> Walk:
    """The same candidates as `walk_words`, with the keys found in C: only the key hits are
    looked at in Python, and a hit counts only where the pure walk sees a word start."""
    folded = text.translate(DIGITS)
    out: Walk = {}
    words = _WORD_CHARS
    for end, (size, hit) in _automaton().iter(folded):
        pos = end - size + 1
        first = folded[pos]
        if first in words:
            # inside a word: only the "n't" of a contraction starts a phrase there
            if pos and folded[pos - 1] in words and not _contraction_at(folded, pos):
                continue
        elif first != "'":
            continue
        for name, payloads in hit:
            lst = out.get(name)
            if lst is None:
                lst = out[name] = []
            lst.append((pos, payloads))
    # Hits come by where they end; candidates go by where they start (the sort is stable, so
    # at one position the shorter key stays first, as in the pure walk).
    for lst in out.values():
        lst.sort(key=_first)
    return out


def _contraction_at(text: str, pos: int) -> bool:
    return text.startswith("n't", pos) and text[pos - 1].isalpha()


def _first(item: tuple[int, Any]) -> int:
    return item[0]


def _contractions(text: str) -> Iterator[int]:
    i = text.find("n't")
    while i >= 0:
        if i and text[i - 1].isalpha():
            yield i
        i = text.find("n't", i + 3)
