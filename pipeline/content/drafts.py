"""Deterministic offline drafts: the same evidence, no LLM, filled into the same schemas.

They quote buyers verbatim and reuse what reps said in won deals; where the calls hold no
answer they leave a visible "to write" note instead of inventing one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from pipeline.content.asked_facts import facts_for_question
from pipeline.content.concessions import beside_reply, won_reply_copy
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote, Reach
from pipeline.content.feature_gaps import MISSING_FEATURE, asks_for_a_feature, missing_thing
from pipeline.content.problems import asks, lead_problem
from pipeline.content.quote_text import (
    MIN_OPENING_WORDS,
    clip,
    leads_with_placeholder,
    self_contained,
    stands_alone,
)
from pipeline.content.topics import named_topic, quoted_topic, speaks_of_question
from pipeline.content.types import (
    ObjectionAnswer,
    OnePager,
    Point,
)
from pipeline.content.value import asks_value
from pipeline.content.won_answers import names_in
from pipeline.content.worry_order import outranks, spare_reply
from pipeline.detect.antecedents import leans_back
from pipeline.detect.classify import OBJECTION_CATEGORIES
from pipeline.detect.small_talk import is_banter
from pipeline.errors import BadInput
from pipeline.language import in_english
from pipeline.redact import has_placeholder
from pipeline.templating import draft_copy
from pipeline.wording import capitalised, quotable


def say(macro: str, /, **values: object) -> str:
    """One sentence of draft copy from ``content_templates/_draft_copy.j2``."""
    return draft_copy(macro, **values)


def say_quoting(macro: str, limit: int, /, *, text: str, **values: object) -> str:
    """A sentence of draft copy around a quote (``text``) in ``limit`` characters: the quote is
    clipped inside its marks, so the copy around it stays whole ("“…” (a deal with no…" had
    lost the quote's closing mark and the deal's outcome)."""
    text = quotable(text)
    said = say(macro, text=text, **values)
    if len(said) <= limit:
        return said
    room = max(len(text) - (len(said) - limit), 1)
    return clip(say(macro, text=clip(text, room), **values), limit)


def heard(macro: str, count: int, reach: Reach, picked: bool, limit: int) -> str:
    """A page's opening count line ("The 2 objections heard most on 3 sales calls with 3
    accounts", "... on 6 sales calls and in 8 CRM notes, from 7 accounts"; "chosen for this
    page" when the user chose the themes), clipped to ``limit``: one count for every page."""
    said = say(
        macro, count=count, calls=reach.calls, accounts=reach.accounts, picked=picked,
        notes=reach.notes,
    )  # fmt: skip
    return clip(said, limit)


def cluster_names(evidence: Evidence, limit: int = 3, *, quoted: bool = False) -> str:
    """The first themes' names for a title, or ``quoted`` for a running sentence ("what buyers
    ask about “It's the money” and “Staff won't use it”", not "about It's the money, Staff...")."""
    names = [cluster.name for cluster in evidence.clusters[:limit]]
    if not names:
        return "what buyers said"
    if not quoted:
        return ", ".join(names)
    marked = [f"“{name}”" for name in names]
    return marked[0] if len(marked) == 1 else ", ".join(marked[:-1]) + " and " + marked[-1]


def stats_line(evidence: Evidence, cluster: ClusterEvidence) -> str:
    """A theme's counts, its calls and CRM notes apart (``Evidence.reach``): "raised 5 times
    on 2 sales calls and in 3 CRM notes" (it had said "on 5 calls" of two calls and three notes)."""
    won, lost = cluster.outcomes.get("won", 0), cluster.outcomes.get("lost", 0)
    reach = evidence.reach([cluster])
    return say(
        "stats", size=reach.mentions, calls=reach.calls, notes=reach.notes, won=won, lost=lost
    )


def fresh(quotes: list[Quote], used: set[int]) -> Quote | None:
    return next((q for q in quotes if q.id not in used), None)


def heading_quote(quotes: list[Quote], used: set[int]) -> Quote | None:
    """The first unused quote that may head a section (``self_contained``), else the first
    unused: "We never moved to the online one." had headed a one-pager; never one opening on
    a redacted word ("[name]'s been here thirty years")."""
    return next((q for q in quotes if q.id not in used and self_contained(q.text)), None) or (
        fresh([q for q in quotes if not leads_with_placeholder(q.text)], used)
    )


