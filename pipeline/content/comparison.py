"""The offline comparison page: us and one rival, side by side, from what buyers said of the
rival itself and the facts our team entered.

Split from ``drafts`` (the other offline drafts) because a fair page needs rules of its own: a
quote goes in the rival's column only when it says something about the rival
(``rival_claims.speaks_of``), "lost to" only where the deal's words say the rival won it.
"""

from __future__ import annotations

from pipeline.content.drafts import say
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.profile import ProfileFact
from pipeline.content.quote_text import clip
from pipeline.content.rival_claims import rival_topic, speaks_of
from pipeline.content.types import Comparison, ComparisonRow, FitPoint
from pipeline.content.won_answers import names_in
from pipeline.errors import BadInput

MAX_ROWS = 6


def naming_rival(evidence: Evidence, name: str) -> list[Quote]:
    """Buyer quotes tagged with the rival or naming it (a sentence quoted for its theme first
    carries no tag, and had left the ClockBee page with one quote)."""
    return [
        q
        for q in evidence.quotes
        if q.kind != "answer"
        and ((q.competitor or "").lower() == name.lower() or names_in(q.text, {name}))
    ]


def about_rival(evidence: Evidence, name: str) -> list[Quote]:
    """``naming_rival``'s quotes that say something about the rival itself, not only about the
    buyer's own work done in it: what the rival's column may quote."""
    forms = evidence.rival_forms or (name,)
    return [q for q in naming_rival(evidence, name) if speaks_of(q.text, forms)]


def _our_side(evidence: Evidence, quote: Quote, stated: set[int]) -> list[ProfileFact]:
    """The profile fact answering a rival's row: from the list for the worry its words raise
    (a contract, a price), else the one nearest the quote."""
    specific = quote.category not in (None, "competitor")
    topic = quote.category if specific else rival_topic(quote.text)
    if topic is not None:
        return evidence.topic_facts(quote, topic, stated) or evidence.quote_facts(quote, stated)
    return evidence.quote_facts(quote, stated)


def comparison(evidence: Evidence) -> Comparison:
    name = evidence.competitor
    if not name:
        raise BadInput("a comparison needs a competitor (--competitor NAME)")
    naming, about = naming_rival(evidence, name), about_rival(evidence, name)
    if not about and not evidence.facts:
        raise BadInput(
            f"no buyer quotes or facts about {name} itself (not only their own work done in "
            f"it): add facts with `callmine facts add {name} ...`"
        )
    # Where they fit better: the reasons not to buy us that buyers gave in deals we lost where
    # they were weighed (a description such as "RotaPro for about six years" says no such thing).
    lost = [q for q in about if q.outcome == "lost" and q.kind == "objection"][:2]
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
    # Where we fit better: what buyers said of them in deals we won, then anything else a
    # buyer said in a won deal where they were named (no claim about them: we won).
    named = {q.call_id for q in naming}
    won = [q for q in naming if q.outcome == "won" and q.role == "buyer"][:2]
    won += [
        q
        for q in evidence.quotes
        if q.outcome == "won"
        and q.role == "buyer"
        and q.call_id in named
        and q not in won
        and q not in lost
        and q.competitor is None
    ][: 2 - len(won)]
    # A table row per quote the fit sections do not cite; theirs when that is all there is (a
    # page of only won or only lost deals' quotes had no row, and failed).
    quoted = [q for q in about if q not in lost and q not in won] or ([] if rows else about)
    quoted = quoted[: MAX_ROWS - len(rows)]
    answers = [q for q in evidence.of_kind("answer") if q.call_id in named][:2]
    # Our side of a row: the profile fact that answers the quote's worry, where one does.
    stated: set[int] = set()
    ours = {q.id: _our_side(evidence, q, stated) for q in quoted}
    rows += [
        ComparisonRow(
            aspect=say(
                "buyer_said", outcome=q.outcome, topic=next((f.section for f in ours[q.id]), None)
            ),
            us=clip(ours[q.id][0].text, 240)
            if ours.get(q.id)
            else say("answer_to_write", replies=bool(answers)),  # no promise of replies not there
            them=clip(say("quoted", text=q.text), 240),
            citations=[q.id],
            facts=[],
            profile=[f.id for f in ours.get(q.id, [])],
        )
        for q in quoted
    ]
    # "Still" only after a doubt: a pain about them ("it took me two days to pull them
    # together from RotaPro") is why the buyer chose us, not something they got over.
    us_better = [
        FitPoint(
            text=clip(
                say("still_chose_us" if q.kind == "objection" else "chose_us", text=q.text), 240
            ),
            citations=[q.id],
            facts=[],
        )
        for q in won
    ] + [
        FitPoint(text=clip(say("answer_lands", text=q.text), 240), citations=[q.id], facts=[])
        for q in answers
    ]
    if not us_better:
        us_better = [FitPoint(text=say("fit_to_write"), citations=[], facts=[])]
    # The calls the page quotes, not every call its evidence holds.
    cited = {i for row in rows for i in row.citations} | {q.id for q in lost}
    cited |= {i for point in us_better[:4] for i in point.citations}
    calls = len({q.call_id for q in evidence.quotes if q.id in cited})
    # How many calls named them is the dashboard's count; the page quotes some of those.
    named_on = max(evidence.rival_calls, calls)
    return Comparison(
        title=clip(say("comparison_title", name=name, product=evidence.product), 120),
        summary=clip(say("comparison_summary", name=name, calls=named_on, quoted=calls), 600),
        rows=rows,
        us_better_when=us_better[:4],
        them_better_when=[
            FitPoint(
                text=clip(
                    say("lost_to", name=name, text=q.text, won=q.call_id in evidence.rival_won),
                    240,
                ),
                citations=[q.id],
                facts=[],
            )
            for q in lost
        ],
    )
