"""The offline draft of an industry use case: one segment's pains in its buyers' words, the
worries they raise with what answered them in deals we won, the product-profile facts that
speak to them, and proof (profile proof points, rep replies that closed deals)."""

from __future__ import annotations

import re

from pipeline.content.drafts import require_quotes, say, stats_line
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote, clip
from pipeline.content.profile import ProfileFact
from pipeline.content.types import ObjectionAnswer, Point, UseCase
from pipeline.errors import BadInput

_WORD = re.compile(r"[a-z]{4,}")
HELP_SECTIONS = ("features", "integrations", "onboarding", "plans", "pricing", "security")


def _fresh(quotes: list[Quote], used: set[int]) -> Quote | None:
    return next((q for q in quotes if q.id not in used), None)


def _challenges(evidence: Evidence, used: set[int]) -> list[Point]:
    """The segment's pains (largest first), one buyer quote each."""
    points: list[Point] = []
    for cluster in evidence.of_clusters("pain")[:3]:
        quote = _fresh(evidence.cluster_quotes(cluster), used)
        if quote is not None:
            used.add(quote.id)
            text = say("uc_challenge", text=quote.text, calls=cluster.calls)
            points.append(Point(text=clip(text, 240), citations=[quote.id]))
    return points


def _worry(evidence: Evidence, cluster: ClusterEvidence, used: set[int]) -> ObjectionAnswer | None:
    """A worry in the buyer's words, answered by a won-deal reply (the one that followed it when
    a won deal of the segment answered it), else a profile fact, else a visible "to write"
    with the segment's counts."""
    own = set(cluster.call_ids)
    paired = next(
        (
            (worry, reply)
            for worry, reply in evidence.answered(cluster)
            if worry.call_id in own and not {worry.id, reply.id} & used
        ),
        None,
    )
    quote = paired[0] if paired else _fresh(evidence.cluster_quotes(cluster), used)
    if quote is None:
        return None
    reply = paired[1] if paired else _fresh(evidence.cluster_answers(cluster), used)
    facts = [] if reply else evidence.profile_for(cluster, 1)
    if reply is not None:
        answer, ids = say("won_answer", text=reply.text), [quote.id, reply.id]
    elif facts:
        answer, ids = say("profile_fact", text=facts[0].text), [quote.id]
    else:
        answer, ids = say("no_answer", stats=stats_line(cluster)), [quote.id]
    used.update(ids)
    return ObjectionAnswer(
        objection=clip(quote.text, 160),
        answer=clip(answer, 240),
        citations=ids,
        profile=[f.id for f in facts],
    )


def _relevant_facts(evidence: Evidence, cited: set[int], limit: int) -> list[ProfileFact]:
    """Profile facts (features first) sharing the most words with what the segment said; ties
    keep the profile's order."""
    said = " ".join(q.text for q in evidence.quotes if q.role == "buyer").lower()
    said += " " + " ".join(k for c in evidence.clusters for k in c.keywords).lower()
    words = set(_WORD.findall(said))
    candidates = [f for f in evidence.profile_section(*HELP_SECTIONS) if f.id not in cited]
    ranked = sorted(
        candidates,
        key=lambda f: (-len(words & set(_WORD.findall(f.text.lower()))), f.id),
    )
    return ranked[:limit]


def use_case(evidence: Evidence) -> UseCase:
    require_quotes(evidence)
    industry = evidence.industry
    if not industry:
        raise BadInput("a use case is written for one industry: give --industry NAME")
    used: set[int] = set()
    challenges = _challenges(evidence, used)
    worries: list[ObjectionAnswer] = []
    raised: list[ClusterEvidence] = []
    for cluster in evidence.of_clusters("objection"):
        worry = _worry(evidence, cluster, used) if len(worries) < 4 else None
        if worry is not None:
            worries.append(worry)
            raised.append(cluster)
    if not worries:
        raise BadInput(f"no buyer objections in {industry} calls to build a use case from")
    cited_profile = {i for w in worries for i in w.profile}
    helps = [
        Point(text=clip(f.text, 240), citations=[], profile=[f.id])
        for f in _relevant_facts(evidence, cited_profile, 3)
    ]
    proof = [
        Point(text=clip(f.text, 240), citations=[], profile=[f.id])
        for f in evidence.profile_section("proof_points")[:2]
    ]
    proof += [
        Point(text=clip(say("rep_in_won_deal", text=q.text), 240), citations=[q.id])
        for q in evidence.of_kind("answer")
        if q.id not in used
    ][: 3 - len(proof)]
    reach = evidence.reach(raised)
    return UseCase(
        title=clip(say("uc_title", industry=industry, product=evidence.product), 120),
        industry=clip(industry, 120),
        summary=clip(
            say("uc_summary", industry=industry, calls=reach.calls, accounts=reach.accounts), 600
        ),
        challenges=challenges,
        objections=worries,
        how_it_helps=helps,
        proof=proof,
        cta=clip(evidence.cta or say("one_pager_cta"), 240),
    )
