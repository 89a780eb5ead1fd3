"""The offline SEO brief: what a searcher types about the page's themes (keywords), and the
questions they ask (H3s), each from the buyer quotes that asked it. Split from ``drafts``: a
brief had targeted "handheld screens", listed "it takes" as a keyword and headed sections with
statements copied from the calls, a testimonial and a Spanish request among them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipeline.cluster.label_checks import named_competitors
from pipeline.content.drafts import require_quotes, rivals_asked_about, say
from pipeline.content.evidence import ClusterEvidence, Evidence
from pipeline.content.faq import faq_entry
from pipeline.content.keyword_things import names_a_thing, of_the_domain, same_stem
from pipeline.content.quote_text import clip
from pipeline.content.seo_keywords import (
    KEYWORD_WORDS,
    distinct_keywords,
    ends_on_its_verb,
    for_audience,
    keyword_like,
    shared_phrases,
    target_keywords,
)
from pipeline.content.seo_questions import (
    asked_as_heading,
    asked_themes,
    heading_sources,
    outlined_themes,
    page_domain,
    questions_to_answer,
    search_topic,
    theme_question,
)
from pipeline.content.theme_names import reader_heading
from pipeline.content.topics import speaks_of_question
from pipeline.content.types import LinkSuggestion, OutlineHeading, OutlineSection, SEOBrief
from pipeline.wording import capitalised

MAX_KEYWORDS = 9  # the target and eight secondary keywords
_LINK_TARGETS = {
    "price": "/pricing",
    "pricing": "/pricing",
    "contract": "/pricing#contracts",
    "integrations": "/integrations",
    "integration": "/integrations",
    "security": "/security",
    "setup_time": "/onboarding",
    "switching": "/switching",
    "competitor": "/compare",
    "missing_feature": "/features",
}


def keywords(evidence: Evidence) -> list[str]:
    """The target keyword, then the secondary ones: our product's category for whom the calls
    share (``searched_by``: "driving school booking software"), our product's category with the top
    theme's topic ("warehouse management software implementation") where the profile names a
    category, the phrases each theme's buyers share, the other themes' topics, the phrases of
    a theme's name one buyer said, then the page's recurring buyer phrases; each a
    ``keyword_like`` phrase, none repeating another; a buyer's phrase only where it names a
    thing of the page's domain (``names_a_thing``: "works fine" and "realistically nothing
    happens" had been keywords)."""
    category = evidence.product_category
    said = [(*_buyer_texts(evidence, c), c.name) for c in evidence.clusters]
    # The first theme's topic names the page; another's only where its buyers said it ("dispatch
    # software training" had been a keyword where no buyer spoke of training).
    with_category = [
        keyword
        for i, (c, (texts, _calls, _name)) in enumerate(zip(evidence.clusters, said, strict=True))
        if category
        and (topic := search_topic(evidence, c))
        and len((keyword := f"{category} {topic}").split()) <= 4
        and (i == 0 or said_of(topic, texts))
    ]
    buyers_said = [q.text for q in evidence.quotes if q.role == "buyer"]
    domain = page_domain(evidence)

    def a_thing(phrase: str) -> bool:
        return names_a_thing(phrase, buyers_said, domain)

    topics = topic_keywords(evidence, domain, a_thing)

    # Shared by two calls or more: one buyer saying a thing twice is no search many make.
    shared = [
        p
        for texts, calls, _name in said
        for p in shared_phrases(texts, sources=calls)
        if a_thing(p)
    ]
    # A phrase of the theme's name that one buyer said is weaker evidence: after the rest.
    named = [
        p
        for texts, calls, name in said
        for p in shared_phrases(texts, name, sources=calls)
        if a_thing(p)
    ]
    recurring = [
        p.text
        for p in evidence.phrases
        if keyword_like(p.text) and not ends_on_its_verb(p.text, buyers_said) and a_thing(p.text)
    ]
    aimed = for_audience(category, searched_by(evidence), max(KEYWORD_WORDS)) if category else None
    ordered = [
        *([aimed] if aimed else []),
        *with_category[:1],
        *topics,
        *shared,
        *with_category[1:],
        *named,
        *([category] if category else []),
    ]
    rivals = [*evidence.rival_forms, *(r for c in evidence.clusters for r in c.competitors)]
    about_rival = evidence.competitor is not None
    found = target_keywords([*ordered, *recurring], rivals, about_rival)
    if about_rival:
        return distinct_keywords(found, MAX_KEYWORDS) or [c.name for c in evidence.clusters[:1]]
    if all(named_competitors(p, rivals) for p in found):
        # Only rivals' names were said often ("requiem desk" had been a general brief's target
        # keyword and title): the brief targets our kind of product or a theme.
        found = [*general_targets(evidence, rivals), *found]
    return distinct_keywords(found, MAX_KEYWORDS) or [c.name for c in evidence.clusters[:1]]


