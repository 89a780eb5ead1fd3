"""Which profile fact answers the quotes a draft shows beside it: what those buyers said, not
the theme's other lines nor its category alone. The FAQ had answered "Where is our data
stored?" with the hosting facts beside an EDR-exclusion worry while "Published exclusion lists
for SentinelOne, CrowdStrike..." went uncited, and "the 25 endpoint minimum means we'd pay for
three seats" with "$3.50 per endpoint, minimum 25": the very term objected to. A gap to write
beats a wrong answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.feature_gaps import MISSING_FEATURE as GAP
from pipeline.content.offers import OFFER_SECTIONS, markets_of, offer_rank
from pipeline.content.pairing import (
    BROAD_TOPICS,
    answers_beyond,
    answers_theme,
    concern_words,
    names_other_systems,
    said_once,
    says_something,
    shared_weight,
    speaks_of_other_industry,
    states_gap,
    topic_words,
    word_weights,
)
from pipeline.content.plan_fit import says_free
from pipeline.content.plan_scope import price_plans
from pipeline.content.price_basis import answers_on_basis
from pipeline.content.profile import (
    CATEGORY_SECTIONS,
    GENERAL_SECTIONS,
    PLANNED,
    REPEAT_SHARE,
    ProfileFact,
    content_words,
    stated_price,
)
from pipeline.content.refusals import offers_refused
from pipeline.content.remedies import remedies_first
from pipeline.content.restating import restates
from pipeline.content.scale import figures, fits_scale
from pipeline.content.section_fit import own_sections
from pipeline.content.switching import held_by_rival, switching_facts, ways_round_and_terms
from pipeline.content.value import asks_value, gives_value, states_gain
from pipeline.content.worry_facts import Asked, per_worry, placeless
from pipeline.content.worry_kinds import (
    about_the_fee,
    answering_fact,
    of_its_kind,
    usage_fee,
)

MIN_SHARED = 2  # words or topics a fact shares with a line to answer it by words alone


def answers_quote(
    fact: str,
    said: str,
    *,
    rivals: Sequence[str] = (),
    own: Iterable[str] = (),
    industries: Iterable[str] = (),
) -> bool:
    """Whether a fact answers one buyer line: it speaks of more than a name and more than the
    kind of worry (``answers_beyond``: price, integration...), shares two things with it at
    least (one word is chance: "the partners put a change freeze" had been answered with the
    "MSP partner tier") and does not restate the term objected to (``restates``)."""
    return (
        len(_shared(fact, said, rivals)) >= MIN_SHARED
        and answers_beyond(
            fact, [said], (), rivals=rivals, own=own, industries=industries, fact=True
        )
        and not restates(fact, said)
    )


def facts_answering(
    evidence: Evidence,
    cluster: ClusterEvidence,
    quotes: Sequence[Quote],
    stated: set[int],
    limit: int,
    besides: str = "",
    asked: str = "",
    topic: str | None = None,
) -> list[ProfileFact]:
    """The facts answering the ``quotes`` shown (under the heading ``asked``), those sharing the
    most telling words with one of them first (``shared_weight``: a fact naming what the buyer
    names beats a generic one): the theme's own choice (``Evidence.profile_for``) where it
    speaks of one of them or stands out as nearest in meaning to one (``Evidence.quote_floor``),
    and any fact of the lists answering the theme's category, or of any list where it is nearest
    in meaning, that speaks of one beyond its kind (``answers_quote``): "Opens ConnectWise
    tickets for failed patches" for a question about tickets in an adoption theme, not "Owners
    book online" for "I can't see the owners signing". None restating the term objected to. A
    fact an earlier answer stated only where nothing else is left; ``stated`` takes them. None
    bounded to a size the buyers are not (``fits_scale``); a value question only by what we give
    for the money (``value_answers``). Under a category's question (``topic``) of a kind with a
    list of its own, only that kind's and the general lists answer, and the question is one
    more line said: "Will my staff actually use it?" had been answered with a PIN on personal
    phones, and "Where is our data stored?" left to write beside the hosting facts."""
    if not (said := [q.text for q in quotes if q.role != "answer"]):
        return []
    rivals = [*cluster.competitors, *([evidence.competitor] if evidence.competitor else [])]
    beside = content_words(besides)
    buyers = evidence.buyers_for(quotes)
    ours = [f for f in evidence.profile if f.section in OFFER_SECTIONS]
    prices = [f.text for f in ours]
    told = [
        f
        # a one-off fee is no answer to a seat's price, nor a seat's price to a fee
        for f in answers_on_basis(evidence.told(quotes, cluster.markets), said, ours)
        if f.fits(evidence.industry)
        # a gap is no answer, but a planned item answers a missing feature as planned
        and (not states_gap(f.text) or (f.section == PLANNED and cluster.category == GAP))
        and not _repeats(f, beside)
        and fits_scale(f.text, said)
        and (not usage_fee(f.text) or about_the_fee(f.text, said, prices, rivals))
    ]
    pool = [
        f
        for f in told
        if not own_sections(topic) or f.section in _lists_of(topic) or kind_of(f, said)
    ]
    # A remedy for what the buyer objects to first, of any list; never a fact confirming it
    # (``remedies``). Under the question "What will it cost?" the price is what is asked.
    worry = evidence.worry_category(cluster) or cluster.category
    remedies = [
        f
        for f in told
        if says_something(f.text) and not any(offers_refused(f.text, t) for t in said)
    ]
    asked_for = {"price"} if topic == "price" else set()

    def answering(offered: Sequence[ProfileFact]) -> list[ProfileFact]:
        near = partial(_nearest, evidence, quotes)
        return _pick(remedies_first(offered, remedies, said, worry, near, asked_for), stated, limit)

    if asks_value([asked, *said]):
        return answering(_worth_and_cost(evidence, quotes, pool, worry))
    if all(held_by_rival(text, rivals) for text in said):
        # Held by a rival's contract: a way round it; our terms too under our contract's question.
        held = ways_round_and_terms if topic == "contract" else switching_facts
        return _pick(held(pool, said, rivals), stated, limit)
    # A worry of a kind with a list of its own, naming that list's topic: that list's facts,
    # whatever the page's other worries are (``section_fit``).
    # The question is one more line said, unless the theme means a fact of another list that
    # answers it (a "security" worry about drivers watched off duty: the privacy feature).
    meant = evidence.meant_fact(cluster)
    means_other = meant is not None and answers_theme(meant.text, said, rivals=rivals, fact=True)
    heading = [asked] if own_sections(topic) and not means_other else []
    listed = evidence.listed_answers(
        cluster, pool, lambda f: _nearest(evidence, quotes, f), [*said, *heading]
    )
    if listed:
        listed = [f for f in listed if not any(restates(f.text, t) for t in said)]
        return answering(_each_worry(evidence, cluster, quotes, pool, listed, rivals))
    weights = word_weights([f.text for f in evidence.profile], rivals)
    sections = {
        section
        for category in (cluster.category, evidence.worry_category(cluster))
        for section in CATEGORY_SECTIONS.get(category or "", ())
    }
    own, others = cluster.industries, evidence.industries
    theme = [
        f
        for f in evidence.profile_for(cluster, limit + 2, besides=besides)
        if f in pool and not any(restates(f.text, text) for text in said)
    ]
    scored: dict[int, float] = {}
    # A price worry is met by what costs least, whatever it shares (below).
    priced = "price" in (cluster.category, worry)
    for fact in theme:  # the theme's choice, when it answers one of the lines shown
        fitting = [
            q.text
            for q in quotes
            if q.role != "answer"
            and answers_theme(
                fact.text, [q.text], rivals=rivals, own=own, industries=others, fact=True
            )
            and (priced or _meets(evidence, q, fact, rivals))
        ]
        if fitting or _stands_out(evidence, quotes, fact):
            weight = [shared_weight(t, fact.text, weights, rivals) for t in fitting]
            scored[fact.id] = max(weight, default=0.0)
    for fact in pool:  # any list's fact sharing the telling words of one of the lines
        fitting = [
            quote.text
            for quote in quotes
            if quote.role != "answer"
            and (fact.section in sections or _nearest_of(evidence, quote, pool, fact))
            and answers_quote(fact.text, quote.text, rivals=rivals, own=own, industries=others)
        ]
        if fitting and fact.id not in scored:
            scored[fact.id] = max(shared_weight(t, fact.text, weights, rivals) for t in fitting)
    # A price worry is met with the price of the plan its buyer is on (``fitting_plan``), then
    # what we give for it, then what costs least and speaks of it most: "Annual billing takes
    # two months off" had answered "the ten-seat minimum means we'd pay for four seats" beside a
    # group plan sharing that minimum, and "There is no setup fee." "£19 a month is a lot".
    first = [f for f in theme if f.id in scored] if cluster.category == "price" else []
    first.sort(key=lambda f: (stated_price(f.text), -scored[f.id]))
    if cluster.category == "price":
        # An offer for whom they are first ("charities get 10% off" to a charity), then the
        # plan they are on ("UK: £95 a month" to a British buyer).
        offers = (f for f in pool if f.section in OFFER_SECTIONS and offer_rank(f, buyers) < 0)
        theirs = sorted(offers, key=lambda f: offer_rank(f, buyers))
        plans = [
            p
            for p in price_plans(quotes, pool, markets_of(buyers), rivals)
            if not any(_restates_term(p.text, t) for t in said)
        ]
        value = [f for f in value_answers(evidence, quotes, pool) if f.id in scored]
        first = [*theirs, *plans, *value, *first]
        free = [
            f
            for f in pool
            if f.section in OFFER_SECTIONS
            and says_free(f.text)
            and not _names_what_is_free(f, said, rivals)
        ]
        first = list({f.id: f for f in first if f not in free}.values())
        scored = {k: v for k, v in scored.items() if k not in {f.id for f in free}}
    ranked = sorted(
        (f for f in pool if f.id in scored and f not in first),
        key=lambda f: (-scored[f.id], -_nearest(evidence, quotes, f), f.id),
    )
    return answering(_each_worry(evidence, cluster, quotes, pool, [*first, *ranked], rivals))


def _each_worry(
    evidence: Evidence,
    cluster: ClusterEvidence,
    quotes: Sequence[Quote],
    pool: Sequence[ProfileFact],
    offered: Sequence[ProfileFact],
    rivals: Sequence[str],
) -> list[ProfileFact]:
    """``offered`` with each quoted worry's naming fact of ``pool`` first (``per_worry``): none
    restating the term objected to, naming only tools other than theirs or another industry.
    A price worry keeps its own order: the price of the plan its buyer is on."""
    if "price" in (cluster.category, evidence.worry_category(cluster)):
        return list(offered)
    said = [q.text for q in quotes if q.role != "answer"]
    own, others = cluster.industries, evidence.industries
    fitting = [
        f
        for f in pool
        if not any(restates(f.text, t) for t in said)
        and not names_other_systems(f.text, said)
        and not speaks_of_other_industry(f.text, own, others, said)
    ]
    weights = word_weights([f.text for f in evidence.profile], rivals)
    sections = {
        section
        for category in (cluster.category, evidence.worry_category(cluster))
        for section in CATEGORY_SECTIONS.get(category or "", ())
    }
    closeness = {q.text: evidence.quote_closeness.get(q.id, {}) for q in quotes}
    asked = Asked(
        weights, rivals, frozenset(sections), lambda s, f: closeness.get(s, {}).get(f.id, 0.0)
    )
    return per_worry(said, offered, fitting, asked, answering_fact)


def kind_of(fact: ProfileFact, said: Sequence[str]) -> bool:
    """Whether a fact is of the kind one of the lines asks about (``of_its_kind``): an import
    fact of the integrations list answers "how hard is it to switch from X?"."""
    return any(of_its_kind(fact, text) for text in said)


def _lists_of(topic: str | None) -> set[str]:
    """The lists answering a category's question: its own and those about the whole product."""
    return {*CATEGORY_SECTIONS.get(topic or "", ()), *GENERAL_SECTIONS}


