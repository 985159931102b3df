"""Which employer a message is from: never a relay (ATS, job board) or a mail provider.

Sources, most to least reliable: the sender's display name when it names an organisation
("Jane at Acme", "Acme Recruiting", "Acme via Greenhouse"), the subject ("Your application to
Acme", "Acme | Interview"), the body ("thank you for applying to Acme", "the role at Acme"),
the signature, an ATS tenant (`talent.acme.com`, `acme.wd5.myworkday.com`, a job-board link),
and last the registrable domain of a sender that is neither a relay nor a mail provider.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from agent.infer.ats import relay_for_domain, relay_names, slug_from_links, tenant_from_host
from agent.infer.domains import (
    addr_domain,
    domain_label,
    is_freemail,
    name_from_label,
    registrable_domain,
)
from agent.infer.people import ORG_WORDS, Signature, is_known_person, looks_like_person
from agent.infer.scan import WordIndex
from agent.message import Address

# One company name as written: capitalised words, digits, &, and a few joining words.
_TOKEN = r"(?:[A-Z0-9][\w&'.+-]*[\w&+.]|[A-Z0-9]|&|[a-z]{1,12}[A-Z][\w&'.+-]*)"
_JOIN = r"(?:&|and|of|de|du|la|for|von|van|der|y|the)"
NAME = rf"{_TOKEN}(?: (?:{_TOKEN}|{_JOIN}(?= [A-Z0-9&])))" + "{0,5}"
_SUFFIX_ABBR = frozenset(
    {
        "inc.",
        "pvt.",
        "pte.",
        "co.",
        "corp.",
        "ltd.",
        "llc.",
        "l.p.",
        "s.a.",
        "n.v.",
        "plc.",
        "gmbh.",
        "ag.",
        "b.v.",
        "pty.",
        "jr.",
        "st.",
        "u.s.",
        "bros.",
    }
)
_STOP_FIRST = frozenset(
    """we our us you your i the a an this that thank thanks please hi hello dear
    congratulations unfortunately best kind regards interview application position
    role team hiring recruiting recruitment careers career talent hr job jobs offer
    update status next invitation re fwd fw confirmation received new software senior
    junior engineer manager developer analyst designer important action required
    reminder dear welcome subject today tomorrow monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december it its my me he she they them their his her here there
    all any each no not one some other another applying applied apply regarding re: as
    in on at for to from by with linkedin indeed glassdoor ziprecruiter recruiter
    sourcer technical onsite on-site phone video virtual final first second third
    initial rejection assessment coding online follow-up follow remote hybrid full-
    time part-time""".split()
)
_GENERIC_SET = frozenset(
    {
        "company",
        "team",
        "us",
        "hr",
        "careers",
        "recruiting",
        "recruitment",
        "talent",
        "jobs",
        "job",
        "hiring",
        "human resources",
        "people",
        "talent acquisition",
        "no reply",
        "noreply",
        "admin",
        "support",
        "info",
        "notifications",
        "hiring team",
        "recruiting team",
        "talent team",
        "hr team",
        "the team",
        "our team",
        "the company",
        "our company",
        "your company",
        "organization",
        "our organization",
        "the organization",
        "esteemed organization",
        "position",
        "role",
        "people team",
        "people ops",
        "mailer daemon",
        "postmaster",
        "candidate",
        "applicant",
        "user",
        "customer",
        "your name",
        "company name",
        "applicant name",
        "fake recruiter name",
        "name",
        "recruiter",
        "the hiring team",
        "talent acquisition team",
        "hr department",
    }
)

_DISPLAY_PATTERNS = [
    re.compile(r"^(?P<co>.+?) (?i:via|through|by) (?:[A-Z][\w.-]*)(?: [A-Z][\w.-]*)?$"),
    re.compile(rf"^.+? (?i:at|from|@|-|\||\u2013|\u00b7) (?P<co>{NAME})$"),
    re.compile(
        rf"^(?:[Tt]he )?(?P<co>{NAME}?) (?i:Recruiting|Recruitment|Careers|Career|Talent(?: "
        rf"Acquisition)?"
        r"|Hiring|HR|Human Resources|Jobs|People(?: Ops| Operations)?|Team|University Recruiting|"
        r"Campus Recruiting|Talent Team|Recruiting Team|Hiring Team|HR Team|Notifications|"
        r"No-?Reply|"
        r"Workday|Greenhouse|Lever|Ashby)(?i: Team)?$"
    ),
    re.compile(
        rf"^(?i:Recruiting|Recruitment|Careers|Talent|Hiring Team|HR|Jobs) (?i:at|@|-|\|) "
        rf"(?P<co>{NAME})$"
    ),
]
# Subject and body keywords match in any case; the name itself must be capitalised.
_SUBJECT_STRONG = [
    re.compile(
        rf"(?i:application|applying|applied|interest|interview|interviewing|offer|candidacy|"
        rf"opportunity|career|invitation|welcome)s? (?i:to|at|with|from) "
        rf"(?P<co>{NAME})(?:\s*[!|:,(\-\u2013]|$)"
    ),
    re.compile(
        rf"(?i:thank you for|thanks for) (?i:applying|your interest|your application|interviewing)"
        rf"(?: (?i:to|in|at|with))? (?P<co>{NAME})"
    ),
    re.compile(
        rf"^(?P<co>{NAME}) ?(?:\||:|-|\u2013) ?(?i:(?:your )?(?:application|interview|job|offer|"
        rf"candidate|next steps|update|status|invitation|recruiting|careers|thank))"
    ),
    re.compile(
        rf"^(?P<co>{NAME}) (?i:application|interview|job offer|offer|recruiting|careers) "
        r"(?i:update|status|received|confirmation|invitation)"
    ),
]
_SUBJECT_WEAK = [
    re.compile(rf" (?:-|\u2013|\||at|@) (?P<co>{NAME})\s*$"),
]
_BODY_PATTERNS = [
    re.compile(
        rf"(?i:thank you for|thanks for|thank you so much for) (?i:applying|your (?:interest|"
        rf"application)|"
        rf"interviewing|considering|your time)(?: (?i:to|in|at|with|for))? (?:(?i:a|the|our) "
        rf"[^.\n]{{1,60}}? "
        rf"(?i:position|role|opening|job|opportunity|internship) (?i:at|with) )?(?P<co>{NAME})"
    ),
    re.compile(
        rf"(?i:position|role|opening|job|opportunity|internship|vacancy|team|career|employment|"
        rf"interview|interviews|offer|post) (?:at|with) (?P<co>{NAME})"
    ),
    # the same in the languages of calendar titles: "Entretien avec Lumière SA"
    re.compile(
        rf"(?i:entretien|vorstellungsgespräch|gespräch|entrevista|colloquio|sollicitatiegesprek) "
        rf"(?i:avec|chez|mit|bei|con|met|with) (?P<co>{NAME})"
    ),
    # "your application for Teller - Part Time at First Harbor Credit Union", "the position of
    # Investment Analyst (R-20431) at Ironbridge Capital"
    re.compile(
        rf"(?i:application|applied|applying|position|role|candidacy|candidature) (?i:for|to|of|as) "
        rf"[^.\n]{{1,60}}? "
        rf"(?i:at|with) (?P<co>{NAME})"
    ),
    # government postings: "your application for the IT Specialist position, announcement
    # number ST-1264-25, with the Department of Veterans Affairs"
    re.compile(
        rf"(?i:your application) (?i:for) [^.\n]{{1,90}}?, (?i:with|at) (?i:the )?(?P<co>{NAME})"
    ),
    # a screening vendor writes for the employer: "a background check ordered by Cobalt Payments"
    re.compile(rf"(?i:ordered|initiated)(?i: on your behalf)? (?i:by) (?P<co>{NAME})"),
    # a form field: "Company: Brandwerk GmbH"
    re.compile(rf"(?i:company|employer|organi[sz]ation|hiring company): (?P<co>{NAME})"),
    # a recruiter named by employer: "a recruiter from Hollowtree viewed your application"
    re.compile(
        rf"(?i:recruiter|hiring manager|recruiting team|hiring team) (?i:from|at) (?P<co>{NAME})"
    ),
    # a calendar notice: "Ravi Shah has invited you to: Technical interview - Corelight"
    re.compile(
        rf"(?i:invited you to|invitation to):? [^\n]{{0,50}}?(?i:interview|call|screen|chat|"
        rf"meeting)[^\n]{{0,20}}? (?:-|\u2013|\||with|at) (?P<co>{NAME})"
    ),
    re.compile(
        rf"(?i:join|joining|welcome to|interest in|interested in|considering|career at|career with|"
        rf"work at|working at|work for|working for|here at|on behalf of|applying to|applied to|"
        rf"application to|interviewing with|future with|family at|opportunities at|behalf of) "
        rf"(?P<co>{NAME})"
    ),
]
# "<Name> Recruiting Team", "<Name> is hiring": found from the words after the name.
_AFTER_NAME = (
    " has invited you",
    " has requested that you",
    " has requested you",
    " has extended an offer",
    " has extended you",
    " would like you to",
    " invited you to",
    " would like to invite you",
    " sent you a document",
    " has sent you",
    " sent you a message",
    " is waiting for",
    " recruiting team",
    " talent team",
    " hiring team",
    " hr team",
    " careers team",
    " people team",
    " is hiring",
    " are hiring",
    " is looking for",
    " is growing",
)
_NAME_BEFORE = re.compile(rf"(?P<co>{NAME})$")


_NAME_RX = re.compile(NAME)
# The body patterns that start with a lowercase trigger word, indexed for one pass.
_BODY_INDEX: WordIndex[int] = WordIndex(
    "company",
    [(rx.pattern, i) for i, rx in enumerate(_BODY_PATTERNS) if rx.pattern.startswith("(?i:")],
)


@dataclass(frozen=True)
class CompanyGuess:
    name: str | None
    domain: str | None  # registrable domain of a real company address
    source: str  # display | subject | body | signature | tenant | link | domain | none


_DEPT = frozenset(
    """careers career recruiting recruitment talent acquisition team hiring hr jobs
    people ops operations notifications coordination scheduling human resources no-
    reply noreply early campus university graduate graduates emerging student students
    internships""".split()
)
_HEAD_NOUN = frozenset({"university", "college"})
# Places of a company, not part of its name ("Gullwing HQ, 88 Wharf St").
_PLACE = frozenset("hq headquarters office offices campus site building tower".split())


# "University Recruiting" is a department; "Ashgrove University HR" is the university's HR.
_RECRUITING_DEPT = frozenset(
    "recruiting recruitment careers career talent hiring relations".split()
)


def _strip_dept(tokens: list[str]) -> list[str]:
    """ "Atlas Ridge Careers" -> "Atlas Ridge", "Harborline Talent Acquisition" -> "Harborline"."""
    after: str | None = None
    while len(tokens) > 1 and tokens[-1].lower().strip(".,") in _DEPT:
        word = tokens[-1].lower().strip(".,")
        if word == "university" and after not in _RECRUITING_DEPT:
            break
        if word == "resources" and tokens[-2].lower() != "human":
            break  # "Department of Natural Resources": only "Human Resources" is a department
        after = word
        tokens = tokens[:-1]
    return tokens


# Service senders (calendar notices, alert robots) whose domain is not the employer's.
_NOTIFIER = re.compile(r"calendar|notification|mailer|alerts?\b|digest", re.I)


def _clean(raw: str | None) -> str | None:
    if not raw:
        return None
    name = raw.strip().strip("\"'*").strip()
    tokens = name.split()
    # "Brandwerk GmbH via Teamtailor": the relay that carried the name is no part of it.
    if "via" in tokens[1:]:
        tokens = tokens[: tokens.index("via", 1)]
    # "Harwick & Co. Your start date ...": an abbreviation that also ends the sentence.
    for i, tok in enumerate(tokens[:-1]):
        if tok.endswith(".") and _starts_sentence(tokens[i + 1]):
            tokens = tokens[: i + 1]
            tokens[-1] = tokens[-1].rstrip(".")
            break
    # cut at a token that ends a sentence ("TechCorp." in "at TechCorp. We ...")
    for i, tok in enumerate(tokens):
        if (
            tok.endswith((".", "!", "?"))
            and tok.lower() not in _SUFFIX_ABBR
            and not re.match(r"^(?:[A-Z]\.)+$", tok)
        ):
            tokens = tokens[: i + 1]
            tokens[-1] = tokens[-1].rstrip(".!?")
            break
    while tokens and tokens[-1].lower() in {"and", "of", "the", "&", "for", "de", "y", "-"}:
        tokens.pop()
    tokens = _strip_dept(tokens)
    name = " ".join(tokens).strip(" ,;:-'\"")
    if name.endswith("'s"):
        name = name[:-2]
    return name or None


def _starts_sentence(token: str) -> bool:
    low = token.lower().strip(",.!?")
    return low in _STOP_FIRST or bool(re.match(r"(?:we|you|i|they|it|there|that)'", low))


def _people_list(name: str) -> bool:
    """ "Chloe and Sanjay": the interviewers, not a company."""
    parts = [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", name) if p]
    return len(parts) > 1 and all(is_known_person(p) for p in parts)


# Words of a calendar subject or a process step, in the languages the mail comes in: never
# an employer ("Invitation: Onsite day", "Entretien - invitation").
_PROCESS_WORDS = frozenset(
    """interview interviews entretien entretiens vorstellungsgespräch vorstellungsgespraech
    gespräch einladung erinnerung entrevista entrevue colloquio sollicitatiegesprek
    invitation invitación invito reminder rappel update updated onsite meeting call
    screening screen mon tue tues wed thu thur thurs fri jan feb apr jun jul
    aug sep sept oct nov dec""".split()
)


# Words a department, a scheme or an office is named with: "Graduate Admissions", "Medical
# Staffing Office", "Office of Human Resources", "Computational Linguistics" name part of an
# employer, never the employer itself.
_DEPT_WORDS = frozenset(
    """admissions scheme schemes programme programmes program staffing office accounts
    department dept human resources services branch personnel administration payroll
    medical clinical academic faculty division unit desk of and & the postgraduate pgr
    research linguistics psychology physics chemistry biology mathematics economics
    sociology philosophy neuroscience computational informatics school""".split()
) | _DEPT
_HR_DEPARTMENT = re.compile(
    r"^(?:the )?(?:human resources|hr|people|recruitment|recruiting|talent|personnel) "
    r"(?:department|dept|office|team|division|services)\b"
)
# One-word subjects that a mail opens with, never an employer ("Congrats!", "Finalised").
_SUBJECT_WORDS = frozenset(
    "congrats congratulations finalised finalized confirmed approved signed done".split()
)


def is_department(name: str) -> bool:
    """ "Graduate Admissions & Recruitment", "Human Resources Department of Gloom": a part."""
    low = name.lower().strip()
    words = [w.strip(".,;:!") for w in low.split()]
    if all(w in _DEPT_WORDS for w in words if w):
        return True
    return bool(_HR_DEPARTMENT.match(low))


def valid_company(name: str | None) -> bool:
    if not name or len(name) < 2 or len(name) > 60 or len(name.split()) > 6:
        return False
    low = name.lower()
    if is_department(name) or low.strip(".,!") in _SUBJECT_WORDS:
        return False
    if ":" in name or low.split()[0].strip(".,;-") in _PROCESS_WORDS:
        return False
    if low in _GENERIC_SET or low.strip(".") in _GENERIC_SET:
        return False
    first = low.split()[0]
    if first in _STOP_FIRST and not (len(low.split()) > 1 and first == "the"):
        return False
    if low in relay_names() or low.replace(" ", "") in relay_names():
        return False
    if any(ch in name for ch in "[]{}<>@/\\"):
        return False
    if not (name[0].isupper() or name[0].isdigit() or re.match(r"[a-z]+[A-Z]", name)):
        return False
    return not is_known_person(name) and not _people_list(name)


_BODY_LAST = [
    re.compile(rf"(?i:sent to|submitted to|forwarded to) (?P<co>{NAME})"),
    # scheduler notices: "Event Type: Acme - Interview (45 min)"
    re.compile(rf"(?i:event type|event name|event): (?P<co>{NAME}) (?:-|\u2013|\||:)"),
]


def find_company(
    from_: Address | None,
    reply_to: tuple[Address, ...],
    subject: str,
    body: str,
    signature: Signature,
    extra_hosts: tuple[str, ...] = (),
) -> CompanyGuess:
    """The employer named by this message, with the registrable domain of its own address."""
    senders = [a for a in ([from_] if from_ else []) + list(reply_to) if a.addr]
    all_hosts = [addr_domain(a.addr) for a in senders] + [h for h in extra_hosts if h]
    # Calendar and alert robots send from a platform's domain, not the employer's.
    hosts = [addr_domain(a.addr) for a in senders if not _NOTIFIER.search(a.addr.split("@")[0])]
    hosts += [h for h in extra_hosts if h]
    company_domain = _company_domain(hosts)
    text = f"{subject}\n{body[:8000]}"

    display = (from_.name if from_ else "") or ""
    client = _client_of_agency(body[:8000], company_domain, signature)
    if client:
        return CompanyGuess(_extend(client, text), company_domain, "client")
    if re.search(r"\b(?:calendar|notifications?|alerts?|digest|mailer)\b", display, re.I):
        display = ""
    co = _from_display(display, all_hosts)
    if co and from_ and _is_service_name(co, from_.addr):
        # "JobLink" <notifications@joblink.com>: a service naming itself; the employer it
        # writes about ("a recruiter from Hollowtree") comes first.
        for found in _search_body(body[:8000]):
            return CompanyGuess(_extend(found, text), company_domain, "body")
    if co:
        fuller = _clean(signature.company) if signature.company else None
        head = fuller[: -len(co) - 1].split() if fuller and fuller.endswith(" " + co) else []
        # "Department of Corrections" signs as "Minnesota Department of Corrections"; a relay
        # ("HireVue on behalf of ...") or a sentence before the name is no part of it.
        if (
            fuller
            and 1 <= len(head) <= 2
            and all(t[:1].isupper() and t.lower() not in relay_names() for t in head)
            and valid_company(fuller)
        ):
            co = fuller
        return CompanyGuess(_extend(co, text), company_domain, "display")
    subject_weak = "" if _CALENDAR_SUBJECT.match(subject) else subject
    for source, found in (
        ("subject", _search_all(_SUBJECT_STRONG, subject)),
        ("body", _search_body(body[:8000])),
        ("subject", _agreeing(_search_all(_SUBJECT_WEAK, subject_weak), company_domain)),
        ("body", _search_all(_BODY_LAST, body[:3000]) if _has_sent_to(body[:3000]) else ()),
    ):
        for co in found:
            return CompanyGuess(
                _extend(_head_for_domain(co, company_domain), text), company_domain, source
            )
    if signature.company:
        co = _clean(signature.company)
        if co and ", " in co:
            # "Imani, Helix Freight": the signer's first name, then the company.
            left, _, right = co.partition(", ")
            if (
                _is_senders_name(left, display)
                or is_known_person(left)
                or _is_role_text(left)
                or _TITLE.search(left)
                or is_department(left)
                or _UNIT_OF.match(left)
            ):
                co = right
            elif (
                company_domain
                and len(right.split()) <= 2
                and _spells(_fold(domain_label(company_domain) or ""), left.split())
                and not _agrees_with_domain(right, company_domain)
            ):
                co = left  # "The Linden Hotel, Bath": the town after the name
        if (
            valid_company(co)
            and not _is_role_text(co or "")
            and not looks_like_person(co or "")
            and not _SIGNATURE_NOISE.search(co or "")
            and not _is_senders_name(co or "", display)
            and _agrees_with_domain(co or "", company_domain)
        ):
            return CompanyGuess(co, company_domain, "signature")
    for h in hosts:
        tenant = tenant_from_host(h)
        if tenant:
            return CompanyGuess(_extend(name_from_label(tenant), text), company_domain, "tenant")
    slug = slug_from_links(body[:20000])
    if slug:
        return CompanyGuess(_extend(name_from_label(slug), text), company_domain, "link")
    domain = company_domain or _body_domain(body)
    if domain:
        label = domain_label(domain)
        if label:
            # "megacorp-hr.biz": the department in the domain is no part of the name.
            guess = " ".join(_strip_dept(name_from_label(label).split()))
            return CompanyGuess(_extend(guess, text), company_domain, "domain")
    return CompanyGuess(None, company_domain, "none")


# A signer's title or unit before the organisation: "Headteacher, Willowbrook Primary School",
# "Department of Psychology, Northfield University".
_TITLE = re.compile(
    r"\b(?:head\w*|principal|dean|chair|provost|registrar|founder|owner|partner|president|"
    r"superintendent|rector|chancellor|mayor|commissioner|"
    r"ceo|cto|coo|cfo|vp|svp|evp|md)\b",
    re.I,
)
_UNIT_OF = re.compile(
    r"^(?:department|dept|school|faculty|office|division|institute|unit) of ", re.I
)

# Lines a signature block ends with that are no company: phone footers, titles in other
# languages, department names.
_SIGNATURE_NOISE = re.compile(
    r"\b(?:sent from|sent by|sent via|sent with|powered by|get outlook|envoy[ée] de|"
    r"von meinem|enviado desde|charg[ée]e? de|"
    r"recrutement|personalabteilung|personal(?:wesen|referent\w*)|ressources humaines|"
    r"recursos humanos|risorse umane|talentsuche)\b",
    re.I,
)
_CALENDAR_SUBJECT = re.compile(
    r"^(?:updated invitation|invitation|reminder|accepted|declined|tentative|new event|"
    r"updated event|"
    r"cancell?ed event|new time proposed)\s*:",
    re.I,
)


_SERVICE_LOCAL = re.compile(
    r"^(?:[a-z]+[-_.])?(?:notifications?|no-?reply|alerts?|mailer|updates)$"
)


def _is_service_name(name: str, addr: str) -> bool:
    """The display name spells the domain of a robot address: a job site, not the employer."""
    local, _, host = addr.lower().partition("@")
    if not _SERVICE_LOCAL.match(local):
        return False
    label = _fold(domain_label(registrable_domain(host) or host) or "")
    return bool(label) and _fold(name) == label


def _head_for_domain(name: str, domain: str | None) -> str:
    """ "Greenhouse Coffee Co for Barista" at greenhousecoffee.co: the name ends before "for"."""
    if not domain or " for " not in name:
        return name
    head = name.split(" for ", 1)[0]
    label = _fold(domain_label(domain) or "")
    fh, fn = _fold(head), _fold(name)
    if label and (label in fh or fh.startswith(label[:6])) and not fn.startswith(label + "for"):
        return head
    return name


def _spells(label: str, tokens: list[str]) -> bool:
    """The domain label is the name written out, its initials or a mix: "firstharborcu" for
    First Harbor Credit Union, "moorfieldhq" for Moorfield (HQ), "marlowdesign" for Marlow
    Design Studio (a last organisation word left out)."""
    words = [_fold(t.replace("&", "and")) for t in tokens]
    words = [w for w in words if w]

    def walk(rest: str, i: int) -> bool:
        if not rest:
            return all(w in ORG_WORDS for w in words[i:]) and i >= 1
        if i == len(words):
            return rest in _PLACE or rest in ("co", "inc", "group", "hq")
        w = words[i]
        # A last word clipped or contracted: "claymorelabs" for Claymore Laboratories,
        # "pennywhistle-acct" for Pennywhistle Accounting.
        if i == len(words) - 1 and i > 0 and len(rest) >= 3 and _contracts(rest.rstrip("s"), w):
            return True
        # A word clipped to its first letters: "uni-lindenau" for Universität Lindenau.
        clipped = any(
            rest.startswith(w[:k]) and walk(rest[k:], i + 1) for k in range(3, len(w))
        )
        return clipped or (rest.startswith(w) and walk(rest[len(w) :], i + 1)) or (
            i > 0 and rest[0] == w[0] and walk(rest[1:], i + 1)
        )

    return len(words) >= 1 and walk(label, 0)


def _contracts(short: str, word: str) -> bool:
    """ "lab" or "acct" for "laboratories" or "accounting": same first letter, letters in order."""
    if not short or short[0] != word[0]:
        return False
    it = iter(word)
    return all(ch in it for ch in short)


def _fold(text: str) -> str:
    """Lowercase letters and digits only, accents off: "Lumière Conseil" -> "lumiereconseil"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _agreeing(names: Iterator[str], domain: str | None) -> Iterator[str]:
    """Only the names that fit the sender's company domain ("Interview - Policy Advisor")."""
    return (n for n in names if _agrees_with_domain(n, domain))


