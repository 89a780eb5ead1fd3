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

from pipeline.detect.relayed_questions import relays_a_question
from pipeline.lazy_regex import lazy_compile

# "we do that for you", "we'll set it all up for you": work the seller's side takes on.
_FOR_YOU = lazy_compile(r"\bwe\b(?:'ll|'d| will| can| would)?[^.?!]{0,80}\bfor you\b", re.I)
# The seller's own offer: "our pricing is", "our standard plan", "our onboarding team".
_OUR_OFFER = lazy_compile(
    r"\bour (?:pricing|price list|(?:\w+ )?plans?\b|platform|product|software|onboarding"
    r"|support team|implementation team|customer success)",
    re.IGNORECASE,
)
# Papers the seller sends: "I'll send you the contract", "let me send over the proposal".
_SENDS = lazy_compile(
    r"\b(?:i'll|i will|i can|let me|we'll|we will)\s+(?:send|email|forward|share)\s+"
    r"(?:you\s+|over\s+)*(?:the|a|our)\s+(?:\w+\s+)?"
    r"(?:contract|proposal|quote|order form|agreement|dpa|deck|case stud(?:y|ies)|trial|demo)",
    re.IGNORECASE,
)
# What the price covers, told as an answer: "the phone tracking is included in the price".
_INCLUDED = lazy_compile(
    r"\b(?:is|are|comes?) (?:all )?(?:included in (?:the|your|our) (?:[\w-]+ )?(?:price|plan"
    r"|subscription|fee)|at no extra (?:cost|charge)|as standard)\b",
    re.IGNORECASE,
)
# A way in the seller proposes: "You could start with the four vans that have nothing".
_PROPOSES = lazy_compile(
    r"^(?:\w+,\s+)?you (?:could|can|might) (?:start|begin) (?:with|by)\b", re.I
)
# Discovery about the buyer's business as it runs now: "How do you handle deliveries today?"
_DISCOVERY = lazy_compile(
    r"\b(?:how|what|who|where)\b[^?]{0,60}\b(?:do|are|does) you(?:r team)?\b[^?]{0,60}"
    r"\b(?:today|currently|at the moment|right now|these days|at present)\b"
    r"|\b(?:walk me through|tell me (?:a bit )?(?:more )?about (?:your|how you)|what made you"
    r"|what prompted you)\b",
    re.IGNORECASE,
)
# Recalling to the buyer what they said: "So last time you mentioned the shops never know".
_RECAP = lazy_compile(
    r"^(?:(?:so|and|right|okay|ok|great)[,.]?\s+)?(?:last time|earlier|when we (?:last )?spoke"
    r"|on (?:the|our) (?:last )?call),?\s+you (?:mentioned|told me|were saying)\b",
    re.IGNORECASE,
)