def said_of(topic: str, texts: Sequence[str]) -> bool:
    """Whether a word of ``texts`` shares the stem of each of the topic's words ("training" of
    "they'd need training", "pricing" of "your price")."""
    said = {w for text in texts for w in re.findall(r"[a-z]+", text.lower())}
    return all(any(same_stem(t, w) for w in said) for t in topic.lower().split())


def topic_keywords(
    evidence: Evidence, domain: frozenset[str], a_thing: Callable[[str], bool]
) -> list[str]:
    """What buyers spoke of most across the page's calls (``Evidence.topics``), as searched:
    a noun phrase that names a thing (``a_thing``), an acronym of the page's domain with our
    kind of product ("ifta software")."""
    kind = (evidence.product_category or "software").split()[-1]
    return [
        topic.text if " " in topic.text else f"{topic.text} {kind}"
        for topic in evidence.topics
        if (a_thing(topic.text) if " " in topic.text else of_the_domain([topic.text], domain))
    ]


def _buyer_texts(evidence: Evidence, cluster: ClusterEvidence) -> tuple[list[str], list[int]]:
    """A theme's buyer quotes and the call each was said in."""
    quotes = [q for q in evidence.cluster_quotes(cluster) if q.role == "buyer"]
    return [q.text for q in quotes], [q.call_id for q in quotes]


def general_targets(evidence: Evidence, rivals: Sequence[str]) -> list[str]:
    """What a brief naming no rival may target besides its buyers' phrases: our kind of product
    for whom the pitch is for ("funeral home software"), then the themes' names naming none
    that a searcher types (``keyword_like``), else the first naming none."""
    category = evidence.product_category or "software"
    aimed = for_audience(category, evidence.audience, max(KEYWORD_WORDS))
    themes = [c.name for c in evidence.clusters if not named_competitors(c.name, rivals)]
    searched = [name for name in themes if keyword_like(name)] or themes[:1]
    return [*([aimed] if aimed else []), *searched]


def searched_by(evidence: Evidence) -> str | None:
    """Whom the page's calls share, as a searcher names them: the page's industry, else the one
    industry its calls name, else (none named) whom the pitch is for; None where the calls
    span several ("booking software pricing" had targeted a page of driving schools' calls)."""
    if evidence.industry:
        return evidence.industry
    named = {i.casefold() for c in evidence.clusters for i in c.industries}
    if named:
        return named.pop() if len(named) == 1 else None
    return evidence.audience


