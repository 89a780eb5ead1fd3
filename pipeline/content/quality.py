"""The checks a reviewer makes on a generated document, run by code: citations resolve, quotes
are verbatim and the buyer's, the numbers match the cluster statistics, FAQ questions are
questions (one per objection theme), no buyer-side personal data, no quote used twice.

``bench/content_quality.py`` prints the share passed per content type; the end-to-end test on
the example calls requires all of them offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.content.choose import of_industry
from pipeline.content.citations import cited_ids, is_placeholder
from pipeline.content.profile_text import cited_profile, outside_facts
from pipeline.content.written_notes import stated_counts
from pipeline.redact import redactor_for
from pipeline.store.models import Call, Document, Mention, Utterance

_LABEL = re.compile(r"\[(Q|F|P)(\d+)\]")


@dataclass
class Report:
    """Named checks, each passed or failed, with why for the failures."""

    passed: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, why: str = "") -> None:
        (self.passed if ok else self.failed)[name] += 1
        if not ok:
            self.problems.append(f"{name}: {why}")

    @property
    def total(self) -> int:
        return sum(self.passed.values()) + sum(self.failed.values())

    @property
    def share(self) -> float:
        return sum(self.passed.values()) / self.total if self.total else 0.0


def _norm(text: str) -> str:
    return " ".join(text.replace("…", " ").split())


def _claims(content: Any) -> list[dict[str, Any]]:
    """Every node of the content that carries citations (a claim)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "citations" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(content)
    return found


def _cluster_stats(session: Session, cluster_id: int, industry: str | None) -> tuple[int, int, int]:
    row = session.execute(
        select(
            func.count(Mention.id),
            func.count(func.distinct(Mention.call_id)),
            func.count(func.distinct(Call.account)),
        )
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.cluster_id == cluster_id, Mention.excluded.is_(False))
        .where(*of_industry(industry))
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def _distinct_calls(session: Session, cluster_ids: set[int], industry: str | None) -> int:
    return int(
        session.scalar(
            select(func.count(func.distinct(Mention.call_id)))
            .join(Call, Mention.call_id == Call.id)
            .where(Mention.cluster_id.in_(cluster_ids), Mention.excluded.is_(False))
            .where(*of_industry(industry))
        )
        or 0
    )


def review_document(
    session: Session,
    document: Document,
    exports: dict[str, str] | None = None,
    brands: Sequence[str] = (),
) -> Report:
    """Run every check on ``document``; ``exports`` are its exported texts by format; ``brands``
    as its generation had them (``configured_brands``)."""
    report = Report()
    structured = document.structured or {}
    evidence = structured.get("evidence", {})
    content = structured.get("content", {})
    body = document.body_markdown
    quotes = {int(q["id"]): q for q in evidence.get("quotes", [])}
    facts = {int(f["id"]) for f in evidence.get("facts", [])}
    profile = {int(p["id"]) for p in evidence.get("profile", [])}
    known = {"Q": set(quotes), "F": facts, "P": profile}
    cited = cited_ids(content)

    for kind, number in _LABEL.findall(body):
        report.check(
            "citations resolve",
            int(number) in known[kind] and f"**[{kind}{number}]**" in body,
            f"[{kind}{number}] does not resolve",
        )
    report.check("citations resolve", set(cited) <= set(quotes), "content cites unknown quotes")

    call_ids = {int(q["call_id"]) for q in quotes.values()}
    call_ids |= {i for c in evidence.get("clusters", []) for i in c.get("call_ids", [])}
    if document.industry:  # its evidence redacts the names of every industry's calls
        cluster_ids = [int(c["id"]) for c in evidence.get("clusters", [])]
        call_ids |= set(
            session.scalars(select(Mention.call_id).where(Mention.cluster_id.in_(cluster_ids)))
        )
    redactor = redactor_for(session, call_ids, brands=brands)
    for quote_id in cited:
        quote = quotes[quote_id]
        utterance = session.get(Utterance, int(quote["utterance_id"]))
        source = _norm(redactor.redact(utterance.text)) if utterance else ""
        text = _norm(quote["text"])
        report.check("quotes verbatim", bool(text) and text in source, f"Q{quote_id} not verbatim")
        role = utterance.role if utterance else None
        expected = "rep" if quote["kind"] == "answer" else "buyer"
        won = quote["kind"] != "answer" or quote["outcome"] == "won"
        report.check(
            "quotes from the buyer role",
            role == expected and quote["role"] == expected and won,
            f"Q{quote_id} is a {role} turn",
        )

    for cluster in evidence.get("clusters", []):
        stated = (int(cluster["size"]), int(cluster["calls"]), int(cluster["accounts"]))
        actual = _cluster_stats(session, int(cluster["id"]), document.industry)
        report.check(
            "counts match cluster stats", stated == actual, f"{cluster['id']}: {stated}≠{actual}"
        )
    _stated_counts(session, report, body, quotes, cited, evidence, document.industry)
    if document.industry:
        _from_the_industry(session, report, document.industry, quotes, cited)

    if document.doc_type == "objection-faq":
        _faq(report, content, quotes, evidence)

    # A comparison's row says what a buyer said of the rival; a fit point may say it again as
    # why a deal went one way ("Buyers we lost to X said: ..."), once; and the lists of why
    # buyers stay with it, where it falls short and its pricing, once.
    said_of = ("why_they_stay", "falls_short", "their_pricing")
    parts = [
        content.get("rows", []),
        {k: content.get(k, []) for k in said_of},
        {k: v for k, v in content.items() if k != "rows" and k not in said_of},
    ]
    if document.doc_type != "comparison":
        parts = [content]
    allowed: Counter[int] = Counter()
    for part in parts:
        claims_of = Counter(i for claim in _claims(part) for i in claim["citations"])
        allowed.update(claims_of.keys())
        for quote_id, uses in claims_of.items():
            report.check("no quote used twice", uses == 1, f"Q{quote_id} cited by {uses} claims")
    main = body.split("\n## Sources", 1)[0]
    for quote_id in cited:
        text = _norm(quotes[quote_id]["text"])[:60]
        times = max(allowed[quote_id], 1)
        report.check(
            "no quote used twice", _norm(main).count(text) <= times, f"Q{quote_id} repeated"
        )

    for fmt, text in (exports or {"md": body}).items():
        # Our profile's facts are published as written (``profile_text``).
        published = outside_facts(text, cited_profile(structured), redactor.redact)
        report.check("no buyer-side personal data", published == text, fmt)
    return report


