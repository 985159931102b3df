"""The Maildir sync cursor: a position in delivery order plus a short memory of recent ids.

Every message file has a *key*: (delivery time, stable id). The delivery time is the Unix time
at the start of its name (written by the delivering tool and kept by every later rename), or
the file's mtime for names without one, and never later than the present moment. Renames for
flags, new/ -> cur/ moves and sync-tool upload tags change neither part.

A cursor holds

- `pos`: the key of the last message handed out; anything after it is new;
- `floor` and `done`: the stable ids already handed out whose time is at or after `floor`
  (normally one hour before `pos`). A file that shows up late with an older time (a slow
  delivery finishing its rename after we listed, a clock a little behind, a tool that
  backdates) is still found when its time is at or after `floor`.

So a message is new when its id is not in `done` and its key is after `pos` or its time is
at or after `floor`. Ids of deleted files drop out of `done`; when more than `DONE_LIMIT` ids
would be kept (a flood of mail within one hour), `floor` is raised instead, and only the
late-arrival window shrinks: order and batches stay exact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from agent.errors import CursorExpired

VERSION = 1
SLACK_SECONDS = 3600
DONE_LIMIT = 1000

Key = tuple[int, str]
_DIGITS = re.compile(r"(\d+)")


def _natural(sid: str) -> list[str | int]:
    # Within one second, order "…_9.host" before "…_10.host" (mbsync and notmuch counters
    # are not zero-padded): runs of digits compare as numbers.
    return [int(part) if i % 2 else part for i, part in enumerate(_DIGITS.split(sid))]


def sort_key(key: Key) -> tuple[int, list[str | int], str]:
    """The delivery order of keys: time, then the id with its numbers compared as numbers."""
    return key[0], _natural(key[1]), key[1]


def after(key: Key, other: Key) -> bool:
    """Whether `key` comes after `other` in delivery order."""
    if key[0] != other[0]:
        return key[0] > other[0]
    return key[1] != other[1] and sort_key(key) > sort_key(other)


@dataclass(frozen=True)
class Cursor:
    pos: Key
    floor: int
    done: frozenset[str]

    def is_new(self, key: Key) -> bool:
        if key[1] in self.done:
            return False
        return key[0] >= self.floor or after(key, self.pos)


def encode(folder: str, cursor: Cursor) -> str:
    return json.dumps(
        {
            "v": VERSION,
            "folder": folder,
            "pos": [cursor.pos[0], cursor.pos[1]],
            "floor": cursor.floor,
            "done": sorted(cursor.done),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(folder: str, text: str) -> Cursor:
    """Read a stored cursor; CursorExpired when it is not one of ours for this folder."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("v") != VERSION:
            raise ValueError("unknown cursor version")
        if data.get("folder") != folder:
            raise ValueError(f"cursor belongs to folder {data.get('folder')!r}")
        pos_time, pos_id = data["pos"]
        floor = data["floor"]
        done = data["done"]
        if not (isinstance(pos_time, int) and isinstance(pos_id, str) and isinstance(floor, int)):
            raise ValueError("bad cursor fields")
        if not isinstance(done, list) or not all(isinstance(x, str) for x in done):
            raise ValueError("bad cursor ids")
    except (ValueError, TypeError, KeyError) as exc:
        raise CursorExpired(f"maildir cursor for {folder!r} is unusable: {exc}") from exc
    return Cursor((pos_time, pos_id), floor, frozenset(done))


def advance(previous: Cursor | None, examined: Iterable[Key], listing: Mapping[str, int]) -> Cursor:
    """The cursor after the files with keys `examined` (in delivery order) were handed out or
    skipped (look-back, unreadable).

    `listing` maps every stable id present in the folder to its delivery time; ids no longer
    present are forgotten.
    """
    keys = list(examined)
    pos = previous.pos if previous else (0, "")
    if keys and after(keys[-1], pos):
        pos = keys[-1]
    floor = pos[0] - SLACK_SECONDS
    if previous is not None:
        floor = max(floor, previous.floor)
    candidates = set(previous.done) if previous else set()
    candidates.update(sid for _, sid in keys)
    done = {sid for sid in candidates if listing.get(sid, floor - 1) >= floor}
    if len(done) > DONE_LIMIT:
        times = sorted((listing[sid] for sid in done), reverse=True)
        floor = times[DONE_LIMIT] + 1  # drop the whole second that would overflow
        done = {sid for sid in done if listing[sid] >= floor}
    return Cursor(pos, floor, frozenset(done))
