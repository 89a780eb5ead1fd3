"""A theme's name when none of its buyers' clauses can be one: its topic's category and what
sets it apart ("Integrations: double entry"), never a fragment ("If it can't handle").

The label is the theme's own category, never another's: a pain theme of chasing signatures had
read "Price: signatures" (a price objection, to a marketer) and a competitor theme of a loss to
MyCase "Decision authority: partners", each a category guessed from one quote's cue words."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

from pipeline.cluster.label_checks import distinguished, named_competitors, with_keyword
from pipeline.cluster.name_rules import a_bare_word, clashes
from pipeline.cluster.name_sense import keeps_its_sense
from pipeline.cluster.noun_heads import its_phrase
from pipeline.cluster.pain_shapes import said_together, thin_pain_name
from pipeline.cluster.phrases import NUMBER_WORDS
from pipeline.cluster.representative import (
    CALENDAR_WORDS,
    MIN_SHARED_QUOTES,
    TERMS_IN_NAME,
    TOPIC_SHARE,
    a_persons_name,
    a_topic,
    enough_to_name,
    names_the_topic,
    quotes_saying,
    rivals_said,
    said_terms,
    says_what,
    shared_terms,
    spelled,
    used_as_verb,
)
from pipeline.cluster.rivals import RIVAL_CATEGORY
from pipeline.detect.rules import cue_scores
from pipeline.detect.seeds import load_seeds
from pipeline.templating import draft_copy
from pipeline.wording import capitalised


@functools.cache
def _short_labels() -> dict[str, str]:
    """Each category's wording up to its first "and", comma or bracket ("Price and budget"
    reads "Price"; "Security, privacy and compliance", "Security")."""
    return {
        name: re.split(r"\s+and\s+|\s*[,(]", label)[0].strip()
        for name, label in load_seeds().labels.items()
    }


def short_label(category: str | None) -> str:
    """The short wording of a detector category ("Decision authority"), "" for none."""
    return _short_labels().get(category or "", "")


def a_category_label(name: str) -> bool:
    """Whether ``name`` is a category's short wording ("Integrations"): a topic, no one's line."""
    return name.casefold() in {label.casefold() for label in _short_labels().values()}


def topic_category(texts: Sequence[str]) -> str | None:
    """The category whose topic words the texts name most (the competitor one aside), if any."""
    hits: Counter[str] = Counter()
    for text in texts:
        hits.update({k: v for k, v in cue_scores(text).categories.items() if k != "competitor"})
    found = [(count, name) for name, count in hits.items() if count]
    return max(found)[1] if found else None


# Kinds whose themes are no objection category: "Price: ..." on a pain reads as a price worry.
UNLABELLED_KINDS = frozenset({"pain"})
# Categories whose label says nothing of what a theme is about: "Competitor: partners".
UNLABELLED_CATEGORIES = frozenset({RIVAL_CATEGORY})


# Kinds whose theme is labelled by what its own words ask, not by the detector's category.
ASKED_KINDS = frozenset({"question"})


def _asked(texts: Sequence[str], category: str | None) -> bool:
    """Whether half the texts or more name the category's topic in their own words."""
    return bool(category) and 2 * sum(names_the_topic(t, category) for t in texts) >= len(texts)


def theme_label(texts: Sequence[str], category: str | None, kind: str | None = None) -> str:
    """The short wording of ``category`` (the detector's), else of the texts' topic when the
    theme's kind has objection categories; "" for a pain or a competitor theme. A question
    theme's label is a topic most of its questions ask about: "Security: test and certificates"
    had named questions on test booking, certificate expiry and a state's forms."""
    if kind in UNLABELLED_KINDS or category in UNLABELLED_CATEGORIES:
        return ""
    labels = _short_labels()
    if kind in ASKED_KINDS:
        asked = [c for c in (category, topic_category(texts)) if c and _asked(texts, c)]
        return labels.get(asked[0], "") if asked else ""
    return labels.get(category or "", "") or labels.get(topic_category(texts) or "", "")


