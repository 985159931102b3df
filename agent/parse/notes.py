"""Short warnings about what was wrong with a message, in order, without repeats."""

from __future__ import annotations

import re

MAX_NOTES = 40

# compat32 defect classes -> what they mean for a reader of the warnings.
_DEFECTS = {
    "CloseBoundaryNotFoundDefect": "truncated multipart",
    "StartBoundaryNotFoundDefect": "multipart boundary never found",
    "NoBoundaryInMultipartDefect": "multipart without boundary",
    "MultipartInvariantViolationDefect": "multipart without parts",
    "MissingHeaderBodySeparatorDefect": "missing blank line after headers",
    "MisplacedEnvelopeHeaderDefect": "misplaced envelope header",
    "FirstHeaderLineIsContinuationDefect": "first header line is a continuation",
    "MultipartConversionError": "broken multipart",
    "InvalidBase64PaddingDefect": "bad base64 padding",
    "InvalidBase64CharactersDefect": "bad base64 characters",
    "InvalidBase64LengthDefect": "bad base64 length",
    "InvalidMultipartContentTransferEncodingDefect": "bad transfer encoding on multipart",
    "UndecodableBytesDefect": "undecodable bytes",
    "InvalidHeaderDefect": "invalid header",
}

# Defects reported once per message rather than once per part.
_MESSAGE_WIDE = frozenset({"truncated multipart", "misplaced envelope header"})


def defect_note(defect: object, part_number: int) -> str:
    """A short description of one compat32 defect found in a part."""
    name = type(defect).__name__
    text = _DEFECTS.get(name)
    if text is None:
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", name.removesuffix("Defect")).lower()
        text = words or "defect"
    if text in _MESSAGE_WIDE:
        return text
    return f"{text} in part {part_number}"


class Notes:
    """An ordered set of warnings with a cap, so a hostile message cannot grow it."""

    def __init__(self) -> None:
        self._items: dict[str, None] = {}

    def add(self, note: str) -> None:
        if len(self._items) < MAX_NOTES:
            self._items.setdefault(note[:120], None)

    def as_tuple(self) -> tuple[str, ...]:
        return tuple(self._items)