def _names_what_is_free(fact: ProfileFact, said: Sequence[str], rivals: Sequence[str]) -> bool:
    """Whether a fact saying something costs nothing answers one of the lines by more than
    their kind (``answers_quote``): "There is no setup fee." answers "Is there a setup fee?",
    not "Nineteen quid a month is a lot"."""
    return any(answers_quote(fact.text, text, rivals=rivals) for text in said)


def value_answers(
    evidence: Evidence, quotes: Sequence[Quote], pool: Sequence[ProfileFact]
) -> list[ProfileFact]:
    """The facts of ``pool`` that answer "is it worth it" (``gives_value``): one that speaks
    of the money ("the seat price is paid back by one placement") first, then the nearest
    in meaning to the quotes. The price list is not among them: it says what it costs. One
    that only comes at no cost answers a buyer asking about that thing (``answers_quote``, or
    near in meaning): free migration had answered "We can't justify $100 a month for a rota"."""
    value = [
        f
        for f in pool
        if gives_value(f)
        and (
            states_gain(f)
            or evidence.near_in_meaning(quotes, f)
            or any(answers_quote(f.text, q.text) for q in quotes if q.role != "answer")
        )
    ]
    return sorted(
        value,
        key=lambda f: ("topic:price" not in topic_words(f.text), -_nearest(evidence, quotes, f)),
    )