def _stated_counts(
    session: Session,
    report: Report,
    body: str,
    quotes: dict[int, dict[str, Any]],
    cited: list[int],
    evidence: dict[str, Any],
    industry: str | None,
) -> None:
    """A number of calls the text states is that of the objection themes it quotes, or of one
    theme it quotes (in the document's industry, when it has one), or a pain theme's buyers'."""
    kinds = {int(c["id"]): c["kind"] for c in evidence.get("clusters", [])}
    themes = {quotes[i]["cluster_id"] for i in cited if quotes[i].get("cluster_id") in kinds}
    options = {_distinct_calls(session, {t}, industry) for t in themes}
    objections = {t for t in themes if kinds[t] == "objection"}
    if objections:
        options.add(_distinct_calls(session, objections, industry))
    # A pain theme states the calls its buyers raised it on (``buyer_calls``): no rep note nor
    # our customer's complaint about us counts toward the market's problem.
    options |= {
        int(c.get("buyer_calls", 0))
        for c in evidence.get("clusters", [])
        if c["kind"] == "pain" and int(c["id"]) in themes
    }
    for number in stated_counts(body):
        report.check("counts match cluster stats", number in options, f"{number} calls stated")


def _from_the_industry(
    session: Session,
    report: Report,
    industry: str,
    quotes: dict[int, dict[str, Any]],
    cited: list[int],
) -> None:
    """A document for one industry quotes only buyers of that industry (a rep's won-deal
    reply may come from another)."""
    for quote_id in cited:
        quote = quotes[quote_id]
        if quote["kind"] == "answer":
            continue
        call = session.get(Call, int(quote["call_id"]))
        said = (call.industry or "") if call else ""
        report.check(
            "buyer quotes from the industry",
            said.lower() == industry.lower(),
            f"Q{quote_id} is from a {said or 'no-industry'} call",
        )


def _faq(
    report: Report, content: dict[str, Any], quotes: dict[int, dict[str, Any]], evidence: Any
) -> None:
    items = content.get("items", [])
    themes = [
        c for c in evidence.get("clusters", []) if c["kind"] == "objection" and c["quote_ids"]
    ]
    report.check(
        "one FAQ question per objection theme",
        len(items) == min(len(themes), 10) and (len(items) >= 3 or len(themes) < 3),
        f"{len(items)} questions for {len(themes)} themes",
    )
    asked = [item["question"] for item in items]
    report.check("one FAQ question per objection theme", len(set(asked)) == len(asked), "repeats")
    for item in items:
        question = item["question"].strip()
        report.check("FAQ questions are questions", question.endswith("?"), question[:60])
        backed = any(quotes[i]["kind"] == "answer" for i in item["citations"] if i in quotes)
        report.check(
            "FAQ answers cite the profile or a won-deal reply (or say what is still to write)",
            backed or bool(item.get("profile")) or is_placeholder({"answer": item["answer"]}),
            question[:60],
        )
