"""Which buyer phrases an SEO brief may target: phrases that stand alone as a search, a noun
phrase or a verb and its object, never an n-gram run across two clauses ("february and nothing",
"clinicians that adds", "double what smileslot", "seventies and they'll" had been keywords)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from pipeline.calendar_words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, with_plurals
from pipeline.cluster.clauses import FIGURE_RE
from pipeline.cluster.label_checks import DANGLING, named_competitors
from pipeline.cluster.phrases import EDGE_WORDS, FUNCTION_WORDS, OPENERS_ONLY, Analyzer

# Words that join two clauses: a phrase holding one runs from one into the next.
CLAUSE_JOINS = frozenset(
    "and but or so nor that which who whom whose what when where whether if because while "
    "though although than then unless until".split()
)
# Words that open a remark, not a search ("definitely losing new", "nothing gets approved").
_REMARK_OPENERS = frozenset(
    """definitely probably certainly obviously honestly basically literally actually really
    totally absolutely seriously clearly simply maybe perhaps still already always never ever
    even only just nothing nobody everything everyone everybody someone somebody anyone anybody
    none""".split()
)
# Adjectives that wait for their noun ("losing new", "the whole").
_WAITING_ADJECTIVES = frozenset("new old same different whole own main extra entire".split())
_POSSESSIVE_OF_A_NOUN = re.compile(r"^[a-z]+'s$")
_PRONOUN_CONTRACTIONS = frozenset(
    "it's that's there's what's he's she's who's let's here's".split()
)


# Words that say when, not what: a phrase naming a month or a weekday, or made of time words
# only ("end of march", "next season", "after christmas"), is a date, never a search.
# ("may" is no month here: "may" in a phrase is far more often the verb.)
_CALENDAR = frozenset(MONTHS) - {"may"} | frozenset(MONTH_ABBREVIATIONS) | with_plurals(WEEKDAYS)
_TIME_WORDS = _CALENDAR | frozenset(
    """may end ends start beginning middle mid early late next last this coming past time
    season seasons spring summer autumn fall winter christmas easter thanksgiving holiday
    holidays quarter quarters weekend weekends fortnight morning mornings afternoon evening
    evenings night nights tonight today tomorrow yesterday day days week weeks month months
    year years now soon busy peak quiet off period periods rush term semester harvest first
    second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth
    thirtieth""".split()
)


# Words that place a time against another ("the night before valentine's", "week after launch").
_TIME_JOINS = frozenset("before after during until till since ahead".split())


def names_a_time(phrase: str) -> bool:
    """Whether a phrase says when (a month, a weekday, time words only, or a time word placed
    against another thing): "end of march" and "night before valentine's" had been an SEO
    brief's secondary keywords."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if any(w in _CALENDAR for w in words):
        return True
    pairs = zip(words, words[1:], strict=False)
    if any(w in _TIME_WORDS and after in _TIME_JOINS for w, after in pairs):
        return True
    said = [w for w in words if w not in FUNCTION_WORDS and w not in OPENERS_ONLY]
    return all(w in _TIME_WORDS for w in said) and any(w in _TIME_WORDS for w in words)


def searchable(phrase: str) -> bool:
    """A buyer phrase someone could search for: it opens on a word that is not a function word,
    a negated verb or a remark's opener, ends on one that carries meaning and waits for nothing,
    joins no two clauses, holds no contraction, no figure and no date ("won't use", "use it",
    "head adds up when", "4 a head" and "four dollars" had been an SEO brief's keywords)."""
    words = re.findall(r"[a-z0-9']+", phrase.lower().replace("\u2019", "'"))
    if not words or re.search(r"\d", phrase) or FIGURE_RE.search(phrase) or names_a_time(phrase):
        return False
    first, last = words[0], words[-1]
    contracted = any(
        "'" in w and (not _POSSESSIVE_OF_A_NOUN.match(w) or w in _PRONOUN_CONTRACTIONS)
        for w in words
        if not w.endswith("n't")  # "won't use another app": a negated verb inside is fine
    )
    return not (
        contracted
        or first in EDGE_WORDS
        or first in _REMARK_OPENERS
        or first.endswith("n't")
        or last in FUNCTION_WORDS
        or last in DANGLING
        or last in OPENERS_ONLY
        or last in _WAITING_ADJECTIVES
        or any(w in CLAUSE_JOINS for w in words)
    )


