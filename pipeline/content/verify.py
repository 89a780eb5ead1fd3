"""Checks on a draft's text beyond its citations (mostly for LLM drafts): a quotation must be a
buyer's or rep's words verbatim, and an FAQ question must be a question. What fails is flagged
as a warning for the reviewer, never silently rewritten."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pipeline.content.evidence import Evidence

_QUOTED = re.compile(r"[“\"]([^”\"]{12,})[”\"]")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def names(evidence: Evidence) -> list[str]:
    """The names of the document's themes, as a document may quote them."""
    return [cluster.name for cluster in evidence.clusters]


def text_warnings(doc_type: str, content: dict[str, Any], evidence: Evidence) -> list[str]:
    """Quotations that are no quote's words, and FAQ questions that do not end in "?"."""
    # A theme's name may stand in quotation marks too ("what buyers ask about “It's the money”"):
    # the SEO brief's own meta description had been flagged as no verbatim quote.
    sources = [_norm(text) for text in (*(q.text for q in evidence.quotes), *names(evidence))]
    warnings: list[str] = []
    for path, text in _strings(content):
        for quoted in _QUOTED.findall(text):
            words = _norm(quoted)
            if words and not any(words in source for source in sources):
                short = quoted if len(quoted) <= 60 else quoted[:57] + "..."
                warnings.append(f"{path}: “{short}” is not a verbatim quote, check it")
    if doc_type == "objection-faq":
        for index, item in enumerate(content.get("items", [])):
            if not str(item.get("question", "")).rstrip().endswith("?"):
                warnings.append(f"items[{index}].question is not a question (no “?”)")
    return warnings
