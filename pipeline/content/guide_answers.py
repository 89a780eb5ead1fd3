"""Which profile fact answers each worry a guide (the pricing explainer, the implementation
timeline) quotes: a remedy for what the buyer objects to first (``remedies``), else the fact of
the theme's lists sharing the most telling words with it, each fact to one worry.

Why: a timeline met "The hire company won't let us screw boxes into their vans" with "Tracker
fitting takes about 20 minutes a van" beside "Phone-only tracking (no hardware)", and left
"We can't have vans off the road in December" to write beside "evenings or weekends"."""

from __future__ import annotations

from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.offers import OFFER_SECTIONS, markets_of, offer_rank
from pipeline.content.pairing import (
    best_pairing,
    says_something,
    shared_weight,
    states_gap,
    word_weights,
)
from pipeline.content.plan_fit import NAMED_PRICE, plan_prices, says_free
from pipeline.content.plan_scope import price_plans
from pipeline.content.price_basis import answers_on_basis
from pipeline.content.profile import CATEGORY_SECTIONS, ProfileFact
from pipeline.content.quote_fit import answers_quote, value_answers
from pipeline.content.remedies import confirms_worry, kept_answers, removes_worry
from pipeline.content.restating import restates
from pipeline.content.scale import figures, fits_scale
from pipeline.content.value import asks_value

# A remedy for what a buyer objects to outweighs any words shared (``remedies``).
REMEDY = 2 * NAMED_PRICE


def facts_for_worries(
    evidence: Evidence, worries: list[tuple[ClusterEvidence, Quote]]
) -> dict[int, list[ProfileFact]]:
    """Quote id -> the fact answering that worry: one of its theme's lists that answers the
    theme (``Evidence.answers``) and shares the most telling words with this worry
    (``shared_weight``), each fact to one worry, chosen for all worries at once
    (``best_pairing``), never one restating the term objected to (``restates``).
    "Practitioners under ten hours a week are half price" for "nine physios, some part
    time"; "prorated by the week" for "our jobs last two hours", not the per-site price the
    next worry asks about."""
    rivals = sorted({name for cluster, _ in worries for name in cluster.competitors})
    weights = word_weights([f.text for f in evidence.profile], rivals)
    offered: list[list[ProfileFact]] = []
    plans: dict[int, int | None] = {}  # a price worry's plan (``fitting_plan``)
    theirs: dict[int, set[int]] = {}  # a worry's offers for whom its buyer is (``offer_rank``)
    remedies: dict[int, set[int]] = {}  # the facts removing what a worry objects to
    named: set[int] = set()  # the worries whose plan is theirs by more than being the only one
    offers = [f for f in evidence.profile if f.section in OFFER_SECTIONS]
    for cluster, quote in worries:
        # For the buyer's market and kind; a one-off fee is no answer to a seat's price.
        told = answers_on_basis(evidence.told([quote], cluster.markets), [quote.text], offers)
        if asks_value([quote.text]):  # "hard to justify": what we give, not what it costs
            offered.append(value_answers(evidence, [quote], told))
            continue
        category = evidence.worry_category(cluster)
        sections = CATEGORY_SECTIONS.get(category or "", ())
        listed = [f for f in told if f.section in sections and f.fits(evidence.industry)]
        mine = [f for f in listed if not states_gap(f.text) and evidence.answers(cluster, f.text)]
        if category == "price":  # the buyer's plan first; what costs nothing is no answer
            buyers = evidence.buyers_for([quote])
            # A seat price they name is met with the plan costing less (``price_plans``).
            met = price_plans([quote], listed, markets_of(buyers), cluster.competitors)
            plan = met[0] if met else None
            own = [f for f in listed if f.section in OFFER_SECTIONS and offer_rank(f, buyers) < 0]
            theirs[quote.id] = {f.id for f in own}
            mine = [*own, *([plan] if plan and plan not in mine else []), *mine]
            mine = list({f.id: f for f in mine}.values())
            mine = [f for f in mine if not says_free(f.text) or answers_quote(f.text, quote.text)]
            # The price of their plan alone states again what they object to (``remedies``).
            if plan and not confirms_worry(plan.text, [quote.text], category):
                plans[quote.id] = plan.id
                # The only plan on file is theirs by default, not by a figure they named: it
                # outweighs no fact speaking of what they said ("half price for part-timers").
                if len(plan_prices(listed)) > 1 or set(figures(plan.text)) & set(
                    figures(quote.text)
                ):
                    named.add(quote.id)
        # A remedy for what the buyer objects to, of any list, first; none confirming it.
        cures = [
            f
            for f in told
            if f.fits(evidence.industry)
            and not states_gap(f.text)
            and says_something(f.text)
            and removes_worry(f.text, [quote.text], category)
            and not restates(f.text, quote.text)
        ]
        remedies[quote.id] = {f.id for f in cures}
        mine = kept_answers(mine, [quote.text], category)
        offered.append(list({f.id: f for f in [*cures, *mine]}.values()))
    facts = list({f.id: f for facts in offered for f in facts}.values())
    scores = [
        [
            _answer_score(quote.text, f, weights, cluster.competitors)
            + (NAMED_PRICE if plans.get(quote.id) == f.id and quote.id in named else 0.0)
            + (NAMED_PRICE if f.id in theirs.get(quote.id, ()) else 0.0)
            + (REMEDY if f.id in remedies.get(quote.id, ()) else 0.0)
            if f.id in mine and fits_scale(f.text, [quote.text])
            else 0.0
            for f in facts
        ]
        for (cluster, quote), mine in zip(worries, map(_ids, offered), strict=True)
    ]
    pairs = best_pairing(scores)
    found = {worries[i][1].id: [facts[j]] for i, j in pairs.items()}
    # Each fact once, but a plan's price for each of its buyers' price worries: two schools
    # saying "too dear" are both answered by the school plan's price.
    by_id = {f.id: f for f in facts}
    for _, quote in worries:
        plan_id = plans.get(quote.id)
        if quote.id not in found and plan_id is not None and plan_id in by_id:
            found[quote.id] = [by_id[plan_id]]
    return found


def _answer_score(
    said: str, fact: ProfileFact, weights: dict[str, float], rivals: list[str]
) -> float:
    """How well a fact offered for a worry answers it: the telling words they share; a value
    fact answers a value worry by what it is, its words only rank it. None restating the term
    objected to."""
    if restates(fact.text, said):
        return 0.0
    base = 1.0 if asks_value([said]) else 0.0
    return base + shared_weight(said, fact.text, weights, rivals)


def _ids(facts: list[ProfileFact]) -> set[int]:
    return {f.id for f in facts}
