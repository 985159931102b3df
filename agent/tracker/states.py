"""The process state machine, as an explicit transition table.

States (PRODUCT.md section 3): `applied` and `interviewing` are open; `rejected`, `offer`,
`withdrawn` and `ghosted` are closed. Events come from messages (by their verdict label),
from the agent's own clock (`ghost`) and from the user (`close:*`, `reopen`, `confirm`).

| state           | event                             | next state       | why                   |
|-----------------|-----------------------------------|------------------|-----------------------|
| applied         | ack, update, reply, outbound      | applied          | nothing decided yet   |
| applied         | invite                            | interviewing     | the process moves on  |
| interviewing    | ack, update, reply, invite, out.  | interviewing     | a new round           |
| applied/interv. | rejection (confident)             | rejected         | a clear no            |
| applied/interv. | offer (confident)                 | offer            | an offer              |
| any open        | weak rejection / weak offer       | (unchanged)      | needs_confirmation    |
| any open        | ghost                             | ghosted          | follow-ups unanswered |
| ghosted         | update, reply, ack                | (state before)   | they answered         |
| ghosted         | invite / rejection / offer        | interv./rej./off.| a late answer counts  |
| rejected, offer, withdrawn | any message            | (unchanged)      | final until the user  |
| any             | close:rejected/offer/withdrawn    | that outcome     | the user's word wins  |
| closed          | reopen                            | (state before)   | the user's word wins  |
| any open        | confirm                           | pending verdict  | accepts a weak verdict|
"""

from __future__ import annotations

OPEN = ("applied", "interviewing")
CLOSED = ("rejected", "offer", "withdrawn", "ghosted")
FINAL = ("rejected", "offer", "withdrawn")  # only the user reopens these

# (state, event) -> next state. "=" keeps the state; "<" returns to the last open state.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("applied", "ack"): "=",
    ("applied", "update"): "=",
    ("applied", "reply"): "=",
    ("applied", "outbound"): "=",
    ("applied", "invite"): "interviewing",
    ("applied", "rejection"): "rejected",
    ("applied", "offer"): "offer",
    ("applied", "ghost"): "ghosted",
    ("interviewing", "ack"): "=",
    ("interviewing", "update"): "=",
    ("interviewing", "reply"): "=",
    ("interviewing", "outbound"): "=",
    ("interviewing", "invite"): "=",
    ("interviewing", "rejection"): "rejected",
    ("interviewing", "offer"): "offer",
    ("interviewing", "ghost"): "ghosted",
    ("ghosted", "ack"): "<",
    ("ghosted", "update"): "<",
    ("ghosted", "reply"): "<",
    ("ghosted", "invite"): "interviewing",
    ("ghosted", "rejection"): "rejected",
    ("ghosted", "offer"): "offer",
    ("ghosted", "outbound"): "=",
    ("ghosted", "ghost"): "=",
}
for _state in FINAL:
    for _event in ("ack", "update", "reply", "outbound", "invite", "rejection", "offer", "ghost"):
        TRANSITIONS[(_state, _event)] = "="
for _state in (*OPEN, *CLOSED):
    for _outcome in FINAL:
        TRANSITIONS[(_state, f"close:{_outcome}")] = _outcome
    TRANSITIONS[(_state, "reopen")] = "<" if _state in CLOSED else "="


def next_state(state: str, event: str, last_open: str) -> str:
    """Apply one event. Unknown pairs keep the state (never raise on odd input)."""
    target = TRANSITIONS.get((state, event), "=")
    if target == "=":
        return state
    if target == "<":
        return last_open
    return target
