"""Deterministic offline drafts: the same evidence, no LLM, filled into the same schemas.

They quote buyers verbatim and reuse what reps said in won deals; where the calls hold no
answer they leave a visible "to write" note instead of inventing one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.content.evidence import ClusterEvidence, Evidence, Quote, clip
from pipeline.content.types import (
    QA,
    Comparison,
    ComparisonRow,
    FitPoint,
    ImplementationTimeline,
    LinkSuggestion,
    ObjectionAnswer,
    ObjectionFAQ,
    OnePager,
    OutlineSection,
    Phase,
    Point,
    PricingExplainer,
    Schema,
    SEOBrief,
)
from pipeline.errors import BadInput
from pipeline.templating import draft_copy

_DURATION_RE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|a few|couple of)\s+(?:days?|weeks?|months?)\b", re.I
)
_LINK_TARGETS = {
    "price": "/pricing",
    "pricing": "/pricing",
    "contract": "/pricing#contracts",
    "integrations": "/integrations",
    "integration": "/integrations",
    "security": "/security",
    "setup_time": "/onboarding",
    "switching": "/switching",
    "competitor": "/compare",
}


def say(macro: str, /, **values: object) -> str:
    """One sentence of draft copy from ``content_templates/_draft_copy.j2``."""
    return draft_copy(macro, **values)


def _names(evidence: Evidence, limit: int = 3) -> str:
    names = [cluster.name for cluster in evidence.clusters[:limit]]
    return ", ".join(names) if names else "what buyers said"


def _stats(cluster: ClusterEvidence) -> str:
    won, lost = cluster.outcomes.get("won", 0), cluster.outcomes.get("lost", 0)
    return say("stats", size=cluster.size, calls=cluster.calls, won=won, lost=lost)


def _answer(evidence: Evidence, cluster: ClusterEvidence, limit: int) -> tuple[str, list[int]]:
    answers = evidence.cluster_answers(cluster)
    if not answers:
        return clip(say("no_answer", stats=_stats(cluster)), limit), []
    best = answers[0]
    return clip(say("won_answer", text=best.text), limit), [best.id]


def _top(evidence: Evidence, cluster: ClusterEvidence) -> Quote | None:
    quotes = evidence.cluster_quotes(cluster)
    return quotes[0] if quotes else None


def _qa(evidence: Evidence, cluster: ClusterEvidence) -> QA | None:
    quote = _top(evidence, cluster)
    if quote is None:
        return None
    answer, answer_ids = _answer(evidence, cluster, 600)
    return QA(question=clip(quote.text, 240), answer=answer, citations=[quote.id, *answer_ids])


def _require_quotes(evidence: Evidence) -> None:
    if not any(evidence.cluster_quotes(cluster) for cluster in evidence.clusters):
        raise BadInput("the selected clusters have no buyer quotes to build a draft from")


def objection_faq(evidence: Evidence) -> ObjectionFAQ:
    _require_quotes(evidence)
    items = [qa for cluster in evidence.clusters if (qa := _qa(evidence, cluster))][:6]
    return ObjectionFAQ(
        title=say("faq_title"),
        intro=clip(say("faq_intro", calls=evidence.call_count), 600),
        items=items,
    )


def one_pager(evidence: Evidence) -> OnePager:
    _require_quotes(evidence)
    pains = [c for c in evidence.clusters if c.kind == "pain"]
    others = [c for c in evidence.clusters if c.kind != "pain"] or evidence.clusters
    problem = _top(evidence, (pains or others)[0]) or evidence.quotes[0]
    objections: list[ObjectionAnswer] = []
    for cluster in others[:4]:
        quote = _top(evidence, cluster)
        if quote is not None:
            answer, ids = _answer(evidence, cluster, 240)
            objections.append(
                ObjectionAnswer(
                    objection=clip(quote.text, 160), answer=answer, citations=[quote.id, *ids]
                )
            )
    proof = [
        Point(text=clip(say("rep_in_won_deal", text=q.text), 240), citations=[q.id])
        for q in evidence.of_kind("answer")[:3]
    ]
    return OnePager(
        title=say("one_pager_title"),
        headline=clip(
            say("one_pager_headline", count=len(objections), calls=evidence.call_count), 240
        ),
        problem=Point(
            text=clip(say("in_buyers_words", text=problem.text), 240), citations=[problem.id]
        ),
        objections=objections,
        proof_points=proof,
        why_now=[
            Point(text=clip(say("quoted", text=q.text), 240), citations=[q.id])
            for q in evidence.of_kind("why_now")[:3]
        ],
        cta=say("one_pager_cta"),
    )


def comparison(evidence: Evidence) -> Comparison:
    name = evidence.competitor
    if not name:
        raise BadInput("a comparison needs a competitor (--competitor NAME)")
    about = [q for q in evidence.quotes if q.competitor and q.competitor.lower() == name.lower()]
    if not about and not evidence.facts:
        raise BadInput(
            f"no buyer quotes or facts about {name}: add facts with `callmine facts add {name} ...`"
        )
    rows = [
        ComparisonRow(
            aspect=say("fact_aspect", label=fact.label),
            us=say("compare_to_write"),
            them=clip(fact.text, 240),
            citations=[],
            facts=[fact.id],
        )
        for fact in evidence.facts[:3]
    ]
    rows += [
        ComparisonRow(
            aspect=clip(say("buyer_said", outcome=q.outcome), 120),
            us=say("answer_to_write"),
            them=clip(say("quoted", text=q.text), 240),
            citations=[q.id],
            facts=[],
        )
        for q in about[: 6 - len(rows)]
    ]
    won = [q for q in evidence.quotes if q.outcome == "won" and q.role == "buyer"][:2]
    answers = evidence.of_kind("answer")[:2]
    us_better = [
        FitPoint(text=clip(say("still_chose_us", text=q.text), 240), citations=[q.id], facts=[])
        for q in won
    ] + [
        FitPoint(text=clip(say("answer_lands", text=q.text), 240), citations=[q.id], facts=[])
        for q in answers
    ]
    if not us_better:
        us_better = [FitPoint(text=say("fit_to_write"), citations=[], facts=[])]
    lost = [q for q in about if q.outcome == "lost"][:2]
    return Comparison(
        title=clip(say("comparison_title", name=name), 120),
        summary=clip(say("comparison_summary", name=name, calls=evidence.call_count), 600),
        rows=rows,
        us_better_when=us_better[:4],
        them_better_when=[
            FitPoint(
                text=clip(say("lost_to", name=name, text=q.text), 240),
                citations=[q.id],
                facts=[],
            )
            for q in lost
        ],
    )


def seo_brief(evidence: Evidence) -> SEOBrief:
    _require_quotes(evidence)
    phrases = [p.text for p in evidence.phrases] or [c.name for c in evidence.clusters]
    target = clip(phrases[0], 120)
    questions = [q for q in evidence.quotes if q.role == "buyer" and q.text.rstrip().endswith("?")]
    questions = questions or [q for q in evidence.quotes if q.role == "buyer"]
    outline = [
        OutlineSection(
            h2=clip(cluster.name[:1].upper() + cluster.name[1:], 120),
            h3=[clip(q.text, 110) for q in evidence.cluster_quotes(cluster)[:3]],
            citations=cluster.quote_ids[:4],
        )
        for cluster in evidence.clusters[:6]
    ]
    faq = [qa for cluster in evidence.clusters if (qa := _qa(evidence, cluster))][:4]
    links = [
        LinkSuggestion(anchor=clip(c.name, 120), target=_LINK_TARGETS.get(c.category or "", "/faq"))
        for c in evidence.clusters[:5]
    ]
    intent = (
        "informational" if all(c.kind == "question" for c in evidence.clusters) else "commercial"
    )
    base = 800 + 250 * len(evidence.clusters)
    return SEOBrief(
        title=clip(say("seo_title", target=target[:1].upper() + target[1:]), 70),
        meta_description=clip(say("seo_meta", names=_names(evidence, 2)), 160),
        target_keyword=target,
        secondary_keywords=[clip(p, 120) for p in phrases[1:9]],
        search_intent=intent,
        outline=outline,
        questions=[Point(text=clip(q.text, 240), citations=[q.id]) for q in questions[:6]],
        word_count_min=min(base, 4000),
        word_count_max=min(base + 600, 6000),
        internal_links=links,
        faq_schema=faq,
    )


def _concerns(evidence: Evidence) -> list[QA]:
    concerns: list[QA] = []
    for cluster in evidence.clusters:
        for quote in evidence.cluster_quotes(cluster)[:2]:
            answer, ids = _answer(evidence, cluster, 600)
            concerns.append(
                QA(question=clip(quote.text, 240), answer=answer, citations=[quote.id, *ids])
            )
    return concerns[:4]


def pricing_explainer(evidence: Evidence) -> PricingExplainer:
    _require_quotes(evidence)
    first = _top(evidence, evidence.clusters[0]) or evidence.quotes[0]
    return PricingExplainer(
        title=clip(say("pricing_title", names=_names(evidence, 2)), 120),
        summary=Point(text=clip(say("price_question", text=first.text), 240), citations=[first.id]),
        concerns=_concerns(evidence),
        value_points=[
            Point(
                text=clip(say("value_framed", text=q.text), 240),
                citations=[q.id],
            )
            for q in evidence.of_kind("answer")[:4]
        ],
        cta=say("pricing_cta"),
    )


def implementation_timeline(evidence: Evidence) -> ImplementationTimeline:
    _require_quotes(evidence)
    first = _top(evidence, evidence.clusters[0]) or evidence.quotes[0]
    # Durations only from what our reps said in won deals; buyers' worries stay concerns.
    timed = [q for q in evidence.of_kind("answer") if _DURATION_RE.search(q.text)]
    phases = [
        Phase(
            name=name,
            duration="to confirm",
            what_happens=say("onboarding_to_write"),
            citations=[],
        )
        for name in ("Kick-off and plan", "Data import", "Team training")
    ]
    if timed:
        quote = timed[0]
        duration = clip(_DURATION_RE.findall(quote.text)[0], 40)
        phases.append(
            Phase(
                name="Go-live",
                duration=duration,
                what_happens=clip(say("rep_in_won_deal", text=quote.text), 240),
                citations=[quote.id],
            )
        )
    else:
        phases.append(
            Phase(
                name="Go-live",
                duration="to confirm",
                what_happens=say("onboarding_to_write"),
                citations=[],
            )
        )
    return ImplementationTimeline(
        title=clip(say("timeline_title", names=_names(evidence, 2)), 120),
        summary=Point(text=clip(say("setup_question", text=first.text), 240), citations=[first.id]),
        concerns=_concerns(evidence),
        phases=phases,
        prerequisites=[
            Point(text=clip(say("rep_in_won_deal", text=q.text), 240), citations=[q.id])
            for q in evidence.of_kind("answer")[:3]
        ],
        cta=say("timeline_cta"),
    )


OFFLINE_DRAFTS: dict[str, Callable[[Evidence], Schema]] = {
    "objection-faq": objection_faq,
    "comparison": comparison,
    "one-pager": one_pager,
    "seo-brief": seo_brief,
    "pricing-explainer": pricing_explainer,
    "implementation-timeline": implementation_timeline,
}
