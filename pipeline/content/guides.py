"""Offline drafts of the two guides built on buyer worries: the pricing explainer (price
objections + the profile's pricing and plans) and the implementation timeline (setup and
switching objections + the profile's onboarding facts)."""

from __future__ import annotations

import re

from pipeline.content.drafts import cluster_names, require_quotes, say, stats_line, top_quote
from pipeline.content.evidence import Evidence, Quote, clip
from pipeline.content.types import QA, ImplementationTimeline, Phase, Point, PricingExplainer

_DURATION_RE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|a few|couple of)\s+(?:days?|weeks?|months?)\b", re.I
)


def _concerns(evidence: Evidence, used: set[int]) -> list[QA]:
    """Buyer worries (not yet used), each with its own won-deal answer when there is one."""
    concerns: list[QA] = []
    for cluster in evidence.clusters:
        answers = [a for a in evidence.cluster_answers(cluster) if a.id not in used]
        for quote in [q for q in evidence.cluster_quotes(cluster) if q.id not in used][:2]:
            if answers:
                best = answers.pop(0)
                answer, ids = clip(say("won_answer", text=best.text), 600), [best.id]
            else:
                answer, ids = clip(say("no_answer", stats=stats_line(cluster)), 600), []
            concerns.append(
                QA(question=clip(quote.text, 240), answer=answer, citations=[quote.id, *ids])
            )
            used |= {quote.id, *ids}
    return concerns[:4]


def _first(evidence: Evidence) -> Quote:
    return next(q for c in evidence.clusters if (q := top_quote(evidence, c)) is not None)


def pricing_explainer(evidence: Evidence) -> PricingExplainer:
    require_quotes(evidence)
    first = _first(evidence)
    used = {first.id}
    concerns = _concerns(evidence, used)
    return PricingExplainer(
        title=clip(say("pricing_title", names=cluster_names(evidence, 2)), 120),
        summary=Point(text=clip(say("price_question", text=first.text), 240), citations=[first.id]),
        concerns=concerns,
        value_points=(
            [
                Point(text=clip(f.text, 240), citations=[], profile=[f.id])
                for f in evidence.profile_section("pricing", "plans")
            ]
            + [
                Point(text=clip(say("value_framed", text=q.text), 240), citations=[q.id])
                for q in evidence.of_kind("answer")
                if q.id not in used
            ]
        )[:4]
        or [Point(text=say("value_to_write"), citations=[])],
        cta=clip(evidence.cta or say("pricing_cta"), 240),
    )


def _duration(text: str) -> str:
    found = _DURATION_RE.findall(text)
    return clip(found[0], 40) if found else "to confirm"


def implementation_timeline(evidence: Evidence) -> ImplementationTimeline:
    require_quotes(evidence)
    first = _first(evidence)
    used = {first.id}
    concerns = _concerns(evidence, used)
    # Durations only from what our reps said in won deals; buyers' worries stay concerns.
    timed = [q for q in evidence.of_kind("answer") if _DURATION_RE.search(q.text)]
    timed = [q for q in timed if q.id not in used][:1]
    used |= {q.id for q in timed}
    onboarding = evidence.profile_section("onboarding")[:4]
    phases = [
        Phase(
            name=say("step", n=n),
            duration=_duration(fact.text),
            what_happens=clip(fact.text, 240),
            citations=[],
            profile=[fact.id],
        )
        for n, fact in enumerate(onboarding, start=1)
    ] or [
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
        duration = _duration(quote.text)
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
        title=clip(say("timeline_title", names=cluster_names(evidence, 2)), 120),
        summary=Point(text=clip(say("setup_question", text=first.text), 240), citations=[first.id]),
        concerns=concerns,
        phases=phases,
        prerequisites=[
            Point(text=clip(say("rep_in_won_deal", text=q.text), 240), citations=[q.id])
            for q in evidence.of_kind("answer")
            if q.id not in used
        ][:3],
        cta=clip(evidence.cta or say("timeline_cta"), 240),
    )
