"""Our own product profile's facts, published as the marketer wrote them.

Redaction and the published export's account blanking exist for what buyers said: a proof
point or customer reference typed into our profile ("Tony's Pizza Co cut phone-order mistakes
in its first two weeks") is ours to publish, and blanked it reads "[account] cut ...". So a
fact's own words, where the text cites it (``... [P19]``, or its ``**[P19]**`` source line),
are left as written, while the same name inside a buyer's quote is redacted as ever.

Profile text is not transcript text, so it also reaches the LLM as written
(``pipeline/content/collect.py`` never redacts it): the model may only cite what we publish.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pipeline.templating import cell, md

# Other citations between a fact and its own label: "Toast [Q6] [P12]", "[Q4][P3][P7]".
_CITES_BETWEEN = r"(?:\s*\[[QFP]\d+\])*?\s*"


def cited_profile(structured: Mapping[str, Any] | None) -> dict[str, str]:
    """The profile facts a document's evidence holds, by label (``P19`` -> its text)."""
    evidence = (structured or {}).get("evidence") or {}
    return {
        str(fact["label"]): str(fact["text"])
        for fact in evidence.get("profile", [])
        if fact.get("label") and str(fact.get("text") or "").strip()
    }


def fact_spans(text: str, facts: Mapping[str, str], *, cited: bool = True) -> list[tuple[int, int]]:
    """Where ``text`` states a profile fact in its own words and cites it there: the fact
    followed by its label, or after its label in the sources; anywhere unless ``cited`` (text
    whose citations are gone, once the cited text was published). Merged and sorted."""
    spans: list[tuple[int, int]] = []
    for label, fact in facts.items():
        for written in {fact, md(fact), cell(fact)}:
            words = re.escape(written)
            tag = re.escape(f"[{label}]")
            pattern = rf"(?<!\w){words}(?={_CITES_BETWEEN}{tag})|(?<=\*\*{tag}\*\* ){words}"
            pattern = pattern if cited else rf"(?<!\w){words}(?!\w)"
            spans += [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def outside_facts(
    text: str, facts: Mapping[str, str], change: Callable[[str], str], *, cited: bool = True
) -> str:
    """``change`` (a redaction, an account blanking) applied to ``text`` except where it
    states one of our profile ``facts`` (``fact_spans``)."""
    pieces: list[str] = []
    done = 0
    for start, end in fact_spans(text, facts, cited=cited):
        pieces += [change(text[done:start]), text[start:end]]
        done = end
    pieces.append(change(text[done:]))
    return "".join(pieces)