def _worth_and_cost(
    evidence: Evidence, quotes: Sequence[Quote], pool: Sequence[ProfileFact], worry: str | None
) -> list[ProfileFact]:
    """What "is it worth it" is answered with (``value_answers``), then, where a line beside
    it asks what it costs ("what does it cost?"), the price of its buyer's plan: a proof
    point alone had answered both while the price list was on file."""
    value = value_answers(evidence, quotes, pool)
    costed = [q for q in quotes if q.role != "answer" and not asks_value([q.text])]
    if worry != "price" or not costed:
        return value
    markets = markets_of(evidence.buyers_for(costed))
    plans = [p for p in price_plans(costed, pool, markets) if p not in value]
    return list({f.id: f for f in [*plans[:1], *value, *plans[1:]]}.values())


def _restates_term(plan: str, said: str) -> bool:
    """Whether a plan states again a term objected to (``restates``) other than its price:
    "minimum 10 seats" to "the ten-seat minimum", not "$29 a month" to "twenty-nine a month"."""
    price = stated_price(plan)
    return restates(plan, said) and not any(float(v) == price for v in figures(said))


def _pick(offered: Sequence[ProfileFact], stated: set[int], limit: int) -> list[ProfileFact]:
    """The first ``limit`` facts offered, those no earlier answer stated first; noted stated."""
    chosen = ([f for f in offered if f.id not in stated] or list(offered))[:limit]
    stated.update(f.id for f in chosen)
    return chosen


