"""What keeps a cluster name true of its quotes.

- A name that names a competitor ("Picked Staffly over us") must be true of at least half the
  quotes: the competitor is named in ``COMPETITOR_SHARE`` of them. A cluster of RotaPro,
  ClockBee and Staffly quotes is not about Staffly: its name says "a competitor" instead.
- A name cut short before its object ("Need to run" / "Need to run it") takes the words that
  follow it in at least half its uses ("Need to run it by the owner"), so it reads on its own.
- A name whose subject points back at what was said before ("That's the problem", "That would
  save me heaps", "Reckon that's the big one for us") says nothing alone (``refers_back``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from pipeline.cluster.phrases import EDGE_WORDS, OPENERS_ONLY, names_something
from pipeline.wording import capitalised

COMPETITOR_SHARE = 0.5
MAX_CONTINUATION = 4  # words a name may take from what follows it
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'-]*)")
# A name never ends on these: a verb waiting for its object or a dangling function word.
DANGLING = frozenset(
    "to by for of with and or the a an run take show ask check talk use it them".split()
)


def _mentions(name: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE) is not None


# "That's ...", "This would ...", "I reckon those are ...", after a filler or a hedge; "it" is
# left out: "It's too expensive" is about the product, said on every call.
_POINTS_BACK = re.compile(
    r"^(?:(?:oh|yeah|yes|well|so|and|but|look|honestly|i|we|(?:i |we )?(?:reckon|think|guess|"
    r"suppose|mean|feel))[\s,]+)*(?:that|this|these|those)(?:['’](?:s|ll|d)\b|\s+(?:is|was|are|"
    r"were|would|will|could|can|should|might|must|makes?|means?|gets?|sounds?|seems?|looks?|"
    r"feels?|saves?|does|did|has|had)\b)",
    re.IGNORECASE,
)


def refers_back(name: str) -> bool:
    """Whether the name's subject is only "that" or "this": it points at words said before it,
    and alone it tells a marketer nothing (praise or filler, in the themes it had named)."""
    return _POINTS_BACK.match(name.strip()) is not None


def named_competitors(name: str, competitors: Iterable[str]) -> list[str]:
    return [c for c in competitors if c and _mentions(c, name)]


def true_of_its_quotes(name: str, texts: Sequence[str], competitors: Sequence[str]) -> str:
    """``name`` when each competitor it names is named in at least half the quotes; else the
    name with "a competitor" in the place of each one that fewer quotes name."""
    honest = name
    for competitor in named_competitors(name, competitors):
        if sum(_mentions(competitor, t) for t in texts) >= COMPETITOR_SHARE * len(texts):
            continue
        name_at = re.escape(competitor) + r"(?!\w)"
        # "the Motive app" is a competitor's app; "Picked Staffly over us", a competitor.
        honest = re.sub(
            r"(?<!\w)(?:the|a|an|our|their)\s+" + name_at + r"(?=\s+\w)",
            "a competitor's",
            honest,
            flags=re.IGNORECASE,
        )
        honest = re.sub(r"(?<!\w)" + name_at, "a competitor", honest, flags=re.IGNORECASE)
    return capitalised(honest)


def continuation(last_word: str, phrase_ends: Sequence[str]) -> list[str]:
    """The word no use of the name stops before (``_completing_word``); then, while the name
    ends on a word waiting for more (``DANGLING``: "run", "it", "by"), the word said next in
    at least half the uses that went on this far (``phrase_ends``: the text after each use)."""
    words: list[str] = []
    tails = list(phrase_ends)
    last = last_word.lower()
    if tails and all(_NEXT_WORD.match(t) for t in tails) and last not in DANGLING:
        words = _completing_word(tails)
        said = [(m.group(1).lower(), t[m.end() :]) for t in tails if (m := _NEXT_WORD.match(t))]
        tails = [rest for w, rest in said if words and w == words[0].lower()] or tails
        last = words[-1].lower() if words else last
    while last in DANGLING and tails and len(words) < MAX_CONTINUATION:
        nexts = [(m.group(1), t[m.end() :]) for t in tails if (m := _NEXT_WORD.match(t))]
        if not nexts:
            break
        last, count = Counter(w.lower() for w, _ in nexts).most_common(1)[0]
        if 2 * count < len(tails):
            break
        words.append(next(w for w, _ in nexts if w.lower() == last))
        tails = [rest for w, rest in nexts if w.lower() == last]
    while words and words[-1].lower() in DANGLING - {"it", "them"}:
        words.pop()
    return words


def _completing_word(tails: Sequence[str]) -> list[str]:
    """The content word most uses of a name go on to, when no use stops where it does ("during
    the busy" is always "during the busy season"); none when it is a function word ("is")."""
    nexts = [m.group(1) for t in tails if (m := _NEXT_WORD.match(t))]
    word, count = Counter(w.lower() for w in nexts).most_common(1)[0]
    if 2 * count <= len(nexts) or word in EDGE_WORDS or word in OPENERS_ONLY:
        return []
    return [next(w for w in nexts if w.lower() == word)]


def telling_first(
    options: Iterator[str],
    cut_short: Callable[[str], bool] = lambda _: False,
    shared: Callable[[str], bool] = lambda _: True,
) -> Iterator[str]:
    """The options that name something (``names_something``) on their own (not ``refers_back``)
    and do not stop mid-phrase (``cut_short``), then, only if none does, the rest that the
    quotes share (``shared``): "Six hours", "Hmm", "That's the problem" or "They won't look at
    anything new until" names a theme only when nothing else can, and one buyer's ("That's my
    whole job already", one of two) never."""
    empty: list[str] = []
    for option in options:
        if names_something(option) and not refers_back(option) and not cut_short(option):
            yield option
        else:
            empty.append(option)
    yield from (option for option in empty if shared(option))


def with_keyword(base: str, keywords: Sequence[str], taken: set[str]) -> str | None:
    """``base (keyword)`` with a keyword not already in it and a name not ``taken``, else None."""
    for word in keywords:
        if word.lower() not in base.lower() and f"{base} ({word})".lower() not in taken:
            return f"{base} ({word})"
    return None


def distinguished(base: str, keywords: Sequence[str], taken: set[str]) -> str:
    """``base (keyword)`` with a keyword not already in it, else ``base (2)``, ``base (3)``..."""
    keyed = with_keyword(base, keywords, taken)
    if keyed:
        return keyed
    suffix = 2
    while f"{base} ({suffix})".lower() in taken:
        suffix += 1
    return f"{base} ({suffix})"