def section_questions(
    evidence: Evidence, cluster: ClusterEvidence, asked: set[str]
) -> list[OutlineHeading]:
    """A theme's H3s, none asked before on the page: its buyers' own questions as asked, then
    each category's question for the worries stated ("Is it worth the price for a business our
    size?" for "Per order is going to hurt us."), most quoted first, then the theme's worry as a
    searcher asks it of our kind of product ("How much does scheduling software cost?"); each
    citing its quotes that speak of it (``speaks_of_question``). Never a statement copied as
    said."""
    sources = heading_sources(evidence, cluster)
    category = evidence.worry_category(cluster)
    product = evidence.product_category
    searched = say("search_question", category=category, product=product)
    # Buyers who asked it in so many words (a question theme on the worry's category): the
    # searched question cites them, not the worries ("But honestly it's the money." had been
    # cited under "How much does scheduling software cost?" beside "What about the cost?").
    # Each theme's own question (``theme_question``) is kept for "Questions to answer".
    themes = asked_themes(evidence, cluster)
    reserved = {found[1] for t in themes if (found := theme_question(evidence, t, set()))}
    asking = [
        q.id
        for theme in themes
        for q in heading_sources(evidence, theme)
        if searched and q.id not in reserved and speaks_of_question(searched, q.text, category)
    ]
    headings = [
        OutlineHeading(text=clip(capitalised(q.text.strip()), 120), citations=[q.id])
        for q in sources
        if asked_as_heading(q.text)
    ]
    worries: dict[str, list[int]] = {}
    for q in sources:
        if q.text.rstrip().endswith("?"):
            continue  # a question not fit to head a section is no worry stated
        category = q.category or cluster.category
        question = say(
            "faq_question", category=category, competitor=q.competitor or cluster.competitor
        )
        # a quote cites the question only where it speaks of it ("whether you'll still be
        # here in five years" is no sign-off question)
        rivals = rivals_asked_about(cluster, question)
        if question and speaks_of_question(question, q.text, category, rivals):
            worries.setdefault(question, []).append(q.id)
    ranked = sorted(worries.items(), key=lambda item: -len(item[1]))
    if product and searched and asking and searched not in worries:
        ranked.append((searched, asking))
    elif product and searched and ranked and len(ranked[0][1]) > 1:
        # The theme's worry as searched, from the later half of the quotes its category's
        # question has and the worries no question cites, those that speak of it ("When ...?"
        # of a line saying when): each quote backs one claim, none a question it says nothing of.
        (text, ids), half = ranked[0], (len(ranked[0][1]) + 1) // 2
        cited = {i for _, quoted in ranked for i in quoted}
        spare = [q for q in sources if q.id not in cited and not q.text.rstrip().endswith("?")]
        said = {q.id: q.text for q in sources}
        offered = [*ids[half:], *(q.id for q in spare)]
        moved = [i for i in offered if speaks_of_question(searched, said[i], category)]
        if moved:
            kept = [i for i in ids if i not in moved]
            ranked = [(text, kept), *ranked[1:], (searched, moved)]
    headings += [OutlineHeading(text=text, citations=ids[:4]) for text, ids in ranked]
    fresh = [h for h in headings if h.text not in asked][:4]
    asked.update(h.text for h in fresh)
    return fresh


def outline(evidence: Evidence) -> list[OutlineSection]:
    """An H2 per theme with the questions it raises; a theme with none left out while another
    has some (a heading with nothing under it outlines nothing)."""
    asked: set[str] = set()
    sections = []
    for cluster in outlined_themes(evidence)[:6]:
        headings = section_questions(evidence, cluster, asked)
        if headings:  # the H2 claims nothing its H3s do not: they cite
            sections.append(
                OutlineSection(
                    h2=_h2(cluster),
                    h3=headings,
                    citations=[],
                )
            )
    if sections:
        return sections
    first = outlined_themes(evidence)[0]
    quoted = [q.id for q in evidence.cluster_quotes(first)][:1]
    return [OutlineSection(h2=_h2(first), citations=quoted)]


def _h2(cluster: ClusterEvidence) -> str:
    """A theme's H2: its name in a reader's words (``reader_heading``)."""
    return clip(capitalised(reader_heading(cluster.name)), 120)


