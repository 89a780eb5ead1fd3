"""The phrases buyers repeat, for a brief's "use their words": split from ``collect`` (what a
document is built from)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from pipeline.cluster.phrases import extract_phrases
from pipeline.content.evidence import Phrase

_STOPWORDS = frozenset(
    """a an the and or but if so of to in on for with at by from as is are was were be been it its
    this that these those we you they i me my our your their them he she his her us do does did
    not no yes just really very can could would should will have has had there what how when
    why which who about into than then too also get got like know think mean yeah okay ok um uh
    well one all any some more much right going gonna want need thing things""".split()
)


def _fallback_phrases(texts: Iterable[str], limit: int) -> list[Phrase]:
    """Recurring 2-3 word phrases (no stopword at either end) when ``phrases`` finds none."""
    counts: Counter[str] = Counter()
    for text in texts:
        words = re.findall(r"[a-z][a-z'-]*", text.lower())
        seen: set[str] = set()
        for size in (3, 2):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                if gram[0] in _STOPWORDS or gram[-1] in _STOPWORDS:
                    continue
                phrase = " ".join(gram)
                if phrase not in seen:
                    seen.add(phrase)
                    counts[phrase] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return [Phrase(text, count) for text, count in ranked[:limit] if count >= 1]


def buyer_phrases(texts: Sequence[tuple[int, int, str]], limit: int) -> list[Phrase]:
    """Recurring buyer phrases (``cluster.phrases``), else the simple fallback when none recur."""
    found = extract_phrases(list(texts), top=limit)
    if not found:
        return _fallback_phrases((text for _u, _c, text in texts), limit)
    return [Phrase(p.phrase, p.count) for p in found[:limit]]
