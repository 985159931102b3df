"""Which messages could matter to a job search, judged from headers alone.

A first sync fetches bodies only for these. It errs on the side of fetching: a false positive
costs one body download, a false negative hides a process until the core asks for the message.
The core may pass its own predicate (e.g. one that knows its threads) instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from agent.message import Message

Relevance = Callable[[Message], bool]

# Whole words in a subject or a sender's display name that suggest hiring mail (a few languages).
_JOB_WORDS = (
    r"interview\w*",
    r"application",
    r"applied",
    r"apply(?:ing)?",
    r"candida\w*",
    r"recruit\w*",
    r"hiring",
    r"hire",
    r"jobs?",
    r"position",
    r"role",
    r"offer",
    r"opportunit\w*",
    r"career\w*",
    r"talent",
    r"assessment",
    r"screening",
    r"phone screen",
    r"next steps?",
    r"onsite",
    r"on-site",
    r"resume",
    r"cv",
    r"vacanc\w*",
    r"staffing",
    r"headhunt\w*",
    r"coding challenge",
    r"take-home",
    r"bewerbung\w*",
    r"vorstellungsgespr\w*",
    r"stelle",
    r"candidature",
    r"entretien",
    r"poste",
    r"recrutement",
    r"entrevista",
    r"candidatura",
    r"sollicitatie",
)
_JOB_RE = re.compile(r"\b(?:" + "|".join(_JOB_WORDS) + r")\b", re.IGNORECASE)

# Applicant-tracking systems, scheduling and assessment tools: mail relayed for employers.
ATS_DOMAINS = (
    "greenhouse.io",
    "greenhouse-mail.io",
    "lever.co",
    "myworkday.com",
    "workday.com",
    "ashbyhq.com",
    "ashbyhq.email",
    "smartrecruiters.com",
    "icims.com",
    "workable.com",
    "workablemail.com",
    "jobvite.com",
    "bamboohr.com",
    "recruitee.com",
    "teamtailor.com",
    "teamtailor-mail.com",
    "personio.de",
    "personio.com",
    "jazzhr.com",
    "breezy.hr",
    "successfactors.com",
    "successfactors.eu",
    "taleo.net",
    "oraclecloud.com",
    "rippling.com",
    "pinpointhq.com",
    "comeet.co",
    "join.com",
    "hirevue.com",
    "codility.com",
    "hackerrank.com",
    "codesignal.com",
    "testgorilla.com",
    "calendly.com",
    "goodtime.io",
    "linkedin.com",
    "indeed.com",
    "hired.com",
    "wellfound.com",
    "otta.com",
    "welcometothejungle.com",
)

_CALENDAR_SUBJECT = re.compile(
    r"^(?:invitation|updated invitation|new event|accepted|declined|tentative|canceled|cancelled)"
    r"(?: event)?:",
    re.IGNORECASE,
)


_ATS = frozenset(ATS_DOMAINS)


def _domain_matches(addr: str, domains: frozenset[str] = _ATS) -> bool:
    """The address's domain or one of its parents is in `domains`."""
    host = addr.rpartition("@")[2].lower().rstrip(".")
    while host:
        if host in domains:
            return True
        host = host.partition(".")[2]
    return False


class JobMailHeuristic:
    """The default relevance predicate. `addresses` are the user's own addresses."""

    def __init__(self, addresses: Iterable[str] = ()) -> None:
        self.own = frozenset(a.strip().lower() for a in addresses if a and "@" in a)

    def __call__(self, m: Message) -> bool:
        ctype = m.headers.get("content-type", "").lower()
        if "text/calendar" in ctype or _CALENDAR_SUBJECT.match(m.subject or ""):
            return True
        if m.headers.get("x-followup-process"):
            return True  # our own drafts and follow-ups
        if _JOB_RE.search(m.subject or ""):
            return True
        senders = [a for a in (m.from_, m.sender, *m.reply_to) if a is not None]
        for a in senders:
            if _domain_matches(a.addr) or _JOB_RE.search(a.name or ""):
                return True
        if m.is_bulk:
            return False  # newsletters and notifications, unless job words said otherwise
        if m.in_reply_to or m.references:
            return True  # a personal reply: may continue a hiring thread
        # The user's own mail (applications sent by email live in Sent).
        return bool(self.own) and any(a.key in self.own for a in senders)