def _is_senders_name(name: str, display: str) -> bool:
    """ "Ines" signing a mail from "Ines Duarte" is the sender, not a company."""
    folded = _fold(name)
    return bool(folded) and any(folded == _fold(t) for t in display.split())


def _agrees_with_domain(name: str, domain: str | None) -> bool:
    """A signature's company must fit the sender's own company domain, when there is one
    ("Acme Robotics" at acme-robotics.com, "Acme" at acme.io); without one, anything goes."""
    if not domain:
        return True
    label = _fold(domain_label(domain) or "")
    folded = _fold(name)
    if not label or not folded:
        return True
    first = _fold(name.split()[0])
    words = {_fold(w) for w in name.split()}
    # "agency-statistics.gov.au" for the Australian Bureau of Regional Statistics: a long
    # part of a hyphenated domain that is a word of the name.
    parts = [pt for pt in (domain_label(domain) or "").lower().split("-") if len(pt) >= 5]
    return (
        any(pt in words for pt in parts)
        or label.startswith(first[:4])
        or folded.startswith(label[:4])
        or label in folded
        or folded in label
        or _initials(name) == label
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalnum()).lower()


def _has_sent_to(text: str) -> bool:
    """Cheap test before the case-blind `_BODY_LAST` scan."""
    low = text.lower()
    return any(w in low for w in ("sent to", "submitted to", "forwarded to", "event"))