def outlined_topics(topics: Sequence[str], sections: Sequence[OutlineSection]) -> list[str]:
    """The search topics, once each, that a heading of the outline names (a word of the same
    stem): a meta description had promised "what buyers ask about training" of a brief whose
    sections asked only whether staff would use the app."""
    said = {
        w
        for s in sections
        for text in (s.h2, *(h.text for h in s.h3))
        for w in re.findall(r"[a-z]+", text.lower())
    }
    return [
        t
        for t in dict.fromkeys(topics)
        if all(any(same_stem(w, h) for h in said) for w in t.lower().split())
    ]


def outlined_first(
    evidence: Evidence, found: list[str], sections: list[OutlineSection]
) -> list[str]:
    """``found`` with the first keyword the outline speaks of first: the page's target. Each
    of its words, less those of our kind of product and whom it is for, has a word of the same
    stem in a heading, a quote one cites or the search topic of a theme it heads. "help desk",
    said across the calls but in no theme the outline heads, had targeted a brief none of whose
    sections spoke of it. Unchanged where none is spoken of."""
    cited = {i for s in sections for i in (*s.citations, *(i for h in s.h3 for i in h.citations))}
    headed = {s.h2 for s in sections}
    texts = [
        *(text for s in sections for text in (s.h2, *(h.text for h in s.h3))),
        *(q.text for q in evidence.quotes if q.id in cited),
        *(search_topic(evidence, c) for c in outlined_themes(evidence) if _h2(c) in headed),
    ]
    said = {w for text in texts for w in re.findall(r"[a-z]+", text.lower())}
    # Our kind of product for whom ("independent marina software") is what the page is about.
    whom = (evidence.product_category or "software", evidence.audience, searched_by(evidence))
    page = {w for named in whom if named for w in named.lower().split()}
    spoken = [
        k
        for k in found
        if all(any(same_stem(w, s) for s in said) for w in k.split() if w not in page)
    ]
    return [*spoken[:1], *(k for k in found if k not in spoken[:1])]


def seo_brief(evidence: Evidence) -> SEOBrief:
    require_quotes(evidence)
    sections = outline(evidence)
    found = outlined_first(evidence, keywords(evidence), sections)
    target = clip(found[0], 120)
    themes = outlined_themes(evidence)
    topics = [t for c in themes if (t := search_topic(evidence, c))]
    asked: set[str] = set()
    stated: set[int] = set()
    outlined = outlined_topics(topics, sections)
    others = [t for t in outlined if t not in target.split()]
    # The target's own topic leads the others: "… pricing: what buyers ask about security" had
    # read as a page on security.
    others = [t for t in outlined if t not in others] + others if others else []
    questions = questions_to_answer(evidence, sections)
    headed = {i for s in sections for h in s.h3 for i in h.citations}
    used = headed | {i for p in questions for i in p.citations}
    faq = [
        # Its buyer quotes are an H3's sources already: the entry keeps the reply it quotes.
        qa.model_copy(update={"citations": [i for i in qa.citations if i not in used]})
        for c in themes
        if (qa := faq_entry(evidence, c, asked, stated))
    ][:4]
    links = [
        LinkSuggestion(
            anchor=clip(reader_heading(c.name), 120),
            target=_LINK_TARGETS.get(c.category or "", "/faq"),
        )
        for c in themes[:5]
    ]
    intent = (
        "informational" if all(c.kind == "question" for c in evidence.clusters) else "commercial"
    )
    base = 800 + 250 * len(themes)
    spelled = evidence.as_spelled(target)
    return SEOBrief(
        title=clip(say("seo_title", target=spelled), 70),
        meta_description=clip(say("seo_meta", keyword=spelled, topics=others), 155),
        target_keyword=target,
        secondary_keywords=[clip(p, 120) for p in found[1:9]],
        search_intent=intent,
        outline=sections,
        questions=questions,
        word_count_min=min(base, 4000),
        word_count_max=min(base + 600, 6000),
        internal_links=links,
        faq_schema=faq,
    )
