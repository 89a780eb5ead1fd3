"""Citation checks: every id must name a real quote, fact or product-profile fact; what does not
is removed and flagged, and so is a claim that cites nothing (for the sales accuracy check).

Comparison claims about the competitor with no quote or fact behind them are dropped: the
page may only say about a competitor what a buyer said or a user entered.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any

from pipeline.content.evidence import Evidence

UNSUPPORTED = "Unknown: no buyer quote or entered fact."
_TEXT_KEYS = ("text", "question", "objection", "answer", "them", "us", "h2", "what_happens", "name")


def _snippet(node: dict[str, Any]) -> str:
    text = next((str(node[k]) for k in _TEXT_KEYS if isinstance(node.get(k), str)), "")
    return text if len(text) <= 60 else text[:57] + "..."


def is_placeholder(node: dict[str, Any]) -> bool:
    """A visible "To write" (or "Unknown") gap: it claims nothing, so it needs no source."""
    return any(str(node.get(k, "")).startswith(("To write", "Unknown")) for k in _TEXT_KEYS)


def _filter_ids(
    node: dict[str, Any], key: str, valid: set[int], prefix: str, path: str, warnings: list[str]
) -> None:
    ids = node.get(key)
    if not isinstance(ids, list):
        return
    kept = list(dict.fromkeys(i for i in ids if isinstance(i, int) and i in valid))
    dropped = [i for i in ids if i not in kept]
    if dropped:
        labels = ", ".join(f"{prefix}{i}" for i in dict.fromkeys(dropped))
        warnings.append(f"{path}: removed unknown citation {labels} (“{_snippet(node)}”)")
    node[key] = kept


def _cites_below(node: dict[str, Any]) -> bool:
    """A heading whose items cite their sources (an SEO brief's H2 over its cited H3s) claims
    nothing of its own."""
    items = [i for v in node.values() if isinstance(v, list) for i in v if isinstance(i, dict)]
    return bool(items) and all(i.get("citations") for i in items)


def check_citations(
    content: dict[str, Any], evidence: Evidence, *, competitor_claims: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Return the content with only resolvable citations, and the warnings to store."""
    quote_ids = {quote.id for quote in evidence.quotes}
    fact_ids = {fact.id for fact in evidence.facts}
    profile_ids = {fact.id for fact in evidence.profile}
    warnings: list[str] = []

    def walk(node: Any, path: str) -> Any:
        if isinstance(node, list):
            return [walk(item, f"{path}[{i}]") for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        node = {key: walk(value, f"{path}.{key}" if path else key) for key, value in node.items()}
        if "citations" in node:
            _filter_ids(node, "citations", quote_ids, "Q", path, warnings)
            _filter_ids(node, "facts", fact_ids, "F", path, warnings)
            _filter_ids(node, "profile", profile_ids, "P", path, warnings)
            cited = any(node.get(key) for key in ("citations", "facts", "profile"))
            if not cited and not is_placeholder(node) and not _cites_below(node):
                warnings.append(
                    f"{path}: claim has no citation, check it for accuracy (“{_snippet(node)}”)"
                )
        return node

    checked: dict[str, Any] = walk(content, "")
    if competitor_claims:
        _drop_unsupported_competitor_claims(checked, warnings)
    return checked, warnings


def _drop_unsupported_competitor_claims(content: dict[str, Any], warnings: list[str]) -> None:
    for index, row in enumerate(content.get("rows", [])):
        if not row.get("citations") and not row.get("facts") and row.get("them") != UNSUPPORTED:
            warnings.append(
                f"rows[{index}]: competitor claim without a quote or fact replaced "
                f"(“{_snippet({'them': row.get('them', '')})}”)"
            )
            row["them"] = UNSUPPORTED
    kept = []
    for index, point in enumerate(content.get("them_better_when", [])):
        if point.get("citations") or point.get("facts"):
            kept.append(point)
        else:
            warnings.append(
                f"them_better_when[{index}]: competitor claim without a quote or fact removed "
                f"(“{_snippet(point)}”)"
            )
    if "them_better_when" in content:
        content["them_better_when"] = kept


def cited_ids(content: Any, key: str = "citations") -> list[int]:
    """All ids cited anywhere in the content, in order of first use."""
    found: list[int] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, value in node.items():
                if k == key and isinstance(value, list):
                    found.extend(i for i in value if isinstance(i, int))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(content)
    return list(dict.fromkeys(found))


CITATION_LABELS = re.compile(r"\[((?:[QFP]\d+)(?:\s*,\s*[QFP]\d+)*)\]")
EDITED = "edited text"  # how a warning about an edit's citations starts


def unknown_labels(body_markdown: str, evidence: dict[str, Any]) -> list[str]:
    """The citation labels (``[Q77]``, ``[P3, P4]``) in an edited body that name no quote,
    fact or profile fact of the document's stored evidence, in order of first use."""
    known = {
        prefix + str(item.get("id"))
        for prefix, key in (("Q", "quotes"), ("F", "facts"), ("P", "profile"))
        for item in evidence.get(key) or []
        if isinstance(item, dict)
    }
    said = (
        label.strip()
        for match in CITATION_LABELS.finditer(body_markdown)
        for label in match.group(1).split(",")
    )
    return list(dict.fromkeys(label for label in said if label not in known))


_QUOTATION = re.compile(r"“([^”]{12,})”")


def _words(text: str) -> str:
    """``text``'s words, lower-cased and single-spaced, for a verbatim comparison."""
    return " ".join(re.findall(r"\w+", text.lower()))


def misquotes(body_markdown: str, evidence: dict[str, Any]) -> list[str]:
    """The quotations (“...”) of a body that are no stored quote's, theme's or fact's words
    verbatim: an edit had put “PawDesk paid for itself in the first month.” [Q2] on a page,
    citing a real quote that says nothing of the kind, and it was approved."""
    # A quote's lead-in, said just before it in its turn, is quoted with it ("…X. **Y**").
    sources = [
        _words(f"{item.get('lead_in') or ''} {item.get(field) or ''}")
        for key, field in (("quotes", "text"), ("clusters", "name"), ("profile", "text"),
                           ("facts", "text"))
        for item in evidence.get(key) or []
        if isinstance(item, dict)
    ]  # fmt: skip
    found = []
    for quoted in _QUOTATION.findall(body_markdown):
        plain = html.unescape(quoted.replace("\\", ""))  # as the page escaped it for Markdown
        words = _words(plain)
        if words and not any(words in source for source in sources):
            found.append(quoted)
    return list(dict.fromkeys(found))


def edit_warnings(body_markdown: str, structured: dict[str, Any]) -> list[str]:
    """The document's warnings after an edit: the generation's, and one naming the edited
    text's citations that resolve to nothing (the reader would find no such source)."""
    kept = [str(w) for w in structured.get("warnings") or [] if not str(w).startswith(EDITED)]
    unknown = unknown_labels(body_markdown, structured.get("evidence") or {})
    if unknown:
        kept.append(
            f"{EDITED}: {', '.join(f'[{label}]' for label in unknown)} cite"
            f"{'s' if len(unknown) == 1 else ''} no source of this document; "
            "remove or correct them"
        )
    kept += [
        f"{EDITED}: “{said}” is no quote's words verbatim; quote exactly or drop the marks"
        for said in misquotes(body_markdown, structured.get("evidence") or {})
    ]
    return kept


_QUOTE_LABEL = re.compile(r"\[Q(\d+)\]")


def page_order(markdown: str, prefix: str = "Q") -> list[int]:
    """The quote ids (``prefix`` "P": profile facts, "F": competitor facts) a rendered page
    cites, in the order a reader meets them (its sources list not counted)."""
    body = markdown.split("\n## Sources", 1)[0]
    found = (
        int(label.strip()[1:])
        for match in CITATION_LABELS.finditer(body)
        for label in match.group(1).split(",")
        if label.strip().startswith(prefix)
    )
    return list(dict.fromkeys(found))


def renumber_quotes(
    content: dict[str, Any], evidence: Evidence, order: list[int]
) -> tuple[dict[str, Any], Evidence]:
    """The content and evidence with the quotes numbered Q1, Q2, ... in the order the page
    cites them (``order``), the quotes it does not cite after: the evidence had numbered them
    as it collected them, and a reader met [Q3], [Q7], [Q12] and looked for the rest."""
    ranked = [*(i for i in order if evidence.quote(i)), *(q.id for q in evidence.quotes)]
    new_id = {old: new for new, old in enumerate(dict.fromkeys(ranked), start=1)}

    def moved(ids: list[int]) -> list[int]:
        return [new_id.get(i, i) for i in ids]

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if isinstance(node, str):  # a label the LLM wrote inside its text
            return _QUOTE_LABEL.sub(
                lambda m: f"[Q{new_id.get(int(m.group(1)), int(m.group(1)))}]", node
            )
        if not isinstance(node, dict):
            return node
        return {
            key: moved(value) if key == "citations" and isinstance(value, list) else walk(value)
            for key, value in node.items()
        }

    quotes = sorted(
        (
            replace(
                quote,
                id=new_id[quote.id],
                replies_to=new_id.get(quote.replies_to) if quote.replies_to else None,
            )
            for quote in evidence.quotes
        ),
        key=lambda quote: quote.id,
    )
    clusters = [
        replace(
            cluster,
            quote_ids=moved(cluster.quote_ids),
            answer_ids=moved(cluster.answer_ids),
            unknown_ids=moved(cluster.unknown_ids),
        )
        for cluster in evidence.clusters
    ]
    return walk(content), replace(evidence, quotes=quotes, clusters=clusters)
