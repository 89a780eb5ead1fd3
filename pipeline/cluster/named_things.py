"""The named things a theme's quotes ask about: systems, products and formats spelled as names
("Xero", "Google Calendar", "CSV"), and when a list of them names a theme.

Why: three questions on a per-member Xero invoice, a Mailchimp sync and a CSV export shared one
word, "member", and were named "Integrations: member"; what they ask about is the three
systems, each named by one of them. A list names a theme only when each thing in it is said by
quotes that name no other and together they are most of the theme: "Kentucky and Indiana", one
brewer's states, or "Workday to Gusto", one buyer's move, names no theme of eight.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from pipeline.calendar_words import HOLIDAYS, MONTHS, WEEKDAYS
from pipeline.cluster.label_checks import named_competitors
from pipeline.detect.rules import normalise_quotes
from pipeline.first_names import is_first_name

THINGS_IN_NAME = 3  # "Xero, Mailchimp and CSV"; a longer list is no heading
# A run of capitalised words ("Google Calendar") or an acronym ("CSV", "POS"), said as a word.
_THING = re.compile(r"(?<![\w'’-])(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*(?![\w'’])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\-–—]\s*)$")
_NOT_THINGS = frozenset({*WEEKDAYS, *MONTHS, *HOLIDAYS, "i", "ok", "okay", "am", "pm", "tv"})


def things_in(text: str, competitors: Sequence[str] = (), *, listed: bool = False) -> list[str]:
    """The things ``text`` names, as spelled: capitalised words inside a sentence (its first
    word could be any word; in a ``listed`` name's list, a thing) and acronyms anywhere; no
    rival, person, date or "I"."""
    said = normalise_quotes(text)
    found: list[str] = []
    for match in _THING.finditer(said):
        thing = match.group(0)
        acronym = thing.isupper() and len(thing) > 1
        if not acronym and not listed and _SENTENCE_START.search(said[: match.start()]):
            continue  # "Summary invoices ...": a sentence's first word
        if (
            len(thing) < 2
            or thing.casefold() in _NOT_THINGS
            or named_competitors(thing, competitors)
            or any(is_first_name(word) for word in thing.split())
        ):
            continue
        if thing.casefold() not in {f.casefold() for f in found}:
            found.append(thing)
    return found


def things_name(texts: Sequence[str], competitors: Sequence[str], covered: int) -> str:
    """ "Xero, Mailchimp and CSV": the things the texts name, each said by quotes that name no
    other listed, together said by most of them and by more than ``covered`` (how many the
    words they share reach); "" when one thing is most quotes' (it is the theme's own topic)
    or no such list holds."""
    said = [_as_shortest(things_in(text, competitors), texts, competitors) for text in texts]
    counts = Counter(thing.casefold() for things in said for thing in things)
    if not counts or 2 * max(counts.values()) > len(texts):
        return ""
    spelling = {thing.casefold(): thing for things in said for thing in things}
    listed: list[str] = []
    reached: set[int] = set()
    for thing, _ in counts.most_common():
        saying = {j for j, things in enumerate(said) if thing in {t.casefold() for t in things}}
        if not saying - reached or len(listed) == THINGS_IN_NAME:
            continue
        listed.append(thing)
        reached |= saying
    folded = [{t.casefold() for t in things} for things in said]
    if len(reached) <= covered or not held_apart(listed, folded):
        return ""
    names = [spelling[thing] for thing in listed]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _as_shortest(
    things: Sequence[str], texts: Sequence[str], competitors: Sequence[str]
) -> list[str]:
    """Each thing as the shortest thing another text says that it opens with: "QuickBooks
    Online" is "QuickBooks" where another quote says "QuickBooks"."""
    every = {t for text in texts for t in things_in(text, competitors)}
    return [
        min((s for s in every if f"{t.casefold()} ".startswith(f"{s.casefold()} ")), key=len)
        for t in things
    ]


def held_apart(words: Collection[str], saying: Sequence[Collection[str]]) -> bool:
    """Whether ``words`` (two or more) are held as a list by texts whose words are ``saying``:
    each said by a text that says none of the others, and most texts say one of them."""
    if len(words) < 2:
        return False
    listed = set(words)
    alone = all(
        any(w in said and not (listed - {w}) & set(said) for said in saying) for w in listed
    )
    return alone and 2 * sum(bool(listed & set(said)) for said in saying) > len(saying)


def things_held(name: str, texts: Sequence[str], competitors: Sequence[str] = ()) -> bool:
    """Whether the things ``name`` lists after its label ("Integrations: Xero, Mailchimp and
    CSV") are held as a list by ``texts`` (``held_apart``)."""
    listed = {t.casefold() for t in things_in(name.partition(": ")[2], competitors, listed=True)}
    said = [{t.casefold() for t in things_in(text, competitors)} for text in texts]
    return held_apart(listed, said)
