"""Which way a buyer's line about a rival points, and whose it is, before a comparison lists it:
a reason the rival fits better says well of it; a reason buyers stay with it is no reason to
leave it; its pricing is a price; a row is headed by what it is about.

Why: a marina comparison listed "MoorUp sold a berth on C pontoon that Tidemark had down as
occupied" (a failure) and "The berth holders themselves are all in Tidemark" (how they work)
under "When Tidemark is the better fit", "our Tidemark licence renews in January, so we'd want
to move before then" under "Why buyers stay with Tidemark", "Tidemark prints the annual invoices
in March" under its pricing, and headed rows "Fact F1" and "What a buyer said".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.pairing import states_gap
from pipeline.content.profile import PLANNED
from pipeline.content.rival_claims import faults_them, rival_topic
from pipeline.content.rival_hold import places
from pipeline.content.rival_prices import rival_price_verdict, states_their_price

_NOT = re.compile(r"(?:\bnot|\bnever|\bno|n['’]t)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ABOUT_US = re.compile(r"\b(?:you|your|yours|you['’](?:re|ve|d|ll))\b", re.IGNORECASE)
# A good word said of it: "honestly brilliant", "really slick", "the boaters love the app".
_GOOD = re.compile(
    r"\b(?:great|brilliant|excellent|superb|slick|lovely|love[sd]?|loving|happy|good|easy"
    r"|simple|reliable|solid|handy|smooth|intuitive|fast|quick|nice|cheap(?:er)?|free"
    r"|works? (?:well|fine|great|nicely)|does the job|the best|swears? by)\b",
    re.IGNORECASE,
)
# Something that went wrong, told of the rival or with it: "sold a berth that Tidemark had
# down as occupied", "double-booked us", "the chap arrived at ten at night".
_FAILURE = re.compile(
    r"\b(?:double[- ]?book\w*|book\w* twice|sold (?:\w+ ){0,6}(?:twice|occupied|taken)"
    r"|had (?:\w+ ){0,3}down as|went wrong|gone wrong|mix-?up|mistake|errors?|outage"
    r"|went down|was down|lost (?:a|the|our|my) \w+|arrived (?:\w+ ){0,4}(?:night|late)"
    r"|turned up (?:\w+ ){0,4}(?:night|late|wrong)|complain\w*|nightmare|disaster|chaos)\b",
    re.IGNORECASE,
)
# Leaving it, not staying: "we'd want to move before then", "we won't renew".
_LEAVING = re.compile(
    r"\b(?:want|wants|need|needs|have|has|going|plan\w*|looking|hoping|keen|trying|ready)"
    r" to (?:move|switch|leave|get off|get away|change|replace|go)\b"
    r"|\bmov\w+ (?:off|away from)\b|\bbefore (?:then|it renews|the renewal)\b"
    r"|\b(?:won't|not going to|don't want to) renew\b|\bcancel\w*\b|\bget out of\b",
    re.IGNORECASE,
)
# The buyer moving to the rival: "we went with YardHand", "just switched to X".
_MOVED_TO = re.compile(
    r"\b(?:went|go|goes|going|gone|decided to go|moving forward|moved|moving|switched|switching"
    r"|signed|signing|changed|changing)(?: over)? (?:to|with)\s+(?:the\s+)?$"
    r"|\b(?:chose|chosen|picked|selected|bought|just started on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Words of price or terms paid on: "£850 a year", "per boat", "their increase".
_PRICED = re.compile(
    r"[$£€]\s?\d|\b(?:pric\w*|cost\w*|fees?|charg\w*|subscriptions?|discount\w*|cheap\w*"
    r"|expensive|dear(?:er)?|increase|rise|(?:a|per|each) (?:month|year|week|seat|user|site|boat"
    r"|berth|head|licen[cs]e|driver|pupil|case))\b",
    re.IGNORECASE,
)
# Topics a row may be headed by besides the contract, price and product topics
# (``rival_topic``): where it runs, its apps, its bookings, its reports.
_MORE_TOPICS = (
    ("where_it_runs", r"\b(?:desktop|cloud|server|installed|hosted|on[- ]prem\w*|web-based)\b"),
    ("bookings", r"\b(?:book\w*|reservations?|visitors?|appointments?|transients?)\b"),
    ("apps", r"\b(?:apps?|mobile|iphone|android|tablets?)\b"),
    ("reports", r"\b(?:reports?|reporting|dashboards?|analytics)\b"),
)


def says_well(text: str, ours: Iterable[str] = ()) -> bool:
    """Whether a clause of ``text`` not about us says a good word, not negated."""
    names = [re.escape(n) for n in ours if n.strip()]
    us = re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", re.I) if names else None
    for clause in re.split(r"[,;:.!?]\s+|\s(?:but|and|so|because|while)\s", text):
        if _ABOUT_US.search(clause) or (us and us.search(clause)):
            continue
        if any(not _NOT.search(clause[: m.start()]) for m in _GOOD.finditer(clause)):
            return True
    return False


def tells_a_failure(text: str, ours: Sequence[str] = ()) -> bool:
    """Whether ``text`` tells of something going wrong (``_FAILURE``, not denied: "it's never
    once lost a record" is praise) or finds fault with anyone but us (``faults_them``;
    ``ours``: our names)."""
    failed = any(not _NOT.search(text[: m.start()]) for m in _FAILURE.finditer(text))
    return failed or faults_them(text, ours)


def fits_them_better(quote: Quote, ours: Sequence[str], cheaper: bool) -> bool:
    """Whether a line may say where the rival fits better: one that says well of the rival,
    calls it the ``cheaper`` or tells a thing it does or has (``offers_something``), whoever
    said it and whatever the deal's outcome; never a failure told. A lost deal's line had been
    listed whatever it said: "It's not the right time to rip things up.", "It's too much admin."
    """
    if tells_a_failure(quote.text, ours):
        return False
    return cheaper or says_well(quote.text, ours) or offers_something(quote.text)


# What the rival does or has, said of it by name or "they"/"it": "they do clock-in as well now",
# "LiftPro already prints the Zurich format",
# "Staffly bundles scheduling", "they already integrate with our lab", "X offers clocking on a
# shared tablet", "bundled with the HR suite", "one app for everything". A thing it lacks
# ("doesn't do the rota") is none, nor what the buyer has ("We have three sites").
_OFFERS = re.compile(
    r"(?:\b(?:they|it)|(?-i:(?<![.!?]\s)\b(?!(?:We|You|Our|My|Your|The|This|That|There)\b)"
    r"[A-Z]\w+))"
    r"(?:['’]s)?(?:\s+(?:also|now|already|even|just|really|actually))*\s+"
    r"(?:do|does|has|have|offers?|includes?|bundles?|sells?|supports?|integrates?|syncs?"
    r"|handles?|covers?|comes? with|(?:has|have) got|['’]ve got"
    # Any verb after "already", "also", "even": "X already prints the insurer's form".
    r"|(?:(?<=already )|(?<=also )|(?<=even ))(?![a-z]*ed\b|told\b|said\b)[a-z]{3,}"
    r")\b(?!\s+(?:to|not)\b)"
    r"|\b(?:bundled with|built[- ]in|in one (?:place|system|app)|one app for|all[- ]in[- ]one)\b",
    re.IGNORECASE,
)


# What the buyer's records in it hold them by ("Staffly already has everyone's contracts in
# it"), and the job it does for them today ("right now X does our support", "they handle all our
# IT"): the buyer's set-up, not a thing it does (a won deal's set-up had read "Lost to X").
_HOLDS = re.compile(
    r"\b(?:has|have|['’]ve got)\b.*\bin (?:it|there|them)\b"
    r"|\b(?:do|does|did|handles?|handled|runs?|ran)\s+(?:all\s+)?(?:of\s+)?(?:our|my)\b",
    re.IGNORECASE,
)


def offers_something(text: str) -> bool:
    """Whether a clause of ``text`` not about us tells a thing the rival does or has, not
    negated and not asked (``_OFFERS``)."""
    for clause in re.split(r"[,;:.!?]\s+|\s(?:but|while|whereas)\s", text):
        if _ABOUT_US.search(clause) or "?" in clause or _HOLDS.search(clause):
            continue
        if any(not _NOT.search(clause[: m.start()]) for m in _OFFERS.finditer(clause)):
            return True
    return False


def ours_too(evidence: Evidence, quote: Quote) -> bool:
    """Whether a line telling only what the rival does or has (no good word, no lower price)
    tells what we have too: a profile fact as near it by meaning as a fact must be to answer
    a rival's quote (``Evidence.quote_floor``). A thing both have is no reason they fit better;
    a thing we only plan (a roadmap fact, one admitting a gap) is no thing we have: "Insurer
    templates are planned" had hidden "X already prints the insurer's format"."""
    have = {f.id for f in evidence.profile if f.section != PLANNED and not states_gap(f.text)}
    near = {i: v for i, v in evidence.quote_closeness.get(quote.id, {}).items() if i in have}
    if (
        not near
        or says_well(quote.text)
        or "cheaper"
        in rival_price_verdict(quote.text, evidence.rival_forms or (evidence.competitor or "",))
    ):
        return False
    return max(near.values()) >= evidence.quote_floor


