"""The human to reply to, how to greet them, and whether they asked for a call.

A no-reply, notification or alert address is never a contact. Through an ATS relay the
recruiter is found by name (display name or signature) with their own address when the body
gives it, else the relay's Reply-To when it reads as a person's address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.infer.ats import relay_for_domain
from agent.infer.domains import addr_domain
from agent.infer.people import Signature, emails, first_name, looks_like_person
from agent.infer.scan import WordIndex
from agent.message import Address

_NOREPLY_LOCAL = re.compile(
    r"(?:^|[._+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|donotreply|dont[._-]?reply|noreply|"
    r"mailer[._-]?daemon|postmaster|bounces?|notifications?|notify|alerts?|jobalerts?|"
    r"job[._-]?alerts?|digest|newsletters?|marketing|news|automated|auto[._-]?confirm|daemon|"
    r"system|invitations?|calendar[._-]?notification|messages[._-]?noreply|updates?|"
    r"jobs[._-]?listings|inmail[._-]?hit[._-]?reply|hit[._-]?reply|unsubscribe|mailer|"
    r"auto[._-]?reply|robot|bot)(?:$|[._+-])",
    re.I,
)
_DO_NOT_REPLY_TEXT = re.compile(
    r"(?:do not|don't|please do not|please don't) (?:reply|respond) (?:to|directly to) (?:this|"
    r"the) "
    r"(?:e-?mail|message|address|automated)|this (?:mailbox|inbox|address) is (?:not monitored|"
    r"unmonitored)|"
    r"(?:replies|responses) to this (?:e-?mail|message|address) (?:are not|will not be) "
    r"(?:monitored|read)",
    re.I,
)
_PHONE_ASK = re.compile(
    r"(?:give (?:me|us) a (?:call|ring|buzz)|please (?:call|phone|ring) (?:me|us)\b(?! "
    r"[A-Z][a-z]+\b(?! at| on))|"
    r"call me (?:at|on|back|directly|anytime|any time|when|whenever|on my)|"
    r"(?:i'd|i would|we'd|we would|i) (?:much )?prefer (?:a |to )?(?:phone|call|speak|talk|"
    r"chat)(?: (?:by|over|on) "
    r"(?:the )?phone)?|prefer(?:red)? (?:a )?(?:phone call|call) (?:over|to|rather than) "
    r"(?:e-?mail|writing)|"
    r"rather (?:than|not) (?:e-?mail|writing|exchange e-?mails)|(?:easier|better|quicker|faster) "
    r"(?:to|if you) "
    r"(?:call|phone|ring)|best (?:way )?to reach me is (?:by|via|on|over) (?:phone|my cell|mobile|"
    r"telephone)|"
    r"reach me (?:by|on|at) (?:phone|my cell|my mobile)|(?:call|phone|ring) me instead|"
    r"(?:speak|talk|discuss) (?:this )?(?:by|over|on) the phone rather)",
    re.I,
)
_FIRST_NAME_OK = re.compile(
    r"(?:please |feel free to |you can |just |do )?call me (?P<n>[A-Z][a-z]{1,20})\b(?! (?:at|on|"
    r"back|when|if))|"
    r"(?:feel free to|please|you can|happy for you to|fine to) (?:use|call me by) my first name|"
    r"first[- ]name (?:basis|terms) (?:is|are) (?:fine|ok|okay|great|perfect)|"
    r"no need (?:for|to be) (?:so )?formal|(?:please,? )?(?P<n2>[A-Z][a-z]{1,20}) is (?:fine|just "
    r"fine|perfect)\b",
)
_NOT_NAMES = frozenset(
    {
        "at",
        "on",
        "back",
        "anytime",
        "tomorrow",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "whenever",
        "when",
        "if",
        "directly",
        "please",
        "the",
        "this",
        "that",
        "it",
        "email",
        "phone",
    }
)


# Cheap words that must be near a phrase before the phrase's regex is tried at all. They are
# found in the one walk over the text's word starts that the other rules share (scan.py).
_NEEDLES: WordIndex[str] = WordIndex(
    "contact",
    [
        (r"call me", "phone"),
        (r"give (?:me|us) a", "phone"),
        (r"please (?:call|phone|ring)", "phone"),
        (r"prefer", "phone"),
        (r"rather", "phone"),
        (r"reach me", "phone"),
        (r"instead", "phone"),
        (r"easier", "phone"),
        (r"better (?:to|if)", "phone"),
        (r"quicker", "phone"),
        (r"faster", "phone"),
        (r"(?:by|over|on) the phone", "phone"),
        (r"call me", "first_name"),
        (r"first[- ]name", "first_name"),
        (r"formal", "first_name"),
        (r"is (?:just )?fine", "first_name"),
        (r"is perfect", "first_name"),
        (r"(?:not|n't) (?:reply|respond)", "reply"),
        (r"monitored", "reply"),
        (r"unmonitored", "reply"),
    ],
)
_REACH = 90  # characters around a needle that the phrase may take


def _search_near(rx: re.Pattern[str], text: str, kind: str) -> re.Match[str] | None:
    """`rx` tried only around the needles of `kind` found in the (lowercase) text."""
    low = text.lower()
    src = text if len(low) == len(text) else low
    start = end = -1
    for pos, k in _NEEDLES.candidates(low):
        if k != kind:
            continue
        s, e = max(0, pos - _REACH), pos + _REACH + 20
        if start >= 0 and s <= end:
            end = e
            continue
        if start >= 0 and (m := rx.search(src[start:end])):
            return m
        start, end = s, e
    if start >= 0:
        return rx.search(src[start:end])
    return None


def is_noreply(addr: str) -> bool:
    local = addr.split("@", 1)[0].lower() if "@" in addr else addr.lower()
    return bool(_NOREPLY_LOCAL.search(local)) or "noreply" in local or "no-reply" in local


def _is_board(addr: str) -> bool:
    r = relay_for_domain(addr_domain(addr))
    return bool(r and r.kind in ("board", "esp", "scheduler", "esign"))


def _personal_local(addr: str) -> bool:
    """A relay address that still reads as one person's (jane.doe@..., jdoe@...)."""
    local = addr.split("@", 1)[0].lower()
    if is_noreply(addr) or "+" in local or sum(ch.isdigit() for ch in local) > 2 or len(local) > 30:
        return False
    return bool(re.fullmatch(r"[a-z]+(?:[._-][a-z]+){0,2}", local))


