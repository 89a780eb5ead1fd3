"""The profile facts a draft cites under a question answer what it asks: the thing a feature
question asks for, the topic of a category's question, and, where the buyer needs what the
profile lists as planned, the planned item and never a shipped fact.

Why: a lift-maintenance FAQ answered "Does it do the Welsh language certificates?" with planned
insurer certificate templates (one shared word), "Why should we pick you over Servicio?" with a
12-month plan, and a one-pager met "our insurer wants the report in their own layout" with a
shipped scheduling fact while the roadmap listed insurer templates as planned. A cited fact reads
as "we do it"; where none answers, a gap to write is the honest answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.durations import asks_how_long, gives_duration
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.feature_gaps import MISSING_FEATURE, asked_thing
from pipeline.content.profile import CATEGORY_SECTIONS, GENERAL_SECTIONS, PLANNED, ProfileFact
from pipeline.content.quote_fit import facts_answering
from pipeline.content.remedies import confirms_worry
from pipeline.content.scale import fits_scale
from pipeline.content.section_fit import own_sections
from pipeline.content.spoken_languages import asks_language, language_fact
from pipeline.content.switching import eases_switch, held_by_rival
from pipeline.content.worry_facts import names_its_worry, telling_words
from pipeline.content.worry_kinds import of_its_kind

MIN_THING_WORDS = 2  # telling words of the thing asked for a fact names (all, if fewer)


def facts_for_question(
    evidence: Evidence,
    cluster: ClusterEvidence,
    quotes: Sequence[Quote],
    stated: set[int],
    limit: int,
    besides: str = "",
    asked: str = "",
    topic: str | None = None,
) -> list[ProfileFact]:
    """``facts_answering``'s facts that answer the question ``asked`` (``answers_asked``); a
    planned item first where a quoted need is one (``planned_needs``), then no shipped fact. A
    line asking for a language is answered only by a fact naming it (``spoken_facts``)."""
    spoken = [q for q in quotes if q.role != "answer" and asks_language(q.text)]
    if not spoken:
        return _answering_question(evidence, cluster, quotes, stated, limit, besides, asked, topic)
    before = set(stated)
    rest = [q for q in quotes if q not in spoken]
    others = (
        _answering_question(evidence, cluster, rest, stated, limit, besides, asked, topic)
        if any(q.role != "answer" for q in rest)
        else []
    )
    named = spoken_facts(evidence, cluster, spoken)
    first = next(q for q in quotes if q.role != "answer")
    ordered = [*named, *others] if first in spoken else [*others, *named]
    chosen = list({f.id: f for f in ordered}.values())[:limit]
    stated.update(f.id for f in chosen)
    stated.difference_update({f.id for f in ordered if f not in chosen} - before)
    return chosen


def spoken_facts(
    evidence: Evidence, cluster: ClusterEvidence, quotes: Sequence[Quote]
) -> list[ProfileFact]:
    """Each quoted line's fact naming the language it asks for (``language_fact``), of any list,
    a planned one stated as planned; none where no fact names it: "Is the help desk in
    French?" had been answered with the MFA fact its theme shared."""
    rivals = [*cluster.competitors, *([evidence.competitor] if evidence.competitor else [])]
    told = [f for f in evidence.told(quotes, cluster.markets) if f.fits(evidence.industry)]
    found = [language_fact(q.text, told, rivals) for q in quotes]
    return list({f.id: f for f in found if f is not None}.values())


def _answering_question(
    evidence: Evidence,
    cluster: ClusterEvidence,
    quotes: Sequence[Quote],
    stated: set[int],
    limit: int,
    besides: str,
    asked: str,
    topic: str | None,
) -> list[ProfileFact]:
    """``facts_for_question`` for lines asking for no language."""
    said = [q.text for q in quotes if q.role != "answer"]
    rivals = [*cluster.competitors, *([evidence.competitor] if evidence.competitor else [])]
    planned = [
        f
        for f in planned_needs(evidence, quotes, rivals)
        if answers_asked(f, asked) and plan_asked(f, asked, topic, rivals)
    ]
    if planned:
        chosen = ([f for f in planned if f.id not in stated] or planned)[:limit]
        stated.update(f.id for f in chosen)
        return chosen
    before = set(stated)
    facts = facts_answering(evidence, cluster, quotes, stated, limit, besides, asked, topic)
    kept = [f for f in facts if answers_asked(f, asked, topic, said, rivals)]
    stated.difference_update({f.id for f in facts if f not in kept} - before)
    timed = timing_fact(evidence, cluster, quotes, asked, topic)
    if timed is None or timed in kept:
        return kept
    chosen = [timed, *kept][:limit]
    stated.add(timed.id)
    stated.difference_update({f.id for f in kept if f not in chosen} - before)
    return chosen