def topic_name(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    category: str | None = None,
    kind: str | None = None,
) -> str:
    """The theme's topic when no buyer's words can name it: its category's wording ("Security"),
    else the words most of its quotes share ("Patch Tuesday"), else its top keyword that is no
    rival ("Allergens"), never "Cluster (allergens)"; "" with none of these. A question theme's
    words are ones its most central question (``texts[0]``) asks about."""
    label = theme_label(texts, category, kind)
    if (
        not label
        and kind not in UNLABELLED_KINDS
        and category in UNLABELLED_CATEGORIES
        and rivals_said(texts, competitors)
    ):
        label = _short_labels().get(category or "", "")  # "Happy with a competitor" alone
    if label:
        return label
    # A pair two quotes say is theirs, not a theme's: "Answering service" had named ten pains.
    shared = topic_terms(texts, keywords, competitors) or [
        term for term in shared_terms(texts, keywords, competitors) if a_topic(term, texts)
    ]
    plain = [
        k
        for k in keywords
        if not named_competitors(k, competitors)
        and says_what(k)
        and not (" " not in k and used_as_verb(k, texts))
        and not CALENDAR_WORDS & set(k.split())  # "August tenth": one buyer's date
        and a_topic(k, texts)
        and keeps_its_sense(k, texts)
    ]
    if kind in ASKED_KINDS and texts:
        # What the central question asks about: "Drivers" had named four questions, the most
        # central "Can the customer see the photo without logging into anything?".
        shared = [t for t in shared if quotes_saying(t, texts[:1])]
        plain = [k for k in plain if quotes_saying(k, texts[:1])]
    words = " and ".join(shared) if shared else (spelled(plain[0], texts) if plain else "")
    # A pain's lone word names no problem unless it says one ("Cancellations", never "Crem").
    thin = kind in UNLABELLED_KINDS and thin_pain_name(words, texts, TOPIC_SHARE)
    return "" if thin or a_bare_word(words, kind) else capitalised(words)


# A thing this share of a theme's quotes say, on more than one call, is what they share when
# nothing holds for most of them: "Problems with the rota", never "Problems buyers raise (rota)".
SHARED_SHARE = 1 / 5
MIN_SHARED_CALLS = 2  # one buyer saying a word twice is theirs ("the punch clock"), no theme's


def shared_topic_name(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    kind: str | None = None,
    calls: Sequence[Hashable] | None = None,
) -> str:
    """A theme's name from the things a share of its quotes say (``_shared_things``): "Problems
    with the rota", "Concerns about payroll and overtime": its kind's neutral name framed so,
    since a lone word names no problem; "" when they share none."""
    on = _shared_things(texts, keywords, competitors, calls)
    return draft_copy("theme_about", kind=kind or "objection", topic=" and ".join(on)) if on else ""


def _shared_things(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    calls: Sequence[Hashable] | None = None,
) -> list[str]:
    """The things (two at most) a share of the texts say (``SHARED_SHARE``, two at least) on
    ``MIN_SHARED_CALLS`` calls or more, as said ("the rota"); ``calls[j]``: the call text j was
    said on (each its own when not given)."""
    said_on = calls if calls is not None else range(len(texts))
    on: dict[str, set[Hashable]] = {}
    for text, call in zip(texts, said_on, strict=True):
        for term in said_terms(text):
            if " " not in term:
                on.setdefault(term, set()).add(call)
    least = max(MIN_SHARED_QUOTES, math.ceil(SHARED_SHARE * len(texts)))
    shared = [
        t
        for t in _topic_words(_term_counts(texts, competitors), texts, keywords, least)
        if len(on.get(t, ())) >= MIN_SHARED_CALLS
    ]
    # Each as the thing it names ("punch clock"), never a word that only describes ("the fake"
    # of "a fake invoice", "a fake email" had named a theme "Problems with the email and the
    # fake"); a phrase holding a word found before takes its place ("clock": "punch clock").
    found: list[str] = []
    for phrase in filter(None, (its_phrase(t, texts) for t in shared)):
        words = set(phrase.split())
        if not any(words <= set(f.split()) for f in found):
            found = [f for f in found if not set(f.split()) < words] + [phrase]
    found = found[:TERMS_IN_NAME]
    # Two things said by different quotes are two: only the first is the theme's.
    if len(found) == 2 and said_together(*_heads(found), texts) < MIN_SHARED_QUOTES:
        found = found[:1]
    return [
        f"the {spelled(t, texts)}" if _after_a_determiner(t, texts, 2) else spelled(t, texts)
        for t in found
    ]


