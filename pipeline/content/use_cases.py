"""The offline draft of an industry use case: one segment's pains in its buyers' words, the
worries they raise with what answered them in deals we won, the product-profile facts that
speak to them, and proof (profile proof points, then what buyers in won deals said of us: never
a rep's words, which are our side's pitch, not proof)."""

from __future__ import annotations

from pipeline.content.drafts import answered_worry, require_quotes, say, say_quoting
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.pain_fit import pain_answer
from pipeline.content.problems import asks, problem_quote
from pipeline.content.profile import ProfileFact, content_words
from pipeline.content.quote_text import clip
from pipeline.content.types import ObjectionAnswer, Point, UseCase
from pipeline.detect.asides import praises_us
from pipeline.errors import BadInput

# What the product does for them; prices are no help (a use case had listed them there).
HELP_SECTIONS = ("features", "integrations", "onboarding", "security")


def _challenges(evidence: Evidence, used: set[int]) -> tuple[list[Point], list[ProfileFact]]:
    """The segment's pains, up to three, each in a buyer quote that reads alone
    (``problem_quote``), with the facts answering them (``pain_answer``): those the product
    solves first (largest first), in a quote a fact answers where one does; one no fact answers
    after, said plainly to be unsolved. A theme with no quote reading alone is left out."""
    facts = evidence.profile_section(*HELP_SECTIONS)
    found: list[tuple[ClusterEvidence, Quote, ProfileFact | None]] = []
    for cluster in evidence.of_clusters("pain"):
        quotes = evidence.cluster_quotes(cluster)
        solved = [q for q in quotes if pain_answer(evidence, q, facts)]
        quote = problem_quote(solved, used) or problem_quote(quotes, used)
        if quote is not None:
            found.append((cluster, quote, pain_answer(evidence, quote, facts)))
    found = sorted(found, key=lambda t: t[2] is None)[:3]  # stable: largest first
    points: list[Point] = []
    for cluster, quote, fact in found:
        used.add(quote.id)
        text = say_quoting(
            "problem",
            240,
            text=quote.text,
            calls=cluster.buyer_calls,
            notes=evidence.notes_in(cluster.buyer_call_ids),
            asks=asks(quote),
            unsolved=bool(facts) and fact is None,
            product=evidence.product,
        )
        points.append(Point(text=text, citations=[quote.id]))
    return points, list({f.id: f for _, _, f in found if f is not None}.values())


def _relevant_facts(evidence: Evidence, cited: set[int], limit: int) -> list[ProfileFact]:
    """Profile facts nearest in meaning to the segment's pains (its themes, without pains), else
    sharing the most words with what the segment said; ties keep the profile's order."""
    said = " ".join(q.text for q in evidence.quotes if q.role == "buyer")
    words = content_words(said + " " + " ".join(k for c in evidence.clusters for k in c.keywords))
    themes = evidence.of_clusters("pain") or evidence.clusters
    candidates = [f for f in evidence.profile_section(*HELP_SECTIONS) if f.id not in cited]

    def nearest(fact: ProfileFact) -> float:
        return max((c.fact_closeness.get(fact.id, 0.0) for c in themes), default=0.0)

    ranked = sorted(
        candidates,
        key=lambda f: (-nearest(f), -len(words & content_words(f.text)), f.id),
    )
    return ranked[:limit]


def _buyer_proof(evidence: Evidence, used: set[int]) -> list[Point]:
    """Proof in a buyer's words: a line of a won deal's buyer praising us or telling a result
    (``praises_us``). A rep's reply had been quoted as proof: our side's words prove nothing."""
    rivals = [
        *evidence.rival_forms,
        *(c for cluster in evidence.clusters for c in cluster.competitors),
    ]
    return [
        Point(text=say_quoting("buyer_in_won_deal", 240, text=q.text), citations=[q.id])
        for q in evidence.quotes
        if q.role == "buyer"
        and q.outcome == "won"
        and q.id not in used
        and praises_us(q.text, rivals)
    ]


def _won_answer(evidence: Evidence, worry: ObjectionAnswer) -> bool:
    """Whether a won deal's reply answers the worry (else a profile fact, or nothing yet): the
    summary had promised one for each of four worries, two of which had none."""
    return any(
        (quote := evidence.quote(i)) is not None and quote.kind == "answer" for i in worry.citations
    )


def use_case(evidence: Evidence) -> UseCase:
    require_quotes(evidence)
    industry = evidence.industry
    if not industry:
        raise BadInput("a use case is written for one industry: give --industry NAME")
    used: set[int] = set()
    challenges, solving = _challenges(evidence, used)
    worries: list[ObjectionAnswer] = []
    raised: list[ClusterEvidence] = []
    stated: set[int] = set()
    for cluster in evidence.of_clusters("objection"):
        worry = answered_worry(evidence, cluster, used, stated) if len(worries) < 4 else None
        if worry is not None:
            worries.append(worry)
            raised.append(cluster)
    if not worries:
        raise BadInput(f"no buyer objections in {industry} calls to build a use case from")
    cited_profile = {i for w in worries for i in w.profile}
    # The facts solving the problems shown first, then those nearest the segment's pains.
    solving = [f for f in solving if f.id not in cited_profile]
    nearest = _relevant_facts(evidence, cited_profile | {f.id for f in solving}, 3)
    helps = [
        Point(text=clip(f.text, 240), citations=[], profile=[f.id])
        for f in [*solving, *nearest][:3]
    ]
    # The segment's own proof first ("[Healthcare] ..."), then proof about any customer.
    proof_points = sorted(evidence.profile_section("proof_points"), key=lambda f: not f.industry)
    proof = [Point(text=clip(f.text, 240), citations=[], profile=[f.id]) for f in proof_points[:2]]
    proof += _buyer_proof(evidence, used)[: 3 - len(proof)]
    reach = evidence.reach(raised)
    return UseCase(
        title=clip(say("uc_title", industry=industry, product=evidence.product), 120),
        industry=clip(industry, 120),
        summary=clip(
            say(
                "uc_summary",
                industry=industry,
                calls=reach.calls,
                notes=reach.notes,
                accounts=reach.accounts,
                count=len(worries),
                answered=sum(_won_answer(evidence, w) for w in worries),
            ),
            600,
        ),
        challenges=challenges,
        objections=worries,
        how_it_helps=helps,
        proof=proof,
        cta=clip(evidence.cta or say("one_pager_cta"), 240),
    )
