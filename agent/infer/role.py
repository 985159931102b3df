"""The job title a message is about, when it states one."""

from __future__ import annotations

import re

from agent.infer.people import is_known_person
from agent.infer.scan import WordIndex

_ROLE_NOUN = r"(?:position|role|opening|job|opportunity|vacancy|post|req|requisition)"
# A title: up to eight words, capitalised or lowercase, with the usual joiners and marks.
# A word never ends in "." or ",": that is the end of the sentence or clause, not the title.
_TITLE = (
    r"[A-Za-z0-9][\w/&+#().,'-]*(?<![.,])"
    r"(?:,? (?:[A-Za-z0-9(][\w/&+#().,'-]*(?<![.,])|-|&|/|\u2013)){0,7}"
)

_BODY = [
    re.compile(
        rf"(?:position|role|post|job title|title) of (?P<role>{_TITLE}?)(?: at | with | in |[.,;!]|"
        rf"\n|$)"
    ),
    re.compile(
        rf"(?:for|as|of|in) (?:the|a|an|our|this) (?:open )?(?P<role>{_TITLE}?) {_ROLE_NOUN}\b"
    ),
    re.compile(
        r"(?:^|\n)\s*(?:position|role|job title|title|job)\s*:\s*(?P<role>[^\n]{2,70})", re.I
    ),
    re.compile(rf"offer you the (?P<role>{_TITLE}?) (?:position|role|job)\b"),
    re.compile(
        rf"(?:application|applying|applied) (?:for|to) (?:the |a |an )?(?P<role>{_TITLE}?)"
        rf"(?: {_ROLE_NOUN})? (?:at|with) [A-Z]"
    ),
]
_SUBJECT = [
    re.compile(
        rf"(?:application|applying|applied|interview|interviewing|offer|candidacy)(?: received)?"
        rf"(?: for| as| to)(?: the| a| an)? (?P<role>{_TITLE}?)(?: {_ROLE_NOUN})?"
        rf"(?: at [A-Z].*| with [A-Z].*| - .*| \| .*| \u2013 .*|\s*\(.*|$)",
        re.I,
    ),
    re.compile(
        r"^(?:[\w ]{0,40}?)(?:invitation|invite|request|confirmation|received|offer|update|"
        r"opportunity|interview|application|status|scheduled|confirmed|filled|"
        r"assessment|next steps?)\s?[:|\u2013-]\s?(?P<role>[^|:\u2013]{2,70}?)"
        r"(?: (?:at|with|-|\u2013|\|) .*|$)",
        re.I,
    ),
    re.compile(r"\|\s?(?P<role>[^|]{2,60}?) (?:position|role)\s*(?:\||$)", re.I),
    # "Senior Data Engineer - next steps", "Offer of employment - Research Scientist"
    re.compile(
        rf"^(?P<role>{_TITLE}?) (?:-|\u2013|\|) (?i:next steps?|interview\w*|application\w*|"
        rf"update|offer|invitation|your application|status|feedback)\b"
    ),
    re.compile(
        r"^(?i:offer of employment|job offer|offer letter|employment offer|interview invitation|"
        r"invitation to interview|application received|application)\s?[:|\u2013-]\s?"
        r"(?P<role>[^|:\u2013]{2,70}?)(?: (?:at|with|-|\u2013|\|) .*|$)"
    ),
    re.compile(
        rf"^(?:your )?(?P<role>{_TITLE}?) (?:application|interview|offer|position|role)"
        rf"(?: (?:update|status|received|confirmation|invitation|opportunity|at .*))?$",
        re.I,
    ),
]
_BAD = re.compile(
    r"^(?:the|a|an|this|that|your|our|same|open|new|above|following|current|position|role|job|"
    r"opportunity|interview|application|it|one|other|another|any|such|similar|specific|"
    r"update|status|next steps?|invitation|confirmation|thank you|received|an update|candidate|"
    r"applicant|your application|application received|job offer|offer|team|company|[\d\W]+)$",
    re.I,
)
_BAD_WORD = re.compile(
    r"\b(?:you|your|we|our|us|i|my|will|would|have|has|been|was|were|is|are|please|thank|thanks|"
    r"interest|applying|received|regret|unfortunately|congratulations|moving|decided|this time|"
    r"round|stage|interview|interviews|rejection|next steps?|this|that|these|those|different|"
    r"direction|another|same|screen|screening|call|chat|meeting|sync|invitation|event|"
    r"onsite|on-site)\b|[/<>@]",
    re.I,
)
# Calendar subjects name an event ("Invitation: Phone screen Alex Morgan / Acme @ Tue 3pm"),
# with people and companies in it, not a job title.
_CALENDAR_SUBJECT = re.compile(
    r"^(?:updated invitation|invitation|accepted|declined|tentative|tentatively accepted|"
    r"new event|updated event|canceled event|cancelled event|event canceled|canceled|cancelled|"
    r"new time proposed|reminder|notification)\s*(?:\(\w+\))?\s*:",
    re.I,
)
_LEAD = re.compile(
    r"(?i)\b(?:interview|interviews|assessment|application|invitation|test|challenge|offer|"
    r"opportunity|review|update|inquiry|enquiry|confirmation|screen|call)s? (?:for|as|to|-|\u2013|"
    r":) "
    r"(?:the |a |an |our |this |your )?|\s[-\u2013|:]\s"
)
_TRAIL = re.compile(
    r"(?:\s+(?:position|role|job|opening|opportunity|vacancy|at|with|for|in|-|\u2013|\|))+$", re.I
)


