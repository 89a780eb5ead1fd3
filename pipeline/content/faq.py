"""The objection FAQ's offline draft: one entry per theme, in the buyers' question, citing the
lines it stands for, with what to answer it from; an opening that says how many are answered.

Why: a lift-maintenance FAQ's 8th theme ("I'm not losing five years of service records") had
vanished from the page because none of its lines spoke of its category's question; and the
opening promised "the answers that worked in deals we won" above four entries of seven still
"To write". A theme chosen for the page keeps an entry, and the opening says what is true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.cluster.lead_ins import reads_alone
from pipeline.content.asked_facts import facts_for_question
from pipeline.content.concessions import beside_reply, concedes
from pipeline.content.drafts import (
    asked_category,
    buyer_question,
    heard,
    names_the_rival,
    require_quotes,
    say,
    speaks_to,
)
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.fact_refs import facts_told
from pipeline.content.quote_text import clip
from pipeline.content.spoken_languages import unanswered_language
from pipeline.content.types import QA, ObjectionFAQ
from pipeline.content.value import asks_value
from pipeline.content.won_answers import names_in
from pipeline.detect.small_talk import is_banter
from pipeline.errors import BadInput


def _sure_objection(quote: Quote | None) -> bool:
    """An objection the detector was sure of (not below ``confident_at``)."""
    return quote is not None and quote.kind == "objection" and not quote.uncertain


def faq_entry(
    evidence: Evidence,
    cluster: ClusterEvidence,
    asked: set[str],
    stated: set[int],
    first_asked: dict[int, str] | None = None,
    *,
    keep: bool = False,
) -> QA | None:
    """One FAQ item: the buyer's question, citing the buyer quotes it stands for, with what to
    answer it from: a won deal's reply (a "To write": spoken words are no published answer;
    no list price beside one that gave something off, ``beside_reply``) and the profile facts
    that answer its category; with ``first_asked`` (fact id -> the question that stated it),
    one stated before is referred to (``facts_told``). None where its question is another
    entry's already; where no line speaks of it, None too unless ``keep``: then the theme's own
    question (``_theme_question``) over its own lines."""
    answers = evidence.cluster_answers(cluster)
    if cluster.competitor is None and cluster.category != "competitor":
        # A general question ("Why change when what we do now works?") is not answered with
        # a reply about one rival ("Staffly is great if you want everything...").
        known = set(cluster.competitors)
        answers = [a for a in answers if not names_in(a.text, known)]
    said = evidence.cluster_quotes(cluster)
    worries = [q for a in answers if a.replies_to and (q := evidence.quote(a.replies_to))]
    if any(_sure_objection(q) for q in [*said, *worries]):
        # Where the theme has sure objections, a pain or a guess is no evidence of its worry
        # (a 0.39 "more than we pay for our accounts package" had been a price entry's source),
        # and nor is a reply to one.
        said = [q for q in said if _sure_objection(q)]
        answers = [
            a for a in answers if not a.replies_to or _sure_objection(evidence.quote(a.replies_to))
        ]
    rival = cluster.competitor
    if rival and not any(names_the_rival(q, rival) for q in said):
        cluster = replace(cluster, competitor=None)  # no quote of it to cite: ask of all rivals
    question = buyer_question(evidence, cluster, asked, said)
    if question is None:
        return None  # its question is another theme's entry already
    # Only lines that speak of the question are cited (``speaks_of_question``), and a reply
    # only beside the worry it followed; the worry first, so the sources hold what it answered.
    fits = [q for q in said if speaks_to(cluster, question, q.text)]
    answers = [a for a in answers if _reply_fits(evidence, a, cluster, question)][:1]
    answered = [q for a in answers if a.replies_to and (q := evidence.quote(a.replies_to))]
    quotes = readable([*answered, *(q for q in fits if q not in answered)])
    if cluster.competitor and names_in(question, {cluster.competitor}):
        # "Why should we pick you over Slipway?" had cited "we're going to stay with BerthHop".
        quotes = [q for q in quotes if names_the_rival(q, cluster.competitor)]
    if not quotes and keep and said:
        asked.discard(question)  # the theme's own question, over its own lines
        question = _theme_question(cluster, asked)
        answers, quotes = [], readable(said)
    quotes = quotes[:2]
    if not quotes:
        asked.discard(question)
        return None
    besides = " ".join(a.text for a in answers)
    topic = asked_category(question, cluster.competitor)
    facts = facts_for_question(evidence, cluster, quotes, stated, 2, besides, question, topic)
    facts = beside_reply(facts, besides)
    if facts:  # a language asked for that no fact names is not cited beside another's answer
        quotes = [q for q in quotes if not unanswered_language(q.text, facts)] or quotes
    parts = [say(_from_reply(a.text), text=a.text) for a in answers]
    if first_asked is None:
        parts += [say("profile_fact", text=f.text) for f in facts]
    else:
        parts += facts_told(facts, question, first_asked, bool(parts))
    if not parts:
        reach = evidence.reach([cluster])
        no_answer = _no_answer_copy(cluster, [question, *(q.text for q in quotes)])
        parts = [say(no_answer, mentions=reach.mentions, calls=reach.calls, notes=reach.notes)]
    return QA(
        question=question,
        answer=clip(" ".join(parts), 600),
        citations=[*(q.id for q in quotes), *(a.id for a in answers)][:4],
        profile=[f.id for f in facts],
    )


def readable(quotes: Sequence[Quote]) -> list[Quote]:
    """``quotes``, those that read alone first (``reads_alone``, as a theme's page leads with
    them), a fragment only beside one that does: "Yes, but next time maybe we are not so
    lucky." had been an integrations entry's only source, its meaning in the buyer's turn
    before; small talk or a joke ("He'll have to buy his own pizza.") reads alone as no worry
    at all."""
    reads = [q for q in quotes if reads_alone(q.text, q.lead_in) and not is_banter(q.text)]
    return [*reads, *(q for q in quotes if q not in reads)] if reads else []


def _reply_fits(evidence: Evidence, answer: Quote, cluster: ClusterEvidence, question: str) -> bool:
    """Whether a won deal's reply may stand under a question: it followed no quoted worry, or
    one that speaks of the question (it is cited beside it)."""
    worry = evidence.quote(answer.replies_to or 0)
    return worry is None or speaks_to(cluster, question, worry.text)


def objection_faq(evidence: Evidence) -> ObjectionFAQ:
    """The FAQ: every chosen theme an entry unless its question is another's (``keep``), its
    opening counting those answered (a profile fact cited: a rep's reply is only what to write
    from) and those to write."""
    require_quotes(evidence)
    asked: set[str] = set()
    stated: set[int] = set()
    first: dict[int, str] = {}
    clusters = evidence.of_clusters("objection") or evidence.clusters
    entries = [
        (c, qa) for c in clusters if (qa := faq_entry(evidence, c, asked, stated, first, keep=True))
    ]
    if not entries:
        # A theme whose quotes ask nothing an entry can cite had failed the page's validation.
        names = ", ".join(f"#{c.id} {c.name!r}" for c in clusters)
        raise BadInput(f"no FAQ entry can be drawn from {names}: no question its quotes answer")
    entries = entries[:10]
    items = [qa for _, qa in entries]
    reach = evidence.reach([c for c, _ in entries])
    opening = heard("faq_intro", len(items), reach, evidence.picked, 600)
    answered = sum(bool(qa.profile) for qa in items)
    return ObjectionFAQ(
        title=say("faq_title"),
        intro=clip(f"{opening} {say('faq_answered', count=len(items), answered=answered)}", 600),
        items=items,
    )


def _theme_question(cluster: ClusterEvidence, asked: set[str]) -> str:
    """A theme's own question where none of its lines' questions is left: its category's
    where no other entry asks it, else its name where that asks, else one about its name
    ("What about “Staff adoption”?")."""
    category = clip(say("faq_question", category=cluster.category, competitor=None), 240)
    question = category or clip(say("theme_question", name=cluster.name), 240)
    if question in asked:
        question = clip(say("theme_question", name=cluster.name), 240)
    asked.add(question)
    return question


def _no_answer_copy(cluster: ClusterEvidence, asked: list[str]) -> str:
    """What an entry with no answer says to write: "Is it worth it?" wants a value case (the
    price list is no answer to it), a doubt about the company its age, customers and a
    reference (no product fact answers "what happens if you fold?")."""
    if asks_value(asked):
        return "faq_no_value_case"
    return "faq_no_company_facts" if cluster.category == "vendor_trust" else "faq_no_answer"


def _from_reply(reply: str) -> str:
    """The copy leading a won deal's reply on the FAQ: a concession as that deal's terms."""
    return "faq_from_concession" if concedes(reply) else "faq_from_reply"
