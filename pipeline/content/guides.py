"""Offline drafts of the two guides built on buyer worries: the pricing explainer (price
objections + the profile's pricing and plans) and the implementation timeline (setup and
switching objections + the profile's onboarding facts)."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.content.concessions import beside_reply, concedes, won_reply_copy
from pipeline.content.drafts import require_quotes, say, say_quoting, stats_line
from pipeline.content.durations import duration_in, gives_duration
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.guide_answers import facts_for_worries
from pipeline.content.offers import OFFER_SECTIONS
from pipeline.content.pairing import (
    states_gap,
    topic_words,
)
from pipeline.content.price_list import price_list
from pipeline.content.profile import ProfileFact
from pipeline.content.quote_text import (
    clip,
    heading_line,
    reads_as_question,
    reads_as_statement,
    repeats,
    text_key,
)
from pipeline.content.scale import fits_scale
from pipeline.content.theme_entries import Entry, theme_entries
from pipeline.content.topics import about_price, quoted_topic
from pipeline.content.types import QA, ImplementationTimeline, Phase, Point, PricingExplainer
from pipeline.content.value import asks_value, gives_value
from pipeline.content.worry_order import ordered_worries, spare_reply
from pipeline.detect.rules import cue_scores
from pipeline.redact import has_placeholder
from pipeline.wording import capitalised


def _concerns(
    evidence: Evidence, used: set[int], fits: Callable[[str], bool] = lambda _: True
) -> list[QA]:
    """Up to two worries per cluster, none quoting words another already quotes, those whose
    words ``fits`` the page first, the others only when none does, and those with a line that
    may head the entry (``heading_line``) before fragments ("That's the bit.", "And the direct
    debits."), which go by their theme's name, once; a theme's worries one entry unless
    different (``theme_entries``), four entries in all, every fact answering its worries
    said; the quotes they cite are added to ``used``."""
    said: list[str] = []
    chosen: list[tuple[ClusterEvidence, Quote, Quote | None, str]] = []
    worries = ordered_worries(evidence)
    offered = [w for w in worries if fits(w[1].text)] or worries
    offered.sort(key=lambda w: (w[1].uncertain, heading_line(w[1].text) is None))
    for cluster, quote, reply in offered:
        key = text_key(quote.text)
        cited = {quote.id} | ({reply.id} if reply else set())
        if sum(c is cluster for c, *_ in chosen) == 2 or cited & used or repeats(key, said):
            continue
        if has_placeholder(quote.text):  # the quote is the concern's heading: it names no one
            continue
        line = heading_line(quote.text, lambda s: (not fits(s), not cue_scores(s).concern))
        head = capitalised(clip(line, 240)) if line else _theme_heading(cluster)
        if head in [h for *_, h in chosen]:  # a second fragment of the theme would repeat its name
            continue
        chosen.append((cluster, quote, reply, head))
        used |= cited
        said.append(key)
    entries = theme_entries(chosen)[:4]
    # A replied worry gets its fact too: published, our words stand where the rep's are left out.
    answering = facts_for_worries(
        evidence, [(e.cluster, q) for e in entries for q, _, _ in e.worries]
    )
    concerns = []
    answered: set[int] = set()  # the themes an entry has answered
    counted: set[int] = set()  # the themes whose figures an entry has given
    for entry, topic in _headed(entries, answering):
        cluster = entry.cluster
        lines = entry.worries
        quote, reply, head = lines[0]
        facts = list({f.id: f for q, _, _ in lines for f in answering.get(q.id, [])}.values())
        worry_ids = [q.id for q, _, _ in lines]
        reply = reply or next((r for _, r, _ in lines if r is not None), None)
        if reply is None and not facts and (pair := spare_reply(evidence, cluster, quote, used)):
            worry, reply = pair  # not "no rep answer" where the theme has one (``spare_reply``)
            worry_ids.append(worry.id)
            used |= {worry.id, reply.id}
        if reply is None and not facts and cluster.id in answered:
            # Another worry of an answered theme: its heading would say "To write" beside the
            # answer; its quotes are left for the page's other lines.
            used -= set(worry_ids)
            continue
        facts = beside_reply(facts, reply.text) if reply is not None else facts
        said_facts = "".join(f" {say('profile_fact', text=f.text)}" for f in facts).strip()
        if reply is not None:
            answer = say_quoting(won_reply_copy(reply.text), 360, text=reply.text)
            ids = [*worry_ids, reply.id]
            answer += f" {said_facts}" if said_facts else ""
            answered.add(cluster.id)
        elif facts:
            answer, ids = said_facts, worry_ids
            answered.add(cluster.id)
        else:
            stats = "" if cluster.id in counted else stats_line(evidence, cluster)
            answer, ids = say("no_answer", stats=stats), worry_ids
            counted.add(cluster.id)
        fragment = head == _theme_heading(cluster) != topic  # no line reads alone: none quoted
        concerns.append(
            QA(
                question=topic if fragment and topic else head,  # starts with a capital
                answer=clip(answer, 600),
                citations=ids,
                profile=[f.id for f in facts],
                topic=None if fragment else topic,
            )
        )
    return concerns


def _theme_heading(cluster: ClusterEvidence) -> str:
    """A theme's name as an entry heading goes by it where no line of a worry reads alone."""
    return capitalised(clip(cluster.name, 240))


def _headed(
    entries: list[Entry], answering: dict[int, list[ProfileFact]]
) -> list[tuple[Entry, str | None]]:
    """Each entry with its worries led by one that has an answer, and its topic question
    (``_heading_topic``). An entry of a theme the same question heads already joins that one
    where it adds no answer of its own (no rep's reply, no fact the other states not, where
    that one has any): a pricing explainer had "### Price" (a fragment's theme name) under
    "### What will it cost a business our size?", each stating the same price fact. Another
    theme's, or one answered otherwise (its own fact), goes by its theme's name."""
    headed: dict[str, tuple[Entry, str | None, set[int]]] = {}
    kept: list[tuple[Entry, str | None]] = []
    for entry in entries:
        lines = sorted(entry.worries, key=lambda w: w[1] is None and not answering.get(w[0].id))
        quote, _, head = lines[0]
        topic = _heading_topic(entry.cluster, quote, head)
        facts = {f.id for q, _, _ in lines for f in answering.get(q.id, [])}
        same = headed.get(topic or head)
        if (
            same is not None
            and same[0].cluster is entry.cluster
            and all(r is None for _, r, _ in lines)
            and (not same[2] or facts <= same[2])
        ):
            same[0].worries.extend(lines)
            continue
        if same is not None:  # another answer under the same question
            topic = None if head == _theme_heading(entry.cluster) else _theme_heading(entry.cluster)
        kept.append((Entry(cluster=entry.cluster, worries=lines), topic))
        headed.setdefault(topic or head, (*kept[-1], facts))
    return kept


def _heading_topic(cluster: ClusterEvidence, quote: Quote, head: str) -> str | None:
    """The heading over a worry a buyer stated (``head`` is quoted under it) or said in no line
    that reads alone (``head`` is the theme's name), none over one they asked: the question of
    its topic (``faq_question``: "What will it cost a business our size?"), else the theme's
    name. "### I've got to be honest, X is about twenty quid an engineer and I'm not paying
    more than that." and "### Price" had headed a pricing explainer."""
    if reads_as_question(head):
        return None
    lines = [quote.text]
    category = "value" if asks_value(lines) else quoted_topic(lines) or cluster.category
    asked = say("faq_question", category=category, competitor=cluster.competitor).strip()
    if asked:
        return clip(asked, 240)
    return None if head == _theme_heading(cluster) else _theme_heading(cluster)


def _fresh(evidence: Evidence, used: set[int]) -> list[Quote]:
    """The cluster quotes the concerns do not quote, their words neither."""
    said = [text_key(q.text) for q in map(evidence.quote, used) if q is not None]
    quotes = [q for cluster in evidence.clusters for q in evidence.cluster_quotes(cluster)]
    return [q for q in quotes if q.id not in used and not repeats(text_key(q.text), said)]


def _opening(
    evidence: Evidence, used: set[int], fits: Callable[[str], bool], quoting: str, below: str
) -> Point:
    """A guide's opening line: the first quote ``fits`` the page that the concerns do not quote
    and that reads alone as a question or a statement (``reads_as_question``,
    ``reads_as_statement``), a sure one before an uncertain one (a won deal's "We signed off on
    the budget yesterday" had opened a pricing page), led (``quoting``) as what buyers ask only
    where it asks, else as what they said. Where none is left, a line leading to the concerns
    (``below``), never a fragment ("But honestly it's the money.", "Training twenty-six people,
    the compliance review.": no verb), a line about something else, nor one quoted twice (every
    worry of a theme may be an entry)."""
    offered = [
        q
        for q in _fresh(evidence, used)
        if fits(q.text) and (reads_as_question(q.text) or reads_as_statement(q.text))
    ]
    first = min(offered, key=lambda q: q.uncertain, default=None)
    if first is None:
        return Point(text=say(below), citations=[])
    used.add(first.id)
    asks = reads_as_question(first.text)
    return Point(text=say_quoting(quoting, 240, text=first.text, asks=asks), citations=[first.id])


def pricing_explainer(evidence: Evidence) -> PricingExplainer:
    require_quotes(evidence)
    used: set[int] = set()
    # Quoted under "what buyers ask about price": lines about money as said, whatever category
    # the detector filed them under.
    concerns = _concerns(evidence, used, about_price)
    return PricingExplainer(
        title=clip(say("pricing_title", product=evidence.product), 120),
        summary=_opening(evidence, used, about_price, "price_question", "price_questions_below"),
        concerns=concerns,
        prices=price_list(evidence),
        value_points=_value_points(evidence, used),
        cta=clip(evidence.cta or say("pricing_cta"), 240),
    )


def _value_points(evidence: Evidence, used: set[int]) -> list[Point]:
    """How to explain the value: what we give for the money (``_value_facts``) and how reps
    framed it in won deals, else a value case to write. What it costs is the price list's
    (``price_list``), stated once."""
    value = [
        Point(text=clip(f.text, 240), citations=[], profile=[f.id]) for f in _value_facts(evidence)
    ]
    value += [
        Point(text=say_quoting("value_framed", 240, text=q.text), citations=[q.id])
        for q in evidence.of_kind("answer")
        if q.id not in used and not concedes(q.text)  # a discount frames no value
    ]
    return value[:4] or [Point(text=say("value_to_write"), citations=[])]


def _value_facts(evidence: Evidence) -> list[ProfileFact]:
    """What the value section may say: the facts stating what we give for the money
    (``gives_value``), not the price list, which says what it costs; none bounded to a size
    no buyer of the page is (``fits_scale``)."""
    said = [q.text for c in evidence.clusters for q in evidence.cluster_quotes(c)]
    return [
        f
        for f in evidence.answering(evidence.markets)
        if gives_value(f) and not states_gap(f.text) and fits_scale(f.text, said)
    ]


STEP_CUES = frozenset({"setup_time", "switching"})  # the detector's setup and data-move cues
STEP_TOPICS = frozenset({"topic:setup", "topic:migration", "topic:training"})  # topic_words'
# When the change can start, put off to a time: "We can't do it before the 1st of December",
# "we won't switch until after harvest".
_START_WAITS = re.compile(
    r"\b(?:can'?t|cannot|won'?t|couldn'?t|not going to)\s+(?:\w+\s+){0,2}"
    r"(?:do|start|begin|switch|move|change|go|take)\b[^.?!]{0,40}?\b(?:before|until|till|after)\b",
    re.IGNORECASE,
)


def names_setup(text: str) -> bool:
    """Whether ``text`` speaks of setting up, moving data or training (its topics or the
    detector's setup and data-move cues)."""
    if STEP_TOPICS & topic_words(text):
        return True
    return bool(STEP_CUES & {k for k, v in cue_scores(text).categories.items() if v})


def is_step(fact: str) -> bool:
    """Whether an onboarding fact is a step of the rollout: it says how long something takes
    or what is set up or moved. "Sold and supported in the US, Canada and Mexico", filed under
    onboarding, had been "Step 3 | to confirm"."""
    return gives_duration(fact) or names_setup(fact)


def asks_about_setup(said: str) -> bool:
    """Whether a buyer's worry is about setting up: what is set up, moved or learnt, how long it
    takes, or when it can start. "The gate thing is huge for us." and "we've got eleven
    thousand in the bank", filed under a switching theme, had been a timeline's set-up
    questions."""
    return is_step(said) or bool(_START_WAITS.search(said))


def _steps(evidence: Evidence) -> list[ProfileFact]:
    """The rollout's steps: the onboarding facts that are steps, then a fact of another list
    that says how long setting up takes ("Go-live in two weeks" under features; a proof point
    tells what customers got, a price or plan what it costs: "A one-off onboarding fee ...
    waived on a 12-month plan" had been "Step 4 | 12-month"; neither is a step)."""
    onboarding = [f for f in evidence.profile_section("onboarding") if is_step(f.text)]
    timed = [
        f
        for f in evidence.profile
        # a price or plan says what it costs and for how long one signs, no step of setup
        if f.section not in {"onboarding", "proof_points", *OFFER_SECTIONS}
        and evidence.may_state(f)
        and names_setup(f.text)
        and gives_duration(f.text)
    ]
    return [*onboarding, *timed][:4]


def implementation_timeline(evidence: Evidence) -> ImplementationTimeline:
    require_quotes(evidence)
    used: set[int] = set()
    concerns = _concerns(evidence, used, asks_about_setup)
    summary = _opening(evidence, used, asks_about_setup, "setup_question", "setup_questions_below")
    # Durations only from what our reps said in won deals; buyers' worries stay concerns.
    timed = [q for q in evidence.of_kind("answer") if gives_duration(q.text)]
    timed = [q for q in timed if q.id not in used][:1]
    used |= {q.id for q in timed}
    onboarding = _steps(evidence)
    phases = [
        Phase(
            name=say("step", n=n),
            duration=duration_in(fact.text),
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
        duration = duration_in(quote.text)
        phases.append(
            Phase(
                name="Go-live",
                duration=duration,
                what_happens=say_quoting("rep_in_won_deal", 240, text=quote.text),
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
        title=clip(say("timeline_title", product=evidence.product), 120),
        summary=summary,
        concerns=concerns,
        phases=phases,
        prerequisites=[
            Point(text=say_quoting("rep_in_won_deal", 240, text=q.text), citations=[q.id])
            for q in evidence.of_kind("answer")
            if q.id not in used
        ][:3],
        cta=clip(evidence.cta or say("timeline_cta"), 240),
    )
