"""Split a plain-text body into the new text and the quoted earlier messages.

Recognised: '>' quoting, reply attributions ("On <date>, <name> wrote:", also wrapped over
up to three lines, and German/French/Spanish/Italian/Dutch/Portuguese/Nordic/Polish forms),
Outlook "Original Message" separators and From/Sent/To/Subject blocks, underscore
separators, and forwarded-message markers (forwarded content counts as quoted).
"""

from __future__ import annotations

import re

MAX_SCAN_LINES = 5000  # a marker this far down is not worth finding

_VERB = re.compile(
    r"\b(?:wrote|writes|schrieb|a\s+[ée]crit|escribi[óo]|ha\s+scritto|scrisse|schreef|"
    r"escreveu|skrev|kirjoitti|napisa[łl]a?|написал[аи]?)\b",
    re.IGNORECASE,
)
_INTRO = re.compile(r"^(?:on|am|le|el|il|op|em|den|på|w\s+dniu|dne|в)\b", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^-{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|"
    r"message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|"
    r"originalmeddelande|mensagem original|alkuperäinen viesti)\s*-{2,}$",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|"
    r"mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada|"
    r"videresendt melding|vidarebefordrat meddelande)\s*-{2,}|"
    r"begin forwarded message\s*:?|anfang der weitergeleiteten nachricht\s*:?|"
    r"d[ée]but du message r[ée]exp[ée]di[ée]\s*:?)$",
    re.IGNORECASE,
)
_UNDERSCORES = re.compile(r"^_{8,}$")
_FROM_FIELD = re.compile(r"^(?:from|de|von|van|da|från|fra|od|от)\s*:\s*\S", re.IGNORECASE)
_MAIN_FIELD = re.compile(
    r"^(?:sent|date|datum|envoy[ée]|enviado|fecha|gesendet|inviato|data|verzonden|skickat|"
    r"sendt|subject|betreff|objet|asunto|oggetto|onderwerp|assunto|ämne|emne|temat)\s*:",
    re.IGNORECASE,
)
_ANY_FIELD = re.compile(
    r"^(?:to|an|à|a|para|aan|till|til|do|cc|kopie|reply-to)\s*:|" + _MAIN_FIELD.pattern[1:],
    re.IGNORECASE,
)
_MOBILE_FOOTER = re.compile(
    r"^(?:sent from my [\w\s-]{2,30}|sent from (?:yahoo mail|outlook|mail) for [\w\s]{2,20}|"
    r"get outlook for (?:ios|android)|von meinem [\w\s-]{2,20} gesendet|"
    r"envoy[ée] de mon [\w\s-]{2,20}|enviado desde mi [\w\s-]{2,20})\.?$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[-_=*]{3,}$")
_DECOR = " \t*_"  # bold/italic marks left by HTML-to-text converters


def _bare(line: str) -> str:
    return line.strip().strip(_DECOR).strip()


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for k in range(start, min(len(lines), start + 4)):
        if lines[k].strip():
            return k
    return None


def _attribution_end(lines: list[str], i: int) -> int | None:
    """If a reply attribution starts at line i, the index of its last line."""
    first = _bare(lines[i])
    if not first or len(first) > 400 or _is_quoted(lines[i]):
        return None
    intro = bool(_INTRO.match(first))
    joined = first
    for end in range(i, min(i + 3, len(lines))):
        if end > i:
            more = _bare(lines[end])
            if not more:
                return None
            joined = f"{joined} {more}"
        if joined.endswith(":") and _VERB.search(joined):
            after = _next_nonblank(lines, end + 1)
            followed_by_quote = after is not None and _is_quoted(lines[after])
            if (intro and re.search(r"\d", joined)) or followed_by_quote:
                return end
            return None
        if not intro or len(joined) > 400:
            return None  # only "On ..." style lines are worth joining with the next
    return None


def _outlook_block(lines: list[str], i: int) -> bool:
    """A From: line followed by Sent/Date/Subject-style fields."""
    if not _FROM_FIELD.match(_bare(lines[i])):
        return False
    main = fields = 0
    for k in range(i + 1, min(len(lines), i + 8)):
        line = _bare(lines[k])
        if not line:
            continue
        if _MAIN_FIELD.match(line):
            main += 1
            fields += 1
        elif _ANY_FIELD.match(line):
            fields += 1
    return main >= 1 and fields >= 2


def _cut_point(lines: list[str]) -> tuple[int, bool] | None:
    """First line where quoted history starts; flag: it starts with an attribution."""
    for i in range(min(len(lines), MAX_SCAN_LINES)):
        raw = lines[i]
        if not raw.strip() or _is_quoted(raw):
            continue
        line = _bare(raw)
        if _ORIGINAL.match(line) or _FORWARD.match(line):
            return i, False
        if _UNDERSCORES.match(raw.strip()):
            k = _next_nonblank(lines, i + 1)
            if k is not None and _FROM_FIELD.match(_bare(lines[k])):
                return i, False
            continue
        if _outlook_block(lines, i):
            return i, False
        if _attribution_end(lines, i) is not None:
            return i, True
    return None


def _strip_blank_edges(lines: list[str]) -> list[str]:
    """Without leading/trailing blank lines, and at most one blank line in a row."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def _drop_tail_noise(lines: list[str]) -> list[str]:
    """Drop a trailing mobile footer and separator lines left over from the cut."""
    lines = _strip_blank_edges(lines)
    while lines and (_MOBILE_FOOTER.match(_bare(lines[-1])) or _SEPARATOR.match(lines[-1].strip())):
        lines = _strip_blank_edges(lines[:-1])
    return lines


def split_quoted(text: str) -> tuple[str, str]:
    """(new text, quoted history) of a plain-text body."""
    lines = text.split("\n")
    cut = _cut_point(lines)
    head, tail = (lines, []) if cut is None else (lines[: cut[0]], lines[cut[0] :])
    body: list[str] = []
    quoted: list[str] = []
    for line in head:
        (quoted if _is_quoted(line) else body).append(line)
    if cut is not None and cut[1]:
        end = _attribution_end(tail, 0) or 0
        rest = tail[end + 1 :]
        # Inline answers: unquoted text between quoted lines belongs to the new message.
        if _interleaved(rest):
            quoted.extend(tail[: end + 1])
            for line in rest:
                (quoted if _is_quoted(line) else body).append(line)
            tail = []
    quoted.extend(tail)
    new_text = "\n".join(_drop_tail_noise(body))
    return new_text, "\n".join(_strip_blank_edges(quoted))


def _interleaved(lines: list[str]) -> bool:
    """Quoted lines with unquoted non-blank text after them, before any other marker."""
    seen_quote = False
    for i, line in enumerate(lines[:MAX_SCAN_LINES]):
        if not line.strip():
            continue
        if _is_quoted(line):
            seen_quote = True
            continue
        if not seen_quote:
            return False  # the attribution is followed by unquoted text: plain history
        bare = _bare(line)
        if _ORIGINAL.match(bare) or _FORWARD.match(bare) or _outlook_block(lines, i):
            return False
        return True
    return False