def _search_all(patterns: list[re.Pattern[str]], text: str) -> Iterator[str]:
    for rx in patterns:
        for m in rx.finditer(text):
            co = _clean(m.group("co"))
            if valid_company(co) and not _is_role_text(co or ""):
                yield co  # type: ignore[misc]


def _names_before(body: str, low: str) -> Iterator[str]:
    for trigger in _AFTER_NAME:
        i = low.find(trigger)
        while i > 0:
            seg = body[max(0, i - 60) : i]
            m = _NAME_BEFORE.search(seg)
            if m:
                co = _clean(m.group("co"))
                if valid_company(co) and not _is_role_text(co or ""):
                    yield co  # type: ignore[misc]
            i = low.find(trigger, i + 1)


def _search_body(body: str) -> Iterator[str]:
    """Body patterns tried only where their (lowercase) trigger words start, in pattern order."""
    low = body.lower()
    if len(low) != len(body):
        yield from _search_all(_BODY_PATTERNS, body[:3000])
        return
    hits: dict[int, list[int]] = {}
    yield from _names_before(body[:3000], low[:3000])
    for pos, i in _BODY_INDEX.candidates(low):
        hits.setdefault(i, []).append(pos)
    for i, rx in enumerate(_BODY_PATTERNS):
        if i in _BODY_INDEX.unindexed:
            yield from _search_all([rx], body[:3000])
            continue
        for pos in hits.get(i, ()):
            m = rx.match(body, pos)
            if m:
                co = _clean(m.group("co"))
                if valid_company(co) and not _is_role_text(co or ""):
                    yield co  # type: ignore[misc]


