"""Promised timelines ("within two weeks", "by Friday", "early next week") and their dates.

Only a promise of the company about its next step ("we'll get back to you by Friday", "you'll
hear from us within two weeks", "decision early next week") or a deadline it sets in the
process ("please accept by March 13") gets a date; see `find_timeline` for the rest.

Resolution rules (all relative to the message's date in the user's timezone):
- "within N days/weeks/hours", "in N days": the message date plus that many calendar days
  (hours round up to whole days); "business/working days" count Monday to Friday only.
  A range ("5-7 business days") resolves to its later bound.
- a weekday ("by Friday", "on Thursday", "after the debrief on Thursday"): the next such day
  strictly after the message date. Written on a Friday, "by Friday" means next week's Friday:
  a same-day deadline would be said as "today" or "end of day".
- "this week", "end of the week", "later this week": Friday of the message's week (sent on a
  weekend: the coming Friday). "early next week": Tuesday of next week; "mid next week":
  Wednesday; "next week", "end of next week": Friday of next week.
- "end of the month": its last day; "next month": the last day of next month.
- "today", "end of day": the message date; "tomorrow": the day after.
- vague words ("soon", "shortly", "in the coming weeks") are found but resolve to no date.
A resolved date may fall on a weekend: moving it to a business day is the policy's job.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from agent.infer.scan import WordIndex

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "few": 3,
    "a few": 3,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "several": 5,
}

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_NUM = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
    r"fifteen|twenty|thirty|a|an|a few|few|a couple(?: of)?|couple(?: of)?|several)"
)
_RANGE = rf"{_NUM}(?: ?(?:-|to|or) ?{_NUM})?"  # normalised text: single spaces
_UNIT = r"(?:(?:business|working|calendar|work) )?(?:hours?|days?|weeks?|months?)"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MON} {_DAYNUM}(?:,? \d{{4}})?|{_DAYNUM} (?:of )?{_MON}(?:,? \d{{4}})?|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
)

# (kind, regex). Kinds drive resolution; the order only breaks ties between equal spans.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "span",
        re.compile(
            rf"\bwithin (?:the )?(?:next |coming |following )?(?:a day or two|a week or two|"
            rf"{_RANGE} {_UNIT}|(?:a|one|the) (?:week|month|day)|24 hours|48 hours|week|month)\b"
        ),
    ),
    (
        "span",
        re.compile(
            rf"\b(?:in|over|during) (?:the )?(?:next |coming |following )?(?:(?:a )?day or two|"
            rf"(?:a )?week or two|{_RANGE} {_UNIT}|(?:hour|day|week) or so)\b"
        ),
    ),
    (
        # How long a step takes or stays open: "this can take up to two weeks", "expect this
        # to take about a week", "the offer is valid for 7 days".
        "span",
        re.compile(
            rf"\b(?:takes?|taking|up to|approximately|about|around|roughly|(?:valid|open) for) "
            rf"(?:up to |about |around |approximately |roughly |usually |typically |normally "
            rf"|generally )?{_RANGE} {_UNIT}\b"
        ),
    ),
    (
        "span",
        re.compile(
            rf"\b(?:allow|takes?|expect|up to|approximately|about|around|roughly) (?:up to )?"
            rf"{_RANGE} (?:business|working) days\b"
        ),
    ),
    (
        "weekpart",
        re.compile(
            r"\b(?:by |before |until |around |during |sometime |some time )?(?:the )?"
            r"(?:(?:very )?early|earlier|late|later|mid|mid-|middle of|end of|beginning of|start "
            r"of)?"
            r" ?(?:this|next|the following|the coming) (?:week|month)\b(?:'s end)?"
        ),
    ),
    (
        "weekpart",
        re.compile(
            r"\b(?:by |before |until |around )?(?:the )?(?:end|close) of (?:the |this )?"
            r"(?:week|month|quarter|business day|day)\b"
        ),
    ),
    (
        "weekpart",
        re.compile(
            r"\b(?:by |before )(?:the )?(?:eod|eow|cob|close of business|end of business|"
            r"end of day|weekend|holidays?)\b"
        ),
    ),
    (
        # A cut-off with its hour first: "by 5pm on Friday", "by noon tomorrow".
        "weekday",
        re.compile(
            rf"\bby (?:\d{{1,2}}(?::\d{{2}})? ?(?:am|pm|a\.m\.|p\.m\.)|noon|midday|midnight) "
            rf"(?:on |this |next )?(?:{_WD}|tomorrow|today)\b"
        ),
    ),
    (
        "after_weekday",
        re.compile(
            rf"\bafter (?:the|our|their|my|your|a|an) [a-z' -]{{2,40}}? "
            rf"(?:on|this|next) {_WD}\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:by|before|on|until|no later than|this|next|early|around|through|"
            rf"till|til|after) (?:(?:this|next|the coming) )?{_WD}(?:'s)?"
            r"(?: (?:morning|afternoon|evening|eod|cob|end of day|close of business))?\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:know more|hear(?: back)?(?: from (?:us|me|them|the [a-z]+(?: [a-z]+)?))?|"
            rf"get back to you|be in touch|"
            rf"update you|let you know|decide|decision|news|an answer|feedback|respond|reply) "
            rf"(?P<t>(?:on |by )?(?:this |next )?{_WD})\b"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:by|before|on or before|no later than|until|on|after|around|from|"
            rf"(?:during |in )?the week (?:commencing|beginning|starting|of)|w/c):? (?:the )?"
            rf"(?:{_WD},? (?:the )?)?{_DATE}\b"
        ),
    ),
    (
        # A labelled cut-off in a template: "Deadline: July 22, 2025", "Due date: 3/14".
        "labelled",
        re.compile(
            rf"\b(?:deadline|due(?: date| by)?|complete by|submit by|closing date):? "
            rf"(?P<t>(?:{_WD},? (?:the )?)?{_DATE})\b"
        ),
    ),
    (
        "day",
        re.compile(
            r"\b(?:by |before |until )?(?:end of (?:the )?day today|later today|(?:(?:the )?end "
            r"of (?:the )?day |eod |cob |close of business |noon )?tomorrow|"
            r"by today|end of today|the day after tomorrow|this (?:morning|afternoon|evening)|"
            r"tonight|(?<!effective )(?<!as of )(?<!from )(?<!until )today(?= ?[.!]|$))\b"
        ),
    ),
    (
        # A part of a named month: "by mid-May", "in early March", "by the end of April".
        "monthpart",
        re.compile(
            rf"\b(?:by|before|in|until|around|during|after|from) (?:the )?(?:(?:very )?early|"
            rf"mid|mid-|late|end of|beginning of|start of|middle of|first half of|second half "
            rf"of) ?{_MON}\b"
        ),
    ),
    (
        # A day of the month without the month: "after the 14th", "by the 3rd".
        "monthday",
        re.compile(r"\b(?:by|before|until|after|on) the \d{1,2}(?:st|nd|rd|th)\b"),
    ),
    (
        # A holiday as the marker: "until after Thanksgiving", "before the holidays". Found
        # as the promise, but no date: holidays differ by country.
        "holiday",
        re.compile(
            r"\b(?:by|before|until|till|after|around|over|following)(?: after)? (?:the )?"
            r"(?:thanksgiving|christmas|xmas|new year(?:'s)?|easter|(?:winter |summer |festive )?"
            r"holidays|holiday season|festive season|labou?r day|memorial day|bank holiday|"
            r"long weekend|diwali|eid|hanukkah|chinese new year|lunar new year)\b"
        ),
    ),
    (
        "vague",
        re.compile(
            r"\b(?:in the (?:coming|next (?:few|couple of)) (?:days|weeks)|in due course|"
            r"in the near future|at your earliest convenience|(?<!as )soon(?! as)|shortly|"
            r"as soon as (?:possible|we can|i can|"
            r"practicable|we're able|we are able)|asap)\b"
        ),
    ),
]
# Sentences with one of these words carry the company's promise about its next move.
_PROMISE = re.compile(
    r"\b(?:hear|hearing back|get back|decisions?|decide|decided|update|updates|let you know|"
    r"respond|response|be in touch|get in touch|feedback|(?:will|'ll|shall|to) contact|"
    r"contact you|reply|expect|expected|reach out|follow up|(?:will|'ll|shall) (?:notify|inform)|"
    r"(?:and|then) (?:notify|inform) you|(?:aim|plan|hope|expect|intend)s? to (?:notify|inform)|"
    r"next steps?|"
    r"come back|circle back|review|reviewing|"
    r"finali[sz]e|know more|news|answer|results?|outcome|conclude|wrap up|debrief|receive|"
    r"clarity|write to you|read (?:your|it|through)|look (?:at|over|through) (?:your|it)|"
    r"go through (?:your|it)|(?:will|'ll|should) follow|confirm (?:the|next|a)|"
    r"send (?:you|over)|share (?:an|the|more|our|news|feedback)|"
    r"(?:will|'ll) (?:call|ring|phone|email|come|arrive|be sent|be in your inbox)|"
    r"(?:should|will|'ll|to) (?:reach you|arrive|land in your inbox)|on (?:its|their) way|"
    r"(?:will|'ll|shall|going to) (?:send|submit|forward|pass|chase|issue|prepare)|"
    r"(?:completed|processed|finished) (?:within|in|by))\b"
)
# "I wanted to reach out after your final round": what the writer is doing now, no promise.
_NOW = re.compile(r"\b(?:(?:i|we) (?:just )?wanted|(?:i|we)(?:'m|'re| am| are) writing) to $")
# ... unless the word is what the user is asked to do ("please reply by Friday", "could you
# let me know your availability for early next week?").
_ASKED = re.compile(
    r"(?:please|kindly|could you|can you|would you|will you|are you able to|do you|"
    r"you (?:will )?need to|you must|we ask (?:that )?you|remember to|make sure to|be sure to)"
    r"(?: \w+){0,3} $"
)
# A deadline the company sets for the user in a process: answer the offer, hand in the
# take-home. A stated date all the same ("by", "until", "within" ...).
_DEADLINE_ACT = re.compile(
    r"\b(?:submit|complete|return|sign|accept|acceptance|confirm|send|share|respond|reply|decision|"
    r"let (?:me|us) know|get back to (?:me|us)|valid|expires?|expiry|deadline|due|book|register|"
    r"choose|select|(?:remain|remains|stay|stays|is) open)\b"
)
_DEADLINE_WORD = re.compile(r"^(?:by|before|until|no later than|on or before|within|in) ")
# "The offer expires on April 16", "valid for 7 days": the date the offer lapses is a deadline.
# A link's or a posting's life ("the link is valid for 5 days", "applications close on ...")
# is no step of the user's process.
_LAPSES = re.compile(r"\b(?:expires?|expiry|expiring|lapses?|offer is valid|offer remains valid)\b")
_LAPSE_WORD = re.compile(r"^(?:on|for|valid for|open for):? ")
# "all interviews conducted this week": when something happened, not what comes next.
_HAPPENED = re.compile(
    r"\b(?:conducted|held|done|completed|received|submitted|sent|"
    r"happened|interviewed|met|spoke|"
    r"travell?ing|away|on leave|off sick|added|arranged|finished|wrapped up|took place)"
    r"(?: (?:at|on|in|for) (?:a |an |the |our )?[a-z-]+)? $"
)
# "reports are completed within 3-5 days": a promise in the passive, nothing that happened.
_PASSIVE_PROMISE = re.compile(r"\b(?:are|is|be) (?:usually |typically |normally )?completed $")
# In scheduling talk only a cut-off is a deadline ("share your availability by Friday"); a
# span is the window to pick a slot in ("within the next two weeks").
_CUTOFF_WORD = re.compile(r"^(?:by|before|until|no later than|on or before) ")
_ANSWER = re.compile(r"\b(?:submit|return|respond|reply|confirm)\b")
# Scheduling talk: a window the user is asked to pick a time in is no promise and no deadline.
_SCHEDULING = re.compile(
    r"\b(?:availability|available|free|slots?|times? (?:that )?(?:work|suit)|what works|"
    r"works for you|suits you|schedule|calendar|book|meet|chat|call)\b"
)
# The promise may come in the next sentence, pointing back ("... until mid next week. We will
# come back to you after that.").
_POINTS_BACK = re.compile(r"\b(?:after that|then|afterwards|by then|at that point|once that)\b")
# How much a phrase is worth as the company's stated timeline (0: not at all).
_PROMISED, _DEADLINE, _MENTIONED, _WINDOW = 4, 3, 2, 1


# "Reply with two times that work this week": an order to the user opening the sentence.
_ORDER = re.compile(r"(?:reply|respond)\b")


def _promise_in(sentence: str) -> bool:
    for m in _PROMISE.finditer(sentence):
        before = sentence[max(0, m.start() - 40) : m.start()]
        if not before.strip(" \n-\u2022*.!?:;") and _ORDER.match(sentence, m.start()):
            continue
        if not _ASKED.search(before) and not _NOW.search(before):
            return True
    return False


def _tier(kind: str, phrase: str, sentence: str, following: str) -> int:
    if _promise_in(sentence):
        return _PROMISED
    if _POINTS_BACK.search(following) and _promise_in(following):
        return _PROMISED
    scheduling = bool(_SCHEDULING.search(sentence))
    # "submit your availability within 48 hours": asked to answer, the span is a cut-off too
    word = _CUTOFF_WORD if scheduling and not _ANSWER.search(sentence) else _DEADLINE_WORD
    if word.match(phrase) and _DEADLINE_ACT.search(sentence):
        return _DEADLINE
    if _LAPSE_WORD.match(phrase) and _LAPSES.search(sentence):
        return _DEADLINE
    if kind == "labelled":
        return _DEADLINE
    # Only the phrase, no date: a time window said in passing ("this week", "soon") or one the
    # user is asked to pick a slot in is still what the message states, but nothing the
    # tracker may wait for.
    if kind in ("span", "weekpart", "vague"):
        return _WINDOW if scheduling else _MENTIONED
    return 0


@dataclass(frozen=True)
class Timeline:
    phrase: str  # as written in the message
    due: date | None  # None for vague words and for phrases that are no promise or deadline
    promised: bool = False  # the company's own promise about its next step


_UNANCHORED = [(kind, re.compile(rx.pattern.removeprefix(r"\b"))) for kind, rx in _PATTERNS]
_INDEX: WordIndex[int] = WordIndex(
    "timeline", [(rx.pattern, i) for i, (_k, rx) in enumerate(_UNANCHORED)]
)


def _matches(low: str) -> list[tuple[str, re.Match[str]]]:
    """Every pattern match that starts at a word start (one pass over the text)."""
    out: list[tuple[str, re.Match[str]]] = []
    for pos, i in _INDEX.candidates(low):
        kind, rx = _UNANCHORED[i]
        m = rx.match(low, pos)
        if m:
            out.append((kind, m))
    for i in _INDEX.unindexed:
        kind, rx = _PATTERNS[i]
        out.extend((kind, m) for m in rx.finditer(low))
    return out


def find_timeline(text: str, sent: date | None) -> Timeline | None:
    """The company's stated timeline in `text` (normalised new text) and the date it means.

    A promise about their next step ranks first, then a deadline they set in the process
    ("accept by March 13"); both resolve to a date. A time window said in passing ("this
    week", "soon") or offered for scheduling ("your availability for early next week") is
    returned as written but without a date; interview slots and past dates ("thanks for the
    chat on Monday") are not returned at all.
    """
    if not text:
        return None
    low = text.lower()
    if len(low) != len(text):  # case folding changed the length: keep offsets aligned
        text = low
    best: tuple[tuple[int, int, int, int, int], str, int] | None = None
    ends: list[int] | None = None  # sentence boundaries, found once when first needed
    # The same sentence often comes back (templates, signatures): judge each one once.
    tiers: dict[tuple[str, str, str], int] = {}
    nears: dict[str, int] = {}
    for kind, m in _matches(low):
        if (
            kind in ("weekday", "date")
            and not _CUTOFF_WORD.match(m.group())
            and _is_appointment(low, m.end())
        ):
            continue  # "on Monday at 10" is a slot; "by Monday at 9:00" is still a cut-off
        before = low[max(0, m.start() - 30) : m.start()]
        if _HAPPENED.search(before) and not _PASSIVE_PROMISE.search(before):
            continue
        if ends is None:
            ends = _sentence_ends(low)
        start = m.start()
        i = bisect_left(ends, start)
        s0 = ends[i - 1] if i else 0
        j = bisect_left(ends, m.end(), i)
        s1 = ends[j]
        s2 = ends[j + 1] if j + 1 < len(ends) else len(low)
        if "t" in m.re.groupindex:  # only the time words are the phrase ("know more Thursday")
            start = m.start("t")
        phrase = low[start : m.end()]
        key = (phrase, low[s0:s1], low[s1:s2])
        tier = tiers.get(key)
        if tier is None:
            tier = tiers[key] = _tier(kind, phrase, key[1], key[2])
        if not tier:
            continue
        specific = 0 if kind == "vague" else 1
        # "You'll get the letter shortly ... the offer stays open until May 9": a dated
        # deadline says more than a vague promise, which still beats everything else.
        order = _DEADLINE * 2 - 1 if tier == _PROMISED and not specific else tier * 2
        if best is not None:
            top = best[0]
            if (order, specific) < top[:2] or (
                (order, specific) == top[:2] and top[2] and m.end() - start <= top[3]
            ):
                continue  # cannot win: skip the closer look
        around = low[max(s0, start - 35) : m.end()]
        near = nears.get(around)
        if near is None:
            near = nears[around] = 1 if _promise_in(around) else 0
        rank = (order, specific, near, m.end() - start, -start)
        if best is None or rank > best[0]:
            best = (rank, text[start : m.end()], tier)
    if best is None:
        return None
    _rank, phrase, tier = best
    phrase = _trim(phrase)
    due = resolve(phrase, sent) if sent and tier >= _DEADLINE else None
    return Timeline(phrase, due, tier == _PROMISED)


def _sentence_ends(low: str) -> list[int]:
    """Where each sentence or line ends (at its ". ", "? ", "! " or line break), and the end.

    The marks are turned into line breaks of the same length, so the text splits in C.
    """
    marked = low.replace(". ", "\n ").replace("? ", "\n ").replace("! ", "\n ")
    ends: list[int] = []
    pos = -1
    for line in marked.split("\n"):
        pos += len(line) + 1
        ends.append(pos)
    ends[-1] = len(low)
    return ends


def _is_appointment(low: str, end: int) -> bool:
    """`on Thursday, 12 October at 2:00 PM` is an interview time, not a promise."""
    tail = low[end : end + 30]
    return bool(
        re.match(
            r"(?:,? (?:\d{1,2}(?:st|nd|rd|th)? )?[a-z]*\.? ?\d{0,2},?)? ?(?:at|@|from) \d", tail
        )
    )


def _trim(phrase: str) -> str:
    # "Test expires on: April 6, 2025": the label's colon and its word are no part of the date.
    return re.sub(r"^[a-z]+: ", "", phrase.strip()).rstrip(".,;:")


# ------------------------------------------------------------------------- resolution
def _num(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def add_business_days(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _next_weekday(d: date, wd: int) -> date:
    ahead = (wd - d.weekday()) % 7
    return d + timedelta(days=ahead or 7)


def _friday_of_week(d: date) -> date:
    if d.weekday() >= 5:  # a weekend message: "this week" is the coming one
        return _next_weekday(d, 4)
    return d + timedelta(days=4 - d.weekday())


def _monday_next_week(d: date) -> date:
    return d + timedelta(days=7 - d.weekday())


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


_SPAN = re.compile(
    rf"(?P<a>{_NUM})(?:\s?(?:-|to|or)\s?(?P<b>{_NUM}))? (?P<biz>(?:business|working|work) )?"
    r"(?:calendar )?(?P<unit>hour|day|week|month)s?"
)
_DATE_MD = re.compile(
    rf"(?P<mon>{_MON}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?"
)
_DATE_DM = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{_MON})(?:,? (?P<year>\d{{4}}))?"
)
_DATE_NUM = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2,4}))?")


def resolve(phrase: str, sent: date) -> date | None:
    """The date a timeline phrase means, written on `sent`; None for vague phrases."""
    p = phrase.lower().strip()
    if re.search(r"\b(?:day or two)\b", p):
        return sent + timedelta(days=2)
    if re.search(r"\bweek or two\b", p):
        return sent + timedelta(days=14)
    m = _SPAN.search(p)
    if m and not re.search(r"\b(?:this|next|following|coming) (?:week|month)\b", p):
        a, b = _num(m.group("a")), _num(m.group("b") or "")
        n = b if b is not None else a
        if n is None:
            return None
        unit = m.group("unit")
        if unit == "hour":
            return sent + timedelta(days=-(-n // 24))
        if unit == "day":
            return add_business_days(sent, n) if m.group("biz") else sent + timedelta(days=n)
        if unit == "week":
            return sent + timedelta(days=7 * n)
        return _add_months(sent, n)
    if re.search(r"\bwithin (?:the )?(?:next |coming )?(?:a |one )?week\b", p):
        return sent + timedelta(days=7)
    if re.search(r"\bwithin (?:the )?(?:next |coming )?(?:a |one )?month\b", p):
        return _add_months(sent, 1)
    if re.search(r"\bwithin (?:a|one|the) day\b", p):
        return sent + timedelta(days=1)
    for rx in (_DATE_MD, _DATE_DM):
        dm = rx.search(p)
        if dm:
            return _explicit_date(
                sent, MONTHS[dm.group("mon").rstrip(".")], int(dm.group("day")), dm.group("year")
            )
    dn = _DATE_NUM.search(p)
    if dn:
        return _explicit_date(sent, int(dn.group("m")), int(dn.group("d")), dn.group("y"))
    wd = re.search(rf"\b({_WD})\b", p)
    if wd:
        return _next_weekday(sent, WEEKDAYS[wd.group(1)])
    md = re.search(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", p)
    if md:
        return _day_of_month(sent, int(md.group(1)))
    if re.search(r"\bthis (?:morning|afternoon|evening)\b|\btonight\b", p):
        return sent
    if "tomorrow" in p:
        return sent + timedelta(days=2 if "day after" in p else 1)
    if re.search(r"\b(?:today|eod|cob|close of business|end of business|end of (?:the )?day)\b", p):
        return sent
    if "weekend" in p:
        return _friday_of_week(sent)
    if "holiday" in p:
        return None
    return _week_or_month(p, sent)


def _week_or_month(p: str, sent: date) -> date | None:
    nxt = bool(re.search(r"\b(?:next|following|coming) (?:week|month)\b", p)) and "this" not in p
    if "quarter" in p:
        q_end_month = ((sent.month - 1) // 3 + 1) * 3
        return _last_day(sent.year, q_end_month)
    if "month" in p:
        base = _add_months(sent.replace(day=1), 1) if nxt else sent.replace(day=1)
        if re.search(r"\b(?:early|beginning|start)\b", p):
            return base.replace(day=7) if nxt else max(sent, base.replace(day=7))
        if re.search(r"\b(?:mid|middle)\b", p):
            return base.replace(day=15) if nxt else max(sent, base.replace(day=15))
        return _last_day(base.year, base.month)
    if "week" in p or "eow" in p:
        if nxt:
            monday = _monday_next_week(sent)
            if re.search(r"\b(?:beginning|start)\b", p):
                return monday
            if re.search(r"\b(?:very early|early|earlier)\b", p):
                return monday + timedelta(days=1)
            if re.search(r"\b(?:mid|middle)\b", p):
                return monday + timedelta(days=2)
            return monday + timedelta(days=4)
        if re.search(r"\b(?:early|beginning|start)\b", p) and sent.weekday() < 2:
            return sent + timedelta(days=1 - sent.weekday())
        if re.search(r"\b(?:mid|middle)\b", p) and sent.weekday() < 2:
            return sent + timedelta(days=2 - sent.weekday())
        return _friday_of_week(sent)
    return None


def _day_of_month(sent: date, day: int) -> date | None:
    """The next such day of a month, this month's when it is still ahead."""
    y, m = sent.year, sent.month
    for _ in range(3):
        try:
            d = date(y, m, day)
        except ValueError:
            d = None
        if d is not None and d >= sent:
            return d
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return None


def _explicit_date(sent: date, month: int, day: int, year: str | None) -> date | None:
    try:
        if year:
            y = int(year)
            y = y + 2000 if y < 100 else y
            return date(y, month, day)
        d = date(sent.year, month, day)
        return d if d >= sent else date(sent.year + 1, month, day)
    except ValueError:
        return None