def _heads(things: Sequence[str]) -> tuple[str, str]:
    """The last word of each of two things ("punch clock" is a clock)."""
    return things[0].split()[-1], things[1].split()[-1]


# A span of time, never a habit ("every two weeks") nor an occasion ("a morning when..."):
# "Three hours.", "A whole day.", "most of Friday afternoon".
_SPAN = re.compile(
    r"(?<!every )(?<!each )(?<!per )\b(?:\d+|(?:" + "|".join(sorted(NUMBER_WORDS)) + r")"
    r"|an? (?:whole|full|few|couple of)|half an?|all|most of(?: the| my| our| her| his)?)"
    r"(?:\s+(?:whole|full|good|more))?\s+(?:minute|hour|day|evening|morning|afternoon|night"
    r"|week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
    re.IGNORECASE,
)


def spent_time_name(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    calls: Sequence[Hashable] | None = None,
) -> str:
    """A pain theme most of whose quotes say how long something takes ("Three hours.", "The
    payroll stuff is a whole evening"): "Time spent", on what a share of them say when they
    share one (``shared_topic_name``); "" when most say no span of time."""
    if not texts or 2 * sum(bool(_SPAN.search(t)) for t in texts) <= len(texts):
        return ""
    on = _shared_things(texts, keywords, competitors, calls)
    return draft_copy("time_spent", topic=" and ".join(on))


def unnamed_theme(kind: str | None) -> str:
    """The neutral name of a theme no words hold for ("Concerns buyers raise", "Questions
    buyers ask"): the wording documents give such a theme."""
    return draft_copy("unnamed_theme", kind=kind or "objection")


def last_resort_name(
    base: str,
    texts: Sequence[str],
    keywords: Sequence[str],
    taken: Sequence[str],
    kind: str | None = None,
    competitors: Sequence[str] = (),
    quoted: Iterable[str] = (),
    calls: Sequence[Hashable] | None = None,
) -> str:
    """``base`` when no other theme has it, else with a word a share of its quotes say that
    sets it apart ("Decision authority (spring)"); with no ``base`` or no such word, the first
    of ``quoted`` no other theme has (its most representative quote, read whole:
    ``quote_names``); only then ``base`` (else what its quotes share on several ``calls``,
    ``shared_topic_name``, else ``unnamed_theme``) with a number ("Decision authority (2)").
    "Problems buyers raise (2)" to "(5)" had named five themes of one list."""
    if base and not clashes(base, taken):
        return base
    lowered = {t.lower() for t in taken}
    # a verb tells no theme apart: "Problems buyers raise (forget)"
    words = [
        k
        for k in keywords
        if not named_competitors(k, competitors)
        and a_topic(k, texts)
        and not (" " not in k and used_as_verb(k, texts))
        and keeps_its_sense(k, texts)
    ]
    keyed = with_keyword(base, words, lowered) if base else None
    if keyed:
        return keyed
    said = next((q for q in quoted if not clashes(q, taken)), "")
    if said:
        return said
    base = base or shared_topic_name(texts, keywords, competitors, kind, calls)
    base = base or unnamed_theme(kind)
    if not clashes(base, taken):
        return base
    return (
        with_keyword(base, words, lowered)
        or with_keyword(base, shared_words(texts, keywords, competitors), lowered)
        or distinguished(base, [], lowered)  # a number only when no two quotes share a word
    )


