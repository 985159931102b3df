"""People in mail: is a display name a person's, and who signed the message."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    text = resources.files("agent.infer").joinpath("data/first_names.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


# Words that make a display name an organisation's or a team's, never a person's.
ORG_WORDS = frozenset(
    """inc inc. llc ltd ltd. corp corp. corporation company co co. group labs lab
    technologies technology tech systems solutions software services partners holdings
    bank capital ventures media studio studios health healthcare medical foundation
    university college institute agency consulting consultants industries
    international global careers career recruiting recruitment talent hiring hr jobs
    job team people acquisition notifications notification support info admin no-reply
    noreply mail mailer digest alerts alert news newsletter the of and & via at from
    analytics ai cloud network networks digital design games energy logistics
    insurance financial finance marketing security robotics dynamics works workshop
    store shop online gmbh sa ag bv plc pty limited department office events motors
    repair dental clinic center centre hospital firm law airlines airline retail foods
    food gallery manufacturing construction associates staffing resources enterprises
    enterprise automotive pharma bio biotech therapeutics learning education academy
    school press publishing entertainment sports hotel hotels restaurant restaurants
    market markets realty properties investments fund funds trading logistics
    transport airways motors electric power council city county borough ministry
    authority trust society association federation club museum library payments pay
    mutual freight conseil collective cooperative fintech logistik outfitters apparel
    partners capital schools district coffee roasters roastery bakery brewery cafe bistro
    pharmacy grocers grocery resort resorts spa""".split()
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'\-]+\.?$|^[^\W\d_]\.$")
_PLACEHOLDER = re.compile(r"[\[\]{}<>_]")


_NOT_NAME_FIRST = frozenset(
    """hi hello dear hey thanks thank best regards cheers good great please sent from to
    subject on kind warm warmest many yours sincerely all congratulations welcome re
    fwd team the our your""".split()
)


def looks_like_person(name: str) -> bool:
    """A display name that reads as one person's name ("Dana Rivera", "Rivera, Dana")."""
    name = name.strip().strip('"').strip()
    if not name or _PLACEHOLDER.search(name) or any(ch.isdigit() for ch in name) or "@" in name:
        return False
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}".strip()
    tokens = name.split()
    if not 1 <= len(tokens) <= 4:
        return False
    if tokens[0].lower().strip(".,") in _NOT_NAME_FIRST:
        return False
    if any(t.lower().strip(".") in ORG_WORDS or t.lower() in ORG_WORDS for t in tokens):
        return False
    if not all(_NAME_TOKEN.match(t) and t[0].isupper() for t in tokens):
        return False
    first = _fold(tokens[0].lower().strip("."))
    if first in first_names():
        return True
    # Unknown given name: two or three capitalised words still read as a name.
    return 2 <= len(tokens) <= 3 and all(len(t) > 1 for t in tokens)


def _fold(word: str) -> str:
    """Accents off, for the name list: "élodie" -> "elodie"."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")


def is_known_person(name: str) -> bool:
    """Stricter: a person's name whose first word is a known given name ("Alex Morgan")."""
    tokens = name.strip().split()
    return (
        1 <= len(tokens) <= 3
        and _fold(tokens[0].lower()) in first_names()
        and looks_like_person(name)
    )


def first_name(full: str) -> str:
    full = full.strip()
    if "," in full:
        return full.partition(",")[2].split()[0] if full.partition(",")[2].split() else full
    return full.split()[0] if full.split() else full


@dataclass(frozen=True)
class Signature:
    name: str | None
    title: str | None
    company: str | None
    email: str | None