def _extend(name: str, text: str) -> str:
    """The fuller form the text uses: "Fernhill" -> "Fernhill AI", "Harborline" -> "Harborline
    Logistics"; the name as written in the text when only its case differs."""
    squashed = _fold(name)
    best = name
    if len(squashed) < 2:
        return name
    # Names in the text that begin like this one ("Fernhill" -> "Fernhill AI").
    low = text.lower()
    if len(low) != len(text):
        return name
    probe = name.lower()[:2]
    i = low.find(probe)
    while i >= 0:
        pos, i = i, low.find(probe, i + 1)
        if pos > 0 and low[pos - 1].isalnum():
            continue
        m = _NAME_RX.match(text, pos)
        if m is None:
            continue
        cand = _clean(m.group(0))
        if not cand:
            continue
        toks = cand.split()
        while len(toks) > 1 and toks[-1].lower().strip(",.") in _PLACE:
            toks = toks[:-1]
        cand = " ".join(toks)
        low0 = _fold(toks[0])
        if low0 == squashed and len(toks) == 1 and best == name:
            best = toks[0]  # same word, the text's own casing ("CirrusGate")
        elif low0 == squashed and len(toks) > 1:
            # "Lakeshore University": a last "University" is the name's head, no department
            extra = [
                t
                for k, t in enumerate(toks[1:], 1)
                if t.lower() not in _STOP_FIRST
                and (t.lower() not in _DEPT or (k == len(toks) - 1 and t.lower() in _HEAD_NOUN))
            ]
            if len(extra) == len(toks) - 1 and not _is_role_text(cand) and valid_company(cand):
                return cand
        elif _fold(cand.replace("&", "and")) == squashed and 1 < len(toks) <= 3:
            best = cand  # "Wren & Co" for wrenandco, "Atlas Ridge" for atlasridge
        elif (
            best == name
            and len(name.split()) <= 2
            and len(toks) <= 6
            and not _is_role_text(cand)
            and _spells(squashed, toks)
        ):
            best = cand  # "First Harbor Credit Union" for firstharborcu
    return best