def target_keywords(phrases: Iterable[str], rivals: Sequence[str], about_rival: bool) -> list[str]:
    """The searchable phrases, the target first: a brief that is not about a rival targets
    none by name ("double what smileslot" and "requiem desk" had titled general briefs); a
    rival its phrases name is at most a secondary "alternative to" keyword, after the rest."""
    found = [p for p in phrases if searchable(p)]
    if about_rival:
        return found
    general = [p for p in found if not named_competitors(p, rivals)]
    named = {r.casefold(): r for p in found for r in named_competitors(p, rivals)}
    return general + [alternative_to(rival) for rival in named.values()]


def alternative_to(rival: str) -> str:
    """What a searcher leaving a rival types: "alternative to requiem desk"."""
    return f"alternative to {' '.join(rival.lower().split())}"


KEYWORD_WORDS = range(2, 5)  # a search phrase: two to four words
# The nouns that end a product's category in its pitch ("Warehouse management software for 3PLs").
_CATEGORY_HEADS = frozenset(
    "software platform app apps application system systems tool tools suite crm erp "
    "solution service marketplace portal".split()
)
# Where a pitch's opening noun phrase ends: a preposition, a relative or a verb, or punctuation.
_PITCH_BREAK = re.compile(
    r"\s(?:for|that|which|to|with|built|made|designed|helps?|lets?|from|by|in|on)\s"
    r"|[:;,.!?()\u2014\u2013]|\s-\s",
    re.IGNORECASE,
)


# After a verb, not after a plural noun: its particle or its object ("a head adds up", "it
# takes us ages", "that means we").
_VERB_FOLLOWERS = frozenset(
    """up out off over down back away me us him her them it you i we he she they a an the my
    our your their his its this these those every each some any no""".split()
)
# Before a singular noun only: the -s word that follows that noun is its verb ("a head adds").
_SINGULAR_DETERMINERS = frozenset("a an each every another".split())


def ends_on_its_verb(phrase: str, texts: Iterable[str]) -> bool:
    """Whether a phrase's last word is, in every text that says it, the finite verb after its
    noun, so it ends no noun phrase there: "head adds" of "four dollars a head adds up" (an
    SEO brief's keyword), not "setup costs" of "the setup costs are steep"."""
    words = phrase.lower().split()
    last = words[-1] if words else ""
    if len(words) < 2 or not last.endswith("s") or last.endswith(("ss", "us", "is", "'s")):
        return False
    said = re.compile(
        r"(?:\b([a-z']+)\s+)?\b" + r"\W+".join(map(re.escape, words)) + r"\b(?:\s+([a-z']+))?",
        re.IGNORECASE,
    )
    found = [m for text in texts for m in said.finditer(text.replace("\u2019", "'"))]
    return bool(found) and all(
        (m.group(1) or "").lower() in _SINGULAR_DETERMINERS
        or (m.group(2) or "").lower() in _VERB_FOLLOWERS
        for m in found
    )


def keyword_like(phrase: str) -> bool:
    """A phrase a searcher types: two to four words, ``searchable``, and a word that carries
    meaning at both ends ("it takes" and "per order" had been an SEO brief's keywords)."""
    words = phrase.lower().split()
    return (
        len(words) in KEYWORD_WORDS
        and searchable(phrase)
        and words[0] not in FUNCTION_WORDS
        and words[0] not in OPENERS_ONLY
        and words[-1] not in FUNCTION_WORDS
    )