def answered_worry(
    evidence: Evidence, cluster: ClusterEvidence, used: set[int], stated: set[int] | None = None
) -> ObjectionAnswer | None:
    """A worry in the buyer's words with the won-deal reply that followed it; else the top
    worry with a reply from another segment's won deal (which has no worry of its own here),
    a profile fact, or a visible "to write" with the cluster's counts."""
    pairs = [
        (w, r)
        for w, r in evidence.answered(cluster)
        if not {w.id, r.id} & used and not leads_with_placeholder(w.text) and not is_banter(w.text)
    ]
    # Small talk or a joke filed in the theme is no worry to head it ("He'll be devastated.")
    said = [q for q in evidence.cluster_quotes(cluster) if not is_banter(q.text)]
    quote = heading_quote(said, used)
    # A worry a won deal answered heads the entry, unless it leans on what it does not name
    # and another stands on its own.
    paired = next((p for p in pairs if self_contained(p[0].text)), None)
    if paired is None and pairs and not (quote and self_contained(quote.text)):
        paired = pairs[0]
    if paired and quote and self_contained(quote.text) and outranks(quote, *paired):
        paired = None  # a reply breaks a tie only (``worry_order``)
    quote = paired[0] if paired else quote
    if quote is None:
        return None
    elsewhere = [a for a in evidence.cluster_answers(cluster) if a.replies_to is None]
    reply = paired[1] if paired else fresh(elsewhere, used)
    stated = set() if stated is None else stated
    # The quote heads the entry; where it meets no fact alone, the FAQ's question for it does.
    facts = facts_for_question(evidence, cluster, [quote], stated, 1) or facts_for_question(
        evidence, cluster, [quote], stated, 1, "", *theme_asks(evidence, cluster, [quote])
    )
    cited = [quote.id]
    if (
        reply is None
        and not facts
        and (pair := spare_reply(evidence, cluster, quote, used | {quote.id}))
    ):
        worry, reply = pair
        cited.append(worry.id)
    if reply is not None:
        answer = say_quoting(won_reply_copy(reply.text), 240, text=reply.text)
        ids = [*cited, reply.id]
        # Its fact too where it fits: published, our words stand where the rep's are left out;
        # no list price after a concession (``beside_reply``).
        kept = [f for f in beside_reply(facts, reply.text) if len(answer) + len(f.text) < 240]
        stated.difference_update(f.id for f in facts if f not in kept)
        facts = kept
        answer += "".join(f" {say('profile_fact', text=f.text)}" for f in facts)
    elif facts:
        answer, ids = say("profile_fact", text=facts[0].text), [quote.id]
    else:
        answer, ids = say("no_answer", stats=stats_line(evidence, cluster)), [quote.id]
    used.update(ids)
    return ObjectionAnswer(
        objection=capitalised(clip(quote.text, 160)),  # a bold head starts with a capital
        answer=clip(answer, 240),
        citations=ids,
        profile=[f.id for f in facts],
    )


def theme_asks(
    evidence: Evidence, cluster: ClusterEvidence, quotes: Sequence[Quote]
) -> tuple[str, str | None]:
    """The question a theme's ``quotes`` are answered under, and its category's: the FAQ's
    (``buyer_question``), so every page answers a quote with the same fact. A one-pager and a
    use case had left "everything stays in Canada" to write while the FAQ answered it with
    where the data is stored: only under the question does "stored" meet "stays"."""
    question = buyer_question(evidence, cluster, set(), quotes) or ""
    return question, asked_category(question, cluster.competitor) if question else None


def top_quote(evidence: Evidence, cluster: ClusterEvidence) -> Quote | None:
    quotes = evidence.cluster_quotes(cluster)
    return quotes[0] if quotes else None


def buyer_question(
    evidence: Evidence, cluster: ClusterEvidence, asked: set[str], said: Sequence[Quote] = ()
) -> str | None:
    """What buyers ask about the theme, not yet asked on the page: its category's question,
    else a question one of its buyers asked; None when neither is left. A quoted worry is no
    question: "What do you say to “We already have Procore”?" had headed an FAQ entry. One
    that speaks of the lines ``said`` under it first (``speaks_of_question``), the category its
    quoted words name next: "Are we locked into a long contract?" had headed a board's
    sign-off and "Will my staff actually use it?" a question about tickets."""
    lines = [q.text for q in said]
    # A price worry asks if it is worth it only where its buyers do ("hard to justify"); "too
    # dear" asks what it costs, and the price list answers that, not "worth it".
    value = cluster.category == "price" and asks_value(lines)
    asks = "value" if value else cluster.category
    gap = missing_thing(lines)  # a missing feature asks for the thing its buyers need
    category = say("faq_question", category=asks, competitor=cluster.competitor, **gap)
    quoted = say("faq_question", category=quoted_topic(lines), competitor=cluster.competitor, **gap)
    named = say("faq_question", category=named_topic(lines), competitor=cluster.competitor, **gap)
    own = [
        q.text
        for q in evidence.cluster_quotes(cluster)
        if q.role == "buyer" and q.text.rstrip().endswith("?")
        and stands_alone(q.text) and not has_placeholder(q.text) and in_english(q.text)
    ]  # fmt: skip
    left = [
        clip(q, 240) for q in [category, quoted, named, *own] if q and clip(q, 240) not in asked
    ]
    question = next(
        (q for q in left if any(speaks_to(cluster, q, line) for line in lines)),
        left[0] if left else None,
    )
    if question is not None:
        asked.add(question)
    return question


