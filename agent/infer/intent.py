"""Which of the six labels a message carries, how sure we are, and why.

The rules in `rules.py` vote; this module weighs the votes together with header and calendar
facts. Order of the decision, from the most to the least certain:

1. calendar replies (Accepted:/Declined:, METHOD:REPLY) and auto-replies: never a decision;
2. a calendar request (METHOD:REQUEST): an invite;
3. the strongest job label against the strongest "not about your process" kind (job alert,
   cold outreach, marketing, receipt, notification), with a reference to the user's own
   application tipping it towards the job label;
4. nothing strong: a message that still talks about the user's application is an `update`,
   anything else is `other`.

A rejection or offer resting on weak evidence (or contradicted by the opposite signal) keeps a
confidence below 0.8, which the tracker treats as "needs confirmation".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from agent.infer.rules import BLUNT_FAMILIES, JOB_LABELS, R, Rule
from agent.infer.scan import WordIndex
from agent.infer.text import Prepared, sentence_bounds
from agent.message import Message
from agent.verdict import AutoKind, Label

# The decision threshold the tracker uses to act on a rejection or offer without asking.
ACT_THRESHOLD = 0.8

_NEGATION = re.compile(
    r"(?:\bnot\b|n't\b|\bunable\b|\bno longer\b|\bnever\b|\bcannot\b|\bwithout\b|\bneither\b|"
    r"\bnor\b)"
)
# Other people as the ones who got offers: course and coaching marketing.
_OTHERS_GOT = re.compile(
    r"\b(?:graduates|students|alumni|members|clients|customers|learners|participants|users|"
    r"of (?:them|our \w+))(?: (?:have|who|that|who have|all|each))? (?:also )?$"
)
_CONDITIONAL = re.compile(
    r"(?:\bif\b|\bwhether\b|\bunless\b|\bin case\b|\bin the event\b|^\W*should\b|\bcandidates "
    r"who\b|"
    r"\bapplicants who\b|\bthose who\b|\bthose not\b|\bregardless\b|\beither way\b|\bwhether or "
    r"not\b|"
    r"\bonly (?:those|candidates|applicants)\b)"
)
# "You can review or withdraw your application at any time": the candidate's own option, not
# the company's decision ("we had to withdraw your application" keeps its weight).
_CANDIDATE_OPTION = re.compile(
    r"(?:\byou(?:'d| would)? (?:can|may|could|are (?:able|free|welcome) to|'re (?:able|free|"
    r"welcome) to|wish to|want to|like to|need to|decide to|choose to)\b[^.!?\n]{0,45}|^\W*to )$"
)
# Blunt words in a story about someone else ("a reader told us the role went to an internal
# candidate"): a newsletter, not a decision. Plain reported speech ("the client said they're
# going to pass") is how an agency passes a decision on, so it does not count here.
_REPORTED = re.compile(
    r"\b(?:reader|readers|story|article|blog|podcast|episode|webinar|newsletter|character|"
    r"game|player)\b"
)
# "thank you for completing the coding challenge": that stage is done, nothing is asked.
_PAST_STAGE = re.compile(
    r"(?:for (?:doing|completing|taking|submitting|finishing|attending|joining|participating in)|"
    r"completed|completing|submitted|after|attended|attending|"
    r"following|from|of|received|reviewed|reviewing|your|with|the results? of|on) "
    r"(?:the |your |our |this |a )?(?:[a-z-]+ )?$"
)
_KIND_OF: dict[str, AutoKind] = {
    "personal": "personal",
    "outreach": "recruiter_outreach",
    "job_alert": "job_alert",
    "marketing": "newsletter",
    "receipt": "receipt",
    "notification": "notification",
    "auto_reply": "auto_reply",
}
# Auto-reply phrases that say the person is away (as opposed to "this is an automated reply").
_AWAY_FAMILIES = frozenset({"out of office", "will reply on return"})
_AUTOMATIC_KINDS = frozenset(
    {"auto_reply", "calendar_notice", "job_alert", "newsletter", "receipt", "notification"}
)
# Tie-break order: the costlier label to miss first.
_PRIORITY = {"offer": 5, "rejection": 4, "invite": 3, "ack": 2, "update": 1}

_CAL_NOTICE_SUBJECT = re.compile(
    r"^(?:accepted|declined|tentative|tentatively accepted|new time proposed|"
    r"angenommen|abgelehnt|accepté|refusé)\s*:",
    re.I,
)
_JOBWORDS = re.compile(
    r"\b(?:application|applied|applying|candidate|candidacy|position|role|interview|hiring|"
    r"recruit\w*|"
    r"resume|cv|job|offer|opening|vacancy)\b"
)


# An invitation promised only on a condition about the candidate ("if your experience is a
# match, we'll be in touch to schedule a call") is an acknowledgement, not an invite yet.
_SELECTION_IF = re.compile(
    r"(?:\bif (?:you(?:'re| are)? (?:selected|shortlisted|successful|chosen|invited|progressed|"
    r"a (?:match|fit|good fit))|(?:your|there(?:'s| is)|we) [^.?!\n]{0,50}?(?:match|fit|align|"
    r"meet|suitable|decide|move forward|proceed)|selected|shortlisted)|\bshould (?:your|you|we)\b|"
    r"\bonce we(?:'ve| have)? (?:reviewed|had a chance|assessed)|\bin the event (?:that )?"
    r"(?:you|your|we))"
)
# "contact candidates selected for interview": others chosen, not the reader;
# "If you are selected to interview, ...": a condition on the reader, no invitation yet.
_OTHERS_CHOSEN = re.compile(
    r"\b(?:(?:candidates|applicants|those|individuals)(?: who (?:are|have been|were))?|"
    r"(?:if|should|once|when|in case) you(?:'re| are| be| get)?) $"
)
# "Your application has moved to the next stage": the application moved, nobody was invited.
_APPLICATION_MOVED = re.compile(
    r"(?:application|candidacy|profile|status)\b[^.!?\n]{0,60}? (?:has|have|was|is) (?:now )?"
    r"(?:been )?$|(?:application|candidacy|profile|status) $"
)
# The subject of a reply names the thread's old topic ("Re: Invitation: Phone screen"); what
# the new text says decides, so a reply's subject phrases count for this much of their weight.
REPLY_SUBJECT_WEIGHT = 0.5

# Rejection families that say why the candidate in particular is out (someone else was
# chosen, the position was filled, the candidate was not selected). Without one of them, a
# role put on hold or closed is a rejection the user is asked to confirm.
_CLOSURE_FAMILIES = frozenset({"role on hold", "decided to close the role", "position closed"})
_ABOUT_CANDIDATE = frozenset(
    {
        "other candidates",
        "candidates whose",
        "selected another candidate",
        "pursue other candidates",
        "position filled",
        "filled the position",
        "not selected",
        "unsuccessful",
        "application declined",
        "chosen someone else",
        "decided to hire someone else",
        "continue the process with others",
        "candidates who match better",
        "different direction",
        "not a fit",
        "does not meet requirements",
        "did not progress",
        "no longer considered",
    }
)
# Invite families a recruiter's signature or a calendar footer carries in any mail: they do
# not contradict an offer or a rejection written in the text.
_GENERIC_INVITE = frozenset(
    {
        "scheduling link",
        "pick a time",
        "meeting link",
        "calendar text",
        "interview noun",
        "look forward to meeting",
        "what times work",
        "are you available",
    }
)
# Words that only a hiring process uses; "application" and "candidate" are not among them
# (flats, grants and conference talks have those too).
_STRONG_JOB = re.compile(
    r"\b(?:position|role|job|interview\w*|hiring|recruit\w*|employment|career|vacancy|resume|"
    r"cv|candidacy|salary|offer letter|take-home|assessment|onsite|talent|hr)\b"
)


@dataclass(frozen=True)
class Hit:
    vote: str
    weight: float
    family: str
    text: str
    where: str  # "subject" or "body"


@dataclass
class Intent:
    label: Label
    confidence: float
    evidence: list[str] = field(default_factory=list)
    kind: AutoKind | None = None
    is_automatic: bool = False
    scores: dict[str, float] = field(default_factory=dict)


# "We're still interviewing other candidates this week": the process goes on, nobody lost.
_ONGOING = re.compile(r"(?:still|currently|also|continu\w* to|are|we're|i'm|am) $")
_ONGOING_VERB = ("interview", "consider", "meet", "speak", "talk")
# "Thanks for confirming your interview slot": the candidate confirmed; nothing new is asked.
_THANKED = re.compile(r"(?:thanks|thank you)(?: so much| again)? for $")


def _valid(rule: Rule, text: str, start: int, end: int) -> float:
    """The weight a match keeps after the negation and conditional guards (0 = void)."""
    s0, s1 = sentence_bounds(text, start)
    if rule.family == "pursue other candidates" and text.startswith(_ONGOING_VERB, start):
        if _ONGOING.search(text[max(s0, start - 20) : start]):
            return 0.0
    thanked = _THANKED.search(text[max(s0, start - 24) : start])
    if rule.family == "confirm your interview" and thanked:
        return 0.0
    if rule.vote == "invite":
        if _SELECTION_IF.search(text[s0:start]) or _OTHERS_CHOSEN.search(
            text[max(s0, start - 40) : start]
        ):
            return rule.weight * 0.3
        if _APPLICATION_MOVED.search(text[max(s0, start - 90) : start]):
            return 0.0  # "your application has moved to the next stage": news, see rules
    if rule.vote == "offer" and _OTHERS_GOT.search(text[max(s0, start - 40) : start]):
        return 0.0  # "94% of graduates received an offer": a sales claim about other people
    if rule.neg:
        window = text[max(s0, start - 32) : start]
        if _NEGATION.search(window):
            return 0.0
    if rule.past and _PAST_STAGE.search(text[max(s0, start - 45) : start]):
        return 0.0
    if rule.family in BLUNT_FAMILIES and _REPORTED.search(text[s0:start]):
        return 0.0
    if rule.cond:
        before = text[s0:start]
        if rule.vote == "rejection" and _CANDIDATE_OPTION.search(before):
            return 0.0
        if _CONDITIONAL.search(before):
            return rule.weight * 0.25
        tail = text[end : s1 + 1]
        if tail.rstrip().endswith("?") and "?" not in text[end : end + 1]:
            return rule.weight * 0.3
    return rule.weight


# Body rules indexed by how they can start (see scan.py); the rest are scanned whole.
_RULE_INDEX: WordIndex[int] = WordIndex(
    "rules",
    [(r.raw.pattern, i) for i, r in enumerate(R.rules) if r.scope != "subject" and r.starts],  # type: ignore[union-attr]
)


_SUBJECT_SEARCH = tuple(i for i, r in enumerate(R.rules) if r.scope == "subject" or not r.starts)
# Each rule's anchored matcher, looked up by rule number in the hot loop.
_MATCHERS = tuple(r.raw.match for r in R.rules)  # type: ignore[union-attr]


def collect(p: Prepared) -> list[Hit]:
    """Every rule that fires, with the weight it keeps after its guards."""
    hits: list[Hit] = []
    subj = p.subject_lc
    if subj:
        # Subject-only rules and rules without an index are searched; the others are tried
        # where the subject's words let them start.
        todo = set(_SUBJECT_SEARCH)
        todo.update(ri for _pos, ri in _RULE_INDEX.candidates(subj))
        for ri in sorted(todo):
            rule = R.rules[ri]
            if rule.scope == "body" or (rule.needles and not any(n in subj for n in rule.needles)):
                continue
            best, found, _pos = _best(rule, subj, rule.rx.finditer(subj), p, "subject")
            if p.reply:
                best *= REPLY_SUBJECT_WEIGHT
            if best > 0:
                hits.append(Hit(rule.vote, best, rule.family, found, "subject"))
    body = p.body_lc
    if not body:
        return hits
    _index, scan = R.index()
    best_w: dict[int, float] = {}
    found_at: dict[int, str] = {}
    at: dict[int, int] = {}
    done: set[int] = set()
    rules, matchers = R.rules, _MATCHERS
    for pos, ri in _RULE_INDEX.candidates(body):
        if ri in done:
            continue
        m = matchers[ri](body, pos)
        if m is None:
            continue
        rule = rules[ri]
        w = _valid(rule, body, m.start(), m.end())
        if w > best_w.get(ri, 0.0):
            best_w[ri] = w
            at[ri] = m.start()
            found_at[ri] = _original(p, "body", m.start(), m.end())
            if w >= rule.weight:
                done.add(ri)
    for ri in scan:
        rule = R.rules[ri]
        if rule.needles and not any(n in body for n in rule.needles):
            continue
        w, f, pos = _best(rule, body, rule.rx.finditer(body), p, "body")
        if w > 0:
            best_w[ri], found_at[ri], at[ri] = w, f, pos
    sig = signature_start(body)
    for ri in sorted(best_w):
        rule = R.rules[ri]
        w = best_w[ri]
        if rule.vote == "invite" and sig is not None and at[ri] >= sig:
            w *= SIGNATURE_INVITE_WEIGHT
        hits.append(Hit(rule.vote, w, rule.family, found_at[ri], "body"))
    return hits


# A booking link or "book a call with me" after the sign-off is the sender's standing
# signature, not an invitation in this mail.
SIGNATURE_INVITE_WEIGHT = 0.4
_SIGN_OFF = re.compile(
    r"^(?:best|kind|warm|warmest|many|all the best|best wishes|regards|sincerely|cheers|thanks|"
    r"thank you|yours|talk soon|speak soon|take care|cordially|with (?:best|kind|warm) "
    r"regards?)\b[^\n]{0,25}$|^--\s*$",
    re.M,
)


def signature_start(body_lc: str) -> int | None:
    """Where the sign-off starts (the last closing line in the text), if there is one."""
    last = None
    for m in _SIGN_OFF.finditer(body_lc):
        last = m
    return last.start() if last is not None else None


def _best(
    rule: Rule, text: str, matches: Iterator[re.Match[str]], p: Prepared, where: str
) -> tuple[float, str, int]:
    best, found, pos = 0.0, "", 0
    for i, m in enumerate(matches):
        w = _valid(rule, text, m.start(), m.end())
        if w > best:
            best, found, pos = w, _original(p, where, m.start(), m.end()), m.start()
        if best >= rule.weight or i >= 3:
            break
    return best, found, pos


def _original(p: Prepared, where: str, start: int, end: int) -> str:
    """The matched text in its original case when the lowercase copy lines up with it."""
    src, low = (p.subject, p.subject_lc) if where == "subject" else (p.body, p.body_lc)
    frag = src[start:end] if len(src) == len(low) else low[start:end]
    return frag.strip()[:90]


def score(hits: list[Hit]) -> dict[str, float]:
    """Per vote: the strongest family plus a little for each further, different family."""
    fam: dict[str, dict[str, float]] = {}
    for h in hits:
        f = fam.setdefault(h.vote, {})
        f[h.family] = max(f.get(h.family, 0.0), h.weight)
    out: dict[str, float] = {}
    for vote, weights in fam.items():
        ws = sorted(weights.values(), reverse=True)
        out[vote] = min(0.99, ws[0] + 0.12 * sum(ws[1:4]))
    return out


def _evidence(hits: list[Hit], vote: str, limit: int = 3) -> list[str]:
    chosen = sorted((h for h in hits if h.vote == vote), key=lambda h: -h.weight)
    out: list[str] = []
    for h in chosen:
        line = f'subject: "{h.text}"' if h.where == "subject" else f'phrase: "{h.text}"'
        if line not in out:
            out.append(line)
        if len(out) >= limit:
            break
    return out


def _auto_header(msg: Message) -> str | None:
    h = msg.headers
    auto = h.get("auto-submitted", "").strip().lower()
    if auto.startswith("auto-replied"):
        return f"header: Auto-Submitted: {auto}"
    for key in ("x-autoreply", "x-autorespond"):
        if h.get(key):
            return f"header: {key}: {h[key].strip()[:40]}"
    if h.get("precedence", "").strip().lower() == "auto_reply":
        return "header: Precedence: auto_reply"
    if h.get("x-auto-response-suppress") and "oof" in h.get("x-auto-response-suppress", "").lower():
        return None
    return None


def decide(msg: Message, p: Prepared) -> Intent:
    """The label of one message from its subject, new text, headers and calendar parts."""
    for ev in msg.calendar:
        if (ev.method or "").upper() == "REPLY":
            part = f" ({ev.partstat})" if ev.partstat else ""
            return Intent("other", 0.97, [f"calendar: METHOD:REPLY{part}"], "calendar_notice", True)
    m = _CAL_NOTICE_SUBJECT.match(p.subject)
    if m:
        return Intent("other", 0.95, [f'subject: "{p.subject[:60]}"'], "calendar_notice", True)

    hits = collect(p)
    sc = score(hits)
    auto_hdr = _auto_header(msg)
    job_best = max((sc.get(lb, 0.0) for lb in JOB_LABELS), default=0.0)

    # Auto-replies: the phrases decide; a header alone only when nothing job-like is said
    # (an autoresponder that acknowledges an application is still an acknowledgement).
    ar = sc.get("auto_reply", 0.0)
    away = any(h.vote == "auto_reply" and h.family in _AWAY_FAMILIES for h in hits)
    if (ar >= 0.85 and (away or job_best < 0.85)) or (auto_hdr and job_best < 0.85):
        ev = _evidence(hits, "auto_reply", 2)
        if auto_hdr:
            ev.insert(0, auto_hdr)
        return Intent("other", 0.93, ev, "auto_reply", True, sc)

    requests = [
        ev for ev in msg.calendar if (ev.method or "").upper() in {"REQUEST", "PUBLISH", ""}
    ]
    cancels = [ev for ev in msg.calendar if (ev.method or "").upper() == "CANCEL"]
    if requests and sc.get("rejection", 0.0) < 0.9:
        ev = [f"calendar: METHOD:{(requests[0].method or 'REQUEST').upper()}"]
        if requests[0].summary:
            ev.append(f'calendar: "{requests[0].summary[:60]}"')
        return Intent("invite", 0.95, ev + _evidence(hits, "invite", 1), None, False, sc)
    if cancels and job_best < 0.85:
        return Intent("update", 0.7, ["calendar: METHOD:CANCEL"], None, False, sc)

    return _weigh(p, hits, sc)


# Scheduling words that only mean an interview when the mail is about a job at all
# ("are you free for coffee next Tuesday?" is not an invite).
_SOFT_INVITE = frozenset(
    {
        "what times work",
        "are you available",
        "pick a time",
        "share your availability",
        "meeting link",
        "scheduling link",
        "look forward to meeting",
        "can we move to",
        "reschedule word",
        "what does your calendar look like",
        "let's schedule",
        "schedule an interview",
        "confirm your interview",
        "would tuesday work",
        "would like to meet you",
        "calendar text",
        "subject: schedule",
        "slot confirmed",
        "drop-in chat",
    }
)
_JOB_CONTEXT = re.compile(
    r"\b(?:interview\w*|application|applied|applying|candidate|candidacy|position|role|hiring|"
    r"recruit\w*|resume|cv|job|opening|vacancy|screen|screening|assessment|offer|talent|hr|"
    r"onsite|on-site|intro(?:ductory)? call|first call|hiring manager|engineer\w*|developer|"
    r"analyst|designer|scientist|consultant|specialist|coordinator|architect)\b"
)


# Acknowledgement words a friend uses as well ("got it!", "I'll pass it on").
_SOFT_ACK = frozenset({"got it"})


def _drop_soft_invites(p: Prepared, hits: list[Hit], sc: dict[str, float]) -> list[Hit]:
    soft = [h for h in hits if h.family in _SOFT_INVITE or h.family in _SOFT_ACK]
    if not soft or _JOB_CONTEXT.search(p.full_lc):
        return hits
    kept = [
        h
        for h in hits
        if not (
            (h.vote == "invite" and h.family in _SOFT_INVITE)
            or (h.vote == "ack" and h.family in _SOFT_ACK)
        )
    ]
    sc.update(score(kept))
    for vote in ("invite", "ack"):
        if not any(h.vote == vote for h in kept):
            sc.pop(vote, None)
    return kept


# What makes blunt wording ("found someone", "you're hired") about a job: the wider set of
# words a person in a hiring thread uses.
_BLUNT_CONTEXT = re.compile(
    r"\b(?:application|applied|apply\w*|candidate\w*|position|role|job|gig|shift|hiring|hired?|"
    r"interview\w*|cover letter|resume|cv|experience|salary|pay|start(?:ing)? (?:date|on|monday|"
    r"tuesday|wednesday|thursday|friday|next)|first day|paperwork|contract|offer|hr|panel|lead|"
    r"producer|analyst|engineer|developer|manager|assistant|dev|staff|work(?:ing)? (?:for|with) "
    r"us)\b"
)
# Families whose words a friend or a landlord uses as well ("we found someone for the flat").
_NEEDS_JOB = BLUNT_FAMILIES | {"chosen someone else", "welcome aboard"}


def _drop_blunt_without_job(p: Prepared, hits: list[Hit], sc: dict[str, float]) -> list[Hit]:
    blunt = [h for h in hits if h.family in _NEEDS_JOB]
    if not blunt or _BLUNT_CONTEXT.search(p.full_lc):
        return hits
    kept = [h for h in hits if h.family not in _NEEDS_JOB]
    sc.clear()
    sc.update(score(kept))
    return kept


def _weigh(p: Prepared, hits: list[Hit], sc: dict[str, float]) -> Intent:
    hits = _drop_soft_invites(p, hits, sc)
    hits = _drop_blunt_without_job(p, hits, sc)
    if sc.get("forge", 0.0) > 0:
        # An issue tracker's or forum's relay footer: talk about hiring, not the user's process.
        ev = _evidence(hits, "forge", 1)
        return Intent("other", 0.9, ev, "notification", True, sc)
    if sc.get("nonjob", 0.0) > 0 and not _STRONG_JOB.search(p.full_lc):
        kinds = sorted(((sc.get(k, 0.0), k) for k in _KIND_OF if k != "auto_reply"), reverse=True)
        kind = _KIND_OF[kinds[0][1]] if kinds[0][0] >= 0.35 else "personal"
        ev = ["no job words; " + (_evidence(hits, "nonjob", 1) or ["-"])[0]]
        return Intent("other", 0.8, ev, kind, kind in _AUTOMATIC_KINDS, sc)
    appref = sc.get("appref", 0.0) > 0
    anti_offer = sc.get("anti_offer", 0.0) > 0
    if anti_offer:
        sc["offer"] = min(sc.get("offer", 0.0), 0.2)

    ranked = sorted(((sc.get(lb, 0.0), _PRIORITY[lb], lb) for lb in JOB_LABELS), reverse=True)
    job_score, _, job = ranked[0]
    job = _resolve_conflicts(sc, job, job_score)
    job_score = sc.get(job, 0.0)

    other_ranked = sorted(
        ((sc.get(k, 0.0), k) for k in _KIND_OF if k != "auto_reply"), reverse=True
    )
    other_score, other_kind = other_ranked[0]

    # Mail that is not about the user's own process: a digest, a pitch, a sale, a receipt.
    if other_score >= 0.5:
        margin = 0.0 if appref else 0.15
        strong_job = job_score >= 0.88 and (appref or job in ("ack", "rejection", "offer"))
        if other_kind == "outreach" and not appref and job_score < 0.93:
            strong_job = False
        if not strong_job and other_score + margin >= job_score - (0.1 if appref else 0.0):
            kind = _KIND_OF[other_kind]
            conf = min(0.95, 0.55 + other_score * 0.4)
            return Intent(
                "other", conf, _evidence(hits, other_kind), kind, kind in _AUTOMATIC_KINDS, sc
            )

    if job_score >= 0.45:
        conf = _confidence(job, job_score, sc, hits)
        return Intent(job, conf, _evidence(hits, job), None, False, sc)

    # Nothing decisive. Still about the user's application? Then it is news on it.
    if appref and _JOBWORDS.search(p.full_lc) and other_score < 0.5:
        ev = _evidence(hits, job, 1) if job_score > 0 else []
        ev += _evidence(hits, "appref", 1)
        return Intent("update", 0.5, ev, None, False, sc)
    kind: AutoKind | None = _KIND_OF[other_kind] if other_score >= 0.35 else "personal"
    conf = 0.6 if job_score < 0.3 else 0.5
    return Intent(
        "other",
        conf,
        _evidence(hits, other_kind, 2) if other_score else [],
        kind,
        kind in _AUTOMATIC_KINDS,
        sc,
    )


def _resolve_conflicts(sc: dict[str, float], job: str, job_score: float) -> str:
    """Fix the known confusions between the top two job labels."""
    rej, off, inv = sc.get("rejection", 0.0), sc.get("offer", 0.0), sc.get("invite", 0.0)
    ack, upd = sc.get("ack", 0.0), sc.get("update", 0.0)
    # A strong rejection phrase wins over the courtesy words around it ("thank you for
    # interviewing", "we received your application").
    if rej >= 0.85 and job in ("ack", "update", "invite") and rej >= job_score - 0.1:
        return "rejection"
    # An explicit offer beats the interview words that usually come with it.
    if off >= 0.85 and job in ("invite", "update", "ack") and off >= job_score - 0.1:
        return "offer"
    # "Got your application - could you come in on Friday?": the invitation is the news.
    if job == "ack" and inv >= 0.8 and inv >= ack - 0.1:
        return "invite"
    # A weak rejection (a lone "unfortunately") never beats a concrete invite or update.
    if job == "rejection" and rej < 0.7 and max(inv, upd, ack) >= rej - 0.05:
        return max(("invite", inv), ("update", upd), ("ack", ack), key=lambda t: t[1])[0]
    return job


def _confidence(job: str, job_score: float, sc: dict[str, float], hits: list[Hit]) -> float:
    conf = job_score
    mine = [h for h in hits if h.vote == job]
    strongest = max((h.weight for h in mine), default=0.0)
    if job in ("rejection", "offer"):
        opposite = sc.get("offer" if job == "rejection" else "rejection", 0.0)
        invite = max(
            (h.weight for h in hits if h.vote == "invite" and h.family not in _GENERIC_INVITE),
            default=0.0,
        )
        rival = max(opposite, invite * (0.8 if job == "offer" else 1.0))
        # "We would like to offer you the X position" with an offer letter or terms beside it
        # is as explicit as mail gets: only the opposite decision can cast doubt on it.
        firm = {h.family for h in mine if h.weight >= 0.85}
        explicit = job == "offer" and strongest >= 0.95 and len(firm) >= 2 and opposite < 0.45
        if strongest < 0.85:
            conf = min(conf, 0.7)
        if explicit:
            conf = max(conf, 0.92) if invite < 0.85 else min(conf, 0.85)
        elif rival >= 0.6:
            conf = min(conf, 0.72)
        elif rival >= 0.45:
            conf -= 0.1
        if job == "rejection":
            families = {h.family for h in mine if h.weight >= 0.5}
            if families & _CLOSURE_FAMILIES and not families & _ABOUT_CANDIDATE:
                conf = min(conf, 0.75)
    return round(max(0.3, min(0.97, conf)), 3)
