"""Sentences of a speaker whose side is unknown that speak as the seller: the rep's offer,
price, promise or discovery question, never a buyer's words to count or quote.

Why: a speakerless SRT's "It's a couple of hours to load the shops and routes, and we do that
for you." had been a set-up-time objection and "How do you handle deliveries to the shops
today?" a buyer question theme of its own. Only what a buyer would not say of themself counts
here: a buyer's "we" is their own business ("we already pay for Trakkio"), and a buyer asking
the vendor "how do you handle data protection?" asks about the product, not about today.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "we do that for you", "we'll set it all up for you": work the seller's side takes on.
_FOR_YOU = re.compile(r"\bwe\b(?:'ll|'d| will| can| would)?[^.?!]{0,80}\bfor you\b", re.I)
# The seller's own offer: "our pricing is", "our standard plan", "our onboarding team".
_OUR_OFFER = re.compile(
    r"\bour (?:pricing|price list|(?:\w+ )?plans?\b|platform|product|software|onboarding"
    r"|support team|implementation team|customer success)",
    re.IGNORECASE,
)
# Papers the seller sends: "I'll send you the contract", "let me send over the proposal".
_SENDS = re.compile(
    r"\b(?:i'll|i will|i can|let me|we'll|we will)\s+(?:send|email|forward|share)\s+"
    r"(?:you\s+|over\s+)*(?:the|a|our)\s+(?:\w+\s+)?"
    r"(?:contract|proposal|quote|order form|agreement|dpa|deck|case stud(?:y|ies)|trial|demo)",
    re.IGNORECASE,
)
# What the price covers, told as an answer: "the phone tracking is included in the price".
_INCLUDED = re.compile(
    r"\b(?:is|are|comes?) (?:all )?(?:included in (?:the|your|our) (?:[\w-]+ )?(?:price|plan"
    r"|subscription|fee)|at no extra (?:cost|charge)|as standard)\b",
    re.IGNORECASE,
)
# A way in the seller proposes: "You could start with the four vans that have nothing".
_PROPOSES = re.compile(r"^(?:\w+,\s+)?you (?:could|can|might) (?:start|begin) (?:with|by)\b", re.I)
# Discovery about the buyer's business as it runs now: "How do you handle deliveries today?"
_DISCOVERY = re.compile(
    r"\b(?:how|what|who|where)\b[^?]{0,60}\b(?:do|are|does) you(?:r team)?\b[^?]{0,60}"
    r"\b(?:today|currently|at the moment|right now|these days|at present)\b"
    r"|\b(?:walk me through|tell me (?:a bit )?(?:more )?about (?:your|how you)|what made you"
    r"|what prompted you)\b",
    re.IGNORECASE,
)
# Recalling to the buyer what they said: "So last time you mentioned the shops never know".
_RECAP = re.compile(
    r"^(?:(?:so|and|right|okay|ok|great)[,.]?\s+)?(?:last time|earlier|when we (?:last )?spoke"
    r"|on (?:the|our) (?:last )?call),?\s+you (?:mentioned|told me|were saying)\b",
    re.IGNORECASE,
)


def speaks_as_seller(sentence: str, ours: Sequence[str] = ()) -> bool:
    """Whether the sentence is the seller's words, whoever said it; ``ours``: our company's
    and product's names ("With Haulbase each shop gets a live ETA")."""
    text = " ".join(sentence.replace("’", "'").split())
    asks = text.endswith("?")
    if asks:
        return bool(_DISCOVERY.search(text))
    if any(p.search(text) for p in (_FOR_YOU, _OUR_OFFER, _SENDS, _INCLUDED, _PROPOSES, _RECAP)):
        return True
    return any(_pitches(text, name) for name in ours if len(name) >= 3)


def _pitches(text: str, name: str) -> bool:
    """Our product as what the buyer gets: "With Haulbase, each shop gets...", "Haulbase lets
    you...". A buyer's "Haulbase would have to be cheaper" is no pitch."""
    named = re.escape(name)
    return bool(
        re.search(rf"^(?:\w+[,.]?\s+)?with {named}\b", text, re.IGNORECASE)
        or re.search(rf"\b{named} (?:lets|gives|shows|sends|tells) (?:you|your)\b", text, re.I)
    )