_CLOSING = re.compile(
    r"^(?:best|kind|warm|warmest|many|with|all the best|best wishes|regards|sincerely|cheers|"
    r"thanks|"
    r"thank you|thx|yours|respectfully|talk soon|take care|looking forward|cordially|saludos|"
    r"mit freundlichen grüßen|cordialement|best regards|kind regards|warm regards)\b[^\n]{0,30}$",
    re.I | re.M,
)
_TITLE_WORDS = re.compile(
    r"\b(?:responsable|rh|recruteur|recruteuse|personalreferent|reclutador|recruiter|recruiting|"
    r"recruitment|manager|talent|hr|human resources|coordinator|"
    r"specialist|partner|"
    r"director|lead|head|acquisition|people|engineer|founder|ceo|cto|coo|vp|vice president|"
    r"generalist|"
    r"representative|sourcer|officer|consultant|associate|advisor|administrator|assistant|"
    r"executive|"
    r"president|principal|team|hiring|scheduler|operations|analyst|designer|developer)\b",
    re.I,
)
_CONTACT_LINE = re.compile(
    r"@|https?://|www\.|\+?\d[\d ().-]{6,}|\bphone\b|\btel\b|\bmobile\b", re.I
)
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


_SEP = re.compile(r"\s[|\u2022\u00b7/]\s|,\s|\s[-\u2013\u2014]\s|\s(?:at|@)\s")
_SENTENCE_END = re.compile(r"[.!?:;]$")


def _short(line: str) -> bool:
    return (
        0 < len(line) <= 60
        and len(line.split()) <= 8
        and not (
            _SENTENCE_END.search(line) and not line.lower().endswith((" inc.", " co.", " ltd."))
        )
    )


def find_signature(body: str) -> Signature:
    """The signer's name, title, company and address from the lines after a closing."""
    if not body:
        return Signature(None, None, None, None)
    tail = body[-3000:]
    closings = list(_CLOSING.finditer(tail))
    if closings:
        after = tail[closings[-1].end() :]
        lines = [ln.strip(" \t-\u2013\u2014|*") for ln in after.split("\n")]
        lines = [ln for ln in lines if ln.strip()][:7]
    else:
        # No closing word: the last paragraph, if it is a short block ("Sam\nPixelcrane").
        para = [
            ln.strip(" \t-\u2013\u2014|*") for ln in tail.rstrip().split("\n\n")[-1].split("\n")
        ]
        para = [ln for ln in para if ln]
        if not para or len(para) > 5 or not all(_short(ln) or EMAIL.search(ln) for ln in para):
            return Signature(None, None, None, _first_email(tail))
        return _parse_block(para, tail, fallback=True)
    return _parse_block(lines, tail)


def _parse_block(lines: list[str], tail: str, fallback: bool = False) -> Signature:
    name = title = company = email = None
    for ln in lines:
        m = EMAIL.search(ln)
        if m:
            email = email or m.group(0)
            continue
        if _CONTACT_LINE.search(ln) or not _short(ln) or _PLACEHOLDER.search(ln):
            if name is None and not _short(ln):
                break  # prose after the closing: not a signature
            continue
        parts = [p.strip() for p in _SEP.split(ln) if p.strip()]
        if name is None:
            if parts and looks_like_person(parts[0]):
                name = parts[0]
                for p in parts[1:]:
                    if title is None and _TITLE_WORDS.search(p):
                        title = p
                    elif company is None and p[:1].isupper():
                        company = p
                continue
            if parts and _TITLE_WORDS.search(parts[0]) and title is None:
                title = parts[0]
                if len(parts) > 1 and company is None:
                    company = parts[-1]
                continue
            if fallback and len(parts) == 1 and re.fullmatch(r"[A-Z][a-z]{1,20}", ln):
                name = ln  # a bare first name signing off a short block ("Sam")
                continue
            if company is None and ln[:1].isupper() and not looks_like_person(ln):
                company = ln
            continue
        if title is None and company is None and _TITLE_WORDS.search(ln):
            title = parts[0] if parts else ln
            if len(parts) > 1:
                company = parts[-1]
            continue
        if company is None and (ln[:1].isupper() or ln[:1].isdigit()):
            company = ln
    return Signature(name, title, company, email or _first_email(tail))


def emails(text: str) -> list[str]:
    """Addresses in `text`, found from each "@" outwards (cheaper than scanning every character)."""
    out: list[str] = []
    i = text.find("@")
    while i >= 0 and len(out) < 20:
        m = EMAIL.search(text, max(0, i - 64), i + 256)
        if m and m.start() <= i < m.end():
            out.append(m.group(0).rstrip("."))
        i = text.find("@", i + 1)
    return out


def _first_email(text: str) -> str | None:
    found = emails(text)
    return found[0] if found else None
