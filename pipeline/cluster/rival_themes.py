"""A rival's theme reads "<Rival>: <what its buyers say of it>", whatever its quotes' wording:
"RotaPro: price", "Staffly: contracts and HR", "ClockBee: asked about it".

Why: the demo's three rival themes had been named three ways by the general rules: "Staffly"
(the rival alone, a topic word), "I'll probably take RotaPro's deal" (one buyer's clause) and
"ClockBee" (of two bare asks, "And ClockBee?"). A marketer scanning the list could neither tell
them for rival themes nor read what buyers say of each. A theme is a rival's when the rival its
quotes name most is named by half of them (as any rival a name says must be);
what they say of it is the objection category most of its quotes' cue words speak to ("price",
"switching effort"), else that they already use it, else the words a share of them say (the
rival left out), else a thing of the rival's a quote praises ("had a digital CD register"),
else that a quote says they chose it ("chosen over us"), else only that buyers asked about it or
named it.
A lost deal's theme of "the board picked PharmStock" and "They also liked that PharmStock already
had a digital CD register" had been "PharmStock: named, no reason given".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence

from pipeline.cluster.categories import TOPIC_PRIOR_KINDS
from pipeline.cluster.label_checks import COMPETITOR_SHARE, named_competitors
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.representative import (
    MIN_SHARED_QUOTES,
    TERMS_IN_NAME,
    enough_to_name,
    quotes_saying,
)
from pipeline.cluster.rivals import RIVAL_CATEGORY
from pipeline.cluster.topic_names import shared_words, short_label, topic_terms
from pipeline.detect.competitors import CompetitorHit, find_competitors
from pipeline.detect.loss_reasons import chosen_rival
from pipeline.detect.rules import cue_scores, is_question, speaks_of_a_rival

IN_USE = "already in use"  # "We're happy with Groomly", "We already pay for PetDesk"
ASKED = "asked about"  # "Does Petwise do reminders too?", "And ClockBee?"
# Asked about with nothing a share of the asks say: a name never ends mid-phrase ("ClockBee:
# asked about" had named one).
ASKED_ONLY = f"{ASKED} it"
NAMED = "named, no reason given"  # "Lost to Staffly.", "Staffly."
CHOSEN = "chosen over us"  # "the board picked PharmStock", "We've gone with Vetlio."
# What the rival has, said with the rival as its subject, up to where the clause ends: "Vetlio
# already has a client app, and ...", "PharmStock had a digital CD register".
# "Servicio, who have offered us the first three months free" too: the thing is what follows
# whom it was offered to.
_HAS = (
    r"(?:'s|\s+|,\s*(?:who|which|that)\s+(?:(?:have|has|had)\s+)?)(?:\s*already|\s*also)*\s*"
    r"(?P<verb>has|had|offers|offered|comes with|came with)\s+(?:(?:us|me|them)\s+)?"
)
_THING = (
    r"(?P<thing>(?!(?:no|not|nothing|none|never)\b)[\w'’-]+(?:\s+[\w'’-]+){0,4}?)"
    r"(?=\s*(?:[,;.!?()]|\s[-–—]\s|$)|\s+(?:and|but|so|which|that|because|while|when|for|if|as)\b)"
)
# Already theirs, the rival a few words on: "they already had the PulseBook app", "we're
# already running Vetlio" (the rival's category cues want it said first: "already use X").
_ALREADY = (
    r"\balready\s+(?:had|have|has|use[ds]?|using|ran|run|running|on|got|pay|paid)\b"
    r"(?:\s+[\w'’-]+){0,2}?\s+"
)


def theme_rival(
    texts: Sequence[str],
    competitors: Sequence[str],
    category: str | None = RIVAL_CATEGORY,
    kind: str | None = None,
) -> str | None:
    """The rival a competitor-category theme of ``texts`` is about (spelled as ``competitors``
    first spells it): the one its quotes name most, when half of them name it (the share any
    rival in a name needs, ``label_checks.COMPETITOR_SHARE``: a mixed theme of losses to
    Staffly and RotaPro is neither's);
    None for a theme of another category or of no one rival, and for a question theme (named
    by what its central question asks: its FAQ entry)."""
    if category != RIVAL_CATEGORY or kind in TOPIC_PRIOR_KINDS or not texts:
        return None
    spelling: dict[str, str] = {}
    for name in competitors:
        spelling.setdefault(name.casefold(), name)
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({n.casefold() for n in named_competitors(text, spelling.values())})
    if not counts:
        return None
    count = max(counts.values())
    tied = [rival for rival, n in counts.items() if n == count]
    if len(tied) > 1:  # named as often: the rival a quote says was chosen, else neither
        chosen = {hit.name.casefold() for hit in _chosen(texts, competitors)} & set(tied)
        tied = list(chosen) if len(chosen) == 1 else []
    if not tied:
        return None
    return spelling[tied[0]] if count >= COMPETITOR_SHARE * len(texts) else None


def _chosen(texts: Sequence[str], competitors: Sequence[str]) -> list[CompetitorHit]:
    """The rivals ``texts`` say were chosen ("we've decided to go with X")."""
    hits = (chosen_rival(t, find_competitors(t, competitors)) for t in texts)
    return [hit for hit in hits if hit is not None]


def rival_aspects(
    texts: Sequence[str], keywords: Sequence[str], competitors: Sequence[str]
) -> list[str]:
    """What the quotes say of their rival, best first and never empty: each objection category
    a share of them cue (``enough_to_name``; most cued first, "price"), that they already use
    it, the words a share of them say, else the two things most telling of the theme
    (``keywords``) that two or more say ("HR and contracts"), and last that they only named it;
    each "asked about ..." when most of them are questions ("asked about price")."""
    cued: Counter[str] = Counter()
    for text in texts:
        cued.update(c for c, hits in cue_scores(text).categories.items() if hits)
    ranked = sorted(cued, key=lambda c: -cued[c])  # stable: the seeds' order among ties
    said = [
        _lowered(short_label(c))
        for c in ranked
        if c != RIVAL_CATEGORY and short_label(c) and enough_to_name(cued[c], len(texts))
    ]
    if enough_to_name(cued[RIVAL_CATEGORY], len(texts)):
        said.append(IN_USE)
    terms = topic_terms(texts, keywords, competitors) or shared_words(texts, keywords, competitors)
    # the rival itself is no aspect: "ShelfWorks: shelfWorks" had named a theme of losses to it
    rivals = {c.casefold() for c in competitors}
    terms = [t for t in terms if t.casefold() not in rivals]
    if terms:
        said.append(" and ".join(_lowered(t) for t in terms[:TERMS_IN_NAME]))
    if 2 * sum(_asks(t) for t in texts) >= len(texts):
        return [*(f"{ASKED} {a}" for a in said if a != IN_USE), ASKED_ONLY]
    return [*said, *_reasons_said(texts, competitors), NAMED]


def _reasons_said(texts: Sequence[str], competitors: Sequence[str]) -> list[str]:
    """What a rival's quotes say for it when no share of them says one thing: a thing of it
    one praises ("had a digital CD register"), that one already has it ("they already had the
    PulseBook app rolled out"), that one says they chose it ("chosen over us"), then a worry
    one cues ("closer to the renewal": contract terms); a theme so said is no "named, no
    reason given"."""
    rival = theme_rival(texts, competitors)
    if rival is None:
        return []
    has = re.compile(re.escape(rival) + _HAS + _THING, re.IGNORECASE)
    in_use = re.compile(_ALREADY + re.escape(rival), re.IGNORECASE)
    things = [
        f"{found['verb'].lower()} {found['thing']}"
        for text in texts
        if not _asks(text)
        for found in [has.search(text)]
        if found
    ]
    # Chosen: this rival, by the sentence's own words; a loss to another rival in the theme
    # ("we've decided to go with LiftPro Cloud" beside two lines naming Servicio) is not.
    chosen = any(hit.name.casefold() == rival.casefold() for hit in _chosen(texts, competitors))
    said = [t for t in texts if not _asks(t)]
    cued = [
        _lowered(short_label(c))
        for text in said
        for c, hits in cue_scores(text).categories.items()
        if hits and c != RIVAL_CATEGORY and short_label(c)
    ]
    used = any(in_use.search(t) or speaks_of_a_rival(t) for t in said)
    return [
        *dict.fromkeys(things),
        *([IN_USE] if used else []),
        *([CHOSEN] if chosen else []),
        *dict.fromkeys(cued),
    ]


def rival_theme_names(
    rival: str, texts: Sequence[str], keywords: Sequence[str], competitors: Sequence[str]
) -> Iterator[str]:
    """Each name a theme of ``rival`` may take, best first: "<Rival>: <aspect>"."""
    for aspect in rival_aspects(texts, keywords, competitors):
        yield f"{rival}: {aspect}"


def held_theme_name(
    name: str,
    texts: Sequence[str],
    competitors: Sequence[str],
    also_said: str = "",
    leading: Sequence[str] | None = None,
    people: Collection[str] = frozenset(),
    category: str | None = None,
    kind: str | None = None,
    keywords: Sequence[str] = (),
    *,
    alone: bool = False,
) -> bool:
    """Whether an automatic name still fits its theme (``name_rules.still_fits``, ``alone`` as
    there); a rival's theme keeps only a name of its pattern whose aspect its quotes still say
    (``keywords``: the theme's, as last named): "Staffly" or "I'll probably take RotaPro's
    deal", given before, give way to "Staffly: ..."."""
    rival = theme_rival(texts, competitors, category, kind)
    if rival is None:
        return still_fits(
            name, texts, competitors, also_said, leading, people, category, kind, alone=alone
        )
    # Any name its quotes still say holds; "named, no reason given" only while nothing else
    # can name it: given when its first quotes said no reason, it had held after one did.
    names = list(rival_theme_names(rival, texts, keywords, competitors))
    if name in names and (name != f"{rival}: {NAMED}" or name == names[0]):
        return True
    # Words its quotes shared hold while its quotes still say each, the first two or more of
    # them: a theme's keywords shift with every upload, and "Vincere: staying and lost" (three
    # quotes, then two) had been renamed for it.
    head, _, aspect = name.partition(": ")
    asked = aspect.startswith(f"{ASKED} ")
    terms = aspect.removeprefix(f"{ASKED} ").split(" and ") if aspect else []
    return (
        head == rival
        and asked == (rival_aspects(texts, keywords, competitors)[-1] == ASKED_ONLY)
        and bool(terms)
        and quotes_saying(terms[0], texts) >= MIN_SHARED_QUOTES
        and all(quotes_saying(term, texts) for term in terms)
    )


def _asks(text: str) -> bool:
    """A question, "And ClockBee?" too (``is_question`` leaves out a bare "And X?")."""
    return text.rstrip("\"') ").endswith("?") or is_question(text)


def _lowered(words: str) -> str:
    """A label or a term inside a name: "Price" reads "price"; "HR" and "GDPR" stay."""
    first = words[:1]
    return first.lower() + words[1:] if words[1:2].islower() else words