def timing_fact(
    evidence: Evidence,
    cluster: ClusterEvidence,
    quotes: Sequence[Quote],
    asked: str,
    topic: str | None,
) -> ProfileFact | None:
    """Under a question asking how long (``asks_how_long``: "How long does it take to get up
    and running?"), the first fact of the topic's own lists giving a duration ("Typical go-live
    is 10 business days"): it answers the question itself, unless it states again a condition
    the quotes object to (``confirms_worry``: "takes a day" to "we can't close for a day").
    The FAQ had left that entry to write while the timeline cited the same fact."""
    sections = own_sections(topic)
    if not sections or not asks_how_long(asked):
        return None
    said = [q.text for q in quotes if q.role != "answer"]
    worry = evidence.worry_category(cluster) or cluster.category
    return next(
        (
            f
            for f in evidence.told(quotes, cluster.markets)
            if f.section in sections
            and f.fits(evidence.industry)
            and gives_duration(f.text)
            and fits_scale(f.text, said)
            and not confirms_worry(f.text, said, worry)
        ),
        None,
    )


def planned_needs(
    evidence: Evidence, quotes: Sequence[Quote], rivals: Sequence[str] = ()
) -> list[ProfileFact]:
    """The roadmap's facts a quoted buyer needs: one naming what the buyer names
    (``names_its_worry``), or the fact nearest in meaning to the quote, standing out from the
    page's pairs (``Evidence.quote_floor``) and sharing a telling word with it."""
    planned = [f for f in evidence.profile if f.section == PLANNED and f.fits(evidence.industry)]
    found: dict[int, ProfileFact] = {}
    for quote in quotes:
        if quote.role == "answer":
            continue
        for fact in planned:
            if names_its_worry(fact, quote.text, rivals):
                found.setdefault(fact.id, fact)
        near = evidence.quote_closeness.get(quote.id, {})
        best = max(near, key=lambda fid: near[fid], default=None)
        nearest = next((f for f in planned if f.id == best), None)
        if (
            nearest is not None
            and near[nearest.id] >= evidence.quote_floor
            and telling_words(nearest.text, rivals) & telling_words(quote.text, rivals)
        ):
            found.setdefault(nearest.id, nearest)
    return list(found.values())


def plan_asked(
    fact: ProfileFact, asked: str, topic: str | None, rivals: Sequence[str] = ()
) -> bool:
    """Whether a planned item may answer the question ``asked``: one asking for a feature or
    for what is missing, or one naming what the item names; never another kind's question.
    "How long does it take to get up and running?" had been answered "Planned, not available
    yet: Automatic waitlists..." because its one quote asked for waitlists."""
    if not asked or topic == MISSING_FEATURE:
        return True
    return bool(telling_words(asked, rivals) & telling_words(fact.text, rivals))


def answers_asked(
    fact: ProfileFact,
    asked: str,
    topic: str | None = None,
    said: Sequence[str] = (),
    rivals: Sequence[str] = (),
) -> bool:
    """Whether a fact answers the question ``asked``: under a feature question it names the
    thing asked for (``MIN_THING_WORDS`` of its telling words: "certificate" alone is not "the
    Welsh language certificates"); under a category's question it is of a list answering that
    category or the whole product, of the kind the question asks about, eases a switch for a
    buyer held by a rival's contract, or names a quoted worry (``names_its_worry``)."""
    thing = asked_thing(asked) if asked else None
    if thing is not None:
        wanted = telling_words(thing, rivals)
        named = wanted & telling_words(fact.text, rivals)
        return len(named) >= min(MIN_THING_WORDS, len(wanted))
    if topic not in CATEGORY_SECTIONS:
        return True
    return (
        fact.section in {*CATEGORY_SECTIONS[topic], *GENERAL_SECTIONS}
        or of_its_kind(fact, asked)
        or (eases_switch(fact.text) and any(held_by_rival(t, rivals) for t in said))
        or any(names_its_worry(fact, t, rivals) for t in said)
    )