@dataclass(frozen=True)
class ContactInfo:
    contact: Address | None
    salutation: str | None
    channel: str  # email | phone
    first_name_ok: bool


def find_contact(
    from_: Address | None,
    reply_to: tuple[Address, ...],
    body: str,
    signature: Signature,
    user_addresses: frozenset[str],
) -> ContactInfo:
    text = body[:20000]
    channel = "phone" if _search_near(_PHONE_ASK, text, "phone") else "email"
    fn_match = _search_near(_FIRST_NAME_OK, text, "first_name")
    first_ok = bool(fn_match) and (
        (fn_match.group("n") or fn_match.group("n2") or "").lower() not in _NOT_NAMES
    )
    contact = _pick(from_, reply_to, body, signature, user_addresses)
    name = contact.name if contact else ""
    if contact and not looks_like_person(name):
        name = signature.name or ""
        contact = Address(name, contact.addr)
    salutation: str | None = name or None
    if first_ok and fn_match:
        given = fn_match.group("n") or fn_match.group("n2")
        salutation = (
            given
            if given and given.lower() not in _NOT_NAMES
            else (first_name(name) if name else None)
        )
    return ContactInfo(contact, salutation, channel, first_ok)


def _pick(
    from_: Address | None,
    reply_to: tuple[Address, ...],
    body: str,
    signature: Signature,
    user: frozenset[str],
) -> Address | None:
    silent_from = bool(_search_near(_DO_NOT_REPLY_TEXT, body[:20000], "reply"))

    def usable(a: Address | None, *, relay_ok: bool = False) -> bool:
        if a is None or not a.addr or "@" not in a.addr or a.key in user:
            return False
        if is_noreply(a.addr) or _is_board(a.addr):
            return False
        relay = relay_for_domain(addr_domain(a.addr))
        if relay and not (relay_ok and _personal_local(a.addr)):
            return False
        return True

    for a in reply_to:
        if usable(a, relay_ok=True) and not (silent_from and from_ and a.key == from_.key):
            return a
    if usable(from_) and not silent_from:
        return from_
    # The recruiter's own address in the signature or body (common through relays).
    sig_addr = signature.email
    if sig_addr and usable(Address("", sig_addr)):
        return Address(signature.name or "", sig_addr)
    for found in emails(body[:20000]):
        cand = Address("", found)
        if usable(cand):
            return Address(signature.name or "", cand.addr)
    return None
