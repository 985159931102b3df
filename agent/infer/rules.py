"""Phrase families that vote for a label or a kind of mail.

Every rule is a regular expression over lowercased, normalised text (straight quotes, single
spaces), a weight (how sure one match makes us), and two guards:

- `neg`: a positive phrase ("offer you the position", "move forward with you") is void when a
  negation stands just before it in the same sentence ("unable to offer you the position").
- `cond`: a decision phrase inside a conditional or a question ("if we decide not to move
  forward ...", "did you go with another candidate?") counts for little.

`needles` are plain substrings of which at least one must occur for the regex to run at all:
they keep a message with none of the words from paying for the regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.infer.prefix import prefixes

# Votes: the six labels' four job labels plus pseudo-labels that feed the decision.
JOB_LABELS = ("rejection", "offer", "invite", "ack", "update")
OTHER_KINDS = ("outreach", "job_alert", "marketing", "receipt", "notification", "auto_reply")
CONTEXT = ("appref", "anti_offer")


@dataclass(frozen=True)
class Rule:
    vote: str
    weight: float
    rx: re.Pattern[str]
    needles: tuple[str, ...]
    neg: bool = False
    cond: bool = False
    scope: str = "any"  # any | subject | body
    family: str = ""
    past: bool = False  # void after "thank you for completing the ..." (a stage already done)
    raw: re.Pattern[str] | None = None  # the pattern without the boundary guard, for match()
    starts: frozenset[str] | None = None  # its possible first characters (prefix.WIDTH of them)


# Every rule starts at a word boundary: "able to offer you" must not match inside "unable".
_BOUNDARY = "(?<![a-z0-9])(?:"


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    _index: dict[str, tuple[int, ...]] | None = None

    def index(self) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
        """(first characters -> body rules that can start with them, body rules to scan whole)."""
        if self._index is None:
            idx: dict[str, list[int]] = {}
            for i, r in enumerate(self.rules):
                if r.scope != "subject" and r.starts:
                    for st in r.starts:
                        idx.setdefault(st, []).append(i)
            self._index = {k: tuple(v) for k, v in idx.items()}
            self._scan = tuple(
                i for i, r in enumerate(self.rules) if r.scope != "subject" and not r.starts
            )
        return self._index, self._scan

    def add(
        self,
        vote: str,
        weight: float,
        pattern: str,
        needles: str | tuple[str, ...],
        *,
        neg: bool = False,
        cond: bool = False,
        scope: str = "any",
        family: str = "",
        past: bool = False,
        boundary: bool = True,
    ) -> None:
        nd = (needles,) if isinstance(needles, str) else needles
        self.rules.append(
            Rule(
                vote,
                weight,
                re.compile(_BOUNDARY + pattern + ")" if boundary else pattern),
                nd,
                neg,
                cond,
                scope,
                family or pattern[:40],
                past,
                re.compile(pattern),
                prefixes(pattern) if boundary else None,
            )
        )


R = RuleSet()
add = R.add

WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
NOT = r"(?:not|n't|unable to|not able to|cannot|can't|won't)"
CANDS = r"(?:candidates?|applicants?|individuals?|profiles?|persons?|people|finalists?|someone)"
OTHERS = (
    r"(?:other|another|a different|different|alternative|more qualified|more experienced|"
    r"an internal|internal)"
)
APPNOUN = r"(?:application|candidacy|candidature|profile|resume|cv|submission|interest)"

# ---------------------------------------------------------------- rejection
add(
    "rejection",
    0.96,
    r"regret(?:fully)? to (?:inform|advise|tell|let you know|say|share|notify|communicate)",
    "regret",
    cond=True,
    family="regret to inform",
)
add(
    "rejection",
    0.85,
    r"(?:we|i) (?:must |do )?regret (?:that|we|to)|with (?:great |deep )?regret",
    "regret",
    cond=True,
    family="we regret",
)
add(
    "rejection",
    0.96,
    r"(?:decided|decision|chosen|elected|opted|determined|agreed) (?:not to|to not) "
    r"(?:proceed|move|pursue|progress|advance|continue|go|invite|offer|extend|consider|take|"
    r"schedule|"
    r"shortlist)",
    ("not to", "to not"),
    cond=True,
    family="decided not to proceed",
)
add(
    "rejection",
    0.95,
    rf"{NOT} (?:going to )?(?:be )?(?:moving|move|proceeding|proceed|going|progressing|progress|"
    rf"taking|advancing|"
    rf"advance|"
    r"continuing|continue|pursuing|pursue)(?: you)?(?: forward| ahead| further)? (?:with|on) "
    r"(?:your|you\b|the application|this application|the process|it\b|this\b|that\b)",
    ("not", "n't", "unable"),
    cond=True,
    family="not moving forward with you",
)
add(
    "rejection",
    0.95,
    rf"{NOT} (?:be )?(?:moving|move|progressing|progress|advancing|advance|taking|take)"
    r" (?:you|your (?:application|candidacy|profile))(?: forward| further)?"
    r"(?: (?:to|in|into) (?:the )?(?:next|further|interview|final|following))?",
    ("not", "n't", "unable"),
    cond=True,
    family="not progressing your application",
)
add(
    "rejection",
    0.96,
    r"(?:move|moving|moved|go|going|gone|went|proceed|proceeding|proceeded|continue|continuing|"
    r"continued|"
    r"pursue|pursuing|pursued|progress|progressing|progressed|decided to go|chosen to go|opted to "
    r"go)"
    rf" (?:forward |ahead |on )?with (?:an? |the )?{OTHERS} {CANDS}",
    "with",
    cond=True,
    family="other candidates",
)
add(
    "rejection",
    0.92,
    r"(?:moved|moving|move|proceed|proceeding|go|going|gone|went|continue|continuing)(?: forward| "
    r"ahead| on)? "
    r"with (?:candidates|applicants|someone|a candidate|an applicant|a person|individuals|people|"
    r"profiles|finalists) (?:whose|who|that|with)",
    "with",
    cond=True,
    family="candidates whose",
)
add(
    "rejection",
    0.95,
    r"(?:selected|chosen|hired|identified|offered the (?:position|role|job) to|extended (?:an|the) "
    r"offer to|"
    r"gone with|went with|decided on|decided for|settled on|appointed|filled (?:the|this) "
    r"(?:position|role) with)"
    rf" (?:an? |the )?(?:{OTHERS}|more suitable|stronger|better[- ]suited|better[- ]matched) "
    rf"(?:{CANDS}|person|match)",
    (
        "selected",
        "chosen",
        "hired",
        "offer",
        "gone",
        "went",
        "decided",
        "settled",
        "appointed",
        "filled",
    ),
    cond=True,
    family="selected another candidate",
)
add(
    "rejection",
    0.9,
    rf"(?:pursue|pursuing|consider|considering|interview|interviewing|focus on|prioriti[sz]e) "
    rf"{OTHERS} {CANDS}",
    ("pursu", "consider", "interview", "focus", "priorit"),
    cond=True,
    family="pursue other candidates",
)
add(
    "rejection",
    0.95,
    r"(?:position|role|job|vacancy|opening|requisition|post) (?:has|had|have) (?:now |already "
    r")?been "
    r"(?:filled|offered to (?:another|someone|a different))",
    "been",
    cond=True,
    family="position filled",
)
add(
    "rejection",
    0.95,
    r"(?:filled|closed) (?:the|this) (?:position|role|vacancy|opening)",
    ("filled", "closed"),
    cond=True,
    family="filled the position",
)
add("rejection", 0.9, r"(?:position|role|vacancy) filled", "filled", family="position filled")
add(
    "rejection",
    0.88,
    r"(?:position|role|job|vacancy|opening|requisition) (?:has been|was|is|had been) "
    r"(?:closed|cancell?ed|eliminated|withdrawn|no longer (?:available|open|being recruited))",
    ("closed", "cancel", "elimin", "withdrawn", "no longer"),
    cond=True,
    family="position closed",
)
add(
    "rejection",
    0.95,
    r"(?:not|n't) (?:been |be )?(?:selected|shortlisted|successful|chosen|retained|invited|"
    r"advanced|progressed)"
    r"(?! (?:yet|at this stage yet))",
    ("not", "n't"),
    cond=True,
    family="not selected",
)
add(
    "rejection",
    0.9,
    r"(?:unsuccessful|not successful) (?:on this occasion|this time|at this time|in|for)|"
    r"(?:application|candidacy) (?:was|has been|is|were) unsuccessful|unsuccessful (?:application|"
    r"candidacy)",
    "unsuccessful",
    cond=True,
    family="unsuccessful",
)
add(
    "rejection",
    0.95,
    rf"{APPNOUN} (?:has been|was|is|had been) (?:declined|rejected|denied|turned down|not "
    rf"accepted)",
    ("declined", "rejected", "denied", "turned down", "not accepted"),
    cond=True,
    family="application declined",
)
add(
    "rejection",
    0.9,
    r"(?:did not|didn't|does not|doesn't|will not|won't) (?:make it|progress|advance|pass|succeed|"
    r"move on)"
    r"(?: (?:to|through|in|past|beyond))?",
    ("did not", "didn't", "does not", "doesn't", "will not", "won't"),
    cond=True,
    family="did not progress",
)
add(
    "rejection",
    0.95,
    r"keep (?:your|you|the) (?:resume|cv|details|information|profile|application|contact details|"
    r"name|materials|credentials)(?: and [a-z ]{1,30})? (?:on file|in our (?:files|records|"
    r"database|system|"
    r"talent (?:pool|community|network))|active (?:in|on))",
    "keep",
    cond=True,
    family="keep your resume on file",
)
add(
    "rejection",
    0.9,
    r"(?:keep|kept|retain|hold) (?:it|them|your [a-z ]{1,20}) on file",
    "on file",
    cond=True,
    family="keep on file",
)
add(
    "rejection",
    0.95,
    rf"{NOT} (?:be )?(?:extending|extend|making|make|in a position to (?:offer|extend|make)|able "
    rf"to offer|offer|offering)"
    r"(?: you)? (?:an?|the|this|any) (?:job |employment |formal )?(?:offer|position|role)",
    ("not", "n't", "unable"),
    cond=True,
    family="not extending an offer",
)
add(
    "rejection",
    0.93,
    rf"{NOT} (?:offer|extend) you",
    ("not", "n't", "unable"),
    cond=True,
    family="cannot offer you",
)
add(
    "rejection",
    0.9,
    r"no longer (?:be )?(?:being )?(?:considered|under consideration|in consideration|"
    r"in the running|moving forward|considering your|a candidate)",
    "no longer",
    cond=True,
    family="no longer considered",
)
add(
    "rejection",
    0.9,
    r"(?:decided|chosen|chose|opted|elected) to (?:go|move|head) (?:in|with) (?:a|another) "
    r"(?:different )?direction",
    "direction",
    cond=True,
    family="different direction",
)
add(
    "rejection",
    0.88,
    r"(?:go|going|gone|went|move|moving|moved|head|heading|headed|taking (?:the|this) "
    r"(?:role|position|search))(?: forward)? (?:in|with) (?:a |an )?(?:different|another|new|"
    r"alternate|alternative|other) direction",
    "direction",
    cond=True,
    family="different direction",
)
add(
    "rejection",
    0.85,
    r"(?:decided|decision|chosen|chose|opted|elected) to (?:hire|offer the (?:role|position) to|"
    r"extend an offer to|select|go with|proceed with|move forward with|appoint|recruit|promote|"
    r"bring on|take on) (?:someone else|another|a candidate whose|a different|an internal|"
    r"an applicant whose)",
    "to",
    cond=True,
    family="decided to hire someone else",
)
add(
    "rejection",
    0.78,
    r"(?:not|isn't|wasn't|is not|was not) (?:the |a )?(?:right |good |strong |close |great )?"
    r"(?:fit|match) (?:for|with|at)",
    ("fit", "match"),
    cond=True,
    family="not a fit",
)
add(
    "rejection",
    0.82,
    r"(?:doesn't|does not|did not|didn't|do not|don't) (?:fully |quite |closely )?"
    r"(?:meet|match|align with|fit) (?:our|the|all of (?:our|the)) (?:current )?(?:requirements|"
    r"needs|criteria|"
    r"qualifications|standards|expectations)",
    ("meet", "match", "align", "fit"),
    cond=True,
    family="does not meet requirements",
)
add(
    "rejection",
    0.82,
    r"(?:sorry|sad|disappointed|unfortunate) to (?:inform|tell|share|let you know|say|report|"
    r"advise)",
    "to",
    cond=True,
    family="sorry to inform",
)
add(
    "rejection",
    0.82,
    r"(?:we|i) (?:are|am|'re|'m) (?:not able|unable) to (?:progress|proceed|continue|move|"
    r"consider|take your|offer)",
    ("not able", "unable"),
    cond=True,
    family="unable to proceed",
)
add(
    "rejection",
    0.88,
    rf"{NOT} (?:be )?(?:invit|schedul|shortlist)\w* (?:you )?(?:for|to) (?:an? |the )?"
    r"(?:interview|next|further|second|final)",
    ("invit", "schedul", "shortlist"),
    cond=True,
    family="not inviting to interview",
)
add(
    "rejection",
    0.85,
    r"(?:cannot|can't|will not|won't|unable to|not able to) (?:consider|accept|progress) "
    r"(?:your|you)",
    ("cannot", "can't", "will not", "won't", "unable", "not able"),
    cond=True,
    family="cannot consider you",
)
add(
    "rejection",
    0.85,
    r"(?:other|another) (?:candidates?|applicants?) (?:whose|who|with) (?:[a-z]+ ){0,4}"
    r"(?:more closely|more|better|closer|more directly)",
    ("other", "another"),
    cond=True,
    family="candidates who match better",
)
add(
    "rejection",
    0.55,
    r"wish(?:ing)? you (?:the very best|the best|all the best|every success|success|luck|"
    r"good luck|well|the best of luck)(?: of luck)?(?: in| with| on| for)? (?:your|the|all your|"
    r"all of your) "
    r"(?:job search|search|future|career|endeavou?rs|next|professional|continued)",
    "wish",
    family="best wishes",
)
add(
    "rejection",
    0.45,
    r"encourage you to (?:re-?apply|apply (?:again|for (?:other|future))|"
    r"(?:keep an eye on|check|visit|monitor) our (?:careers|jobs))",
    "encourage you",
    family="apply again",
)
add(
    "rejection",
    0.6,
    r"thank(?:s| you) for your (?:interest|application|time)[^.\n]{0,40}?,? but\b",
    "but",
    family="thanks but",
)
add(
    "rejection",
    0.3,
    r"(?:unfortunately|regrettably|sadly)",
    ("unfortunately", "regrettably", "sadly"),
    family="unfortunately",
)
add(
    "rejection",
    0.85,
    r"(?:will not|won't|not) be (?:moving|going) (?:forward|ahead)(?! with (?:the|this|our) "
    r"(?:event|project|plan|meeting|call|launch|release))",
    ("not", "won't"),
    cond=True,
    family="not moving forward",
)
add(
    "rejection",
    0.85,
    r"(?:not|n't) (?:able to|going to) (?:move|take) (?:your|you|this) (?:candidacy |application )?"
    r"(?:forward|further)",
    ("not", "n't"),
    cond=True,
    family="not taking forward",
)
add(
    "rejection",
    0.88,
    r"^(?:application|candidacy)?(?: status)?:? ?(?:declined|rejected|unsuccessful|not selected)",
    ("declined", "rejected", "unsuccessful", "not selected"),
    scope="subject",
    family="subject: declined",
)

# ---------------------------------------------------------------- offer
NOT_INTERVIEW = (
    r"(?! (?:an? |the |this )?(?:(?:opportunity|chance|invitation) (?:to|for) (?:interview|meet|"
    r"speak|talk|chat|"
    r"participate|attend|take|complete|discuss|visit|join us for)|interview|invitation|(?:phone|"
    r"video|virtual|"
    r"onsite|on-site|in-person|technical|first|second|final) |slot|time slot|call\b|free|discount|"
    r"a discount|"
    r"\d+%|our (?:newsletter|free)|exclusive))"
)
add(
    "offer",
    0.97,
    r"(?:pleased|delighted|excited|thrilled|happy|glad|honou?red|proud|like|love|want|wish|able) "
    r"to "
    r"(?:formally |officially |now |finally |verbally )?(?:offer you" + NOT_INTERVIEW + r"|"
    r"extend (?:you )?(?:an?|the|this|our) (?:formal |official |written |verbal |conditional |"
    r"full[- ]time |"
    r"contingent |final )?(?:job |employment )?offer|present (?:you )?(?:with )?(?:an?|the|this) "
    r"(?:formal |"
    r"written )?(?:job |employment )?offer|make you an offer)",
    "to ",
    neg=True,
    family="pleased to offer you",
)
add(
    "offer",
    0.95,
    r"offer(?:ing)? you (?:the|a|this|our) (?:position|role|job|post|full[- ]time|opportunity to "
    r"join|"
    r"place on|contract)",
    "offer",
    neg=True,
    family="offer you the position",
)
add(
    "offer",
    0.93,
    r"offered you the (?:position|role|job)",
    "offered",
    neg=True,
    family="offered you the role",
)
add(
    "offer",
    0.95,
    r"offer of employment|employment offer|offer of engagement",
    ("offer of", "employment offer"),
    neg=True,
    family="offer of employment",
)
add("offer", 0.85, r"job offer(?!s)(?! scam)", "job offer", neg=True, family="job offer")
add(
    "offer",
    0.88,
    r"offer letter(?!s)|offer (?:package|details|terms|paperwork|documents?|agreement)(?!s)|"
    r"(?:employment|job) (?:contract|agreement)",
    ("offer", "contract", "agreement"),
    neg=True,
    family="offer letter",
)
add(
    "offer",
    0.9,
    r"(?:verbal|written|formal|official|conditional|contingent|final|tentative) (?:job "
    r")?offer(?!s)",
    "offer",
    neg=True,
    family="verbal offer",
)
add(
    "offer",
    0.9,
    r"extend(?:ed|ing)? (?:you )?(?:an?|the|this|our) (?:formal |written |verbal |official )?"
    r"(?:job |employment )?offer(?! to (?:another|a different|other|someone))",
    "extend",
    neg=True,
    family="extend an offer",
)
add(
    "offer",
    0.88,
    r"(?:accept|accepting|acceptance of|sign|signing|countersign|review|reviewing|consider|"
    r"considering)"
    r" (?:the|this|your|our) (?:attached |formal |written |enclosed |official )?offer(?!s)",
    "offer",
    neg=True,
    family="accept the offer",
)
add(
    "offer",
    0.88,
    r"(?:received|receiving) (?:an?|the|our|your) (?:job |formal |verbal |written )?offer(?!s)"
    r"(?! from)",
    "offer",
    neg=True,
    family="received an offer",
)
# Shops and insurers say "offer expires" too: alone it is weak; tied to a role it is strong.
add(
    "offer",
    0.6,
    r"offer (?:expires|deadline|is valid|will expire|is contingent)",
    "offer",
    family="offer expires",
)
add(
    "offer",
    0.88,
    r"offer (?:for|of) (?:the |this |our |your )?(?:[a-z&/-]+ ){0,6}?(?:role|position|job|post)\b",
    "offer",
    neg=True,
    family="offer for the role",
)
add(
    "offer",
    0.55,
    r"welcome (?:you )?(?:aboard|to the team|to our team|on board)",
    "welcome",
    neg=True,
    family="welcome aboard",
)
add("offer", 0.3, r"congratulations|congrats", "congrat", family="congratulations")
add(
    "offer",
    0.3,
    r"(?:start(?:ing)? date|starting salary|base salary|annual salary|compensation package|"
    r"signing bonus|sign-on bonus|relocation package|equity grant|stock options|rsus\b|rsu |"
    r"salary:|benefits package)",
    (
        "start",
        "salary",
        "compensation",
        "bonus",
        "relocation",
        "equity",
        "stock",
        "rsu",
        "benefits",
    ),
    family="compensation terms",
)
add(
    "offer",
    0.3,
    r"docusign|adobe sign|hellosign|e-?sign(?:ature|ed|ing)?\b",
    ("docusign", "sign"),
    family="e-signature",
)
add(
    "offer",
    0.45,
    r"(?:sign|signed) (?:and|&) return|countersign",
    ("sign",),
    family="sign and return",
)

# ---------------------------------------------------------------- invite
IV_NOUN = (
    r"(?:interview|phone screen|screening|screen|call|chat|conversation|meeting|video call|zoom|"
    r"teams|"
    r"assessment|onsite|on-site|session|round|discussion|"
    r"time (?:for us )?to (?:talk|chat|speak|meet|connect))"
)
add(
    "invite",
    0.92,
    r"invit\w* you (?:to|for) (?:an? |the |our |your |a short |a brief )?(?:[a-z0-9-]+ ){0,4}?"
    r"(?:interview|conversation|call|chat|meeting|screen|assessment|onsite|on-site|session|round|"
    r"next (?:round|stage|step)|(?:the )?(?:next|following) (?:stage|phase|step))",
    "invit",
    neg=True,
    family="invite you to interview",
)
add(
    "invite",
    0.92,
    r"interview invit(?:ation|e)|invitation (?:to|for) (?:an? |the )?(?:[a-z-]+ )?interview|"
    r"invited (?:you )?(?:to|for) (?:an? |the )?(?:[a-z-]+ ){0,2}interview|invite you to interview",
    ("invit",),
    neg=True,
    family="interview invitation",
)
add(
    "invite",
    0.85,
    # "behind schedule with the interviews", "on schedule": the noun, not the verb
    r"(?:(?<!behind )(?<!ahead of )(?<!on )(?<!the )(?<!our )(?<!your )schedule|set up|arrange|"
    r"book|organi[sz]e|conduct|line up|coordinate)(?: you for)? "
    r"(?:an?|the|your|our|a quick|a short|a brief|some|a few)? ?(?:[a-z0-9-]+ ){0,3}?" + IV_NOUN,
    ("schedul", "set up", "arrange", "book", "organi", "conduct", "line up", "coordinat"),
    neg=True,
    family="schedule an interview",
)
add(
    "invite",
    0.8,
    r"(?:share|send|provide|let (?:me|us) know|confirm|give (?:me|us)|reply with|tell (?:me|us)|"
    r"indicate|advise)(?: of)? (?:your|a few|some|what|which|when|us|me)?(?: with)? ?(?:your "
    r")?(?:availability|"
    r"available (?:times?|slots?|dates?|windows?)|times? (?:that )?(?:work|suit)|(?:a )?(?:few "
    r")?(?:time )?slots|"
    r"when you(?:'re| are| would be)? (?:available|free))",
    "avail",
    neg=True,
    family="share your availability",
)
add(
    "invite",
    0.6,
    r"(?:what|which) (?:times?|days?|dates?|slots?) (?:would |might |could |will )?"
    r"(?:work|suit|be convenient|are good|is good)",
    ("work", "suit", "convenient", "good"),
    family="what times work",
)
add(
    "invite",
    0.6,
    r"(?:are|would|will) you (?:be )?(?:available|free) (?:for|on|to|this|next|tomorrow|at|"
    r"sometime|some time|later|early)",
    ("available", "free"),
    family="are you available",
)
add(
    "invite",
    0.78,
    r"(?:pick|choose|select|book|grab|reserve|find) (?:a|an|your|the)? ?(?:\d+[- ]min(?:ute)?s? )?"
    r"(?:preferred |suitable |"
    r"convenient )?(?:time|slot|date|interview slot|time slot|timeslot)|available (?:time )?slots|"
    r"time slots",
    ("time", "slot", "date"),
    family="pick a time",
)
add(
    "invite",
    0.85,
    r"calendly\.com|goodtime\.io|modernloop|greenhouse\.io/[^\s]*schedul|schedule\.greenhouse|"
    r"lever\.co/[^\s]*(?:interview|schedul)|ashbyhq\.com/[^\s]*schedul|cal\.com/|chilipiper|"
    r"savvycal|"
    r"youcanbook\.me|meetings\.hubspot|bookings/|calendar\.app\.google|"
    r"calendar\.google\.com/calendar/appointments",
    (
        "calendly",
        "goodtime",
        "modernloop",
        "greenhouse",
        "schedul",
        "lever.co",
        "ashby",
        "cal.com",
        "chilipiper",
        "savvycal",
        "youcanbook",
        "hubspot",
        "bookings",
        "calendar",
    ),
    family="scheduling link",
)
add(
    "invite",
    0.55,
    r"zoom\.us/j/|meet\.google\.com/|teams\.microsoft\.com/l/meetup|webex\.com/meet|"
    r"join (?:the )?(?:zoom|teams|google meet|webex) (?:meeting|call)",
    ("zoom", "meet.google", "teams", "webex"),
    family="meeting link",
)
add(
    "invite",
    0.82,
    r"hackerrank|codility|codesignal|testgorilla|hirevue|coderpad|karat\.(?:io|com)|"
    r"qualified\.io|devskiller|vervoe|pymetrics|criteria corp|harver|mettl|imocha|spark hire|"
    r"sparkhire|"
    r"willo\.video|bryq|plum\.io",
    (
        "hacker",
        "codil",
        "codesig",
        "gorilla",
        "hirevue",
        "coderpad",
        "karat",
        "qualified",
        "devskill",
        "vervoe",
        "pymetric",
        "criteria",
        "harver",
        "mettl",
        "imocha",
        "spark",
        "willo",
        "bryq",
        "plum",
    ),
    family="assessment platform",
)
add(
    "invite",
    0.82,
    r"(?:move|moving|moved|advance|advancing|advanced|progress|progressing|progressed|invite|take|"
    r"taking|bring|pass|passed)(?: you)? (?:back |in )?(?:forward |on |through )?(?:to|into|onto|"
    r"for) (?:the |a )?(?:next|following|"
    r"interview|final|second|third|technical|onsite|on-site) (?:round|stage|step|phase|interview)",
    (
        "next",
        "interview",
        "final",
        "second",
        "third",
        "technical",
        "onsite",
        "on-site",
        "following",
    ),
    neg=True,
    family="next round",
)
add(
    "invite",
    0.8,
    r"(?:excited|happy|pleased|glad|delighted|thrilled|like|love|want|keen|eager) to "
    r"(?:move|moving|proceed|go|continue) (?:forward |ahead )?(?:with you|with your (?:application|"
    r"candidacy)|"
    r"to the next)",
    "to",
    neg=True,
    family="move forward with you",
)
add(
    "invite",
    0.82,
    r"(?:progressed|advanced|moved|been selected|selected|chosen|passed)(?: on)? (?:to|for|"
    r"through) "
    r"(?:the )?(?:next|interview|final|second|technical|first|initial|an interview|a (?:phone|"
    r"video|technical))",
    ("progress", "advance", "moved", "select", "chosen", "passed"),
    neg=True,
    family="progressed to interview",
)
add(
    "invite",
    0.8,
    r"(?:successfully )?passed (?:the |your )?(?:first|initial|phone|technical|screening|second|"
    r"online)[a-z ]{0,12} (?:round|stage|interview|screen|assessment|test)",
    "passed",
    neg=True,
    family="passed the first round",
)
add(
    "invite",
    0.8,
    # "We expect to contact shortlisted applicants next week" is about others, not an invite.
    r"(?:shortlisted|short-listed|short listed)(?! (?:applicants|candidates|people|individuals)\b)",
    "short",
    neg=True,
    family="shortlisted",
)
add(
    "invite",
    0.88,
    r"interview (?:details|confirmation|confirmed|scheduled|is scheduled|has been scheduled|"
    r"is confirmed|has been confirmed|is set|is booked|request|scheduling|availability|logistics|"
    r"itinerary|agenda|schedule)\b",
    "interview",
    family="interview details",
)
add(
    "invite",
    0.88,
    r"confirm(?:ing|ation of)? (?:your|the|our) (?:upcoming |scheduled )?(?:[a-z-]+ )?"
    r"(?:interview|call|meeting|appointment)",
    "confirm",
    neg=True,
    family="confirm your interview",
)
add(
    "invite",
    0.9,
    r"(?:interview|call|meeting|chat|screen)s? (?:is |are |has been |"
    r"have been |will be )?(?:scheduled|set|booked|confirmed|arranged|planned) (?:for|on|at)",
    ("schedul", "set", "book", "confirm", "arrang", "plann"),
    neg=True,
    family="interview scheduled for",
)
add(
    "invite",
    0.72,
    r"(?:you will|you'll) be (?:scheduled|invited|contacted to schedule)|"
    r"(?:reach out|contact you|be in touch|get in touch) (?:shortly |soon )?(?:with|to (?:schedule|"
    r"arrange|set up|"
    r"book)) (?:the )?(?:interview|a time|a call|next interview|a meeting|your interview)",
    ("schedul", "invited", "interview", "a time", "a call"),
    neg=True,
    family="will be scheduled",
)
add(
    "invite",
    0.78,
    r"(?:complete|take|finish|submit|attempt|start|begin)(?: the)? (?:the |a |an |our |this |your |"
    r"following |short |online |technical |coding |take-home |timed |brief )*(?:assessment|"
    r"challenge|"
    r"coding (?:test|exercise|challenge)|online test|skills? test|test|exercise|assignment|"
    r"questionnaire|"
    r"case study|take-home|homework|work sample)",
    ("complete", "take", "finish", "submit", "attempt", "start", "begin"),
    neg=True,
    past=True,
    family="complete the assessment",
)
add(
    "invite",
    0.78,
    r"(?:assessment|coding challenge|online test|technical test|take-home|skills test|"
    r"coding test|aptitude test|psychometric test|video interview|one-way interview|case study)"
    r"(?: (?:invitation|invite|link|request|for|assignment|exercise|task|round))?"
    r"(?! (?:received|completed|submitted|results?|feedback|score))",
    ("assess", "challenge", "test", "take-home", "video interview", "one-way", "case study"),
    neg=True,
    past=True,
    family="assessment",
)
add(
    "invite",
    0.7,
    r"(?:reschedul\w*|move|push|shift|change|postpone|bump) (?:our|the|your|this|tomorrow's|"
    r"today's|my) (?:[a-z-]+ )?(?:interview|call|meeting|chat|conversation|session|screen)",
    ("reschedul", "move", "push", "shift", "change", "postpone", "bump"),
    family="reschedule",
)
add(
    "invite",
    0.62,
    rf"(?:can|could|would) we (?:move|push|do|meet|switch|try|shift)(?: it| this| that)? "
    rf"(?:to |on |until )?(?:{WD}|tomorrow|next|later|another)",
    ("can we", "could we", "would we"),
    family="can we move to",
)
add(
    "invite",
    0.5,
    r"interviewer (?:is|was|has|had|got) (?:sick|ill|unwell|unavailable|out|away|called|"
    r"an emergency)",
    "interviewer",
    family="interviewer unavailable",
)
add(
    "invite",
    0.72,
    r"(?:would|'d) (?:like|love) to (?:speak|talk|chat|meet|connect) (?:with you )?"
    r"(?:further|more|again)? ?(?:about|regarding|on) (?:your application|the (?:[a-z-]+ "
    r"){0,4}(?:role|position))",
    ("like to", "love to"),
    neg=True,
    family="like to speak about your application",
)
add(
    "invite",
    0.75,
    r"let'?s (?:schedule|set up|book|find a time|arrange)",
    "let",
    family="let's schedule",
)
add(
    "invite",
    0.85,
    r"you have been invited to (?:the following|an?) (?:event|meeting)|invitation from google "
    r"calendar|join with google meet",
    ("invited to", "google"),
    family="calendar text",
)
add(
    "invite",
    0.9,
    r"^(?:(?:phone|video|virtual|onsite|on-site|technical|final|first|second|third|next|"
    r"panel)[a-z -]{0,12} )?interview (?:invitation|invite|request|opportunity|confirmation|"
    r"confirmed|scheduled|scheduling|availability)",
    "interview",
    scope="subject",
    family="subject: interview invitation",
)
# "Interview for the X position" only names the topic: a thank-you note after the interview
# or a decision carries the same subject, so the body has to say what happens next.
add(
    "invite",
    0.5,
    r"^(?:(?:phone|video|virtual|onsite|on-site|technical|final|first|second|third|next|"
    r"panel)[a-z -]{0,12} )?interview (?:with|at|for)",
    "interview",
    scope="subject",
    family="subject: interview topic",
)
add(
    "invite",
    0.88,
    r"^(?:updated )?invitation:|^schedule your|^next steps?:? [a-z -]{0,30}interview|"
    r"^invitation to (?:interview|the next)|^let'?s (?:chat|talk|schedule)|^(?:phone|video) screen",
    ("invitation", "schedule", "next step", "let", "screen"),
    scope="subject",
    family="subject: schedule",
)
add(
    "invite",
    0.3,
    r"(?:phone|video|virtual|zoom|teams|onsite|on-site|in-person|technical|final|panel|first|"
    r"second|third|next|initial|hiring manager|behavioral|behavioural|system design|coding|in "
    r"person|round)"
    r"(?: round)? interview",
    "interview",
    neg=True,
    family="interview noun",
)
add(
    "invite",
    0.55,
    r"look(?:ing)? forward to (?:speaking|meeting|talking|chatting|seeing|connecting) "
    r"(?:with )?you (?:on|at|then|next|tomorrow|soon|this|during)",
    "look",
    family="look forward to meeting",
)

# ---------------------------------------------------------------- ack
add(
    "ack",
    0.88,
    r"(?:received|receipt of|got|recieved|acknowledge)(?: and reviewing)? your (?:job |online |"
    r"recent |"
    r"completed )?(?:application|resume|cv|submission|materials|documents|candidacy|job "
    r"application|"
    r"application materials)",
    ("receiv", "receipt", "got", "reciev", "acknowledge"),
    neg=True,
    family="received your application",
)
add(
    "ack",
    0.9,
    r"(?:application|resume|cv|submission) (?:for (?:the )?(?:[^.\n]|(?<=inc|\sco|orp|ltd|"
    r"llc)\.){1,80}? )?"
    r"(?:has been|was|is|had been|"
    r"have been) (?:successfully |officially |now |safely )?(?:received|submitted|sent|recorded|"
    r"registered|"
    r"logged|completed|delivered)",
    ("received", "submitted", "sent", "recorded", "registered", "logged", "completed", "delivered"),
    neg=True,
    family="application received",
)
add(
    "ack",
    0.72,
    r"thank(?:s| you) (?:so much |very much )?for (?:applying|your (?:recent |online |job )?"
    r"application|submitting (?:your|an|the) application|your interest in applying|"
    r"the application|taking the time to apply|considering (?:a career|employment))",
    ("thank",),
    family="thank you for applying",
)
add(
    "ack",
    0.45,
    r"thank(?:s| you) (?:so much |very much )?for your interest in (?:joining|working)",
    ("thank",),
    family="thank you for your interest",
)
add(
    "ack",
    0.86,
    r"application (?:received|confirmation|confirmed|submitted|acknowledg(?:e?ment|ed)|complete|"
    r"successfully submitted)",
    ("application",),
    family="application received",
)
add(
    "ack",
    0.86,
    r"(?:confirm(?:ing)?|acknowledg(?:e|ing)|acknowledgement of) (?:the )?receipt",
    ("receipt",),
    family="confirm receipt",
)
add(
    "ack",
    0.85,
    r"(?:this (?:email |message |note )?(?:is to )?confirms?|we confirm) (?:that )?"
    r"(?:we(?:'ve| have) received|your application)",
    "confirm",
    family="this confirms",
)
add(
    "ack",
    0.9,
    r"your application was sent to|application (?:was )?sent to|you applied (?:to|for) "
    r"[^.\n]{1,60} on",
    ("sent to", "applied"),
    family="application sent",
)
add(
    "ack",
    0.7,
    r"(?:received|got) your (?:message|inquiry|enquiry|email|query|question|note)",
    ("received", "got"),
    family="received your message",
)
add(
    "ack",
    0.5,
    r"thank(?:s| you) for reaching out (?:to us )?(?:regarding|about|with)",
    "reaching out",
    family="thanks for reaching out",
)
add(
    "ack",
    0.5,
    r"(?:will|'ll|are going to) (?:now )?"
    r"(?:carefully |thoroughly )?(?:review|be reviewing|assess|evaluate|look over|consider) (?:it|"
    r"your "
    r"(?:application|resume|cv|profile|qualifications|submission|materials|experience|background))",
    ("review", "assess", "evaluat", "look over", "consider"),
    family="we will review",
)
add(
    "ack",
    0.5,
    r"if (?:your|you) (?:qualifications|skills|experience|background|profile|application)"
    r"(?: and [a-z]+)? (?:match|matches|align|aligns|meet|meets|are a|is a|fit)",
    "if ",
    family="if your qualifications match",
)
add(
    "ack",
    0.6,
    r"only (?:shortlisted|selected|successful|qualified) (?:candidates|applicants) will be "
    r"contacted|"
    r"due to the (?:high|large) (?:volume|number) of (?:applications|applicants)",
    ("only", "volume", "number"),
    family="only shortlisted contacted",
)
add(
    "ack",
    0.8,
    r"^(?:thank you for applying|thanks for applying|we(?:'ve| have)? received your application|"
    r"your application (?:has been|was) (?:received|submitted))",
    ("thank", "application"),
    scope="subject",
    family="subject: ack",
)
add(
    "ack",
    0.5,
    r"^(?:your application|application to|your application to)",
    "application",
    scope="subject",
    family="subject: your application",
)

# ---------------------------------------------------------------- update
add(
    "update",
    0.62,
    r"(?:still|currently|are|am|is) (?:actively )?(?:reviewing|evaluating|assessing|considering|"
    r"interviewing|deliberating|in the process of (?:reviewing|interviewing|evaluating|assessing)|"
    r"working through)|(?:is|are|remains?) still (?:being )?(?:considered|under consideration|in "
    r"(?:the )?"
    r"(?:process|running|consideration|progress|review))|still in (?:the|our) (?:running|process|"
    r"selection|shortlist|pool)",
    (
        "reviewing",
        "evaluating",
        "assessing",
        "considering",
        "interviewing",
        "deliberating",
        "process of",
        "working through",
        "still",
    ),
    family="still reviewing",
)
add(
    "update",
    0.55,
    r"(?:is|are|remains?|currently) (?:still |currently )?under (?:review|consideration|"
    r"evaluation)|review (?:process )?is (?:still )?ongoing",
    ("under", "ongoing"),
    family="under review",
)
add(
    "update",
    0.7,
    r"(?:haven't|have not|not yet|hasn't|has not) (?:yet )?(?:made|reached|finali[sz]ed) (?:a|our|"
    r"the)"
    r" (?:final )?decision|no (?:final )?decision (?:has been made|yet|has been reached)",
    "decision",
    family="no decision yet",
)
add(
    "update",
    0.5,
    r"(?:make|making|reach|reaching|have|expect) (?:a |our |the |their |final )*decisions?|"
    r"decide by|decision (?:by|within|early|next|before|on|will (?:come|be made))",
    "decision",
    cond=False,
    family="decision by",
)
add(
    "update",
    0.42,
    r"(?:will|'ll|shall|to) (?:be in touch|get back to you|let you know|update you|reach out|"
    r"follow up|circle back|contact you|share (?:further |more )?(?:updates|feedback|next steps)|"
    r"provide (?:you "
    r"with )?(?:an update|feedback|next steps)|keep you (?:posted|updated|informed|in the loop)|"
    r"communicate (?:further )?updates|share (?:an )?update|come back to you|write to you|"
    r"have (?:an answer|news|more (?:news|clarity|information|info|details)) for you|know more)",
    ("will", "'ll", "shall", "to "),
    family="will be in touch",
)
add(
    "update",
    0.7,
    r"(?:wanted to|just|quickly|to|let me) (?:give you|provide|send you|share|offer) (?:you )?"
    r"(?:a |an )?(?:quick |brief |short )?(?:update|status update|heads[- ]up)",
    ("update", "heads"),
    family="giving an update",
)
add(
    "update",
    0.6,
    r"(?:status update|application update|candidacy update|update on your|quick update|"
    r"an update|update regarding|update about|checking in)",
    ("update", "checking in"),
    family="status update",
)
add(
    "update",
    0.55,
    r"thank(?:s| you) (?:so much )?for (?:your (?:patience|understanding)|bearing with us|"
    r"waiting|your continued patience)",
    ("patience", "bearing", "waiting", "understanding"),
    family="thanks for your patience",
)
add(
    "update",
    0.5,
    r"(?:delay|delayed|taking (?:a bit |a little |slightly )?longer|take (?:a bit |a little "
    r")?longer|"
    r"slower than|behind schedule|running late)",
    ("delay", "longer", "slower", "behind", "late"),
    family="delay",
)
add(
    "update",
    0.62,
    r"(?:on hold|paused|hiring freeze|freeze on hiring|put the (?:role|position|search) on)",
    ("hold", "pause", "freeze"),
    family="on hold",
)
# A role put on hold, paused or frozen: the process stops, but not because of the candidate
# and perhaps not for good. Alone it reads as news (the update above); with "we won't be
# continuing" it is a rejection the tracker asks the user to confirm (intent.py).
add(
    "rejection",
    0.5,
    r"(?:(?:role|position|search|opening|requisition|vacancy|hiring|recruitment|process) "
    r"(?:is|has been|was|will be|are|have been) (?:put |placed )?on hold|put (?:the |this |our )?"
    r"(?:[a-z]+ ){0,3}?(?:role|position|search|opening|hiring|recruitment|process) on hold|"
    r"(?:pause|paused|pausing|freeze|froze|frozen|freezing) (?:on )?(?:hiring|recruitment|"
    r"recruiting|the (?:role|position|search|process))|hiring (?:freeze|pause)|"
    r"(?:budget|headcount) (?:for (?:the|this) (?:role|position) )?(?:has been |was |is )?"
    r"(?:frozen|cut|withdrawn|not approved|reallocated|removed|eliminated))",
    ("hold", "pause", "freez", "froze", "budget", "headcount"),
    cond=True,
    family="role on hold",
)
add(
    "update",
    0.58,
    r"thank(?:s| you) (?:again |so much )?for (?:taking the time to |attending (?:the |your |our "
    r")?(?:[a-z-]+ )?(?=interview|assessment|session|onsite|day)|attending (?:the |your |our "
    r")?|"
    r"coming in (?:for (?:the |your )?)?|your time (?:during|in|at|for) (?:the |your |our )?|"
    r"participating in (?:the |our )?)?(?:interview|interviewing|speaking|meeting|chatting|talking|"
    r"visit|"
    r"discuss|conversation)",
    "thank",
    family="thanks for interviewing",
)
add(
    "update",
    0.5,
    r"(?:great|nice|lovely|a pleasure|good|wonderful) (?:speaking|talking|chatting|meeting|"
    r"connecting) (?:with )?you|enjoyed (?:our|the) (?:conversation|chat|call|meeting|discussion)",
    ("speaking", "talking", "chatting", "meeting", "connecting", "enjoyed"),
    family="great speaking with you",
)
add(
    "update",
    0.6,
    r"(?:received|have|got|gathering|collecting|waiting (?:on|for)|awaiting|reviewing|compiling)"
    r" (?:the |some |all |final )?(?:feedback|input|scorecards?)",
    ("feedback", "input", "scorecard"),
    family="gathering feedback",
)
add(
    "update",
    0.6,
    r"(?:feedback|input) (?:is|has been|are) (?:currently )?(?:being )?(?:evaluated|reviewed|"
    r"collected|considered)",
    "feedback",
    family="feedback being reviewed",
)
add(
    "update",
    0.55,
    r"(?:noted|received|reviewed) (?:your|the) (?:response|reply|follow[- ]?up|note)|"
    r"thank(?:s| you) for (?:your|the) (?:response|reply|follow[- ]?up|note|email|message|quick "
    r"reply)",
    ("response", "reply", "follow", "note", "email", "message"),
    family="thanks for your response",
)
add(
    "update",
    0.5,
    r"debrief|hiring (?:manager|team) (?:is|has been|was) (?:out|away|travell?ing|on leave|"
    r"on vacation|sick)|reference(?:s| check)",
    ("debrief", "hiring", "reference"),
    family="debrief",
)
add(
    "update",
    0.45,
    r"expect to hear|hear back (?:from us )?(?:by|within|in|before|early|next|soon)",
    ("expect to hear", "hear back"),
    family="expect to hear",
)
add("update", 0.35, r"next steps?", "next step", family="next steps")
add(
    "update",
    0.3,
    r"in due course|as soon as (?:possible|we can|we have)",
    ("due course", "as soon as"),
    family="in due course",
)
add(
    "update",
    0.55,
    r"^(?:status update|update|application status|an update|quick update|checking in|"
    r"following up|follow[- ]up)\b",
    ("update", "status", "checking", "follow"),
    scope="subject",
    family="subject: update",
)

# ---------------------------------------------------------------- context: a process with the user
add(
    "appref",
    1.0,
    r"your (?:job |recent |online )?(?:application|candidacy|candidature|interview)|"
    r"you (?:recently )?applied|applied (?:for|to)|applying (?:for|to)|(?:role|position) "
    r"you applied|your (?:resume|cv|profile) for the|(?:call|conversation|chat|meeting|"
    r"interview|discussion) (?:on|last|yesterday|earlier|today) |hiring process|interview process|"
    r"recruitment process|selection process|thank you for interviewing|for interviewing with|"
    r"(?:interview|interviewing|spoke|speaking|met|meeting) with (?:us|our team|me)",
    (
        "your",
        "applied",
        "applying",
        "role",
        "position",
        "process",
        "interview",
        "with us",
        "with our",
        "with me",
    ),
    family="process reference",
)

# ---------------------------------------------------------------- recruiter cold outreach
add(
    "outreach",
    0.85,
    r"came across your (?:profile|resume|background|linkedin|github|portfolio|cv|work|"
    r"experience)|(?:found|saw|noticed|viewed|reviewed) your (?:linkedin |online |github "
    r")?(?:profile|resume|cv|"
    r"background)(?! for)",
    ("came across", "found", "saw", "noticed", "viewed", "reviewed"),
    family="came across your profile",
)
add(
    "outreach",
    0.8,
    r"linkedin (?:sent|recommended|suggested|showed)|(?:on|via|through) linkedin|"
    r"your linkedin",
    "linkedin",
    family="via linkedin",
)
add(
    "outreach",
    0.8,
    r"(?:open|interested|considering|entertaining|exploring|thinking about|looking for|"
    r"consider)(?: to| in)? (?:a |any )?(?:new|other|exciting|different|outside) (?:opportunit|"
    r"role|position|"
    r"challenge|career|job|move)",
    ("new", "other", "exciting", "different", "outside"),
    family="open to new roles",
)
add(
    "outreach",
    0.72,
    r"(?:are|would|might) you (?:be )?(?:open|interested|up for|available to (?:chat|talk))"
    r" (?:to |in |for )?(?:a |an |hearing|exploring|discussing|learning|new|chatting|connecting|"
    r"speaking|"
    r"a quick|a brief|talking)",
    ("open", "interested", "up for", "available"),
    family="would you be open",
)
add(
    "outreach",
    0.7,
    r"(?:i'm|i am|i work as|i work in|i work at|i'm with|i lead) (?:a |an |the )?(?:[a-z-]+ ){0,3}?"
    r"(?:recruiter|headhunter|talent (?:partner|scout|acquisition partner|sourcer)|sourcer|"
    r"recruiting|"
    r"recruitment consultant)",
    ("recruit", "headhunt", "talent", "sourc"),
    family="i am a recruiter",
)
add(
    "outreach",
    0.8,
    r"my client|(?:several|many|a few|\d+|various|different|some|our) (?:of my |great )?"
    r"(?:clients|client companies|portfolio companies)",
    "client",
    family="my client",
)
add(
    "outreach",
    0.55,
    r"(?:reaching out|reached out|wanted to connect|getting in touch|contacting you|i'm writing|"
    r"i am writing) (?:to you )?(?:because|regarding|about|to see|as a|with (?:an?|a role|a "
    r"position)|since|"
    r"on behalf|in case)",
    ("reach", "connect", "touch", "contacting"),
    family="reaching out",
)
add(
    "outreach",
    0.6,
    r"(?:i|we) (?:have|am working on|are working on|'m working on|'ve got) an? "
    r"(?:exciting |great |new |interesting |unique |amazing )?(?:opportunity|role|position|opening|"
    r"search)",
    ("have", "working on", "got"),
    family="i have an opportunity",
)
add(
    "outreach",
    0.85,
    r"(?:not sure|don't know|no idea|unsure) (?:if|whether|of) (?:you(?:'re| are)?|your) "
    r"(?:currently )?(?:looking|interested|open|happy|in the market|current situation|situation)",
    ("not sure", "don't know", "no idea", "unsure"),
    family="not sure if you are looking",
)
add(
    "outreach",
    0.6,
    r"send (?:me|over|us) (?:a copy of )?your (?:updated |latest |current )?(?:resume|cv)",
    "send",
    family="send me your resume",
)
add(
    "outreach",
    0.6,
    r"referred (?:you )?to me|you were referred|(?:know|refer) (?:of )?anyone (?:who )?"
    r"(?:might|may|would|else)|if you know (?:of )?anyone",
    ("referred", "anyone"),
    family="know anyone",
)
add(
    "outreach",
    0.5,
    r"(?:strong|great|impressive|interesting|excellent|solid) (?:background|profile|experience)|"
    r"impressed (?:with|by) your (?:background|profile|experience|work)|your (?:background|"
    r"experience|skills|"
    r"profile) (?:seems?|looks?|would be|might be|could be|is) (?:like )?(?:an? )?(?:great|perfect|"
    r"good|strong|"
    r"ideal|excellent)",
    ("background", "profile", "experience", "skills"),
    family="strong background",
)
add(
    "outreach",
    0.35,
    r"(?:career|job|exciting|new|unique|great|amazing|interesting) opportunit(?:y|ies)",
    "opportunit",
    family="opportunity",
)
add(
    "outreach",
    0.45,
    r"(?:is|are|we're|we are) (?:currently )?(?:looking|hiring|searching|recruiting) for "
    r"(?:an? |experienced |strong |talented |top |senior |junior )",
    ("looking", "hiring", "searching", "recruiting"),
    family="is looking for",
)
add(
    "outreach",
    0.75,
    r"(?:in|from|through) (?:our|my) (?:resume |candidate |talent )?database",
    "database",
    family="in our database",
)
add(
    "outreach",
    0.6,
    r"out[- ]of[- ]the[- ]blue|cold (?:email|message)|(?:worth|figured it was worth) a shot",
    ("blue", "cold", "worth"),
    family="out of the blue",
)
add(
    "outreach",
    0.7,
    r"confidential (?:search|role|client|position)|stealth",
    ("confidential", "stealth"),
    family="confidential search",
)
add(
    "outreach",
    0.55,
    r"(?:quick|brief|short) (?:chat|call|conversation)\??|(?:do you )?have (?:some )?time to "
    r"(?:chat|talk|connect)|(?:open|available) to (?:connecting|chatting)",
    ("chat", "call", "conversation", "connect"),
    family="quick chat",
)
add(
    "outreach",
    0.55,
    r"(?:salary|comp(?:ensation)?|base) (?:\+|and|plus) (?:equity|bonus)|"
    r"(?:a role|a position|an opportunity) (?:with|at) [a-z]",
    ("equity", "bonus", "role", "position", "opportunity"),
    family="role with",
)
add(
    "outreach",
    0.6,
    r"invite you to (?:try|join|sign up|check out)|join (?:our )?(?:talent )?(?:marketplace|"
    r"network|"
    r"platform)",
    ("invite you", "join"),
    family="join our platform",
)
add(
    "outreach",
    0.5,
    r"your next (?:career )?(?:move|step|role|challenge|opportunity)",
    "your next",
    family="your next move",
)

# ---------------------------------------------------------------- job alerts and digests
add(
    "job_alert",
    0.92,
    r"job alerts?|jobs? (?:you may|you might|that may|that might|we think you(?:'ll| will|'d)?) "
    r"(?:be interested in|like|love)|new jobs? (?:for you|match|matching|that match|posted|in |"
    r"near )|"
    r"jobs? (?:based on|matching|that match) your (?:profile|preferences|search|skills|interests)|"
    r"job recommendations|recommended jobs|top job picks|jobs? for you|new job matches|job matches",
    ("job",),
    family="job alert",
)
add(
    "job_alert",
    0.8,
    r"\d+\+? (?:new )?(?:jobs|job matches|job openings|openings|opportunities) (?:for|match|in|"
    r"near|that|at)|(?:see|view|browse|explore) (?:all|more|similar|other) (?:jobs|openings|"
    r"positions|roles)|"
    r"similar jobs|saved (?:job )?search|be an early applicant|be one of the first",
    ("job", "opening", "opportunit", "search", "applicant", "first", "position", "role"),
    family="jobs digest",
)
add(
    "job_alert",
    0.45,
    r"easy apply|apply now|actively (?:hiring|recruiting)|is hiring|promoted|"
    r"new (?:[a-z0-9+#-]+ ){0,3}jobs",
    ("apply", "hiring", "recruiting", "promoted", "jobs"),
    family="apply now",
)
add(
    "job_alert",
    0.5,
    r"(?:unsubscribe|manage|turn off|edit)(?: from)? (?:this|these|your|job)? ?"
    r"(?:alerts?|job alerts?|email (?:alerts|preferences|frequency))",
    ("alert", "preferences", "frequency"),
    family="manage alerts",
)

# ---------------------------------------------------------------- marketing and newsletters
add(
    "marketing",
    0.5,
    r"unsubscribe|opt[- ]out|email preferences|manage (?:your )?subscription",
    ("unsubscribe", "opt", "preferences", "subscription"),
    family="unsubscribe",
)
add(
    "marketing",
    0.6,
    r"view (?:this email |it |this message )?(?:in|on|as a) (?:your |a )?(?:web )?"
    r"(?:browser|web page|webpage)",
    "view",
    family="view in browser",
)
add(
    "marketing",
    0.7,
    r"newsletter|weekly digest|monthly digest|digest of|this week in|top stories|"
    r"weekly roundup|edition",
    ("newsletter", "digest", "this week in", "top stories", "roundup", "edition"),
    family="newsletter",
)
add(
    "marketing",
    0.85,
    r"\d+ ?% off|(?:flash|big|holiday|summer|winter|clearance|black friday|cyber monday|"
    r"end of season) (?:sale|savings|deals?)|sale ends|(?:special|exclusive|limited[- ]time|"
    r"limited|holiday|"
    r"introductory|promotional|amazing|great|best|early[- ]bird|seasonal|bonus|welcome) (?:offers?|"
    r"deals?|"
    r"savings|discounts?|pricing|price)",
    ("off", "sale", "deal", "saving", "offer", "discount", "pric"),
    family="sale",
)
add(
    "marketing",
    0.8,
    r"(?:promo|coupon|discount|voucher) codes?|free (?:shipping|trial|gift|delivery|vacation|"
    r"month)|shop now|buy now|order now|don't miss (?:out|this)|act now|while supplies last|new "
    r"arrivals|"
    r"latest collection|first purchase",
    (
        "code",
        "free",
        "shop",
        "buy",
        "order now",
        "miss",
        "act now",
        "supplies",
        "arrivals",
        "collection",
        "purchase",
    ),
    family="shop now",
)
add(
    "marketing",
    0.85,
    r"you(?:'ve| have) (?:won|been selected to win)|claim your (?:prize|reward|gift)|winner|"
    r"click (?:here )?(?:immediately|now) to|verify your (?:login|credentials)",
    ("won", "claim", "winner", "click", "verify"),
    family="prize",
)
add(
    "marketing",
    0.6,
    r"webinar|register now|save your (?:seat|spot)|rsvp|join us (?:for|at) (?:our|a|the) "
    r"(?:free|virtual|live)|live event",
    ("webinar", "register", "save your", "rsvp", "join us", "live event"),
    family="webinar",
)
add(
    "marketing",
    0.8,
    r"(?:(?:this|it) is )?not (?:an? )?(?:offer for an? )?(?:job|employment)? ?offer(?: for a "
    r"job)?|"
    r"(?:job )?placement (?:program|assistance)|fee[- ]based|bootcamp|upskill|training program|"
    r"guaranteed (?:job|interview)s?",
    ("offer", "placement", "fee", "bootcamp", "upskill", "training", "guaranteed"),
    family="job marketing",
)
add(
    "anti_offer",
    1.0,
    r"not (?:an? )?(?:offer for an? )?(?:job|employment)? ?offer|(?:job )?placement program|"
    r"fee[- ]based",
    ("offer", "placement", "fee"),
    family="not a job offer",
)

# ---------------------------------------------------------------- receipts
add(
    "receipt",
    0.8,
    r"your (?:order|purchase|payment|receipt|invoice|subscription)(?! of your application)\b"
    r"|order (?:#|number|no\.?|confirmation|has shipped|shipped|status)|(?:has|have) shipped|"
    r"track(?:ing)? (?:number|link|your (?:package|order|shipment))|thank you for your (?:order|"
    r"purchase|payment)|"
    r"payment (?:received|confirmation|successful|failed)|amount (?:charged|paid|due)|invoice #",
    (
        "order",
        "purchase",
        "payment",
        "receipt",
        "invoice",
        "subscription",
        "shipped",
        "track",
        "amount",
    ),
    family="receipt",
)

# ---------------------------------------------------------------- notifications
add(
    "notification",
    0.8,
    r"statement (?:is )?(?:now )?(?:available|ready)|(?:verify|confirm) your (?:account|"
    r"email address|identity)|password (?:reset|change|expir)|security (?:alert|code)|new sign-in|"
    r"unusual (?:activity|sign)|account (?:suspension|suspended|will be suspended|at risk|"
    r"security)|"
    r"data usage|billing cycle|subscription (?:renewal|expires|will renew)|renew (?:now|your)|"
    r"reply to this email directly|view it on github|mailing list|mailman/listinfo|listinfo|"
    r"viewed your profile|connection request|endorsed you|commented on|mentioned you|"
    r"your (?:monthly|weekly) (?:statement|summary|report)|two-factor|verification code|one-time "
    r"(?:code|password)",
    (
        "statement",
        "verify",
        "confirm",
        "password",
        "security",
        "sign-in",
        "unusual",
        "account",
        "usage",
        "billing",
        "subscription",
        "renew",
        "reply to this email",
        "github",
        "mailing list",
        "listinfo",
        "viewed",
        "connection",
        "endorsed",
        "commented",
        "mentioned",
        "monthly",
        "weekly",
        "two-factor",
        "code",
    ),
    family="account notification",
)

# ---------------------------------------------------------------- auto-replies
add(
    "auto_reply",
    0.92,
    r"(?:i am|i'm|i will be|i'll be|i was) (?:currently |now )?(?:out of (?:the )?office|ooo|"
    r"away from (?:the office|my desk|email)|on (?:annual |parental |maternity |paternity |sick |"
    r"medical )?leave|"
    r"on (?:vacation|holiday|pto|a business trip)|travell?ing (?:with|and)|off (?:work|until)|"
    r"out (?:until|through|from))",
    ("i am", "i'm", "i will", "i'll", "i was"),
    family="out of office",
)
add(
    "auto_reply",
    0.9,
    r"(?:limited|no|intermittent|restricted) access to (?:my )?(?:e-?mail|inbox|messages)|"
    r"(?:will|shall) (?:respond|reply|get back to you|return your (?:e-?mail|message)|answer)"
    r"(?: to (?:your|it|all))?(?: (?:e-?mails?|messages?))?(?: as soon as possible| promptly)? "
    r"(?:when|upon|once|after)"
    r" (?:i|my) (?:return|get back|am back)",
    ("access", "respond", "reply", "get back", "return", "answer"),
    family="will reply on return",
)
add(
    "auto_reply",
    0.95,
    r"^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|out of (?:the )?office|"
    r"ooo\b|abwesenheitsnotiz|r[ée]ponse automatique|away:|vacation reply|on leave)",
    ("auto", "out of", "ooo", "abwesen", "ponse", "away", "vacation", "leave"),
    scope="subject",
    family="subject: automatic reply",
)
add(
    "auto_reply",
    0.5,
    r"out of (?:the )?office|back in (?:the )?office on|returning (?:to the office )?on|"
    r"for urgent (?:matters|issues|requests|enquiries|inquiries)|this is an automat(?:ed|ic) "
    r"(?:reply|response)",
    ("out of", "back in", "returning", "urgent", "automat"),
    family="away",
)

# ---------------------------------------------------------------- additions from hand-written cases
add(
    "invite",
    0.8,
    r"(?:want|like|wish|plan|hope|happy) to (?:have|hold|do|conduct|arrange|get to know you "
    r"(?:better )?in)"
    r" (?:the |a |an |your )?(?:[a-z-]+ )?interview",
    ("interview",),
    neg=True,
    family="want to have an interview",
)
add(
    "update",
    0.6,
    r"thank(?:s| you)(?: so much)? for (?:completing|submitting|finishing|doing) (?:the |your |our "
    r")?"
    r"(?:[a-z-]+ )?(?:assessment|challenge|test|exercise|assignment|take-home|task|case study)|"
    r"(?:received|reviewing|review|evaluate|evaluating) your (?:submission|assessment|take-home|"
    r"test "
    r"results|coding (?:test|exercise|challenge))",
    (
        "complet",
        "submit",
        "finish",
        "doing",
        "submission",
        "assessment",
        "take-home",
        "coding",
        "test",
    ),
    family="assessment received",
)
add(
    "update",
    0.55,
    r"need (?:a little |a bit |some )?(?:more|extra) time|trying to (?:accelerate|speed up|"
    r"expedite|"
    r"move (?:things )?(?:quickly|faster))|(?:timeline|timing|process) (?:has )?(?:shifted|changed|"
    r"slipped)",
    ("time", "trying", "shift", "chang", "slipp"),
    family="need more time",
)
add(
    "rejection",
    0.55,
    r"(?:have|had) to (?:inform|tell|let) you",
    ("inform", "tell", "let"),
    cond=True,
    family="have to inform you",
)
add(
    "invite",
    0.72,
    r"(?:would|does|will|could|can) (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|next "
    r"week|this week|"
    r"either|any of (?:these|those)|one of (?:these|those)|that|this time)[^.?\n]{0,30}? (?:work|"
    r"suit|be "
    r"(?:ok|okay|good|possible|convenient|better))",
    ("work", "suit", "be "),
    family="would tuesday work",
)
add(
    "invite",
    0.6,
    r"(?:call|chat|meeting|conversation|interview) with (?:our|the|my) (?:vp|ceo|cto|coo|founders?|"
    r"co-founders?|hiring manager|head of|director|team lead|engineering manager|manager)",
    ("with our", "with the", "with my"),
    neg=True,
    family="call with our vp",
)
add(
    "invite",
    0.86,
    r"offer you (?:an? |the )?(?:(?:opportunity|chance) to interview|interview|(?:phone|video|"
    r"first|"
    r"second|final|technical|onsite|on-site) (?:interview|screen|call))",
    ("offer you",),
    neg=True,
    family="offer you an interview",
)
add(
    "rejection",
    0.92,
    r"(?:continue|proceed|go on|move on) (?:the |our |this )?(?:process|recruitment|selection|"
    r"search) with "
    r"(?:other|another|different|a different)",
    ("process", "recruitment", "selection", "search"),
    cond=True,
    family="continue the process with others",
)
add(
    "invite",
    0.62,
    r"(?:would|'d) (?:like|love) to (?:meet|speak with|talk to|talk with|chat with|get to know) "
    r"you",
    ("like to", "love to"),
    neg=True,
    family="would like to meet you",
)
add(
    "invite",
    0.6,
    r"reschedul",
    ("reschedul",),
    family="reschedule word",
)
add(
    "invite",
    0.68,
    r"what does your (?:calendar|schedule|availability|week) look like|what(?:'s| is) your "
    r"availability|"
    r"when (?:are|would) you (?:be )?(?:available|free)",
    ("calendar", "schedule", "availability", "week", "available", "free"),
    family="what does your calendar look like",
)
add(
    "rejection",
    0.88,
    r"(?:decided|had|have|need|needed) to (?:close|cancel|withdraw|pause hiring for|stop hiring "
    r"for|pause|freeze|put on hold) "
    r"(?:the|this|our) (?:role|position|opening|requisition|search|vacancy|hiring)|"
    r"will not be hiring for",
    ("close", "cancel", "withdraw", "hiring for", "pause", "freeze", "hold"),
    cond=True,
    family="decided to close the role",
)
add(
    "rejection",
    0.93,
    r"(?:chosen|chose|selected|hired|picked|gone with|went with|decided on|offered (?:it|the role|"
    r"the "
    r"position|the job) to|go with) someone else",
    ("someone else",),
    cond=True,
    family="chosen someone else",
)
add(
    "update",
    0.66,
    r"(?:status of your application|application status|your application|your candidacy) (?:for "
    r"[^.\n]{1,60} )?"
    r"(?:has|have) (?:been )?(?:changed|updated)|status (?:has )?(?:changed|been updated)",
    ("changed", "updated"),
    family="status changed",
)

# ------------------------------------------------ phrase families found with the blind set
# "selected candidates whose qualifications more closely meet our needs": the comparison
# itself says someone else fits better, with or without "other".
_CLOSER = (
    r"(?:(?:more |most )?(?:closely|directly|strongly) (?:match|meet|align|fit|suit|correspond)"
    r"|(?:better|closer) (?:match|meet|align|fit|suit)"
    r"|(?:a |the )?(?:closer|better|stronger|best|more suitable|more relevant) (?:match|fit)"
    r"|more (?:aligned|suited|relevant|suitable|experienced|qualified)"
    r"|(?:have|has|had|bring|brings|with) (?:a bit |slightly )?(?:more|stronger|deeper|broader) "
    r"(?:relevant |direct |hands-on )?(?:experience|background|expertise|skills))"
)
add(
    "rejection",
    0.9,
    r"(?:candidates?|applicants?|individuals?|people|someone|profiles?|finalists?) "
    r"(?:whose|who|that|with) (?:[a-z'-]+ ){0,6}?" + _CLOSER,
    ("whose", "who", "that", "with"),
    cond=True,
    family="candidates who match better",
)
# "another finalist was a stronger fit": the comparison told as a settled fact.
add(
    "rejection",
    0.88,
    r"(?:another|a different|the other|other) (?:candidates?|applicants?|finalists?|people|"
    r"individuals?|person) (?:was|were) (?:a |the )?(?:much |slightly )?(?:stronger|better|closer|"
    r"more suitable) (?:fit|match)",
    ("another", "a different", "the other", "other"),
    cond=True,
    family="another candidate was a better fit",
)
add(
    "rejection",
    0.85,
    r"(?:won't|will not|not|no longer) be (?:continuing|proceeding|moving forward) (?:with )?"
    r"(?:the |your |this |our )?(?:interview |hiring |recruitment |selection |application )?"
    r"(?:process|candidacy|application|interviews)",
    ("won't", "not", "no longer"),
    cond=True,
    family="not continuing the process",
)
add(
    "offer",
    0.6,
    r"(?:love|like|excited|thrilled|delighted|happy|can't wait|cannot wait|looking forward|"
    r"hope|hoping) to (?:have|having|welcome|welcoming) you (?:on board|aboard|join|to join|"
    r"on the team|to the team|as (?:our|a|the) )",
    ("have", "having", "welcom"),
    neg=True,
    family="welcome aboard",
)
add(
    "offer",
    0.86,
    r"(?:revised|updated|improved|amended|new|final|counter|adjusted|increased) "
    r"(?:the |our |your |an? )?offer(?!s)|offer (?:has been|was|is now) (?:revised|updated|"
    r"improved|amended|increased|approved)",
    ("offer",),
    neg=True,
    family="revised offer",
)
add(
    "offer",
    0.82,
    r"^(?:your |job |formal |written |updated |revised |new |final )?offer\b(?! (?:ends|expires|"
    r"code|inside|for you|just for|of the (?:week|day)))",
    "offer",
    scope="subject",
    family="subject: offer",
)
add(
    "update",
    0.7,
    r"decision (?:is|has|was) (?:not yet|not|still not) (?:yet )?(?:been )?(?:taken|made|reached|"
    r"finali[sz]ed)|no (?:news|updates?|decision|feedback) (?:yet|so far|to share yet|at the "
    r"moment)|nothing (?:new|to report|to share) (?:yet|so far)|(?:still )?waiting to hear back "
    r"from the (?:team|hiring manager|client)",
    ("decision", "no ", "nothing", "waiting"),
    family="no decision yet",
)
add(
    "update",
    0.55,
    r"need (?:a little |a bit |some |a few |a couple of |a couple )?(?:more|extra|additional) "
    r"(?:time|days|weeks)",
    ("more", "extra", "additional"),
    family="need more time",
)
add(
    "update",
    0.6,
    r"(?:could|can|would) you (?:please )?(?:send|share|provide|forward)(?: me| us| over)? "
    r"(?:the )?(?:names|contact details|details)?(?: of| for)? ?(?:two|three|a few|some|your|2|3)? "
    r"?(?:professional )?references",
    "reference",
    family="asks for references",
)
add(
    "ack",
    0.8,
    r"thank(?:s| you)(?: so much| very much)? for (?:sending|forwarding|sharing|submitting|"
    r"emailing)(?: over| through| across)? (?:your|the|a copy of your) (?:cv|resume|application|"
    r"r[ée]sum[ée]|cover letter|details|documents)",
    ("thank",),
    family="thanks for sending your cv",
)
add(
    "ack",
    0.55,
    r"(?:pass|passed|passing|forward|forwarded|forwarding|share|shared|sharing) (?:it|them|"
    r"your (?:cv|resume|application|details|profile)) (?:on |along )?(?:to|with) (?:the |our |my "
    r")?(?:hiring (?:manager|team|lead)|recruiting team|team lead|manager)",
    ("pass", "forward", "shar"),
    family="passed on to the hiring manager",
)
add(
    "ack",
    0.6,
    r"(?:review|reviews|reviewing|read|reads|look at|looks at) (?:every|each|all) "
    r"(?:application|applicant|candidate|resume|cv|submission)s?",
    ("every", "each", "all"),
    family="we review every application",
)
add(
    "ack",
    0.45,
    r"thank(?:s| you)(?: so much| very much)? for your interest in (?:the |our )?"
    r"(?:[a-z&/-]+ ){0,6}?(?:role|position|opening|job|vacancy)",
    ("thank",),
    family="thank you for your interest",
)

# ---------------------------------------------------------------- mail about something else
# Housing, talks, insurance, school, loans: the same words ("application", "unfortunately",
# "another applicant", "offer") with no job in sight. Only decides when no job word is present.
add(
    "nonjob",
    1.0,
    r"apartment|landlord|tenan(?:t|cy)|lease|letting agent|lettings|rental|(?:the|this) property|"
    r"volunteer(?:ing|s)?|"
    r"(?:flat|apartment|property|house) viewing|viewing (?:the|of the) (?:flat|apartment|"
    r"property|house)|mortgage|(?:talk|paper|session) (?:proposal|submission|abstract)|"
    r"call for (?:papers|proposals|speakers)|program committee|programme committee|"
    r"speaker|(?:car|home|travel|contents|pet|life) insurance|insurance (?:policy|premium|"
    r"renewal|quote|cover)|(?:your|the) (?:policy|premium|cover) (?:renews|is due|will renew)|"
    r"admissions?|scholarship|grant application|loan application|credit card|"
    r"membership application|visa application|passport|residence permit|citizenship|"
    r"(?:library|loyalty|store|gym|parking|student|bus|transit) card|(?:parking|building|"
    r"fishing|hunting|liquor|business) (?:permit|licen[cs]e)|"
    r"naturali[sz]ation|immigration (?:case|application)|(?:benefits|tax|pension) claim",
    (
        "apartment",
        "volunteer",
        "landlord",
        "tenan",
        "lease",
        "letting",
        "rental",
        "property",
        "viewing",
        "mortgage",
        "talk",
        "paper",
        "session",
        "policy",
        "call for",
        "committee",
        "speaker",
        "premium",
        "insurance",
        "renewal",
        "admission",
        "scholarship",
        "application",
        "credit card",
        "passport",
        "permit",
        " card",
        "licen",
        "citizenship",
        "naturali",
        "immigration",
        "claim",
    ),
    family="not a job",
)
# Social mail to a group or about a party: a scheduling question there is no interview.
add(
    "personal",
    0.6,
    r"bbq(?:s|[ .,!?\n])|barbecue|birthday|potluck|housewarming|wedding|brunch|baby shower|"
    r"free for dinner|dinner (?:on|at|tonight|this)|celebrate|"
    r"doodle\.com/poll|"
    r"beers? (?:on|after|this|tonight)|drinks (?:on|after|this|tonight)",
    (
        "bbq",
        "barbecue",
        "birthday",
        "potluck",
        "housewarming",
        "wedding",
        "brunch",
        "shower",
        "dinner",
        "celebrat",
        "doodle",
        "beer",
        "drinks",
    ),
    family="social plans",
)
add(
    "personal",
    0.5,
    r"^(?:hi|hello|hey|dear) (?:all|everyone|everybody|folks|guys|y'all|friends)\b",
    ("all", "every", "folks", "guys", "y'all", "friends"),
    boundary=False,
    family="group greeting",
)
add(
    "update",
    0.58,
    r"thank(?:s| you)(?: again| so much| very much)? for your time (?:yesterday|today|this "
    r"(?:morning|afternoon|week)|earlier|last week|on (?:mon|tues|wednes|thurs|fri)day)|"
    r"(?:it was |was )?(?:great|nice|lovely|a pleasure|good|wonderful|a delight) (?:to )?"
    r"(?:speak|talk|chat|meet|connect)(?:ing)? (?:with )?you",
    ("thank", "great", "nice", "lovely", "pleasure", "good", "wonderful", "delight"),
    family="thanks for interviewing",
)
add(
    "update",
    0.55,
    r"(?:passed|shared|forwarded|sent) (?:the|your) (?:updated |revised |new |latest )?"
    r"(?:portfolio|references|work samples?|answers|notes|documents|details|information|"
    r"certificates|transcripts?) (?:on |along )?(?:to|with) (?:the|our) (?:hiring|interview) "
    r"(?:team|manager|panel)",
    ("passed", "shared", "forwarded", "sent"),
    family="passed your documents on",
)
add(
    "update",
    0.5,
    r"(?:you'll|you will|you should|you can expect to|you'd) (?:hear|receive (?:an|our) "
    r"(?:answer|update|decision))(?: back)?(?: from (?:us|me|the team))?",
    ("hear", "receive"),
    family="will be in touch",
)
add(
    "update",
    0.5,
    r"(?:^|[-|:\u2013] ?)(?:an? )?(?:quick |short |brief |status |application |process )?"
    r"update(?: on| regarding| about| re\b|$)",
    "update",
    scope="subject",
    boundary=False,
    family="subject: update",
)

# ------------------------------------------------ phrase families found with the second blind set
add(
    "rejection",
    0.9,
    r"(?:won't|will not|not|n't) (?:be )?(?:taking|take) (?:things|it|this|matters|your "
    r"(?:application|candidacy)|you) (?:any )?further",
    ("won't", "will not", "not", "n't"),
    cond=True,
    family="not taking it further",
)
add(
    "rejection",
    0.9,
    r"(?:another|other|a different|the successful) (?:applicant|candidate|person)s? (?:had|has|"
    r"have|with|who had|who has|brought|offered) (?:a bit |slightly |somewhat |a little )?(?:more|"
    r"stronger|deeper|broader|greater|closer|better)",
    ("applicant", "candidate", "person"),
    cond=True,
    family="another candidate had more",
)
add(
    "rejection",
    0.9,
    r"(?:clos(?:e|ing)|withdraw(?:ing)?|archiv(?:e|ing)|reject(?:ing)?|declin(?:e|ing)) (?:out )?"
    r"(?:your|the) (?:application|candidacy|candidature|file)",
    ("clos", "withdraw", "archiv", "reject", "declin"),
    cond=True,
    family="closing your application",
)
add(
    "rejection",
    0.92,
    r"(?:hire|hired|hiring|appoint|appointed|appointing|go with|went with|gone with|promote|"
    r"promoted|select|selected|offer(?:ed)? (?:it|the (?:role|position|job)) to|chose|chosen|"
    r"fill(?:ed)? (?:it|the (?:role|position)) with) (?:an? )?internal (?:candidate|applicant|"
    r"hire|colleague|employee)",
    ("intern",),
    cond=True,
    family="internal candidate",
)
add("rejection", 0.3, r"i'm afraid|i am afraid", ("afraid",), family="unfortunately")
add(
    "invite",
    0.82,
    r"(?:are|would|will) you (?:be )?(?:available|free|around|up) (?:for|to (?:have|do|join)) "
    r"(?:an? |our )?(?:quick |short |brief |first |initial |introductory |intro |video |phone "
    r"|\d+[- ]?min(?:ute)?s? )*(?:call|chat|conversation|interview|meeting|screen|video call|"
    r"phone call)",
    ("available", "free", "around", "up "),
    neg=True,
    family="are you free for a call",
)
add(
    "invite",
    0.8,
    r"(?:could|can|would) you (?:do|make|jump on|hop on|join|manage) (?:a |an )?(?:quick |short "
    r"|brief |\d+[- ]?min(?:ute)? )?(?:call|chat|meeting|interview|video call)",
    ("could", "can", "would"),
    neg=True,
    family="could you do a call",
)
add(
    "invite",
    0.78,
    r"(?:do|would) you have (?:\d+|a few|some|fifteen|twenty|thirty|half an hour)? ?(?:minutes?|"
    r"mins?|time)? ?(?:this week|next week|tomorrow|today|on (?:mon|tues|wednes|thurs|fri)day|"
    r"later)? ?(?:for|to) (?:a |an )?(?:quick |short |brief )?(?:call|chat|conversation|"
    r"catch-up|talk)",
    ("do you", "would you"),
    neg=True,
    family="do you have time for a chat",
)
add(
    "invite",
    0.85,
    r"(?:like|love|want|invite) you to come (?:in|into|by|over|to (?:our|the) office)(?: to "
    r"(?:our|the) office)? (?:and|to) (?:meet|speak|chat|talk)|come in and meet (?:the|our)",
    ("come",),
    neg=True,
    family="come in and meet the team",
)
add(
    "invite",
    0.85,
    r"(?:have|see|welcome|host|meet) you (?:for|in|at) (?:an? |the |our )?(?:final |second |next "
    r"|third |first |onsite |on-site |technical |panel |in-person )?(?:round|interview|onsite|"
    r"on-site|visit|panel)",
    ("have you", "see you", "welcome you", "host you", "meet you"),
    neg=True,
    family="have you for a final round",
)
add(
    "invite",
    0.72,
    r"(?:would|does|will|could|can) (?:next |this )?(?:(?:mon|tues|wednes|thurs|fri)day|\d{1,2}"
    r"(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d)[^.?\n]{0,30}? (?:work|suit|be (?:ok|okay|good|possible|"
    r"convenient|better))",
    ("work", "suit", "be "),
    family="would tuesday work",
)
# Workday and friends: the application itself moved on. News, not yet an invitation.
add(
    "update",
    0.85,
    r"(?:application|candidacy|profile|status) (?:for [^.\n]{1,60}? )?(?:has |have |was )?"
    r"(?:now )?(?:been )?(?:moved|advanced|progressed|updated|changed) (?:forward )?(?:to|into) "
    r"(?:the )?(?:next|following|a new) (?:stage|step|phase|status)",
    ("moved", "advanced", "progressed", "updated", "changed"),
    family="application moved on",
)
add(
    "update",
    0.8,
    r"(?:moved|transferred|switched) your (?:application|candidacy|cv|resume|profile) (?:across|"
    r"over|to)\b",
    ("moved", "transferred", "switched"),
    neg=True,
    family="application moved on",
)
add(
    "update",
    0.5,
    r"no action (?:is )?(?:needed|required)|nothing (?:is )?(?:needed|required) from you",
    ("action", "nothing"),
    family="no action needed",
)
add(
    "update",
    0.55,
    r"(?:hiring manager|hiring team|interviewer|recruiter|manager|team lead|panel|client) "
    r"(?:is|are|has been|was|will be) (?:currently )?(?:out|away|off|travell?ing|on (?:[a-z]+ )?"
    r"leave|on (?:vacation|holiday)|sick|unwell|at a conference)|finali[sz]e (?:the|a|our|their) "
    r"(?:shortlist|decision|selection)|keep you posted",
    ("manager", "team", "interviewer", "recruiter", "lead", "panel", "client", "finali", "posted"),
    family="debrief",
)
add(
    "ack",
    0.85,
    r"application (?:for (?:the )?[^.\n]{1,60} )?is in\b|(?:we've|we have) got (?:it|your "
    r"(?:application|cv|resume))",
    ("is in", "got"),
    family="application received",
)
# Someone else's news about the user ("heard you got the offer!"), lists and tips about offers:
# no offer of an employer's.
add(
    "anti_offer",
    1.0,
    r"(?:heard|hear) (?:that )?you (?:got|landed|accepted|received)|congrat\w* on (?:the|your) "
    r"(?:new (?:job|role|position|gig)|job offer|offer)|(?:get|getting|land|landing|negotiate|"
    r"negotiating|evaluate|evaluating|compare|comparing) (?:an? |your next |multiple |more )?"
    r"(?:job )?offers?\b",
    ("hear", "congrat", "get", "land", "negotiat", "evaluat", "compar"),
    family="someone's offer",
)
add(
    "personal",
    0.85,
    r"(?:heard|hear) (?:that )?you (?:got|landed|accepted)|congrat\w* on (?:the|your) new "
    r"(?:job|role|position|gig)",
    ("hear", "congrat"),
    family="news about you",
)
add(
    "marketing",
    0.8,
    r"\d+ (?:signs|tips|ways|reasons|things|mistakes|questions|steps|secrets|habits) (?:you|to|"
    r"that|for|why|every|hiring)",
    ("signs", "tips", "ways", "reasons", "things", "mistakes", "questions", "steps", "secrets"),
    family="listicle",
)

# ------------------------------------------------ combinations of cues (when no set phrase fires)
# A softener, a negation and a verb of the process in one sentence: "Unfortunately, we are not
# in a position to consider your application further."
add(
    "rejection",
    0.8,
    r"(?:unfortunately|regrettably|sadly|i'm afraid|i am afraid|we're sorry|we are sorry|i'm "
    r"sorry)[^.?!\n]{0,80}?(?:not|n't|unable|no longer|cannot)[^.?!\n]{0,30}?(?:move|moving|"
    r"proceed|progress|advanc|continu|take|taking|consider|offer(?! relocation| sponsorship)|"
    r"select|invit|shortlist|pursu|hire|hiring)(?![^.?!\n]{0,30}?(?:this|that|the|your) "
    r"(?:approach|change|pr\b|pull request|proposal|plan|project|idea|feature|design|patch))"
    # ... and about the candidate or the process, not the book club
    r"(?=[^.?!\n]{0,40}?(?:\byou\b|your|applica|candida|role|position|process|interview|"
    r"further|forward|next|stage|offer))",
    ("unfortunately", "regrettably", "sadly", "afraid", "sorry"),
    cond=True,
    family="sorry, not moving on",
)
# A question that names a day or time and a meeting: "Could we talk on Thursday afternoon?"
add(
    "invite",
    0.72,
    r"(?:call|chat|meet|meeting|talk|interview|conversation|catch up|coffee|zoom|teams)"
    r"[^.?!\n]{0,60}?(?:(?:mon|tues|wednes|thurs|fri)day|tomorrow|next week|this week|"
    r"\d(?::\d\d)? ?(?:am|pm))[^.?!\n]{0,40}\?|(?:(?:mon|tues|wednes|thurs|fri)day|tomorrow|"
    r"next week|this week|\d(?::\d\d)? ?(?:am|pm))[^.?!\n]{0,60}?(?:call|chat|meet|talk|"
    r"interview|conversation|catch up|coffee)[^.?!\n]{0,40}\?",
    ("?",),
    neg=True,
    family="what times work",
)

# ------------------------------------------------ phrase families found with the third blind set
add(
    "rejection",
    0.92,
    r"(?:offer|offered|offering|give|given|gave|giving) (?:the|this) (?:role|position|job|post) "
    r"to (?:someone|another|a different|an internal|a candidate|an applicant|one of)",
    ("offer", "give", "gave"),
    neg=True,
    cond=True,
    family="selected another candidate",
)
add(
    "rejection",
    0.9,
    r"(?:we've|we have|we|i've|i have|they've|they have|the client has) (?:now |already |just )?"
    r"filled (?:it|the (?:role|position|job|vacancy|post)|this (?:role|position|job|vacancy))",
    ("filled",),
    cond=True,
    family="filled the position",
)
add(
    "rejection",
    0.55,
    r"good luck (?:with|in|on) (?:the|your) (?:job )?(?:search|hunt|future|next steps)",
    "good luck",
    family="best wishes",
)
add(
    "offer",
    0.9,
    r"(?:want|wants|would like|'d like|decided|are going|is going|ready|excited|happy|delighted|"
    r"pleased|thrilled) to (?:hire you|bring you on(?: board)?|welcome you (?:to|on|aboard))",
    ("hire", "bring you", "welcome you"),
    neg=True,
    family="we want to hire you",
)
add(
    "offer",
    0.45,
    r"(?:can|could) you start (?:on|in|by|next|from)|when (?:can|could|would) you (?:be able to )?"
    r"start",
    ("start",),
    family="start date asked",
)
add(
    "invite",
    0.85,
    r"(?:reminder|remind you)(?: that)?(?: of)? your (?:upcoming |scheduled )?(?:[a-z-]+ )?"
    r"(?:interview|call|meeting|assessment|onsite|on-site|screen)|your (?:[a-z-]+ )?interview "
    r"(?:for [^.\n]{1,60} )?(?:is|will be) (?:tomorrow|today|on|at|scheduled|confirmed|set)",
    ("remind", "interview"),
    neg=True,
    family="interview reminder",
)
add(
    "invite",
    0.75,
    r"(?:pick|choose|select) (?:one|any) of (?:these|those|the following)(?: (?:times|slots|dates|"
    r"options))?",
    ("pick", "choose", "select"),
    family="pick a time",
)
add(
    "update",
    0.7,
    r"(?:cancel|cancelled|canceled|cancelling|canceling|postpone|postponed|postponing) "
    r"(?:tomorrow's|today's|the|your|our|this week's) (?:[a-z-]+ )?(?:interview|call|meeting|"
    r"onsite|session)",
    ("cancel", "postpon"),
    family="interview cancelled",
)
add(
    "update",
    0.58,
    r"(?:will|'ll|shall) (?:let you know|get back to you|be in touch|update you|come back to you|"
    r"follow up|reach out|contact you|write to you)(?: with [a-z ]{1,30}?)? (?:by |on |before "
    r"|within |in |early |next |tomorrow|today|this |later|after|once|as soon as)",
    ("will", "'ll", "shall"),
    family="promise with a time",
)
add(
    "update",
    0.5,
    r"(?:meeting|meet|talking|talk|discussing|discuss|deciding|decide) (?:about|on)? ?(?:it|you|"
    r"your (?:application|candidacy|interview)|the candidates|all (?:the )?candidates|candidates)"
    r" (?:this|today|tomorrow|on|later|next)",
    ("meet", "talk", "discuss", "decid"),
    family="debrief",
)
add(
    "job_alert",
    0.8,
    r"complete your profile|update your profile|(?:get|receive) (?:more )?interview requests|"
    r"companies (?:on|using) [a-z]+ (?:are|want)",
    ("profile", "interview requests", "companies"),
    family="talent marketplace",
)

# ------------------------------------------------ phrase families found with the fourth blind set
add(
    "rejection",
    0.92,
    r"decided against (?:moving forward|proceeding|progressing|continuing|your (?:application|"
    r"candidacy)|it|hiring you|offering)",
    ("against",),
    cond=True,
    family="decided not to proceed",
)
add(
    "rejection",
    0.7,
    r"(?:need|needed|want|wanted|looking for|went for|decided on) (?:someone|somebody|a candidate|"
    r"a person) (?:with|who has|who had) (?:a bit |slightly |much )?(?:more|stronger|deeper|"
    r"broader|more direct)",
    ("someone", "somebody", "candidate", "person"),
    cond=True,
    family="another candidate had more",
)
add(
    "rejection",
    0.9,
    r"no longer (?:considering|interviewing|accepting|reviewing) (?:candidates|applications|"
    r"applicants)|(?:we|we've|we have|they|they've|the client has) (?:now |already )?found "
    r"(?:someone|somebody|the right (?:person|candidate)|a candidate|our (?:new )?(?:hire|"
    r"candidate))",
    ("no longer", "found"),
    cond=True,
    family="chosen someone else",
)
add(
    "offer",
    0.7,
    r"(?:part of|in|into|update|updated|updating|revise|revised|amend|amended|to) (?:the|your|"
    r"our) offer(?!s)\b(?! (?:code|page|ends|expires))",
    ("offer",),
    neg=True,
    family="revised offer",
)
add(
    "invite",
    0.82,
    r"(?:interested in|like to|able to|would you|could you|can you) (?:coming|come) (?:in|to|"
    r"into|by|over|down)[^.?\n]{0,40}? (?:for|to) (?:an? |the )?(?:[a-z-]+ )?(?:interview|chat|"
    r"meeting|visit|conversation)",
    ("coming", "come"),
    neg=True,
    family="come in and meet the team",
)
add(
    "invite",
    0.7,
    r"which (?:day|days|date|dates|time|times) (?:in |of )?(?:next|this|the coming) week (?:is|are|"
    r"would be|works?|suits?) (?:possible|convenient|good|ok|okay|best|for you)",
    ("which",),
    family="what times work",
)
add(
    "update",
    0.6,
    r"(?:chased|nudged|pinged|followed up with|spoke (?:to|with)|checked (?:in )?with|heard from) "
    r"(?:the )?(?:hiring manager|client|team|recruiter|panel|hr)|promised (?:me |us |you )?"
    r"(?:feedback|an answer|a decision|an update|news)",
    ("chased", "nudged", "pinged", "followed", "spoke", "checked", "heard", "promised"),
    family="chasing them",
)
add(
    "marketing",
    0.7,
    r"in this issue|this issue:|read online|read (?:it |this )?in (?:your )?browser|"
    r"upcoming events|this week's (?:issue|edition)",
    ("issue", "read", "upcoming", "this week's"),
    family="newsletter",
)
add(
    "personal",
    0.7,
    r"good luck (?:with|on|in|for) (?:the|your) (?:interview|job|new job|application|offer)|"
    r"fingers crossed (?:for|with) (?:the|your)",
    ("good luck", "fingers"),
    family="news about you",
)
add(
    "invite",
    0.85,
    r"(?:a )?new event has been (?:scheduled|booked)|event (?:type|date/time|name): |"
    r"(?:your|the) (?:meeting|call|event|appointment) (?:is|has been) (?:booked|scheduled|"
    r"confirmed) (?:for|on|with)",
    ("event", "meeting", "call", "appointment"),
    family="calendar text",
)

# ------------------------------------------------ phrase families found with the fifth blind set
add(
    "rejection",
    0.9,
    r"(?:hire|hired|hiring|chose|chosen|selected|go with|went with|gone with|offer(?:ed)? "
    r"(?:it|the (?:role|position|job)) to) (?:someone|somebody|a candidate|an applicant|a person) "
    r"(?:with|who has|who had|whose) (?:a bit |slightly |much )?(?:more|stronger|deeper|broader|"
    r"closer|more relevant|more direct)",
    ("someone", "somebody", "candidate", "applicant", "person"),
    cond=True,
    family="another candidate had more",
)
add(
    "invite",
    0.8,
    r"(?:your|the) (?:agenda|schedule|itinerary|plan) for (?:(?:mon|tues|wednes|thurs|fri)day|"
    r"tomorrow|the day|your (?:visit|onsite|on-site|interview|interviews))|(?:ask for [a-z]+ at|"
    r"check in at|sign in at|report to) (?:the )?(?:reception|front desk|security)",
    ("agenda", "schedule", "itinerary", "plan", "ask for", "check in", "sign in", "report"),
    family="onsite logistics",
)
add(
    "invite",
    0.85,
    r"^(?:your )?(?:onsite|on-site|interview|visit|final round) (?:agenda|schedule|itinerary|"
    r"logistics|details|plan)",
    ("agenda", "schedule", "itinerary", "logistics", "details", "plan"),
    scope="subject",
    family="subject: interview invitation",
)
add(
    "marketing",
    0.75,
    r"get your tickets?|book your (?:ticket|seat|place|spot)|early[- ]bird|register (?:now|today|"
    r"here)|(?:hiring|careers?|tech|jobs?) (?:summit|conference|expo|fair)|job fair|career fair|"
    r"meetup",
    ("ticket", "book your", "early", "register", "summit", "conference", "expo", "fair", "meetup"),
    family="webinar",
)

# ------------------------------------- phrase families found with the sixth to eighth blind sets
# Offers that never say "offer": the candidate was chosen for the post, the team wants them.
_NOT_A_STAGE = (
    r"(?!(?:[a-z&()/-]+ ){0,5}?(?:interview|round|stage|shortlist|assessment|screen|call|next|"
    r"talent|pool|program|programme|scholarship|award|prize|draw|panel|survey|study)\b)"
)
add(
    "offer",
    0.9,
    r"(?:been|were|are|'re|have) (?:selected|chosen|appointed) (?:for|as|to) (?:the |our |this |"
    r"a |an )?" + _NOT_A_STAGE + r"(?:[a-z&()/-]+ ){0,5}?(?:position|role|job|post|vacancy)\b|"
    r"(?:selected|chosen) as (?:the |our )?successful (?:candidate|applicant)",
    ("selected", "chosen", "appointed"),
    neg=True,
    cond=True,
    family="selected for the position",
)
add(
    "offer",
    0.88,
    r"(?:chosen|selected|picked|appointed) you (?:for|as) (?:the |our )?(?:post|position|role|"
    r"job)\b|(?:chosen|selected|picked) you (?:for|as) (?:the |our )?(?:[a-z-]+ ){1,4}(?:post|"
    r"position|role|job)\b|the (?:job|role|position|post) is yours|you got the (?:job|role|"
    r"position)(?! offer)(?! interview)",
    ("chosen", "selected", "picked", "appointed", "yours", "got the"),
    neg=True,
    cond=True,
    family="selected for the position",
)
add(
    "offer",
    0.88,
    r"(?:love|like|want|wants|wanted|excited|thrilled|delighted|happy|pleased|glad)(?: for)? "
    r"(?:you )?to (?:come (?:and |to )?work (?:with|for) us|join (?:us|the team|our team|the "
    r"company)(?! (?:for|on|at|in|this|next|tomorrow|today|via|by)\b)|join(?= ?[!.])|bring you "
    r"(?:on ?board|aboard)(?! for)|have you (?:join us|on board|aboard|on the team)(?! for))",
    "to ",
    neg=True,
    cond=True,
    family="join the team",
)
add(
    "offer",
    0.93,
    r"confirm(?:ing)? (?:your|the) (?:appointment|engagement) (?:as|to the (?:post|position|role))"
    r"|offer you (?:the )?appointment",
    ("confirm", "appointment"),
    neg=True,
    family="confirm your appointment as",
)
add(
    "offer",
    0.88,
    r"(?:revised|updated|improved|increased|sweetened|bumped up) (?:the |our |your )?"
    r"(?:(?:compensation|salary|remuneration|offer) package|offer(?!s)\b)|(?:we've|we have|i've|"
    r"i have|we) (?:revised|improved|sweetened|reworked) the package\b",
    ("revised", "updated", "improved", "increased", "sweetened", "bumped"),
    neg=True,
    family="revised package",
)
# Written terms: a salary figure is what a package letter carries, not a job advert's range.
add(
    "offer",
    0.6,
    r"(?:base|annual|starting|gross) salary(?: of|:| is| will be)? ?(?:[$\u20ac\u00a3]|usd |eur "
    r"|gbp )?\d[\d,.]*k?(?! ?(?:-|\u2013|to) ?[$\u20ac\u00a3]?\d)",
    "salary",
    neg=True,
    family="salary figure",
)

# The decision without the usual words: "we will not be proceeding", "go another way".
add(
    "rejection",
    0.88,
    r"(?:(?:will|shall|are|have decided|decided)(?: not| to not)|won't)(?: be)? "
    r"(?:proceed(?:ing)?|progress(?:ing)?|mov(?:e|ing) forward|tak(?:e|ing) (?:this|it|things|"
    r"your application) (?:any )?further)(?= ?(?:[.!,]|$|at this (?:time|stage|point)|further|"
    r"on this occasion|for now|with (?:your|the) (?:application|candidacy)))",
    ("proceed", "progress", "forward", "further"),
    cond=True,
    family="we will not be proceeding",
)
add(
    "rejection",
    0.88,
    r"(?:decided|chosen|chose|opted) to (?:go|head|move) (?:another|a different|an other) way|"
    r"(?:going|go) another way",
    "way",
    cond=True,
    family="different direction",
)
add(
    "rejection",
    0.88,
    r"(?:don't|do not|didn't|did not) (?:think|feel|believe) (?:it's|it is|you're|you are|this is|"
    r"you'd be|you would be|there's|there is) (?:the |a )?(?:right|good|strong|great) "
    r"(?:fit|match)",
    ("think", "feel", "believe"),
    cond=True,
    family="not a fit",
)
add(
    "rejection",
    0.95,
    r"(?:position|role|job|vacancy|opening|post) (?:at|with) [a-z0-9&.' -]{1,40}? (?:has|had|have) "
    r"(?:now |already )?been (?:filled|offered to (?:another|someone|a different))",
    "been",
    cond=True,
    family="position filled",
)
add(
    "rejection",
    0.8,
    r"(?:stopping|stop|closing|close|ending|end|halting|halt|cancell?ing) (?:the|this|our) "
    r"(?:hiring |recruitment |recruiting |interview |selection )?process (?:for|on)\b",
    ("stop", "clos", "end", "halt", "cancel"),
    cond=True,
    family="decided to close the role",
)

add(
    "rejection",
    0.85,
    r"(?:it's|it is|the answer is) a (?:no|pass) from (?:us|me|the (?:team|panel|client|hiring "
    r"(?:manager|team)|company))|(?:we'll|we will|we're going to|we are going to|we've decided to|"
    r"we have decided to|we decided to|we'll have to|we will have to) pass (?:this time|on (?:your|"
    r"this) (?:application|candidacy|profile|one)|for now)",
    ("it's a", "it is a", "answer is", "pass"),
    cond=True,
    family="a no from us",
)

# Neutral process steps.
add(
    "update",
    0.62,
    r"(?:still|currently) (?:meeting|speaking (?:with|to)|talking (?:with|to)|seeing) (?:other |"
    r"more |a few |some |the remaining )?(?:candidates|applicants|people|finalists)",
    ("still", "currently"),
    family="still reviewing",
)
add(
    "invite",
    0.88,
    r"(?:you're|you are|you've been|you have been) invited to (?:the |a |an |our |your )?"
    r"(?:[a-z-]+ ){0,2}(?:round|interview|onsite|on-site|assessment (?:centre|center|day)|"
    r"screen|stage)\b",
    "invited",
    neg=True,
    family="you are invited to the interview",
)
add(
    "update",
    0.9,
    r"(?:you are|you're|you remain|you're still|you are still) (?:still )?(?:in|part of) "
    r"(?:the|our) (?:process|running)|nothing has changed (?:regarding|with|about|in) your "
    r"(?:candidacy|application)",
    ("you are", "you're", "you remain", "nothing has"),
    family="you are still in the process",
)
add(
    "update",
    0.8,
    r"(?:application|candidacy|profile)(?: for [^.!?\n]{1,60}?)? (?:has|have|was|is) (?:now )?"
    r"(?:been )?(?:moved|progressed|advanced|forwarded|moving|passed)(?: on| across| over)? "
    r"(?:to|forward|through|on to|into)\b",
    ("moved", "progress", "advanced", "forwarded", "moving", "passed"),
    neg=True,
    family="application moved on",
)
# A later step came in ("we have received your completed assessment"): news, not a decision.
add(
    "update",
    0.66,
    r"(?:received|got) your (?:completed |finished |submitted )?(?:online |coding |technical |"
    r"skills )?(?:assessment|test|exercise|take-home|assignment|case study|questionnaire|"
    r"references|reference forms?|work sample|portfolio review)\b",
    ("received", "got"),
    neg=True,
    family="received your assessment",
)
add(
    "update",
    0.75,
    r"(?:viewed|opened|looked at) your application|your application (?:was|has been) (?:viewed|"
    r"opened|seen)",
    ("viewed", "opened", "looked at", "seen"),
    neg=True,
    family="application viewed",
)
add(
    "update",
    0.75,
    r"(?:be|am|i'm|will be) your (?:main |primary |new |dedicated )?(?:point of contact|contact "
    r"person|recruiter|recruiting contact|recruitment contact|hiring contact)",
    ("your",),
    family="your point of contact",
)
add(
    "update",
    0.72,
    r"(?:complete|completing|start|run|running|conduct|conducting|initiate) (?:a |the |your )?"
    r"(?:background|reference|pre-employment|criminal record|dbs|right[- ]to[- ]work) "
    r"(?:check|screening|verification)s?",
    ("complete", "start", "run", "conduct", "initiat"),
    family="background check",
)
add(
    "invite",
    0.86,
    r"(?:booked|scheduled|set up|arranged|reserved|confirmed|all set) [^.!?\n]{0,60}?for your "
    r"(?:second |third |final |next |first |technical |panel |onsite |on-site |)(?:round|interview|"
    r"conversation|onsite|on-site|visit|screen)\b|moved your (?:[a-z-]+ )?(?:interview|call|"
    r"conversation|round|onsite) to\b",
    ("booked", "scheduled", "set up", "arranged", "reserved", "confirmed", "all set", "moved"),
    neg=True,
    family="booked for your interview",
)
add(
    "invite",
    0.84,
    r"(?:like|love|want) (?:you )?to meet (?:the|our|a few|some|more of|with) (?:wider |rest of "
    r"the |broader |extended |whole |engineering |product |design |leadership )?(?:team|people|"
    r"founders?|ceo|cto|engineers|leadership)\b",
    "meet",
    neg=True,
    family="meet the wider team",
)
add(
    "invite",
    0.84,
    r"(?:like|love|want|invite) (?:for )?(?:you )?to join (?:us|me|the team|our team|[a-z]+ and "
    r"me) for (?:a |an |the |your )?(?:[a-z-]+ ){0,2}(?:interview|call|chat|conversation|onsite|"
    r"on-site|round|screen|meeting)\b",
    "join",
    neg=True,
    family="join us for an interview",
)

# A person's short note that what the candidate sent arrived ("Thanks, got it! I'll pass it
# on"). Only an acknowledgement when the mail is about a job at all (intent._drop_soft).
add(
    "ack",
    0.7,
    r"got it[!.,]|received[,!.] (?:thanks|thank you|with thanks)|(?:thanks|thank you|cheers)"
    r"(?: so much)?(?:,? [a-z]+)?,? received(?= ?[!.,]|$)|(?:i've|i have|we've) "
    r"received (?:it|them|everything|both)\b|(?:came|come) through (?:fine|ok|okay|safely|well)|"
    r"(?:added|attached|saved) (?:it|them|this|these) to your (?:application|profile|file|"
    r"candidacy)|(?:i'll|i will|we'll|we will) pass (?:it|this|them|your [a-z]+(?: [a-z]+)?) "
    r"(?:on|along)\b|thank you for your "
    r"(?:email|enquiry|inquiry|message|note) (?:regarding|about|concerning)",
    ("got it", "received", "through", "added", "attached", "saved", "pass", "thank you"),
    family="got it",
)

# A friend telling about their own interviews ("I had my onsite at Telvio on Thursday"): the
# job words are theirs, not the user's process.
add(
    "personal",
    0.7,
    r"i (?:had|did|have|finally had) my (?:[a-z-]+ )?(?:onsite|on-site|interview|screen|final "
    r"round|panel)|i (?:think|thought|feel like) i (?:bombed|nailed|messed up|aced|blew)",
    ("had my", "did my", "have my", "bombed", "nailed", "messed", "aced", "blew"),
    family="news about me",
)

# Not about the user's own process: trackers, forums, practice platforms, card offers.
add(
    "forge",
    1.0,
    r"you are receiving this because|reply to this email directly(?:,| or) view it on (?:github|"
    r"gitlab)|"
    r"view it on (?:github|gitlab)|replied to your (?:post|comment|thread|question|answer|topic)|"
    r"new (?:reply|replies|comments?) (?:in|on|to) (?:your|the) (?:post|thread|discussion|topic)",
    ("receiving this", "view it on", "replied to your", "new repl", "new comment"),
    family="issue tracker or forum",
)
add(
    "marketing",
    0.9,
    r"mock interviews?|practice interviews?|interview (?:tips|coach(?:ing)?|prep course)|"
    r"unused [a-z -]{0,25}credits|credits? (?:expire|will expire)|pre-?approved (?:for|offer)|"
    r"(?:rewards|credit|cashback) card|take a free (?:[a-z0-9-]+ ){0,3}(?:skills? )?"
    r"(?:assessment|quiz|test)|skills? badges?|earn a badge|join (?:the|our) (?:[a-z]+ ){0,2}"
    r"(?:network|community)|get matched with|tips to (?:land|ace|nail)|dream job",
    (
        "mock",
        "practice",
        "interview",
        "credit",
        "approved",
        "card",
        "take a",
        "badge",
        "join",
        "matched",
        "tips",
        "dream",
    ),
    family="career marketing",
)

# Blunt mail from a person in a job thread, with no template wording: "nah we're good, found
# someone", "you're hired, start Monday", "job's yours". Families in BLUNT_FAMILIES only count
# when the message is about a job at all (see intent._weigh): a friend "found someone" for the
# flat too.
BLUNT_FAMILIES = frozenset({"blunt no", "blunt yes"})
add(
    "rejection",
    0.88,
    r"(?:we(?:'ve| have)? |i(?:'ve| have)? |already |just )(?:found|hired|picked|chose|chosen|went "
    r"with|gone with|got|offered it to|gave it to|given it to) (?:someone|somebody|another "
    r"(?:person|candidate|applicant)|a different (?:person|candidate))(?: else)?(?! to\b)(?! for "
    r"(?:the|my|our) (?:flat|room|house|apartment|kitchen|garden|wedding|party|trip)\b)|"
    r"(?:we(?:'re| are)|i(?:'m| am)|they(?:'re| are)|the client(?:'s| is)) (?:going to |gonna )?"
    r"pass(?:ing)?(?: on (?:you|your (?:application|profile|candidacy)|this one|this time))?"
    r"(?= ?[.!,;\u2014-]|$)|"
    r"(?:not|won't be|aren't|are not|not going to be|not gonna be) hiring you|"
    r"(?:not|never) (?:going to|gonna) (?:hire|offer) you|"
    r"(?:job|role|position|post|gig|spot|opening|vacancy) (?:went|has gone|was given|has been "
    r"given|has been filled|was filled|got filled) (?:to|by) (?:an? )?(?:internal|someone|"
    r"somebody|another|different|other)|"
    r"(?:isn't|is not|won't be|is not going to|isn't going to|isn't gonna|ain't) (?:going to |"
    r"gonna )?(?:happen|work out) for you|"
    r"thanks,? but no thanks|nah,? we(?:'re| are) (?:good|ok|okay|set|covered)|"
    r"(?:selected|chosen)\W* to not (?:move|proceed|progress)|"
    r"(?:experience|background|skills?|profile) (?:just )?(?:isn't|is not|aren't|are not) "
    r"(?:quite )?(?:where|what) we need|"
    r"(?:not|isn't|is not) (?:a |the )?(?:culture|cultural|team) fit",
    (
        "found", "hired", "picked", "chose", "went", "gone", "got", "offered", "gave", "given",
        "pass", "client", "hiring you", "hire you", "offer you", "happen", "work out", "no thanks",
        "nah", "to not", "we need", "fit",
    ),
    neg=False,
    cond=True,
    family="blunt no",
)
add(
    "offer",
    0.9,
    r"you(?:'re| are|'ve been| have been) hired\b|"
    r"(?:job|role|position|gig|post|spot)(?:'s| is) (?:all )?yours|"
    r"we (?:want|would like|'d like|'d love|would love) (?:to have you|you) (?:as (?!(?:an? |our |"
    r"the )?(?:guest|speaker|panel|member|customer|client|volunteer|mentor|judge|host))|"
    r"on (?:the|our) (?:team|staff|crew)(?! for)|to join (?:us|the team|our team|[a-z]+) as )|"
    r"we(?:'d| would) (?:love|like) (?:for )?you to join [a-z]+(?: [a-z]+)? as |"
    r"welcome (?:aboard|on ?board|to the team)[!.,]? [^.?!\n]{0,60}(?:start|first day|salary|"
    r"base|per hour|/hr|an hour)",
    (
        "hired", "yours", "to have you", "want you", "like you", "love you", "to join",
        "welcome",
    ),
    neg=True,
    cond=True,
    family="blunt yes",
)
add(
    "offer",
    0.9,
    r"(?:the|our|my) (?:job |written |formal )?offer (?:we|that we|i|that i) (?:extended|made|sent|"
    r"gave)",
    ("offer we", "offer that", "offer i"),
    family="blunt yes",
)
add(
    "rejection",
    0.9,
    r"(?:will|shall|would) not be (?:considered|progressed|taken) (?:any )?(?:further|forward)|"
    r"other (?:candidates|applicants) (?:more closely|better|more fully) (?:meet|match|align)",
    ("not be", "other"),
    cond=True,
    family="not considered further",
)
# A person confirming a slot already agreed ("we'll do the design round as planned on Friday
# at 16:00", "Wednesday at 2pm works", "I've sent a calendar invite"): the interview is set.
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
add(
    "invite",
    0.8,
    r"(?:round|interview|call|screen|chat) (?:as (?:planned|agreed|discussed) |is (?:confirmed|"
    r"booked|set) |confirmed |booked )?(?:on|for) (?:this |next )?" + _WEEKDAY + r"(?: \d{1,2}"
    r"(?: [a-z]+)?)? at \d|" + _WEEKDAY + r" at \d{1,2}(?::\d\d)? ?(?:am|pm)?(?: [a-z]+ time)? "
    r"(?:works|is perfect|is great|suits)|"
    r"(?:sent|sending|send|'ll send|will send) (?:you |over )?(?:a |the )?calendar "
    r"invit(?:e|ation)|"
    r"move you (?:forward |on )?to (?:the )?(?:[a-z-]+ ){0,3}(?:round|stage|interview)",
    ("round", "interview", "call", "screen", "chat", "day at", "calendar", "move you"),
    neg=True,
    cond=True,
    family="slot confirmed",
)
add(
    "update",
    0.78,
    r"(?:shortlisting|the process|interviews?|(?:our |the )?decision|(?:the )?review|recruitment|"
    r"selection|hiring)(?: process)? (?:has|have|will|is|are|was|were) (?:been |be |now )?"
    r"(?:delayed|postponed|pushed back|taking longer)",
    ("delayed", "postponed", "pushed back", "taking longer"),
    family="process delayed",
)
# One-line notices whose subject is the whole message ("Second round interview - Backend
# Engineer", "Complete your video interview by Sunday", "Application under review").
add(
    "invite",
    0.8,
    r"(?:first|second|third|final|next|2nd|3rd)[- ]round (?:interview|call|screen)|(?:complete|"
    r"take|record|start) your (?:video |one-way |online |recorded |async |asynchronous )?"
    r"interview\b(?! (?:tips|practice|prep))",
    ("round", "your"),
    neg=True,
    cond=True,
    past=True,
    family="round interview",
)
add(
    "update",
    0.6,
    r"^(?:your )?(?:application|candidacy|application status|status)(?: is|:| -)? ?(?:currently |"
    r"still |now )?(?:under|in) (?:review|consideration)$|^hiring update\b|(?:decision|outcome|"
    r"feedback) (?:is )?expected (?:next|this|by|within|soon|in|early|later)",
    ("review", "hiring update", "expected"),
    scope="subject",
    family="one-line status",
)
# "I confirm we have received it correctly and passed it to our director", "we have your CV
# on record": a person acknowledging an application.
add(
    "ack",
    0.8,
    r"(?:we|i) (?:have|'ve) (?:your|the) (?:cv|resume|application|portfolio)s? on (?:record|file)|"
    r"(?:confirm|confirming) (?:that )?(?:we|i) (?:have|'ve) received (?:it|your|the)|"
    r"(?:received|got) (?:it|them|your (?:cv|resume|application|portfolio|email))(?: correctly)? "
    r"and (?:have )?(?:i )?(?:passed|forwarded|shared|sent) (?:it |them )?(?:on |along |over )?to|"
    r"(?:which|that) (?:i|we)(?:'ve| have) received and (?:passed|forwarded|shared|sent)",
    ("record", "on file", "confirm", "received", "got"),
    cond=True,
    family="received and passed on",
)
add(
    "ack",
    0.8,
    r"^confirmation\W+(?:of )?your application\b",
    "confirmation",
    scope="subject",
    family="received and passed on",
)
# More blunt words: "we've decided to go with someone more senior", "gave the job to my
# cousin", "it's a no this time"; "it's a yes from us. Start date 3 June, 42k".
add(
    "rejection",
    0.88,
    r"go(?:ing)? with (?:someone|somebody|a candidate|another (?:candidate|applicant|person)|an "
    r"applicant) (?:more|with more|who|else|closer|better|stronger)|"
    r"gave (?:the |this |that )?(?:job|role|position|gig|spot|post) to (?:someone|somebody|"
    r"another (?:candidate|applicant|person)|an internal|my |our |a (?:friend|relative|local))|"
    r"(?:it's|it is) a no(?: from (?:us|me|the team|our side))?(?: (?:this time|for now|"
    r"unfortunately|i'm afraid))?(?= ?[.!,;]|$)",
    ("with some", "with a", "with another", "with an", "gave", "a no"),
    cond=True,
    family="blunt no",
)
add(
    "offer",
    0.9,
    r"(?:it's|it is) a (?:big |unanimous |definite |resounding )?yes(?: from (?:us|me|the team|"
    r"everyone|the panel))?[!.,]? (?![^?\n]{0,40}\b(?:round|stage|interview))[^?\n]{0,40}"
    r"(?:start date|starting|salary|\d+k\b|£|\$|€|contract|paperwork|offer letter)",
    "yes",
    neg=True,
    cond=True,
    family="blunt yes",
)

# Status words of the 2024-26 templates: "you're still very much in the mix", "you have been
# placed on the eligible list" (public-sector lists): news of a live process, no decision.
add(
    "update",
    0.8,
    r"(?:still|remain) (?:very much |firmly )?in (?:the (?:mix|running|frame)|"
    r"contention)|(?:placed|added) (?:on|to) (?:the|our) (?:eligible|eligibility|"
    r"referral|certification|certified|hiring|candidate) list",
    ("still", "remain", "placed", "added"),
    neg=True,
    family="still in the mix",
)
# "You have been selected to participate in a panel interview".
add(
    "invite",
    0.82,
    r"(?:selected|chosen|shortlisted|invited) to (?:participate|take part|sit|"
    r"attend|interview|join us) (?:in |for )?(?:an? |the |our )?(?:[a-z-]+ ){0,3}?(?:interview|"
    r"assessment|screen|conversation)",
    ("selected", "chosen", "shortlisted", "invited"),
    neg=True,
    family="selected to interview",
)
# A personal "your CV and covering letter, which I have received safely".
add(
    "ack",
    0.8,
    r"(?:cv|resume|résumé|documents|materials)(?: and (?:[a-z-]+ ){0,2}?(?:letter|"
    r"portfolio|references))?,? which (?:i|we)(?:'ve| have) (?:now |safely )?(?:received|got)",
    ("cv", "resume", "résumé", "documents", "materials"),
    family="which I have received",
)
# Review sites thank the user for describing an interview: the user's words, not a process.
add(
    "notification",
    0.9,
    r"shar(?:ing|ed) your (?:interview|salary|company|employer) (?:experience|review|"
    r"report)|review (?:has been|is now|is) (?:published|live|posted|approved)",
    ("sharing", "shared", "review"),
    family="your review is live",
)

# ------------------------------------------------ phrase families found with blind set 12
# "We appreciate you taking the time to apply": the thanks of "thank you for applying" in
# other words.
add(
    "ack",
    0.72,
    r"(?:we|i) (?:really |truly |greatly |sincerely |do )?appreciate (?:you |your )?(?:taking "
    r"the time to apply|applying|submitting (?:your|an|the) application|(?:recent |online )?"
    r"application (?:for|to))",
    "appreciate",
    family="thank you for applying",
)
# "we ended up hiring my cousin's friend", "ended up going with someone local": a settled
# choice of another person, said the way a small employer says it.
add(
    "rejection",
    0.88,
    r"(?:we|i|they|the (?:team|owner|manager|client))(?: just| actually| already)? ended up "
    r"(?:hiring|going with|choosing|picking|selecting|taking on|offering (?:it|the (?:job|role|"
    r"position|shifts?|spot)) to|giving (?:it|the (?:job|role|position|shifts?|spot)) to) "
    r"(?:someone|somebody|another|a different|an internal|internally|my|our|his|her|their|a "
    r"(?:friend|relative|local|former|regular|candidate|person|guy|girl|student))",
    "ended up",
    cond=True,
    family="blunt no",
)
# "can you swing by the shop Saturday to chat?", "pop in for a quick chat": an in-person
# meeting asked for; only an invite when the mail is about a job (see intent._SOFT_INVITE).
# A fair's "stop by our booth to chat with recruiters" invites everyone, not the reader.
add(
    "invite",
    0.84,
    r"(?:swing|stop|drop|pop|come|call) (?:by|in|over|round|down)\b(?! (?:our|the|my) (?:booth|"
    r"stand|table|stall))[^.?!\n]{0,40}?(?:to (?:chat|"
    r"talk|meet)|for (?:an? )?(?:quick |short |informal |brief )?(?:chat|interview|talk|"
    r"conversation|meeting))",
    ("swing", "stop", "drop", "pop", "come", "call"),
    neg=True,
    family="drop-in chat",
)
# Marketplaces: "someone made an offer of $45 on your listing", "the seller sent a counter
# offer" is a buyer or a seller, not an employer.
_MARKET_OFFER = (
    r"offers? (?:of [$£€]?\d[\d,.]* )?(?:on|for) your (?:listing|item|ad|post|property|home|house|"
    r"car|bike)|made (?:you )?an offer (?:of [$£€]?\d|on your)|(?:seller|buyer|bidder)s? (?:has |"
    r"have )?(?:sent|made|accepted|declined|countered|rejected|submitted)(?: you| your)? (?:an? |"
    r"your |the )?(?:counter[- ]?)?offer"
)
add("notification", 0.85, _MARKET_OFFER, ("offer",), family="marketplace offer")
add("anti_offer", 1.0, _MARKET_OFFER, ("offer",), family="marketplace offer")
# One-word and two-word subjects of tracker samples: "Interview", "Application viewed".
add(
    "invite",
    0.5,
    r"^(?:(?:phone|video|virtual|onsite|on-site|technical|final|first|second|third|next|"
    r"panel)[a-z -]{0,12} )?interview!?$",
    "interview",
    scope="subject",
    family="subject: interview topic",
)
add(
    "update",
    0.6,
    r"^(?:your )?(?:application|resume|cv) (?:was |has been )?(?:viewed|seen|opened)!?$",
    ("viewed", "seen", "opened"),
    scope="subject",
    family="application viewed",
)
# "Your application is now in the Interview stage": a tracker status, no invitation yet.
add(
    "update",
    0.75,
    r"(?:application|candidacy)(?: status)? (?:is|has been|was) (?:now |currently )?(?:in|at|"
    r"marked as|set to) (?:the )?(?:[a-z-]+ ){1,3}(?:stage|step|phase)\b",
    ("stage", "step", "phase"),
    neg=True,
    family="application at a stage",
)
# A subject that is the whole verdict: "Not moving forward", "Application: not progressing".
add(
    "rejection",
    0.85,
    r"^(?:(?:application|candidacy)(?: status)?:? )?(?:not moving forward|not progressing|"
    r"not proceeding|not shortlisted)$",
    "not",
    scope="subject",
    family="subject: declined",
)
# Podcasts and shows: "this week on the pod: an interview with a hiring manager".
add(
    "marketing",
    0.7,
    r"(?:this week|today|in this episode|on this episode|new episode) on (?:the|our) (?:pod|"
    r"podcast|show|channel)\b|new (?:podcast )?episode\b|listen (?:now|on (?:spotify|apple))",
    ("pod", "show", "channel", "episode", "listen"),
    family="podcast episode",
)
