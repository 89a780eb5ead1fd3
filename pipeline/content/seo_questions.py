"""An SEO brief's questions: which buyer quotes an H3 may be asked from, the question themes
asked on a theme's worry, and the "Questions to answer" list (each question theme's question as
asked, then the buyers' other questions). Split from ``seo_brief`` (keywords and outline)."""

from __future__ import annotations

from pipeline.content.drafts import buyer_question, say
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.keyword_things import domain_words
from pipeline.content.quote_text import clip, self_contained, text_key
from pipeline.content.searched_questions import searched_question
from pipeline.content.types import OutlineSection, Point
from pipeline.detect.asides import says_no_concern
from pipeline.detect.rules import is_question, ruled_other
from pipeline.detect.sentences import split_sentences
from pipeline.language import in_english
from pipeline.quote_shape import without_opening
from pipeline.redact import has_placeholder
from pipeline.wording import capitalised

MIN_SEO_QUESTIONS = 3  # "Questions to answer": the buyers' own, then the outline's
MAX_HEADING_CHARS = 110  # a longer question is no heading: clipped, it would ask nothing
MIN_QUESTION_WORDS = 3  # "Which handhelds do you support?" is a searcher's question; "Why?" is not


def search_topic(evidence: Evidence, cluster: ClusterEvidence) -> str:
    """The word a searcher adds for the theme's worry ("pricing"), from what its quotes are
    about (``worry_category``); empty where searchers have none."""
    return say("search_topic", category=evidence.worry_category(cluster))


def page_domain(evidence: Evidence) -> frozenset[str]:
    """The words of what the page is about (``domain_words``): our product's name, category
    and profile, whom it is for, the rivals its buyers name (an "alternative to" search), and
    each theme's name, keywords and search topic."""
    named = (evidence.product, evidence.product_category, evidence.audience, evidence.industry)
    return domain_words(
        [
            *(t for t in named if t),
            *evidence.rival_forms,
            *(r for c in evidence.clusters for r in c.competitors),
            *(f.text for f in evidence.profile),
            *(c.name for c in evidence.clusters),
            *(k for c in evidence.clusters for k in c.keywords),
            *(search_topic(evidence, c) for c in evidence.clusters),
        ]
    )


def heading_sources(evidence: Evidence, cluster: ClusterEvidence) -> list[Quote]:
    """The quotes an H3 may be asked from: a buyer's, in the page's language, with nothing
    redacted, and no praise, thanks, won deal's reason or next step ("Honestly, I'd recommend
    you to anyone..." and "Sure, run it by our marketing lead first." had been H3s)."""
    return [
        q
        for q in evidence.cluster_quotes(cluster)
        if q.role == "buyer"
        and not has_placeholder(q.text)
        and in_english(q.text)
        and not says_no_concern(q.text, cluster.competitors)
        and not ruled_other(q.text, q.role)
    ]


def asked_as_heading(text: str) -> bool:
    """A buyer's question that heads a section as asked: a whole question of a few words that
    fits a heading and stands on its own (``self_contained``: not "And in French?" nor "Is
    that included?")."""
    text = text.strip()
    return (
        text.endswith("?")
        and len(text) <= MAX_HEADING_CHARS
        and len(text.split()) >= MIN_QUESTION_WORDS
        and self_contained(text)
    )


def outlined_themes(evidence: Evidence) -> list[ClusterEvidence]:
    """The themes the outline heads: the worries, else (a brief of questions only) the
    questions. A question theme joins a brief on worries to be asked (``asked_themes``)."""
    return [c for c in evidence.clusters if c.kind != "question"] or evidence.clusters


def asked_themes(evidence: Evidence, cluster: ClusterEvidence) -> list[ClusterEvidence]:
    """The page's question themes on ``cluster``'s worry category, not ``cluster`` itself."""
    category = evidence.worry_category(cluster)
    return [
        c
        for c in evidence.clusters
        if c.kind == "question"
        and c is not cluster
        and category
        and evidence.worry_category(c) == category
    ]