def shared_words(
    texts: Sequence[str], keywords: Sequence[str], competitors: Sequence[str] = ()
) -> list[str]:
    """The things at least ``MIN_SHARED_QUOTES`` of the texts say (those said after a
    determiner first, then the theme's keywords, which set it apart): what tells a neutral name
    apart when no word is a share's ("Problems buyers raise (engineer)", never "(2)")."""
    found = _topic_words(_term_counts(texts, competitors), texts, keywords, MIN_SHARED_QUOTES)
    rank = {k: i for i, k in enumerate(keywords)}
    # A word said after "the" is a thing ("the phone"); "ring" of "clients ring" is no topic.
    found.sort(key=lambda t: (not _after_a_determiner(t, texts), rank.get(t, len(rank))))
    return [spelled(t, texts) for t in found]


_DETERMINED = r"\b(?:the|a|an|our|their|my|your|his|her|its|this|that|these|those)\s+"


def _after_a_determiner(word: str, texts: Sequence[str], between: int = 0) -> bool:
    """Whether a quote says ``word`` (or its plural) right after a determiner, or ``between``
    words after it ("a stolen gift | card"): as a thing."""
    described = rf"(?:[\w'-]+\s+){{0,{between}}}"
    said = re.compile(_DETERMINED + described + re.escape(word) + r"(?:s|es)?\b", re.IGNORECASE)
    return any(said.search(text) for text in texts)


def topic_terms(
    texts: Sequence[str], keywords: Sequence[str], competitors: Sequence[str] = ()
) -> list[str]:
    """The words the most quotes of a theme say (two at most), each said by at least
    ``TOPIC_SHARE`` of them and a thing, not a verb: "Timesheets" of fifteen pains, six about
    timesheets, which "Hiring managers" (two quotes' phrase) had named; [] with none. Two words
    always said side by side are their pair ("Fuel dock", not "Dock and fuel")."""
    counts = _term_counts(texts, competitors)
    chosen = _topic_words(counts, texts, keywords)[:TERMS_IN_NAME]
    if len(chosen) == 2:
        first, second = chosen
        together = [
            pair
            for pair in (f"{first} {second}", f"{second} {first}")
            if counts[pair] == counts[first] == counts[second]
        ]
        # Two words said by different quotes are two topics: "Answering and night" had named
        # pains of answering services and of night calls. Only the first is the theme's.
        apart = not enough_to_name(said_together(first, second, texts), len(texts))
        chosen = together[:1] or (chosen[:1] if apart else chosen)
    return [spelled(term, texts) for term in chosen]


def topic_words(
    texts: Sequence[str], keywords: Sequence[str], competitors: Sequence[str] = ()
) -> list[str]:
    """Every word a share of the texts say that is a thing, most said first (``topic_terms``
    names by the first two): what a pain's name may say its problem about."""
    return _topic_words(_term_counts(texts, competitors), texts, keywords)


def _term_counts(texts: Sequence[str], competitors: Sequence[str]) -> Counter[str]:
    """How many texts say each term (``said_terms``), rivals left out."""
    return Counter(
        term
        for text in texts
        for term in said_terms(text)
        if not named_competitors(term, competitors)
    )


def _topic_words(
    counts: Counter[str], texts: Sequence[str], keywords: Sequence[str], least: int = 0
) -> list[str]:
    """The words a share of the texts say (``counts``: how many texts say each; ``least`` of
    them when given), no verb or first name, most said first."""
    rank = {k: i for i, k in enumerate(keywords)}
    words = [t for t in counts if " " not in t]
    ranked = sorted(words, key=lambda t: (-counts[t], rank.get(t, len(rank)), t))
    return [
        t
        for t in ranked
        if (counts[t] >= least if least else enough_to_name(counts[t], len(texts)))
        and not used_as_verb(t, texts)
        and says_what(t)
        and not a_persons_name(t, texts)  # "Nell": whom three quotes ring, not what
        and keeps_its_sense(t, texts)  # "Interested" of quotes "not interested"
    ]
