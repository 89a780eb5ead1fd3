"""Recurring buyer phrases as theme names: which 2-6 word phrases a group's buyers repeat, scored
by how much of the group says them and how specific they are to it, and how to spell one as
the buyers said it. Its own room: the label stage (``label``) weighs these against clauses,
topics and neutral names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from pipeline.cluster.keywords import keyword_affinity
from pipeline.cluster.label_checks import continuation
from pipeline.cluster.name_shape import QUESTION_OPENERS, opens_a_question
from pipeline.cluster.phrases import CLAUSE, FUNCTION_WORDS, Analyzer, whole_phrase
from pipeline.cluster.term_counts import NoTerms, count_matrix
from pipeline.detect.rules import normalise_quotes
from pipeline.wording import capitalised

MAX_PHRASE_WORDS = 6
LENGTH_BONUS = 0.35
ENDING_BONUS = 1.6
MIN_MENTIONS = 2  # a name must be said in at least two mentions to count as "recurring"
MIN_COVERAGE = 0.08  # ...and in a fair share of the cluster
KEYWORD_BONUS = 1.0  # per top keyword a name holds, it scores that much higher


def phrase_candidates(
    groups: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[float]],
    keywords: Sequence[Sequence[str]] | None = None,
) -> list[list[str]]:
    """Recurring buyer phrases per group, best name first (lower-case, as ``phrases`` counts them).

    Score = centrality-weighted coverage x share of the phrase's mentions inside this group x
    how well it stands alone (``_shape``) x how much of what sets the group apart it says
    (``keyword_affinity``); a phrase inside a longer one said by as many mentions of the group
    is dropped.
    """
    from scipy import sparse

    texts = [text for texts in groups for text in texts]
    if not texts:
        return [[] for _ in groups]
    try:
        matrix, terms = count_matrix(texts, Analyzer(MAX_PHRASE_WORDS), binary=True)
    except NoTerms:  # no n-gram anywhere
        return [[] for _ in groups]
    bounds = np.cumsum([0, *(len(texts) for texts in groups)])
    n = len(texts)
    # Each group's phrase counts as a sparse row: groups x phrases dense would be k x (every
    # n-gram of every text), gigabytes for a large corpus.
    membership = sparse.csr_matrix(
        (np.ones(n), (np.repeat(np.arange(len(groups)), np.diff(bounds)), np.arange(n))),
        shape=(len(groups), n),
    )
    per_group = (membership @ matrix).tocsr()
    total = np.asarray(per_group.sum(axis=0)).ravel()
    result: list[list[str]] = []
    for i in range(len(groups)):
        row = slice(per_group.indptr[i], per_group.indptr[i + 1])
        frequent = per_group.data[row] >= MIN_MENTIONS
        counts = dict(
            zip(
                per_group.indices[row][frequent].tolist(),
                per_group.data[row][frequent].tolist(),
                strict=True,
            )
        )
        weights = np.clip(np.asarray(centrality[i], dtype=np.float64), 0.05, 1.0)
        column = {terms[j]: j for j in sorted(counts)}
        kept = {
            p: int(counts[j])
            for p, j in column.items()
            if counts[j] / len(groups[i]) >= MIN_COVERAGE and not p.startswith("it ")
        }
        dropped = _contained(kept)
        normalised = [normalise_quotes(t) for t in groups[i]] if kept else []
        rows = matrix[bounds[i] : bounds[i + 1]]
        wanted = [column[p] for p in kept]
        sums = np.asarray(rows[:, wanted].T @ weights).ravel() if wanted else np.zeros(0)
        weighted = dict(zip(wanted, sums.tolist(), strict=True))
        scored: list[tuple[float, str]] = []
        for p in kept:
            shape = 0.0 if p in dropped else _shape(p, normalised)
            if shape > 0:
                j = column[p]
                coverage = float(weighted[j] / weights.sum())
                affinity = keyword_affinity(p, keywords[i]) if keywords else 0.0
                score = coverage * float(counts[j] / total[j]) * shape
                scored.append((score * (1.0 + KEYWORD_BONUS * affinity), p))
        result.append([p for _, p in sorted(scored, key=lambda item: (-item[0], item[1]))])
    return result


def _shape(phrase: str, texts: Sequence[str]) -> float:
    """How well ``phrase`` stands alone as a name; 0 rejects it. ``texts``: quotes normalised.

    Longer reads better; ending a clause somewhere marks a complete thought ("can't justify it",
    not "can't justify"); a two-word fragment that never ends one is rejected.
    """
    words = phrase.split()
    # Starts at the phrase itself (no optional word before it): half the time, same matches.
    pattern = re.compile(whole_phrase(phrase) + r"\s*([.!?;:,\u2014\u2013]|$)?", re.I)
    found, ends = 0, False
    for text in texts:  # stop as soon as the answer is known: groups can be large
        for match in pattern.finditer(text):
            found += 1
            ends = ends or match.group(1) is not None
        if found >= MIN_MENTIONS and ends:
            break
    if found < MIN_MENTIONS:  # e.g. only inside hyphenated words ("twenty-six")
        return 0.0
    if len(words) == 2 and not ends:
        return 0.0
    return (1.0 + LENGTH_BONUS * (len(words) - 2)) * (ENDING_BONUS if ends else 1.0)


def _contained(counts: dict[str, int]) -> set[str]:
    """Phrases inside a longer kept phrase with the same count: the longer one says more."""
    dropped: set[str] = set()
    for longer, count in counts.items():
        padded = f" {longer} "
        dropped.update(
            shorter
            for shorter, other in counts.items()
            if other == count and shorter != longer and f" {shorter} " in padded
        )
    return dropped


def spelled_as_said(phrase: str, texts: Sequence[str]) -> str:
    """``phrase`` as the buyer spelled it ("rotapro" -> "RotaPro"), first letter up.

    A phrase that ends a question somewhere keeps the question mark. A phrase always said right
    after a content word, mostly the same one, is the tail of something longer, so that word
    joins the name: "everything over from RotaPro" after "moving" reads "Moving everything over
    from RotaPro"; "works fine" after "spreadsheet", "binder" and "rota" stays "Works fine".
    """
    pattern = re.compile(r"(?:(\w[\w']*)\s+)?(" + whole_phrase(phrase) + r"(?:\s*\?)?)", re.I)
    normalised = [normalise_quotes(t) for t in texts]
    uses = [(m, n) for n in normalised for m in pattern.finditer(n)]
    found = [m for m, _ in uses]
    if not found:
        return capitalised(phrase)
    mark = "?" if any(m.group(2).endswith("?") for m in found) else ""
    asked = _asked_whole(uses) if mark else ""
    if asked:
        return asked
    # "need to run" goes on as said: "need to run it by the owner" (never past a question).
    more = [] if mark else continuation(phrase.split()[-1], [n[m.end() :] for m, n in uses])
    tail = "".join(f" {w}" for w in more)
    before = [(m.group(1) or "").lower() for m in found]
    word, said = Counter(before).most_common(1)[0]  # ties: the first said
    if all(w and w not in FUNCTION_WORDS for w in before) and 2 * said > len(before):
        first = found[before.index(word)]
        return capitalised(f"{first.group(1)} {first.group(2).rstrip('? ')}{tail}{mark}")
    return capitalised(found[0].group(2).rstrip("? ") + tail + mark)


QUESTION_LEAD_WORDS = 3  # "Does it" before "talk to Xero?": what a question's cut opening may be
# Said before a question's opening, never part of it: "And can I approve swaps...?".
_LEADS = frozenset("and so but or also then well oh okay ok um uh like sorry".split())


def _asked_whole(uses: Sequence[tuple[re.Match[str], str]]) -> str:
    """The question a phrase ends, from its opening ("Does it talk to LedgerLeaf?" for "talk
    to ledgerleaf"), when most uses that ask it open it with the same few words; "" when the
    phrase opens its questions itself or they open it each their own way. Cut from its opening,
    "Talk to LedgerLeaf?" had named a theme."""
    asking = [(m, n) for m, n in uses if m.group(2).endswith("?")]
    if not asking or all(opens_a_question(m.group(2)) for m, _ in asking):
        return ""
    openings: list[tuple[str, str]] = []
    for m, text in asking:
        before = CLAUSE.split(text[: m.start(2)])[-1].split()
        while before and before[0].strip(",").lower() in _LEADS:
            before = before[1:]
        if before and len(before) <= QUESTION_LEAD_WORDS and before[0].lower() in QUESTION_OPENERS:
            openings.append((" ".join(before).lower(), f"{' '.join(before)} {m.group(2)}"))
    if not openings:
        return ""
    opening, count = Counter(o for o, _ in openings).most_common(1)[0]
    if 2 * count < len(asking):
        return ""
    whole = next(q for o, q in openings if o == opening)
    return capitalised(whole.rstrip("? ") + "?")


CENTRAL_SAYERS = 3  # a phrase most of a theme's three most central quotes say is its complaint


def centrally_shared(phrases: Sequence[str], central: Sequence[str]) -> list[str]:
    """The ``phrases`` most of the ``central`` quotes (most central first; the first
    ``CENTRAL_SAYERS`` weigh) say word for word, at least two of them: what the theme's typical
    quotes share, before one quote's aside. "It's too much admin" and "It's become too much
    admin" led a theme named "Calling it the ugly app", one quote's words."""
    near = [_said_words(q) for q in central[:CENTRAL_SAYERS]]
    return [
        p
        for p in phrases
        if 2 * sum(f" {_said_words(p)} " in f" {q} " for q in near) > len(near) >= 2
    ]


def _said_words(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", normalise_quotes(text).lower()))
