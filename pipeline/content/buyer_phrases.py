"""The phrases buyers repeat, for a brief's "use their words": split from ``collect`` (what a
document is built from)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pipeline.cluster.phrases import Analyzer, extract_phrases
from pipeline.content.evidence import Phrase
from pipeline.content.seo_keywords import CLAUSE_JOINS

FALLBACK_WORDS = 3  # the longest phrase taken from a single buyer's sentence


def _fallback_phrases(texts: Iterable[str], limit: int) -> list[Phrase]:
    """Phrases of up to three words said at least once, when ``phrases`` finds none that recur:
    each inside one clause, trimmed of function words at its edges (``Analyzer``) and joining
    no two (``CLAUSE_JOINS``): "february and nothing" is no phrase."""
    analyzer = Analyzer(FALLBACK_WORDS)
    counts: Counter[str] = Counter(
        p for text in texts for p in set(analyzer(text)) if not CLAUSE_JOINS & set(p.split())
    )
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return [Phrase(text, count) for text, count in ranked[:limit]]


def buyer_phrases(texts: Sequence[tuple[int, int, str]], limit: int) -> list[Phrase]:
    """Recurring buyer phrases (``cluster.phrases``), else the simple fallback when none recur."""
    found = extract_phrases(list(texts), top=limit)
    if not found:
        return _fallback_phrases((text for _u, _c, text in texts), limit)
    return [Phrase(p.phrase, p.count) for p in found[:limit]]