def _body_domain(body: str) -> str | None:
    """The domain of a company address mentioned in the body (an organizer, a contact)."""
    for m in re.finditer(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})", body[:8000]):
        host = m.group(1).lower()
        if (
            is_freemail(host)
            or relay_for_domain(host)
            or host.endswith(("google.com", "example.com"))
        ):
            continue
        reg = registrable_domain(host)
        if reg:
            return reg
    return None


def _company_domain(hosts: list[str]) -> str | None:
    for h in hosts:
        if not h or is_freemail(h):
            continue
        if relay_for_domain(h):
            continue
        reg = registrable_domain(h)
        if reg:
            return reg
    return None


def _from_display(display: str, hosts: list[str]) -> str | None:
    display = display.strip().strip('"').strip()
    if not display or "[" in display:
        return None
    for rx in _DISPLAY_PATTERNS:
        m = rx.match(display)
        if m:
            co = _clean(m.group("co"))
            if valid_company(co) and not is_known_person(co or ""):
                return co
            if co and is_department(co):
                return None  # "Doris from Accounts": a person and her department
    co = _clean(display)
    if not valid_company(co) or _is_role_text(co or ""):
        return None
    squashed = re.sub(r"[^a-z0-9]", "", (co or "").lower())
    labels = [re.sub(r"[^a-z0-9]", "", domain_label(h) or "") for h in hosts]
    # A display name that spells the sender's domain is the company
    # ("Atlas Ridge" at atlasridge.com).
    if any(lb and len(squashed) >= 3 and (lb in squashed or squashed in lb) for lb in labels):
        return co
    # A name with an organisation word in it ("Summit Logistics", "Acme Labs") is no person's.
    if any(t.lower().strip(".,") in ORG_WORDS for t in (co or "").split()[1:]):
        return co
    # A bare organisation name sent through an ATS is the employer's name by design; only a
    # name that starts with a known given name is taken for the recruiter's own.
    first = relay_for_domain(hosts[0]) if hosts else None
    if first is not None and first.kind in ("ats", "scheduler", "esign"):
        return None if is_known_person(display) else co
    return None


