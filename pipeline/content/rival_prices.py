"""What a buyer's words make of a rival's price: cheaper (a reason it fits them better), dearer
(a fault), or neither (a fact about its deal).

Why: "Canopy's $2,500 for setup" and "HammerTech charges per user" had been listed under "When
Canopy is the better fit". A price or a fee said plainly is neither the rival's strength nor
its fault; "Canopy is cheaper for a firm our size" is a strength, "Canopy's $2,500 setup fee is
steep" a fault. Who is cheaper is read from the words' subject: "you're dearer than Canopy"
makes Canopy the cheaper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pipeline.content.rival_claims import PRICE_SAID, names_rival, rival_topic

Verdict = Literal["cheaper", "dearer"]

_MONEY_WORDS = r"(?:prices?|pricing|fees?|rates?|costs?|quotes?|bills?|subscriptions?)"
# The words of a price verdict, of whoever is the subject: "cheaper", "costs less"; "steep",
# "too much", "double what". Longer forms first, so "less expensive" is not "expensive".
_CHEAPER = (
    r"less (?:expensive|pricey|costly)|cheap(?:er|est)?|more affordable|affordable"
    r"|inexpensive|lower(?: [\w-]+)? " + _MONEY_WORDS + r"|(?:costs?|charg\w*|pay\w*|came in"
    r"|comes? in|work(?:s|ed)? out) (?:a lot |a bit |much |way )?less|undercut\w*"
    r"|better (?:value|price|deal|rate)|good value|half (?:the price|what|of what)"
    r"|a fraction of|(?<!feel )free\b(?! up)|for nothing|no (?:extra |setup |set-up "
    r"|onboarding |monthly )?(?:fees?|charges?)|sav(?:e|es|ed|ing) (?:us )?(?:money|\d)"
)
_DEARER = (
    r"more (?:expensive|costly)|expensive|pric(?:ey|ier|iest)|dear(?:er|est)"
    r"|(?:too|a bit|quite|very|rather) dear|costly|steep|hefty|overpriced|over-priced|too much"
    r"|a lot of money|(?:costs?|charg\w*|pay\w*) (?:a lot|a fortune|(?:a lot |a bit |much"
    r" |way )?more)|higher(?: [\w-]+)? " + _MONEY_WORDS + r"|(?:double|twice|triple|three times)"
    r" (?:what|the)|through the roof|eye[- ]?watering|ridiculous|outrageous|extortionate"
    r"|a rip-?off|(?:can['’]?t|cannot|couldn['’]t) (?:afford|justify)"
    r"|(?:out of|over) (?:our |the )?budget|adds? up|hard sell"
    # Whoever must match or beat a price is the dearer: "we'd sign if you matched Clio's price".
    r"|(?:match(?:es|ed)?|beat|beats)(?= (?:\w+['’]s )?(?:prices?|pricing|rates?|quotes?|offer)\b)"
)
_VERDICT = re.compile(rf"\b(?:(?P<cheaper>{_CHEAPER})|(?P<dearer>{_DEARER}))", re.IGNORECASE)
_NEGATED = re.compile(
    r"(?:\bnot|\bnever|\bhardly|n['’]t)\s+(?:\w+\s+){0,2}$|\bno\s+$", re.IGNORECASE
)
_CLAUSES = re.compile(r"[,;:]\s|\s(?:but|and|so|because|while|though|although)\s|[.!?]\s+", re.I)
_US = r"you|your|yours|you['’](?:re|ve|d|ll)"
_THEM = r"they|their|them|theirs|they['’](?:re|ve|d|ll)"
# A pronoun that may be either side: the side named before it in the quote, else ours.
_EITHER = r"it|its|it['’]s"
# A party after the verdict that is what the subject is measured against: "cheaper than you",
# "double what Canopy charges"; not "we'd pay less with you".
_BENCHMARK = re.compile(r"\b(?:than|what|as|to|with what)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A side named after the verdict as the subject of its own price is set against it too: "$189 a
# user is steep for a firm our size when X charges us a flat fee" calls our price steep.
_OWN_PRICE = re.compile(
    r"^\s+(?:(?:just|only|still|already|now|always)\s+)?(?:charges?|charged|costs?|bills?"
    r"|billed|asks?|asked|quotes?|quoted|(?:comes?|came) in)\b",
    re.IGNORECASE,
)


def rival_price_verdict(text: str, rival: Iterable[str], ours: Iterable[str] = ()) -> set[Verdict]:
    """What the sentence says of the ``rival``'s price (any of its spellings): ``cheaper``,
    ``dearer``, both (of two parts of its deal), or neither; ``ours`` are our product's names,
    which, like "you", make the verdict ours and so the opposite of the rival's."""
    said: set[Verdict] = set()
    parties = _parties(rival, ours)
    # "Twelve grand on top of Stella": the money is ours, added to theirs; Stella alone costs less.
    added = _added_to_rival(text, parties)
    if added and rival_topic(text) == "price":
        said.add("cheaper")
    earlier = ""  # the quote's words before the clause: "We tried X. It was too dear."
    for clause in _CLAUSES.split(text):
        for match in _VERDICT.finditer(clause):
            verdict: Verdict = "cheaper" if match.group("cheaper") else "dearer"
            before, rest = clause[: match.start()], clause[match.start() :]
            ours_ = added or _about_us(before, rest, parties, earlier)
            said.add(_other(verdict) if bool(_NEGATED.search(before)) ^ ours_ else verdict)
        earlier += f" {clause}"
    return said


def states_their_price(text: str, rival: Iterable[str]) -> bool:
    """Whether a line names the rival and a figure said as a price (``PRICE_SAID``): "X came in
    at five-fifty flat" is what a pricing row sets beside ours before any word on it."""
    return names_rival(text, rival) and PRICE_SAID.search(text) is not None


