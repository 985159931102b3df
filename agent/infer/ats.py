"""Applicant-tracking systems, job boards, schedulers and mail relays.

Mail from these comes from the relay, not from the employer, so their names and domains must
never be taken for the company. The list lives in `data/relays.txt` so it can be maintained
without touching code; tenant patterns (Workday `talent.<company>.com`, `<company>.icims.com`
...) are below because they need a rule, not just a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from agent.infer.domains import registrable_domain


@dataclass(frozen=True)
class Relay:
    key: str  # short stable key, e.g. "greenhouse"
    name: str  # display name, e.g. "Greenhouse"
    kind: str  # ats | board | scheduler | esp (bulk-mail service) | esign
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def relays() -> tuple[Relay, ...]:
    """Every relay from data/relays.txt (`key | Name | kind | domain domain ...`)."""
    text = resources.files("agent.infer").joinpath("data/relays.txt").read_text("utf-8")
    out: list[Relay] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, name, kind, doms = (p.strip() for p in line.split("|"))
        out.append(Relay(key, name, kind, tuple(d.lower() for d in doms.split())))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, Relay]:
    return {d: r for r in relays() for d in r.domains}


@lru_cache(maxsize=1)
def relay_names() -> frozenset[str]:
    """Lowercased relay names and domain labels: never a company name."""
    names: set[str] = set()
    for r in relays():
        names.add(r.name.lower())
        names.add(r.key.lower())
        for d in r.domains:
            names.add(d.split(".")[0])
    return frozenset(names)


def relay_for_domain(domain: str) -> Relay | None:
    """The relay a mail domain belongs to (exact host, a parent host, or its registrable part)."""
    host = domain.strip().lower().rstrip(".")
    if not host:
        return None
    table = _by_domain()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    reg = registrable_domain(host)
    return table.get(reg) if reg else None


# Workday and friends host one tenant per employer; the tenant names the employer.
_TENANT_HOST = re.compile(
    r"^(?:talent|careers|jobs|recruiting|hr)\.(?P<co>[a-z0-9-]+)\.[a-z.]+$"  # talent.acme.com
)
_TENANT_SUB = re.compile(
    r"^(?P<co>[a-z0-9-]+)\.(?:wd\d+\.)?(?:myworkday(?:jobs)?\.com|icims\.com|bamboohr\.com|"
    r"recruitee\.com|teamtailor\.com|taleo\.net|breezy\.hr|applytojob\.com|"
    r"jobs\.personio\.(?:de|com)|workable\.com|freshteam\.com|pinpointhq\.com|"
    r"jobvite\.com|catsone\.com|hirehive\.com|zohorecruit\.com)$"
)
_TENANT_GENERIC = frozenset(
    {
        "www",
        "mail",
        "email",
        "us",
        "eu",
        "wd1",
        "wd3",
        "wd5",
        "wd12",
        "jobs",
        "careers",
        "app",
        "hire",
        "apply",
        "boards",
        "talent",
        "notifications",
        "reply",
        "em",
        "t",
        "go",
        "click",
        "links",
        "link",
        "login",
        "secure",
        "impl",
        "candidate",
        "recruiting",
        "noreply",
    }
)


def tenant_from_host(host: str) -> str | None:
    """The employer's label from a tenant host (talent.acme.com, acme.wd5.myworkday.com ...)."""
    host = host.strip().lower().rstrip(".")
    for rx in (_TENANT_SUB, _TENANT_HOST):
        m = rx.match(host)
        if m and m.group("co") not in _TENANT_GENERIC:
            co = m.group("co")
            if rx is _TENANT_HOST and relay_for_domain(host):
                return None
            return co
    return None


def is_workday_talent_host(host: str) -> bool:
    """A `talent.<company>.com`-style sender: Workday's tenant mail on the employer's domain."""
    return bool(_TENANT_HOST.match(host.strip().lower())) and relay_for_domain(host) is None


# Job links in a body name the employer's slug: boards.greenhouse.io/acme, jobs.lever.co/acme ...
_SLUG_LINK = re.compile(
    r"(?:boards(?:-api)?\.greenhouse\.io/(?:embed/job_app\?for=)?|job-boards\.greenhouse\.io/|"
    r"jobs\.lever\.co/|jobs\.ashbyhq\.com/|jobs\.smartrecruiters\.com/|"
    r"careers\.smartrecruiters\.com/|"
    r"apply\.workable\.com/|jobs\.jobvite\.com/|ats\.rippling\.com/|jobs\.gem\.com/|"
    r"app\.dover\.com/apply/|wellfound\.com/company/|angel\.co/company/)"
    r"(?P<slug>[A-Za-z0-9][A-Za-z0-9_-]{1,60})",
    re.IGNORECASE,
)
_SUB_LINK = re.compile(
    r"https?://(?P<slug>[a-z0-9-]{2,60})\.(?:wd\d+\.myworkdayjobs\.com|myworkdayjobs\.com|"
    r"icims\.com|bamboohr\.com|recruitee\.com|teamtailor\.com|taleo\.net|breezy\.hr|"
    r"applytojob\.com|jobs\.personio\.(?:de|com))",
    re.IGNORECASE,
)


def slug_from_links(text: str) -> str | None:
    """The employer slug from an ATS job link in the text, if one is there."""
    if "http" not in text and "www." not in text and ".io/" not in text and ".co/" not in text:
        return None
    for rx in (_SLUG_LINK, _SUB_LINK):
        m = rx.search(text)
        if m:
            slug = m.group("slug").lower()
            if slug not in _TENANT_GENERIC and slug not in relay_names():
                return slug
    return None
