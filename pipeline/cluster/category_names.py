"""A theme's name as its category and what its quotes share ("Security: SSO and data"), when
no buyer's clause holds for it: the words after the label say the theme's topic, never the
label again ("Contract terms: contract terms"), never one quote's pair ("Decision authority:
cleaners sign"), and where each quote asks about a different named system, those systems
("Integrations: Xero, Mailchimp and CSV", not "Integrations: member")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.cluster.keywords import keyword_terms
from pipeline.cluster.label_checks import named_competitors
from pipeline.cluster.name_sense import keeps_its_sense
from pipeline.cluster.named_things import things_name
from pipeline.cluster.phrases import WORD_TOKEN
from pipeline.cluster.representative import (
    MIN_SHARED_QUOTES,
    enough_to_name,
    holds_for_most,
    quotes_saying,
    repeats_label,
    shared_terms,
    spelled,
)
from pipeline.cluster.topic_names import theme_label
from pipeline.detect.rules import normalise_quotes
from pipeline.quote_shape import after_filler

# Categories whose theme is the thing the buyers need: product's list of gaps reads "Missing
# feature: waitlist", not one buyer's "Without a proper waitlist"; an integrations theme the
# system ("Integrations: Xero"), not "I'm less worried about the mandates than about Xero".
NEED_CATEGORIES = frozenset({"missing_feature", "integrations"})


def shared_name(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    category: str | None = None,
    kind: str | None = None,
) -> str:
    """ "Category: what they share" from the words most texts say ("Security: SSO and data"),
    or the named things that each a few of them ask about, when those cover more of them
    ("Integrations: Xero, Mailchimp and CSV"); "" when they have no category (``theme_label``)
    or most share nothing."""
    label = theme_label(texts, category, kind)
    if not label:
        return ""
    shared = shared_terms(texts, keywords, competitors, besides=label)
    # The suffix is said of the whole theme: "Staff adoption: gate codes" had named eleven
    # quotes, two about gate codes.
    held = [term for term in shared if holds_for_most(term, texts)]
    if category in NEED_CATEGORIES:
        held = held[:1]  # the thing needed: "waitlist and classes" reads as two features
    covered = sum(any(quotes_saying(t, [text]) for t in held) for text in texts)
    things = things_name(texts, competitors, covered)
    if things:
        return f"{label}: {things}"
    return f"{label}: {' and '.join(apart(held, texts))}" if held else ""


PHRASE_GAP = 2  # words between two terms one phrase says: "stays in Canada", "records must stay"


def apart(terms: Sequence[str], texts: Sequence[str]) -> list[str]:
    """``terms`` without each one a quote says within ``PHRASE_GAP`` words of one kept before
    it: those are one phrase's words ("everything stays in Canada"), and joined by "and" they
    read as two topics no quote says ("Security: Canada and stays")."""
    spots = [[_spots(term, text) for text in texts] for term in terms]
    kept: list[int] = []
    for i in range(len(terms)):
        near = any(
            abs(a - b) <= PHRASE_GAP + 1
            for j in kept
            for mine, theirs in zip(spots[i], spots[j], strict=True)
            for a in mine
            for b in theirs
        )
        if not near:
            kept.append(i)
    return [terms[i] for i in kept]


def _spots(term: str, text: str) -> list[int]:
    """Where ``text`` says the first word of ``term``, in words from its start, any inflection."""
    first = term.split()[0]
    words = WORD_TOKEN.findall(normalise_quotes(text))
    return [i for i, word in enumerate(words) if quotes_saying(first, [word])]


def described_name(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    category: str | None = None,
    kind: str | None = None,
) -> str:
    """ "Category: topic" from the texts' category and their first two-word keyword that two of
    them say and most say a word of; "" when they have no category or no such keyword (one
    word, "Price: costs", says too little; one quote's pair, "Decision authority: cleaners
    sign", is that quote's; "Contract terms: contract terms" says the label twice)."""
    label = theme_label(texts, category, kind)
    if not label:
        return ""
    plain = [
        k
        for k in keywords
        if " " in k
        and not named_competitors(k, competitors)
        and not repeats_label(k, label)
        and quotes_saying(k, texts) >= MIN_SHARED_QUOTES
        and holds_for_most(k, texts)
        and keeps_its_sense(k, texts)  # "interested right" of "Not interested right now"
    ]
    return f"{label}: {spelled(plain[0], texts)}" if plain else ""


# What a buyer cannot do without, the thing they need: "We can't run payroll without a timesheet
# export", "Not without delivery photos", "Without the bank feed, month end takes a week". Not
# "Can it work without signal?" (it asks to do without a thing, no need of it).
_NEEDED = re.compile(
    r"(?:^\W*|\b(?:can't|cannot|couldn't|won't|wouldn't|don't|doesn't|isn't|not|never|no)\b"
    r"[^,.;:!?]*?\s)without\s+(?:(?:a|an|the|any|some|our|their|proper|decent|real|good)\s+)*"
    r"(?P<tail>[^,.;:!?]+)",
    re.IGNORECASE,
)


def needed_thing(text: str) -> str:
    """The thing ``text`` says a buyer cannot do without (``_NEEDED``), as its words name it
    (a ``keyword_terms`` term, "proof of delivery photos" with its "of"); "" when none or when
    it asks (doing without a thing is what a question of it wants)."""
    found = _NEEDED.search(after_filler(normalise_quotes(text)))  # "Honestly, without ..."
    if not found or text.rstrip().endswith("?"):  # "Is there no way to run it without wifi?"
        return ""
    tail = found.group("tail").lower()
    terms = sorted(keyword_terms(text), key=lambda t: -len(t.split()))
    thing = next((t for t in terms if re.match(re.escape(t) + r"\b", tail)), "")
    # A pair going on with its last word: "time tracking" and "tracking export".
    last = thing.split()[-1] if thing else ""
    more = next((t for t in terms if " " in t and t.split()[0] == last), "")
    if more and tail.startswith(f"{thing} {more.split(' ', 1)[1]}"):
        thing = f"{thing} {more.split(' ', 1)[1]}"
    rest = tail[len(thing) :]
    of = next((t for t in terms if thing and re.match(r" of " + re.escape(t) + r"\b", rest)), "")
    return f"{thing} of {of}" if of else thing


def needed_name(texts: Sequence[str], category: str | None = None, kind: str | None = None) -> str:
    """ "Missing feature: timesheet export" when a share of a need theme's quotes say they
    cannot do without that thing (``needed_thing``; one quote of one): a name "Without a
    timesheet export" reads as if the absence were wanted, and a long one had lost the thing
    ("Missing feature"); "" for no need category or no such thing."""
    label = theme_label(texts, category, kind)
    if category not in NEED_CATEGORIES or not label:
        return ""
    needed = Counter(thing for thing in map(needed_thing, texts) if thing)
    thing, said = needed.most_common(1)[0] if needed else ("", 0)
    if not thing or not (said == len(texts) or enough_to_name(said, len(texts))):
        return ""
    return f"{label}: {spelled(thing, texts)}"
