"""The per-folder IMAP cursor: where the last processed batch ended.

Stored by the core as an opaque string: JSON `{"v": 1, "uidvalidity": N, "last_uid": N}` plus
`"highestmodseq": N` when the server has CONDSTORE. A cursor that cannot be read is treated
like a UIDVALIDITY change: the folder is listed again and the core reconciles by Message-ID.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from agent.errors import CursorExpired

VERSION = 1


@dataclass(frozen=True)
class ImapCursor:
    uidvalidity: int
    last_uid: int
    highestmodseq: int | None = None

    def encode(self) -> str:
        data: dict[str, int] = {
            "v": VERSION,
            "uidvalidity": self.uidvalidity,
            "last_uid": self.last_uid,
        }
        if self.highestmodseq is not None:
            data["highestmodseq"] = self.highestmodseq
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def decode(cls, text: str, folder: str) -> ImapCursor:
        try:
            data = json.loads(text)
            if data.get("v") != VERSION:
                raise ValueError("unknown version")
            hms = data.get("highestmodseq")
            return cls(
                uidvalidity=int(data["uidvalidity"]),
                last_uid=int(data["last_uid"]),
                highestmodseq=int(hms) if hms is not None else None,
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CursorExpired(
                f"{folder}: unreadable IMAP cursor, listing the folder again"
            ) from exc