# The body patterns that start with lowercase words are tried only where the shared walk over
# the text's word starts (scan.py) says they can start; the others are searched.
_INDEX: WordIndex[int] = WordIndex("role", [(rx.pattern, i) for i, rx in enumerate(_BODY)])
_HEAD = 3000  # a role is named near the top


def find_role(subject: str, body: str) -> str | None:
    """The role named in the body ("for the Senior Data Engineer position"), else the subject."""
    low = body.lower()
    where: dict[int, list[int]] = {}
    if len(low) == len(body):
        for pos, i in _INDEX.candidates(low):
            if pos < _HEAD:
                where.setdefault(i, []).append(pos)
    for i, rx in enumerate(_BODY):
        if i in _INDEX.unindexed or len(low) != len(body):
            # ("Position: ...") needs one of its labels with a colon; the rest is searched whole
            found = rx.finditer(body[:_HEAD]) if i != 2 or _has_label(low[:_HEAD]) else iter(())
        else:
            found = (m for pos in where.get(i, ()) if (m := rx.match(body, pos)))
        for m in found:
            role = _clean(m.group("role"))
            if role:
                return role
    if _CALENDAR_SUBJECT.match(subject):
        return None
    for rx in _SUBJECT:
        m = rx.search(subject)
        if m:
            role = _clean(m.group("role"))
            if role:
                return role
    return None


def _clean(raw: str | None) -> str | None:
    if not raw:
        return None
    role = raw.strip().strip("*\"'").strip()
    # "virtual interview for the Software Engineer", "Inquiry Review - Data Analyst": the title
    role = _LEAD.split(role)[-1]
    role = re.sub(r"^(?:the|a|an|our|this)\s+", "", role, flags=re.I)
    role = _TRAIL.sub("", role).strip(" ,.;:-\u2013|")
    if not role or len(role) > 70 or len(role.split()) > 8:
        return None
    if _BAD.match(role) or _BAD_WORD.search(role):
        return None
    if "[" in role or "]" in role or _names_someone(role):
        return None
    return role


_LABELS = re.compile(r"(?:position|role|title|job) ?:")


def _has_label(low: str) -> bool:
    return ":" in low and _LABELS.search(low) is not None


def _names_someone(text: str) -> bool:
    """A known given name followed by a capitalised word: a person, not a title."""
    words = text.split()
    return any(is_known_person(f"{a} {b}") for a, b in zip(words, words[1:], strict=False))
