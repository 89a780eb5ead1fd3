"""Which profile fact answers each quoted worry: the one naming what that worry names (its tools,
its device, its payment words), before any fact chosen for the theme as a whole.

Why: a review's FAQ answered "We're on QuickBooks Desktop" and "if it doesn't post into Sage 200"
with the GoCardless and single sign-on fact while the accounting integrations fact named both,
a PCI audit's "where a card number goes" with hosting and SOC 2 but not "Card numbers go
straight to Stripe", and "it has to work on a shared device" with training, not the shared
devices fact: the facts were ranked for the theme, and the worry quoted was not asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.content.pairing import (
    BROAD_TOPICS,
    names_written,
    says_something,
    systems_named,
    topic_words,
)
from pipeline.content.profile import ProfileFact
from pipeline.person_positions import english_words, is_english
from pipeline.regions import markers

MIN_NAMED = 2  # telling words a fact shares with one worry to name what it names
NEAR_RANK = 3  # a naming fact is among this many nearest the worry in meaning, with vectors
_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")  # a name in capitals: "MYOB", "SAP"
_NAME_FIGURE = re.compile(r"\b([A-Z][A-Za-z]+)\s+(\d+)\b")  # a name and its edition
# A figure written as part of a name ("Sage 200", "Microsoft 365"): a capitalised word just
# before it (``in_a_name``).
_NAME_BEFORE = re.compile(r"(?:^|(?P<end>[.!?:;]\s*)|\s)[A-Z][A-Za-z]+\s+$")


def placeless(text: str) -> str:
    """``text`` without the markets it names (countries, peoples, money): where a worry or an
    offer is, not what it is about. "another marina in Australia" and "Australia: A$279 a month
    per marina" share no point."""
    for pattern in markers().values():
        text = pattern.sub(" ", text)
    return text


def telling_words(text: str, rivals: Sequence[str] = ()) -> set[str]:
    """What a line names (``topic_words`` of it without its markets): no rival, generic word,
    topic as wide as a kind of worry, nor word written as a name (``names_written``: an
    account's "Oakridge Animal Hospital" in a proof point and a worry says whom, not what;
    tools count as ``shared_systems``)."""
    text = placeless(text)
    return topic_words(text, rivals) - BROAD_TOPICS - names_written(text)


def tools_named(text: str) -> set[str]:
    """The tools ``text`` names: ``systems_named``, one written in capitals ("MYOB"), a name
    with its edition's figure ("Sage 200", though "sage" is an English word) and any word
    written as a name ("Arbor"): said of a fact about connecting tools."""
    text = placeless(text)  # "UK", "AUD": markets, no tools
    found = {
        f"{m.group(1)} {m.group(2)}".casefold()
        for m in _NAME_FIGURE.finditer(text)
        if in_a_name(text, m.start(2))
    }
    english = english_words()
    found |= {w.casefold() for w in _CAPITALS.findall(text) if not is_english(w, english)}
    return systems_named(text) | found | names_written(text)


def shared_systems(fact: str, said: str, rivals: Sequence[str] = ()) -> set[str]:
    """The tools both name (``tools_named``), less the rivals: "Sage 200", "QuickBooks"."""
    names = {w.casefold() for name in rivals for w in name.split()}
    return {s for s in tools_named(fact) & tools_named(said) if s.split()[0] not in names}


def names_its_worry(
    fact: ProfileFact, said: str, rivals: Sequence[str] = (), words: int = MIN_NAMED
) -> bool:
    """Whether a fact names what one worry names: ``words`` telling words shared, or, for a
    fact about connecting tools, a tool both name ("Sage 200"). One word is chance ("group"
    in a plan and a board's sign-off); a fact only naming a tool says nothing of it ("Clio"
    to "we're on a two year Clio contract")."""
    if not says_something(fact.text):
        return False
    shared = _count(telling_words(fact.text, rivals) & telling_words(said, rivals))
    connects = fact.section == "integrations" or "topic:integration" in topic_words(fact.text)
    return shared >= words or bool(connects and shared_systems(fact.text, said, rivals))


def _count(shared: set[str]) -> int:
    """How many things two lines share: their words, else the topics they name in other words
    ("part-timers" and "part time"); "training" is one thing, not the word and its topic."""
    words = [w for w in shared if not w.startswith("topic:")]
    return len(words) or len(shared)


def naming_weight(
    fact: str, said: str, weights: dict[str, float], rivals: Sequence[str] = ()
) -> float:
    """How much a fact names of a worry: its shared telling words by weight (rarer in the
    profile, more telling), each tool both name counting as its own word."""
    shared = telling_words(fact, rivals) & telling_words(said, rivals)
    return sum(weights.get(w, 1.0) for w in shared) + len(shared_systems(fact, said, rivals))


@dataclass(frozen=True)
class Asked:
    """What a worry's facts are weighed by: the profile's word ``weights``, the ``rivals`` (whom,
    not what), the lists written for its kind of worry (``own``) and each fact's closeness in
    meaning to the worry (``near``; 0 without vectors)."""

    weights: dict[str, float]
    rivals: Sequence[str] = ()
    own: frozenset[str] = frozenset()
    near: Callable[[str, ProfileFact], float] = lambda _s, _f: 0.0


def naming_fact(said: str, pool: Sequence[ProfileFact], asked: Asked) -> ProfileFact | None:
    """The fact of ``pool`` naming most of what one worry names (``names_its_worry``), the
    nearer in meaning first among equals; None where none names it. Where the facts have
    vectors, one of the ``NEAR_RANK`` nearest the worry in meaning ("single sign-on (group
    plan)" shares "group" and "sign" with "the group board only signs off new systems" and
    means nothing of it); a fact of another list than the worry's own (``Asked.own``) only
    the nearest, naming one more word: "each candidate's placement numbers" is no answer to
    "we hold candidates' phone numbers" beside the security list."""
    ranked = sorted(pool, key=lambda f: -asked.near(said, f))
    vectors = any(asked.near(said, f) for f in pool)

    def names(fact: ProfileFact) -> bool:
        rank = ranked.index(fact)
        if fact.section in asked.own or not asked.own:
            return (rank < NEAR_RANK or not vectors) and names_its_worry(fact, said, asked.rivals)
        return (rank == 0 or not vectors) and names_its_worry(
            fact, said, asked.rivals, MIN_NAMED + 1
        )

    scored = [
        (naming_weight(f.text, said, asked.weights, asked.rivals), asked.near(said, f), -f.id, f)
        for f in pool
        if names(f)
    ]
    best = max(scored, key=lambda s: s[:3], default=None)
    return best[3] if best is not None else None


def per_worry(
    said: Sequence[str],
    offered: Sequence[ProfileFact],
    pool: Sequence[ProfileFact],
    asked: Asked,
    find: Callable[[str, Sequence[ProfileFact], Asked], ProfileFact | None] | None = None,
) -> list[ProfileFact]:
    """Each worry's naming fact first (``find``, ``naming_fact`` unless told), in the order
    the worries are shown, then the theme's ``offered`` facts where a worry has none: a fact
    chosen for the theme answers only what no fact names, and none where every worry is named."""
    named = [(find or naming_fact)(line, pool, asked) for line in said]
    first = list({f.id: f for f in named if f is not None}.values())
    if first and all(named):
        return first
    return [*first, *(f for f in offered if f not in first)]


def in_a_name(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is part of a name ("Sage 200"), not an amount: a
    capitalised word before it where no sentence starts ("Minimum 25 seats" is an amount)."""
    found = _NAME_BEFORE.search(text[:start])
    return found is not None and found.start() > 0 and found.group("end") is None