# Work the seller does on what is the buyer's: "we hold the price for the full term of your
# contract", "we move your client files across". A buyer's "your" is the vendor's, and a buyer
# does none of these to it ("we'd need your price in writing" is no such verb).
_DOES_YOURS = lazy_compile(
    r"\bwe(?:'ll| will| can| also| always| just| then| even)?\s+(?:hold|freeze|lock|fix|cap"
    r"|guarantee|include|migrate|import|move|transfer|host|store|back up|train|onboard|set up"
    r"|configure|load|waive|refund|match|ship|install|connect|sync|look after|take care of)\b"
    r"[^.?!]{0,60}\byour\b",
    re.IGNORECASE,
)
# What the seller bundles: "We include the hardware", "we also include onboarding".
_BUNDLES = lazy_compile(
    r"\bwe(?:'ll| will| also| always)? (?:include|throw in|provide|supply) (?:all |the |free "
    r"|full )*(?:hardware|scanners?|devices?|tablets?|handsets?|card readers?|set-?up|training"
    r"|onboarding|support|data migration|migration|installation|updates|upgrades)\b",
    re.IGNORECASE,
)
# Another product's support, told as fact: "Pharmacy Manager and ProScript are both supported
# today" (a buyer's complaint is the other way: "our version isn't supported any more").
_SUPPORTED = lazy_compile(
    r"\b(?:is|are) (?:both |all |fully |already |now )?supported\b(?! by)", re.IGNORECASE
)
# Our customers as the proof of what the buyer will get: "Our customers usually go live in a
# week", "practices like yours tend to...". A buyer's own customers do other things ("our
# customers usually book online").
_OUR_CUSTOMERS = lazy_compile(
    r"\b(?:(?:most|many|all|some) of )?our (?:other )?(?:customers|clients|users)\b[^.?!]{0,30}"
    r"\b(?:go(?:es)? live|are live|get (?:up and running|set up|started)|are up and running"
    r"|start (?:with|on|by)|roll (?:it )?out|see (?:a|an|about|around|the|results|savings)"
    r"|save[^.?!]{0,20}(?:hours?|days?|minutes|time|money|[\d£$€%])|cut (?:their|the)"
    r"|switch(?:ed)? over|pay back)"
    r"|\b(?:customers|clients|practices|firms|teams|businesses|shops|stores|companies|clinics"
    r"|salons|people) like (?:you|yours)\b",
    re.IGNORECASE,
)
# How an answer to a question opens: "Yes, ...", "No, we hold the price...", "Good question".
_ANSWER_OPENS = lazy_compile(
    r"^(?:(?:so|well|okay|ok|right|great|and)[,.]?\s+)?(?:yes|yeah|yep|yup|no|nope|absolutely"
    r"|definitely|of course|sure|certainly|correct|not at all|short answer|the short answer|both"
    r"|either|neither"
    r"|(?:good|great|fair) question|it does(?:n't)?|it is(?:n't)?|it can(?:'t)?|it will|we do"
    r"(?:n't)?|we can(?:'t)?|we are|they are|they do|they can)\b",
    re.IGNORECASE,
)
_SELLERS_WORDS = (
    _FOR_YOU, _OUR_OFFER, _SENDS, _INCLUDED, _PROPOSES, _RECAP,
    _DOES_YOURS, _BUNDLES, _SUPPORTED, _OUR_CUSTOMERS,
)  # fmt: skip


def seller_sentences(
    turns: Sequence[tuple[object, str, Sequence[str]]], ours: Sequence[str] = ()
) -> set[tuple[int, int]]:
    """The (turn, sentence) positions of ``turns`` (each its call, its role and its sentences,
    in call order) that an unknown speaker says as the seller: ``speaks_as_seller``, and the
    answer to a question relayed just before it ("And someone asked whether the price goes
    up after the first year." then "No, we hold it for the full term."), to the turn's end."""
    found: set[tuple[int, int]] = set()
    relayed, call_before = False, object()
    for turn, (call, role, sentences) in enumerate(turns):
        if call != call_before or role != "unknown":
            relayed, call_before = False, call
        answering = False
        for index, sentence in enumerate(sentences):
            text = " ".join(sentence.replace("’", "'").split())
            if role != "unknown":
                continue
            answering = answering or (relayed and bool(_ANSWER_OPENS.match(text)))
            relayed = relays_a_question(text)  # the audience's words, whoever reads them out
            answering = answering and not relayed
            if answering or (not relayed and speaks_as_seller(text, ours)):
                found.add((turn, index))
    return found


def speaks_as_seller(sentence: str, ours: Sequence[str] = ()) -> bool:
    """Whether the sentence is the seller's words, whoever said it; ``ours``: our company's
    and product's names ("With Haulbase each shop gets a live ETA")."""
    text = " ".join(sentence.replace("’", "'").split())
    asks = text.endswith("?")
    if asks:
        return bool(_DISCOVERY.search(text))
    if any(p.search(text) for p in _SELLERS_WORDS):
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