# Where a line's parts meet, for what of it is said of the rival: its clauses, and a turn to the
# other side ("... is steep for a firm our size when X charges us a flat fee").
_PARTS = re.compile(
    r"[,;:]\s+|\s(?:but|and|so|because|while|whilst|whereas|when|where|since|though|although)\s"
    r"|[.!?]\s+",
    re.IGNORECASE,
)


def their_words(text: str, rival: Iterable[str], ours: Iterable[str] = ()) -> str:
    """What a rival's column quotes of a line setting our price against theirs: its parts from
    the first naming the rival to the last, "…" before where it starts mid-line; the whole line
    where no other part is on our price (``_ours``). "At $149 a user we'd be paying three
    thousand a month, which is a lot more than we pay X today" had stood in X's column as if
    the $149 were theirs."""
    parties = _parties(rival, ours)
    breaks = list(_PARTS.finditer(text))
    starts, ends = [0, *(m.end() for m in breaks)], [*(m.start() for m in breaks), len(text)]
    spans = [(a, b) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]
    theirs = [(a, b) for a, b in spans if _names(text[a:b], parties, "them")]
    if not theirs:
        return text
    start, end = theirs[0][0], theirs[-1][1]
    rest = [(a, b) for a, b in spans if b <= start or a >= end]
    if not any(_ours(text[a:b], parties, text[:a]) for a, b in rest):
        return text
    stop = text[end : end + 1] if text[end : end + 1] in (".", "!", "?") else ""
    return ("…" if start else "") + text[start:end].strip() + stop


def _names(text: str, parties: re.Pattern[str], side: str) -> bool:
    """Whether ``text`` names a side (``parties``' group ``us`` or ``them``)."""
    return any(m.group(side) for m in parties.finditer(text))


def _ours(part: str, parties: re.Pattern[str], earlier: str) -> bool:
    """Whether a part of a line (``earlier``: the words before it) is on our price: a price
    verdict on us ("at $149 a user we'd be paying more"; not "I won't pay more than that" after
    the rival's price), or our price said ("yours is $189 a user"; not "you'd need to come
    close to that")."""
    if _names(part, parties, "us") and PRICE_SAID.search(part):
        return True
    verdicts = _VERDICT.finditer(part)
    return any(_about_us(part[: m.start()], part[m.start() :], parties, earlier) for m in verdicts)


def names_them(text: str, rival: Iterable[str], ours: Iterable[str] = ()) -> bool:
    """Whether ``text`` names the rival, by a spelling or as "they"/"their"."""
    return any(m.group("them") for m in _parties(rival, ours).finditer(text))


def _parties(rival: Iterable[str], ours: Iterable[str]) -> re.Pattern[str]:
    """A pattern naming either side: group ``us`` (you, our product) or ``them`` (the rival)."""
    names = [re.escape(n) for n in rival if n.strip()]
    own = [re.escape(n) for n in ours if n.strip()]
    them = "|".join([*sorted(names, key=len, reverse=True), _THEM])
    us = "|".join([*sorted(own, key=len, reverse=True), _US])
    return re.compile(
        rf"(?<!\w)(?:(?P<us>{us})|(?P<them>{them})|(?P<either>{_EITHER}))(?!\w)", re.IGNORECASE
    )


# What the rival is named as when the money is ours on top of it: "on top of Stella".
_ADDED = re.compile(
    r"\b(?:on top of|in addition to|as well as|alongside|besides)\s+(?:what we pay\s+)?$",
    re.IGNORECASE,
)


def _added_to_rival(text: str, parties: re.Pattern[str]) -> bool:
    """Whether the sentence names the rival only as what a cost comes on top of."""
    named = [m for m in parties.finditer(text) if m.group("them")]
    return bool(named) and all(_ADDED.search(text[: m.start()]) for m in named)


# A side set against the subject: "$55 vs X's $41", "versus yours", "compared to them".
_VERSUS = re.compile(
    r"\b(?:vs\.?|versus|compared (?:to|with)|against)\s+(?:[\w$£€.,/-]+\s+){0,2}$", re.I
)


def _about_us(before: str, after: str, parties: re.Pattern[str], earlier: str = "") -> bool:
    """Whether a verdict's subject is us: the side named last ``before`` it ("you're dearer"),
    else the first ``after`` it (the verdict's words on) unless that one is the benchmark
    ("we'd pay less with you", not "cheaper than you"). "It", or no side named, is the side
    the benchmark is not ("it's double what we pay X", "$55 vs X's $41 is paying more"), else
    the side named ``earlier`` in the quote ("X charges per user, which gets expensive"), else
    ours: a price called steep with no rival named is the buyer's word on our offer ("It's
    still too pricey for us")."""
    # "$55/truck vs X $41 is paying more": the side after "vs" is what the subject (unnamed,
    # the other side) is set against; it had read as X paying more.
    sides = list(parties.finditer(before))
    against = [m for m in sides if _VERSUS.search(before[: m.start()])]
    named = [m for m in sides if m not in against]
    if named and named[-1].group("either") is None:
        return named[-1].group("us") is not None
    if against and against[-1].group("either") is None:
        return against[-1].group("us") is None
    first = next((m for m in parties.finditer(after) if m.group("either") is None), None)
    if first is not None:
        benchmark = bool(
            _BENCHMARK.search(after[: first.start()]) or _OWN_PRICE.match(after[first.end() :])
        )
        return (first.group("us") is not None) != benchmark
    sides = [m for m in parties.finditer(earlier + " " + before) if m.group("either") is None]
    return not sides or sides[-1].group("us") is not None


def _other(verdict: Verdict) -> Verdict:
    return "dearer" if verdict == "cheaper" else "cheaper"