def moved_to(text: str, forms: Iterable[str]) -> bool:
    """Whether ``text`` says the buyer moved or is moving to the rival ("we went with X")."""
    for place in places(text, forms):
        before = text[: place.start()]
        chose = _MOVED_TO.search(before)
        if chose and not _NOT.search(before[: chose.start()]):
            return True
    return False


def keeps_them(quote: Quote, switched: frozenset[int]) -> bool:
    """Whether a line may say why buyers stay with the rival: not from a call whose buyer
    moved to it (``switched``: they chose it, they did not stay), and no wish to leave it."""
    if quote.call_id in switched:
        return False
    return not any(not _NOT.search(quote.text[: m.start()]) for m in _LEAVING.finditer(quote.text))


def switched_calls(quotes: Sequence[Quote], forms: Sequence[str]) -> frozenset[int]:
    """The calls where a line (the buyer's or the rep's note) says the buyer moved to it."""
    return frozenset(q.call_id for q in quotes if moved_to(q.text, forms))


def states_a_price(text: str, forms: Sequence[str]) -> bool:
    """Whether a line about the rival's pricing states a price or its terms (a figure said
    as a price, price words), not a routine around its invoices."""
    return states_their_price(text, forms) or _PRICED.search(text) is not None


def aspect_topic(text: str, fallback: str) -> str:
    """What a row is about, from its words (``rival_topic``, then where it runs, bookings,
    apps, reports), else ``fallback``: never "Fact F1" nor "What a buyer said"."""
    topic = rival_topic(text)
    if topic:
        return topic
    more = (name for name, words in _MORE_TOPICS if re.search(words, text, re.IGNORECASE))
    return next(more, fallback)
