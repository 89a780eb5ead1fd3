"""A guessed name the sentence says as a tool the buyer keeps beside what they buy, or as a
place: the books' system their accountant will not give up ("we're on MYOB and the accountant
won't move"), a tool ours must sit beside or sync with ("we're on Ekos already, so whatever you
do has to sit beside it"), a place ``places.toml`` lists ("cheaper than Denver").

Why: a marina buyer's accounting, payment and gate tools (Xero, QuickBooks Desktop, GoCardless,
Paxton) and a town had been competitors on the dashboard, in "We went with a competitor" and
offered for a comparison page. What the buyer weighs or chose ("we went with X", "X quoted us")
is read first and keeps its rival: only a product they run or merely mention is read here.

Split from ``not_rivals`` (names of another kind beside the name) because these read the whole
sentence for who keeps the tool and what it is kept for.
"""

from __future__ import annotations

import re

from pipeline.market_evidence import names_a_place

_FLAGS = re.IGNORECASE

# The books' keeper holding on to their system: "my accountant won't hear of it", "finance are
# on it", "the bookkeeper swears by it".
_BOOKS_KEPT = re.compile(
    r"\b(?:(?:my|our|the)\s+)?(?:accountants?|bookkeepers?|finance(?:\s+(?:team|people|department"
    r"|side))?)"
    r"(?:\s+(?!won|wouldn|will|would|insist|swear|live|like|love|refuse)\w+){0,2}\s+"
    r"(?:(?:won'?t|wouldn'?t|will\s+not|would\s+not|refuses?\s+to)\s+(?:hear\s+of|move|budge"
    r"|change|switch|give\s+(?:it\s+|that\s+)?up|let\s+(?:it\s+|that\s+)?go)|insists?\s+on"
    r"|swears?\s+by|lives?\s+in|likes?\s+it|loves?\s+it)\b|\bfinance\s+(?:are|is)\s+(?:on|in)\b",
    _FLAGS,
)
# After the name, ours wired to it or sitting beside it: "so yours has to sync with it", "it
# would need to sit alongside it", "can you plug into them". Not "run alongside it until then":
# a rival kept until its contract ends.
_BESIDE_IT = re.compile(
    r"\b(?:(?:integrat|sync|connect|plug|hook|link|feed|post|push|talk)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:with|to|into|in\s+to)|(?:sit|sits|sitting)\s+(?:\w+\s+)?(?:beside"
    r"|alongside|next\s+to|on\s+top\s+of))\s+(?:it|them)\b",
    _FLAGS,
)
# Ours asked to be wired to theirs ("does it talk to", "will yours link with", "can you tie
# into"): said of "our booking system" before the name (``their_systems``) or of "it" after it.
WIRE = (
    r"(?:talk|link|integrat|sync|connect|plug|hook|tie|feed|pull|interfac|work)\w*"
    r"(?:\s+(?:in|up|straight|directly|nicely|well|together))?\s+(?:with|to|into|in\s+to|from)"
)
OURS = (
    r"\b(?:it|yours|you|that|this|your\s+(?:\w+\s+)?(?:app|system|software|platform|tool|one"
    r"|product|trackers?|service))\b"
)
_OURS_TO_IT = re.compile(rf"{OURS}[^.?!\n]{{0,40}}?\b{WIRE}\s+(?:it|them|that)\b", _FLAGS)


def wired_beside_it(words: str) -> bool:
    """Whether ``words`` said after a tool's name, in its sentence or the next, wire ours to it
    or set ours beside it ("yours would have to sit beside it", "Can yours talk to it?"): the
    one rule both rooms read, so "We run PalletMind, can yours push to it?" and "We run
    PalletMind. Can yours push to it?" agree (the second had been a rival)."""
    return _BESIDE_IT.search(words) is not None or _OURS_TO_IT.search(words) is not None


def kept_beside(text: str, name: str, start: int, relation: str) -> bool:
    """Whether the guessed ``name`` at ``start`` of ``text`` is a place, or, where the buyer
    runs or mentions it (not where they weigh it: ``relation``), a tool kept beside ours."""
    if names_a_place(name):
        return True
    if relation == "evaluated":
        return False
    rest = text[start + len(name) :]
    return _BOOKS_KEPT.search(text) is not None or wired_beside_it(rest)