def _repeats(fact: ProfileFact, beside: set[str]) -> bool:
    """Whether a fact mostly says what the reply beside it says (``REPEAT_SHARE``)."""
    words = content_words(fact.text)
    return bool(words) and len(words & beside) >= REPEAT_SHARE * len(words)


def _nearest(evidence: Evidence, quotes: Sequence[Quote], fact: ProfileFact) -> float:
    """The fact's highest closeness in meaning to one of the quotes (0 without vectors)."""
    near = [evidence.quote_closeness.get(q.id, {}).get(fact.id) for q in quotes]
    return max((v for v in near if v is not None), default=0.0)


def _nearest_of(
    evidence: Evidence, quote: Quote, pool: Sequence[ProfileFact], fact: ProfileFact
) -> bool:
    """Whether ``fact`` is the one of ``pool`` nearest in meaning to the quote and stands out
    from the page's quote-fact pairs (``Evidence.quote_floor``); never without vectors."""
    near = evidence.quote_closeness.get(quote.id, {})
    best = max((f.id for f in pool if f.id in near), key=lambda f: near[f], default=None)
    return best == fact.id and near[fact.id] >= evidence.quote_floor


def _meets(evidence: Evidence, quote: Quote, fact: ProfileFact, rivals: Sequence[str]) -> bool:
    """Whether a fact meets a quote by more than one word's chance: two things shared
    (``said_once``), or, with vectors, as near in meaning as an answer must be. "Class packs,
    casual passes..." had answered "half of them are casuals and refuse to download the app"
    while "Instructors ... mark attendance in the Staff app or any web browser" stood nearest."""
    if len(_shared(fact.text, quote.text, rivals)) >= MIN_SHARED or not evidence.quote_closeness:
        return True
    return evidence.near_in_meaning([quote], fact)


def _shared(fact: str, said: str, rivals: Sequence[str]) -> set[str]:
    """What a fact and a line share beyond a kind of worry, each thing once (``said_once``);
    where either is ("Australia") says whom it is for, not what it is about."""
    shared = concern_words(placeless(fact), rivals) & concern_words(placeless(said), rivals)
    return said_once(shared - BROAD_TOPICS)


def _stands_out(evidence: Evidence, quotes: Sequence[Quote], fact: ProfileFact) -> bool:
    """Whether the fact is the nearest in meaning to one of the quotes and stands out from the
    page's quote-fact pairs (``Evidence.quote_floor``)."""
    for quote in quotes:
        near = evidence.quote_closeness.get(quote.id)
        if near and max(near, key=lambda f: near[f]) == fact.id:
            if near[fact.id] >= evidence.quote_floor:
                return True
    return False