_ROLE_WORDS = re.compile(
    r"\b(?:position|role|engineer|developer|manager|analyst|designer|intern|internship|specialist|"
    r"coordinator|interview|application|scientist|director|assistant|representative|technician|"
    r"associate|consultant|officer|administrator|architect|lead|nurse|teacher|accountant|recruiter|"
    r"sourcer|advisor|adviser|planner|controller|writer|editor|strategist|programmer|operator|"
    r"supervisor|trainee|apprentice|researcher|producer|artist|marketer|auditor|actuary|"
    r"paralegal|counsel|therapist|physician|mechanic|receptionist|secretary|translator|"
    r"lecturer|professor|head of|vp of|chief)\b",
    re.I,
)


def _is_role_text(text: str) -> bool:
    return bool(_ROLE_WORDS.search(text))


# A recruitment agency writes for a client: the client is the employer ("feedback from
# Wrenfield Foods", "our client, Norbridge Insurance", "sent your profile to Calloway Energy").
# Each test starts with a literal word so that plain mail is passed over quickly.
_AGENCY_TEXT = (
    ("client", re.compile(r"(?<=(?:ur|he|my|ur|he|My) )client\b")),
    (" agency", re.compile(r"(?<=(?:ent|ing|rch)) agency\b")),
    ("ubmitt", re.compile(r"ubmitt(?:ed|ing) (?:you|me|your (?:profile|cv|CV|resume))\b")),
    (" firm", re.compile(r"(?<=(?:ent|ing|rch)) firm\b")),
)
_AGENCY_LABEL = re.compile(
    r"agency|search|talent|staffing|recruit|consult|people|partners|resourcing|headhunt|placement"
)
_CLIENT_PATTERNS = [
    re.compile(rf"(?i:our|my|the) (?i:client),? (?P<co>{NAME})"),
    re.compile(rf"(?i:feedback)(?: back)? (?i:from) (?P<co>{NAME})"),
    re.compile(
        rf"(?i:sent|submitted|forwarded|passed) (?i:your|you)(?: (?i:profile|cv|resume|details|"
        rf"application))?(?: (?i:across|over|on))? (?i:to) (?P<co>{NAME})"
    ),
    re.compile(rf"(?i:submitting|submitted|put) (?i:me|you) (?i:forward )?(?i:to|for) (?i:the) "
               rf"(?P<co>{NAME}) (?i:role|position|job|opening)"),
    re.compile(
        rf"(?:^|[.!,\u2014-] |\n)(?P<co>{NAME}) (?i:would like to|wants to|want to|has decided|"
        rf"have decided|is keen|are keen|liked|loved|came back)"
    ),
]


def _client_of_agency(body: str, domain: str | None, signature: Signature) -> str | None:
    label = (domain_label(domain) or "") if domain else ""
    agency = bool(_AGENCY_LABEL.search(label)) or any(
        word in body and rx.search(body) for word, rx in _AGENCY_TEXT
    )
    if not agency:
        return None
    own = re.sub(r"[^a-z0-9]", "", label)
    for rx in _CLIENT_PATTERNS:
        for m in rx.finditer(body):
            co = _clean(m.group("co"))
            if not co or not valid_company(co) or is_known_person(co) or _is_role_text(co):
                continue
            folded = re.sub(r"[^a-z0-9]", "", co.lower())
            if own and (folded in own or own in folded or own.startswith(folded[:5])):
                continue  # the agency naming itself
            return co
    return None