def names_the_rival(quote: Quote, rival: str) -> bool:
    """Whether a quote is tagged with the rival or says its name (a sentence quoted for its
    theme carries no tag of its own)."""
    return (quote.competitor or "").casefold() == rival.casefold() or bool(
        names_in(quote.text, {rival})
    )


def speaks_to(cluster: ClusterEvidence, question: str, said: str) -> bool:
    """Whether a line of the theme may be cited under its question (``speaks_of_question``):
    of the question's category where it is one's, of a rival where it asks about rivals."""
    category = asked_category(question, cluster.competitor)
    return speaks_of_question(question, said, category, rivals_asked_about(cluster, question))


def rivals_asked_about(cluster: ClusterEvidence, question: str) -> list[str] | None:
    """The rivals a question about rivals in general asks of ("Why should we pick you over the
    other tools we're looking at?"); None where it names one or asks of another topic: "stay
    with BerthHop" is no reason to pick us over Slipway."""
    if cluster.category != "competitor" or names_in(question, set(cluster.competitors)):
        return None
    return list(cluster.competitors)


@cache
def asked_category(question: str, competitor: str | None) -> str | None:
    """The worry category whose FAQ question ``question`` is (price for "Is it worth the price
    for a business our size?"); None for a question a buyer asked."""
    for category in (*OBJECTION_CATEGORIES, "value"):
        if clip(say("faq_question", category=category, competitor=competitor), 240) == question:
            return "price" if category == "value" else category
    return MISSING_FEATURE if asks_for_a_feature(question) else None


def require_quotes(evidence: Evidence) -> None:
    if not any(evidence.cluster_quotes(cluster) for cluster in evidence.clusters):
        raise BadInput("the selected clusters have no buyer quotes to build a draft from")


def proof_points(evidence: Evidence) -> list[Point]:
    """The page's proof: each proof point its buyers may be told (``Evidence.may_state``) as
    written, and one about an industry only some of its calls are of with that industry
    named, not as true of all ("Most cafe customers..." on a page for six industries)."""
    heard = {i.casefold() for c in evidence.clusters for i in c.industries}
    points = []
    for fact in evidence.profile:
        if fact.section != "proof_points":
            continue
        if evidence.may_state(fact):
            text = fact.text
        elif (fact.industry or "").casefold() in heard and evidence.may_state(
            replace(fact, industry=None)
        ):
            text = say("for_industry", industry=fact.industry, text=fact.text)
        else:
            continue
        points.append(Point(text=clip(text, 240), citations=[], profile=[fact.id]))
    return points


def one_pager(evidence: Evidence) -> OnePager:
    require_quotes(evidence)
    pains = [c for c in evidence.of_clusters("pain") if evidence.cluster_quotes(c)]
    objections: list[ObjectionAnswer] = []
    used: list[ClusterEvidence] = []
    quoted: set[int] = set()
    stated: set[int] = set()
    for cluster in evidence.of_clusters("objection"):
        worry = answered_worry(evidence, cluster, quoted, stated) if len(objections) < 4 else None
        if worry is not None:
            objections.append(worry)
            used.append(cluster)
    if not objections:
        raise BadInput("a one-pager needs objection clusters with buyer quotes")
    if pains:
        # A theme that opens on a sure pain first; its calls are those its buyers raised it on.
        pains.sort(key=lambda c: evidence.cluster_quotes(c)[0].uncertain)
        quotes = evidence.cluster_quotes(pains[0])
        top, quote = lead_problem(pains, {c.id: evidence.cluster_quotes(c) for c in pains}) or (
            pains[0],
            heading_quote(quotes, set()) or quotes[0],
        )
        calls, notes, asked = top.buyer_calls, evidence.notes_in(top.buyer_call_ids), asks(quote)
        text = say_quoting("problem", 240, text=quote.text, calls=calls, asks=asked, notes=notes)
        problem = Point(text=text, citations=[quote.id])
    else:
        problem = Point(text=say("no_pain"), citations=[])
    reach = evidence.reach(used)
    return OnePager(
        title=say("one_pager_title"),
        headline=heard("one_pager_headline", len(objections), reach, evidence.picked, 240),
        problem=problem,
        objections=objections,
        proof_points=proof_points(evidence)[:3],
        why_now=[
            Point(text=say_quoting("quoted", 240, text=q.text), citations=[q.id])
            for q in evidence.of_kind("why_now")
            # Standing alone: not "Also audit logs." nor "We got a complaint about that".
            if q.role == "buyer"
            and len(q.text.split()) >= MIN_OPENING_WORDS
            and not leans_back(q.text)
        ][:3],
        cta=clip(evidence.cta or say("one_pager_cta"), 240),
    )
