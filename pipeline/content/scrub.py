"""Take erased calls out of stored documents: their quotes leave the evidence, the content items
that cite them go, and every Markdown line, prompt line or reply that cites or repeats them is
replaced by a marker; the account's name is blanked wherever it is left.

Why lines: a document's claims are list items and paragraphs, one per line, each followed by
the quotes it rests on, so a line is the unit that a removed quote takes with it, whether the
text was generated or edited by hand.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import Document, DocumentComment, utcnow

REMOVED = "[removed: it cited a call that was erased]"
ERASED_ACCOUNT = "[erased account]"
# A quote's opening words find it inside a longer sentence (content clips and rewords quotes);
# shorter quotes ("No.") are found by their Q-label only, or they would match everything.
NEEDLE_CHARS = 40
MIN_NEEDLE_CHARS = 16
MIN_ACCOUNT_CHARS = 3
_LIST_MARK = re.compile(r"\s*(?:[-*+]|\d+\.)?\s*")
# Markdown a document keeps inside its ``structured`` data, scrubbed line by line like its body.
TEXT_FIELDS = ("brief",)


@dataclass(frozen=True)
class Erased:
    """What is being erased: these calls, said by this account (under these spellings)."""

    call_ids: frozenset[int]
    accounts: tuple[str, ...]

    def account_pattern(self) -> re.Pattern[str] | None:
        return account_pattern(self.accounts)


def account_pattern(accounts: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for these account names, whole words, any case (``None`` for none): what an
    erasure blanks in stored documents and a published export blanks in its text."""
    names = sorted({a.strip() for a in accounts if len(a.strip()) >= MIN_ACCOUNT_CHARS})
    if not names:
        return None
    alternatives = "|".join(
        spelling for name in sorted(names, key=len, reverse=True) for spelling in _spellings(name)
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_DOMAIN_END = r"(?:\.[a-z]{2,6}){1,2}"
_WEB_DOMAIN = re.compile(rf"^(?P<stem>[\w-]+){_DOMAIN_END}$", re.IGNORECASE)


def _spellings(name: str) -> list[str]:
    """The regex spellings of one account: as written, its words run together or hyphenated as a
    web domain writes them ("oakridgeanimalhospital.com" for "Oakridge Animal Hospital": a
    published brief had kept the name in that form), and a domain's name without its ending."""
    words = [re.escape(word) for word in re.split(r"[\s\-_.]+", name) if word]
    joined = "[-_]?".join(words)
    found = [re.escape(name), rf"{joined}(?:{_DOMAIN_END})?" if len(words) > 1 else ""]
    if (domain := _WEB_DOMAIN.match(name)) is not None and len(domain["stem"]) >= 4:
        found.append(re.escape(domain["stem"]))
    return [spelling for spelling in found if spelling]


@dataclass
class _Found:
    """The erased quotes of one stored ``structured`` and how to recognise them in text."""

    ids: set[int]
    needles: list[str]

    def label_pattern(self) -> re.Pattern[str] | None:
        if not self.ids:
            return None
        return re.compile(rf"\bQ(?:{'|'.join(str(i) for i in sorted(self.ids))})\b")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _erased_quotes(structured: dict[str, Any], erased: Erased) -> tuple[list[Any], _Found]:
    quotes = (structured.get("evidence") or {}).get("quotes") or []
    gone = [q for q in quotes if int(q.get("call_id", -1)) in erased.call_ids]
    needles: list[str] = []
    for quote in gone:
        text = _flat(str(quote.get("text", "")))
        for form in (text, html.escape(text, quote=False)):
            if len(form) >= MIN_NEEDLE_CHARS:
                needles.append(form[:NEEDLE_CHARS])
    return gone, _Found({int(q["id"]) for q in gone}, needles)


def _drop_cited(node: Any, ids: set[int], in_list: bool = False) -> Any:
    """Content without the items that cite an erased quote (``None``: drop this list item)."""
    if isinstance(node, list):
        kept = [_drop_cited(item, ids, in_list=True) for item in node]
        return [item for item in kept if item is not None]
    if not isinstance(node, dict):
        return node
    cited = set(node.get("citations") or [])
    if cited & ids:
        if in_list:
            return None
        blanked = {k: REMOVED if isinstance(v, str) else v for k, v in node.items()}
        blanked["citations"] = sorted(cited - ids)
        return blanked
    return {key: _drop_cited(value, ids) for key, value in node.items()}


def blank_account(node: Any, pattern: re.Pattern[str] | None, marker: str = ERASED_ACCOUNT) -> Any:
    """``node`` (a string, or JSON-like data holding strings) with the accounts ``pattern``
    finds replaced by ``marker``."""
    if pattern is None:
        return node
    if isinstance(node, str):
        return pattern.sub(marker, node)
    if isinstance(node, list):
        return [blank_account(item, pattern, marker) for item in node]
    if isinstance(node, dict):
        return {key: blank_account(value, pattern, marker) for key, value in node.items()}
    return node


def scrub_structured(structured: dict[str, Any], erased: Erased) -> tuple[dict[str, Any], _Found]:
    """The stored evidence and content without the erased quotes and what cites them."""
    gone, found = _erased_quotes(structured, erased)
    if not gone:
        return structured, found
    evidence = dict(structured.get("evidence") or {})
    kept = [q for q in evidence.get("quotes", []) if int(q["id"]) not in found.ids]
    evidence["quotes"] = kept
    said_elsewhere = " ".join(_flat(str(q.get("text", ""))).lower() for q in kept)
    said_by_them = " ".join(_flat(str(q.get("text", ""))).lower() for q in gone)

    def still_said(words: object) -> bool:
        """Said in a kept quote, or never in an erased one: a phrase or a rival's name only
        the erased calls gave goes with them."""
        text = str(words or "").lower()
        return text in said_elsewhere or text not in said_by_them

    evidence["clusters"] = [_without_erased(cluster, found.ids, still_said)
                            for cluster in evidence.get("clusters", [])]  # fmt: skip
    evidence["phrases"] = [p for p in evidence.get("phrases", []) if still_said(p.get("text"))]
    out = {**structured, "evidence": evidence}
    if "content" in out:
        out["content"] = _drop_cited(out["content"], found.ids)
    return out, found


def _without_erased(
    cluster: dict[str, Any], ids: set[int], still_said: Callable[[object], bool]
) -> dict[str, Any]:
    """A document's record of one theme without the erased quotes and the rivals only they
    named."""
    out = {
        **cluster,
        "quote_ids": [i for i in cluster.get("quote_ids", []) if i not in ids],
        "answer_ids": [i for i in cluster.get("answer_ids", []) if i not in ids],
    }
    if "competitors" in cluster:
        out["competitors"] = [c for c in cluster["competitors"] or [] if still_said(c)]
    if cluster.get("competitor") and not still_said(cluster["competitor"]):
        out["competitor"] = None
    return out


def scrub_text(text: str, found: _Found, account: re.Pattern[str] | None) -> tuple[str, int]:
    """Lines citing (``Q7``, ``[Q7]``) or repeating an erased quote become a marker; the
    account's name is blanked in the rest. Returns the text and how many lines were replaced."""
    labels = found.label_pattern()
    lines: list[str] = []
    removed = 0
    for line in text.split("\n"):
        flat = _flat(line)
        if (labels is not None and labels.search(line)) or any(n in flat for n in found.needles):
            mark = _LIST_MARK.match(line)
            lines.append((mark.group(0) if mark else "") + REMOVED)
            removed += 1
        else:
            lines.append(account.sub(ERASED_ACCOUNT, line) if account is not None else line)
    return "\n".join(lines), removed


def _scrub_one(
    structured: dict[str, Any], texts: Iterable[str | None], erased: Erased
) -> tuple[dict[str, Any], list[str | None], set[int], int]:
    account = erased.account_pattern()
    new_structured, found = scrub_structured(structured, erased)
    new_structured = blank_account(new_structured, account)
    lines = 0
    for field in TEXT_FIELDS:  # Markdown kept inside ``structured`` (the content brief)
        if isinstance(new_structured.get(field), str):
            scrubbed, count = scrub_text(new_structured[field], found, account)
            new_structured = {**new_structured, field: scrubbed}
            lines += count
    new_texts: list[str | None] = []
    for text in texts:
        if text is None:
            new_texts.append(None)
            continue
        scrubbed, count = scrub_text(text, found, account)
        new_texts.append(scrubbed)
        lines += count
    return new_structured, new_texts, found.ids, lines


def scrub_documents(session: Session, erased: Erased, *, erasure_id: int, actor: str) -> int:
    """Scrub every document and version; returns how many documents changed. A changed
    document that was approved or in review goes back to draft (an approval covers one text)."""
    changed = 0
    account = erased.account_pattern()
    for document in session.scalars(select(Document).order_by(Document.id)):
        touched = False
        for version in document.versions:
            structured, texts, ids, lines = _scrub_one(
                version.structured or {}, [version.body_markdown, version.prompt], erased
            )
            raw_reply = REMOVED if ids and version.raw_reply else version.raw_reply
            before = [version.body_markdown, version.prompt]
            if ids or structured != (version.structured or {}) or before != texts:
                version.structured = structured
                version.body_markdown, version.prompt = texts[0] or "", texts[1]
                version.raw_reply = raw_reply
                touched = True
        structured, texts, ids, lines = _scrub_one(
            document.structured or {}, [document.body_markdown], erased
        )
        if (
            touched
            or structured != (document.structured or {})
            or texts[0] != document.body_markdown
        ):
            labels = ", ".join(f"Q{i}" for i in sorted(ids))
            note = (
                f"Erasure #{erasure_id}: {len(ids)} quote(s) removed ({labels or 'none current'}), "
                f"{lines} line(s) that cited them replaced."
            )
            structured["warnings"] = [*structured.get("warnings", []), note]
            structured["erasures"] = [
                *structured.get("erasures", []),
                {"erasure_id": erasure_id, "quotes_removed": sorted(ids), "lines_removed": lines},
            ]
            document.structured = structured
            document.body_markdown = texts[0] or ""
            document.updated_at = utcnow()
            if document.state in ("approved", "in_review"):
                session.add(
                    DocumentComment(
                        document_id=document.id,
                        author=actor,
                        kind="review",
                        body=note,
                        from_state=document.state,
                        to_state="draft",
                    )
                )
                document.state = "draft"
            changed += 1
        for comment in document.comments:
            if account is not None:
                comment.body = account.sub(ERASED_ACCOUNT, comment.body)
    session.flush()
    return changed