def shared_phrases(
    texts: Sequence[str], name: str = "", sources: Sequence[Hashable] | None = None
) -> list[str]:
    """The ``keyword_like`` phrases a theme's quotes share: in two of ``texts`` or more (from
    two ``sources`` or more where given: two quotes of one call are one buyer's wording, not
    a search many make), or in the theme's ``name`` and one of them, none ending on its verb
    (``ends_on_its_verb``); the most shared first,
    the longer on a tie. A phrase inside a longer one said as often adds nothing ("handheld
    screens" within "handheld screens in french" both said twice)."""
    analyzer = Analyzer(max(KEYWORD_WORDS))
    named = set(analyzer(name)) if name else set()
    keys: Sequence[Hashable] = range(len(texts)) if sources is None else sources
    said_by: dict[str, set[Hashable]] = defaultdict(set)
    for key, text in zip(keys, texts, strict=True):
        for gram in set(analyzer(text)):
            said_by[gram].add(key)
    counts = {gram: len(keys_of) for gram, keys_of in said_by.items()}
    kept = {
        g: n
        for g, n in counts.items()
        if keyword_like(g) and (n >= 2 or g in named) and not ends_on_its_verb(g, texts)
    }
    inside = {
        short
        for short, n in kept.items()
        for long, m in kept.items()
        if short != long and m >= n and f" {short} " in f" {long} "
    }
    ranked = sorted(set(kept) - inside, key=lambda g: (-kept[g], -len(g.split()), g))
    return ranked


def product_category(pitch: str, product: str | None = None) -> str | None:
    """What kind of product ours is, as a searcher names it, from the profile's pitch: its
    opening noun phrase, at most three words, when it ends on a kind of product ("Warehouse
    management software for 3PLs ..." gives "warehouse management software"); else the first
    thing the pitch says it does, one singular noun phrase, as software (callmine's users sell
    software): "Scheduling, time clocking and payroll hand-off for small teams" gives
    "scheduling software". None where the pitch opens otherwise ("Rotas and ...", our name)."""
    opening = _PITCH_BREAK.split(f" {pitch} ", maxsplit=1)[0]
    named = set(re.findall(r"[a-z][a-z0-9-]*", (product or "").lower()))
    words = [w for w in re.findall(r"[a-z][a-z0-9-]*", opening.lower()) if w not in named]
    if words and words[-1] in _CATEGORY_HEADS:
        words = words[-3:]
    else:
        words = re.split(r"\b(?:and|or|&)\b", " ".join(words), maxsplit=1)[0].split()
        plural = bool(words) and words[-1].endswith("s") and not words[-1].endswith("ss")
        if not words or len(words) > 3 or plural or words[-1] in FUNCTION_WORDS:
            return None
        words = [*words, "software"]
    while words and words[0] in FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def distinct_keywords(candidates: Iterable[str], limit: int) -> list[str]:
    """``candidates`` in order, less a repeat or one whose words run inside a kept one (or hold
    a kept one's): "handheld screens" beside "handheld screens in french"."""
    kept: list[str] = []
    for phrase in candidates:
        key = " ".join(phrase.lower().split())
        if key and not any(f" {key} " in f" {k} " or f" {k} " in f" {key} " for k in kept):
            kept.append(key)
    return kept[:limit]


# Whom a pitch says it is for: "... for independent driving instructors and driving schools."
_PITCH_FOR = re.compile(
    r"\bfor\s+([a-z][a-z -]*?)(?=\s+(?:and|or|who|that|with)\b|[,.;:!?]|$)", re.I
)


def pitch_audience(pitch: str) -> str | None:
    """The first audience a pitch names after "for", singular ("driving instructor"), at most
    two words (the last two: a searcher's "driving instructor booking software"); None where
    it names none or says "for you"."""
    found = _PITCH_FOR.search(pitch)
    words = found.group(1).lower().split()[-2:] if found else []
    if not words or words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS:
        return None
    if words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def for_audience(category: str, audience: str | None, limit: int) -> str | None:
    """The product's category as a searcher of that audience types it ("driving school
    booking software"), when it fits in ``limit`` words and does not name it already."""
    if not audience:
        return None
    words = [*audience.lower().split(), *category.split()]
    named = set(audience.lower().split()) & set(category.split())
    return " ".join(words) if len(words) <= limit and not named else None
