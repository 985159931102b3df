"""People in mail: is a display name a person's, and who signed the message."""

from __future__ import annotations

import re
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
    """inc inc. llc ltd ltd. corp corp. corporation company co co. group labs lab technologies technology
    tech systems solutions software services partners holdings bank capital ventures media studio studios
    health healthcare medical foundation university college institute agency consulting consultants
    industries international global careers career recruiting recruitment talent hiring hr jobs job team
    people acquisition notifications notification support info admin no-reply noreply mail mailer
    digest alerts alert news newsletter the of and & via at from analytics ai cloud network networks
    digital design games energy logistics insurance financial finance marketing security robotics
    dynamics works workshop store shop online gmbh sa ag bv plc pty limited department office events
    motors repair dental clinic center centre hospital firm law airlines airline retail foods food gallery
    manufacturing construction associates staffing resources enterprises enterprise automotive pharma
    bio biotech therapeutics learning education academy school press publishing entertainment sports
    hotel hotels restaurant restaurants market markets realty properties investments fund funds
    trading logistics transport airways motors electric power""".split()
)
_NAME_TOKEN = re.compile(r"^[A-Z][a-zA-Z'\-]+\.?$|^[A-Z]\.$")
_PLACEHOLDER = re.compile(r"[\[\]{}<>_]")


def looks_like_person(name: str) -> bool:
    """A display name that reads as one person's name ("Dana Rivera", "Rivera, Dana")."""
    name = name.strip().strip('"').strip()
    if not name or _PLACEHOLDER.search(name) or any(ch.isdigit() for ch in name) or "@" in name:
        return False
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    tokens = name.split()
    if not 1 <= len(tokens) <= 4:
        return False
    if any(t.lower().strip(".") in ORG_WORDS or t.lower() in ORG_WORDS for t in tokens):
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    first = tokens[0].lower().strip(".")
    if first in first_names():
        return True
    # Unknown given name: two or three capitalised words still read as a name.
    return 2 <= len(tokens) <= 3 and all(len(t) > 1 for t in tokens)


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
    r"^(?:best|kind|warm|warmest|many|with|all the best|best wishes|regards|sincerely|cheers|thanks|"
    r"thank you|thx|yours|respectfully|talk soon|take care|looking forward|cordially|saludos|"
    r"mit freundlichen grüßen|cordialement|best regards|kind regards|warm regards)\b[^\n]{0,30}$",
    re.I | re.M,
)
_TITLE_WORDS = re.compile(
    r"\b(?:recruiter|recruiting|recruitment|manager|talent|hr|human resources|coordinator|specialist|partner|"
    r"director|lead|head|acquisition|people|engineer|founder|ceo|cto|coo|vp|vice president|generalist|"
    r"representative|sourcer|officer|consultant|associate|advisor|administrator|assistant|executive|"
    r"president|principal|team|hiring|scheduler|operations|analyst|designer|developer)\b",
    re.I,
)
_CONTACT_LINE = re.compile(r"@|https?://|www\.|\+?\d[\d ().-]{6,}|\bphone\b|\btel\b|\bmobile\b", re.I)
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def find_signature(body: str) -> Signature:
    """The signer's name, title, company and address from the lines after a closing."""
    if not body:
        return Signature(None, None, None, None)
    tail = body[-3000:]
    closings = list(_CLOSING.finditer(tail))
    lines: list[str]
    if closings:
        after = tail[closings[-1].end() :]
        lines = [ln.strip(" \t-–—|") for ln in after.split("\n")]
        lines = [ln for ln in lines if ln.strip()][:7]
    else:
        lines = [ln.strip(" \t-–—") for ln in tail.split("\n") if ln.strip()][-4:]
        if not lines or not (lines[0].startswith(("-", "—")) or looks_like_person(lines[0])):
            return Signature(None, None, None, _first_email(tail))
    name = title = company = None
    email = None
    for ln in lines:
        if EMAIL.search(ln) and email is None:
            email = EMAIL.search(ln).group(0)  # type: ignore[union-attr]
            continue
        if _CONTACT_LINE.search(ln) or len(ln) > 70 or _PLACEHOLDER.search(ln):
            continue
        # "Jane Doe | Recruiter | Acme" or "Jane Doe, Recruiter at Acme"
        parts = [p.strip() for p in re.split(r"\s[|•·]\s|,\s", ln) if p.strip()]
        if name is None:
            if parts and looks_like_person(parts[0]):
                name = parts[0]
                rest = parts[1:]
                for p in rest:
                    if title is None and _TITLE_WORDS.search(p):
                        title = p
                        at = re.search(r"\b(?:at|@)\s+(.+)$", p)
                        if at and company is None:
                            company = at.group(1).strip()
                    elif company is None:
                        company = p
                continue
            if not closings:
                break
            continue
        if title is None and company is None and _TITLE_WORDS.search(ln):
            title = ln
            at = re.search(r"\b(?:at|@)\s+([A-Z].+)$", ln)
            if at and company is None:
                company = at.group(1).strip()
            continue
        if company is None and (ln[:1].isupper() or ln[:1].isdigit()):
            company = ln
    return Signature(name, title, company, email)


def _first_email(text: str) -> str | None:
    m = EMAIL.search(text)
    return m.group(0) if m else None