def questions_to_answer(evidence: Evidence, sections: list[OutlineSection]) -> list[Point]:
    """Each question theme's question as asked, with the calls it was asked on
    (``theme_question``); the buyers' own other questions in the page's language that head no
    section and are asked as a search (``searched_question``); then the question of each theme
    the outline has none for. Each cites a quote no H3 cites (a quote backs one claim), so the
    list may be short: it repeats no heading."""
    used = {i for s in sections for h in s.h3 for i in h.citations}
    listed = {h.text for s in sections for h in s.h3}
    questions: list[Point] = []
    asked_in: set[int] = set()  # the question themes listed: their other quotes ask the same
    for theme in (c for c in evidence.clusters if c.kind == "question"):
        found = theme_question(evidence, theme, used)
        if found is not None and found[0] not in listed:
            text, quote = found
            reach, buyers = evidence.reach([theme]), len(asked_on(evidence, theme, text))
            asked = say(
                "asked_on",
                question=text,
                calls=reach.calls,
                notes=reach.notes,
                buyers=buyers,
                topic=search_topic(evidence, theme),
            )
            questions.append(Point(text=asked, citations=[quote]))
            used.add(quote)
            listed.add(text)
            asked_in.add(theme.id)
    domain = page_domain(evidence)
    asks = [
        q
        for q in evidence.quotes
        if q.role == "buyer"
        and q.id not in used
        and q.cluster_id not in asked_in
        and q.text.rstrip().endswith("?")
        and not has_placeholder(q.text)
        and in_english(q.text)
        and searched_question(split_sentences(q.text)[-1][2], domain)
    ][:6]
    questions += [Point(text=clip(q.text, 240), citations=[q.id]) for q in asks]
    used |= {q.id for q in asks}
    listed |= {p.text for p in questions}
    for cluster in outlined_themes(evidence):
        if len(questions) >= MIN_SEO_QUESTIONS:
            break
        fresh = [q.id for q in heading_sources(evidence, cluster) if q.id not in used][:1]
        question = buyer_question(evidence, cluster, listed) if fresh else None
        if question is not None:
            used |= set(fresh)
            questions.append(Point(text=question, citations=fresh))
    return questions


def asked_on(evidence: Evidence, theme: ClusterEvidence, question: str) -> set[int]:
    """The calls a theme's buyers asked ``question`` on in its words (a sentence of the theme's
    quotes, less the words joining it to the turn before), one buyer a call: "What would it
    cost for sixteen users? (asked on 4 sales calls)" had said the theme's calls as the
    question's, though one buyer asked it."""
    key = text_key(question)
    return {
        quote.call_id
        for quote in evidence.cluster_quotes(theme)
        if quote.role == "buyer"
        and any(
            text_key(without_opening(sentence.strip())) == key
            for _, _, sentence in split_sentences(quote.text)
        )
    }


def theme_question(
    evidence: Evidence, theme: ClusterEvidence, used: set[int]
) -> tuple[str, int] | None:
    """A question theme's question as a buyer asked it and the quote asking it, one no H3
    cites (``used``): of its quotes' sentences that ask (``is_question``) a few words and read
    alone (``self_contained``) after the words joining them to the turn before ("But what does
    it cost?" is "What does it cost?") and are asked as a search (``searched_question``: not
    "Wait, they can just text it?"), the shortest, the most general ("What about price for
    twenty-eight people plus six contractors?" is one buyer's); else none."""
    domain = page_domain(evidence)
    asked = [
        (said, quote.id)
        for quote in heading_sources(evidence, theme)
        if quote.id not in used
        for _, _, sentence in split_sentences(quote.text)
        if is_question(said := capitalised(without_opening(sentence.strip())))
        and asked_as_heading(said)
        and searched_question(said, domain)
    ]
    return min(asked, key=lambda a: len(a[0]), default=None)
