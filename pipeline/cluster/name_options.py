"""A theme's name options, best first: what most of its quotes say (a recurring phrase, a central
quote's clause), then its category and shared words, its topic, and only then one buyer's words.

Why apart from ``label``: ``label`` picks the first free option across themes (taken names,
rivals, favours); this module only ranks the options of one theme, so each rule of rank lives
in one place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.cluster.category_names import (
    NEED_CATEGORIES,
    described_name,
    needed_name,
    shared_name,
)
from pipeline.cluster.clauses import has_figure, names_a_concern, quote_clause
from pipeline.cluster.name_phrases import centrally_shared, spelled_as_said
from pipeline.cluster.pain_names import problem_names
from pipeline.cluster.quote_names import asked_whole
from pipeline.cluster.representative import (
    holds_for_most,
    paraphrased,
    shared_by_most,
    topic_strength,
)
from pipeline.cluster.topic_names import ASKED_KINDS, topic_category, topic_name, topic_words
from pipeline.detect.rules import cue_scores

CENTRAL_QUOTES = 5  # with no phrase to name it by, a clause of one of the most central quotes


def name_options(
    phrases: Sequence[str],
    by_centrality: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    category: str | None = None,
    kind: str | None = None,
    leading: set[str] | None = None,
) -> Iterator[str]:
    """Name options best first, spelled as said; lazy, since the first free one is usually
    the first (spelling a phrase scans every quote of the group). A recurring phrase or a
    central quote's clause comes first only when most quotes say what it says (``paraphrased``);
    else the category and the words its quotes share (``shared_name``), then its topic, and
    only then one buyer's words. Clauses that set the scene or stop short come last."""
    needed = needed_name(by_centrality, category, kind)
    if needed:  # what they cannot do without, never "Without a timesheet export"
        yield needed
    topic = category or topic_category(by_centrality)
    # A phrase or a clause names the theme only when most of its quotes say what it says
    # (``paraphrased``): "Send me the security" (two of sixteen security worries) had named one.
    held = [p for p in phrases if paraphrased(p, by_centrality, topic, competitors)]
    for phrase in held:
        yield spelled_as_said(phrase, by_centrality)
    central = by_centrality[: max(1, -(-len(by_centrality) // 2))]
    # a clause of an uncertain read (``leading``) names no theme, however many quotes say it
    clauses = [
        (quote_clause(quote, keywords), quote in central)
        for quote in by_centrality[:CENTRAL_QUOTES]
        if leading is None or quote in leading
    ]
    clauses = [(c, near) for c, near in clauses if c]  # "": no clause stands whole
    # A figure or a count is one buyer's ("About $97 a month" had named a price theme, "Every
    # two weeks I lose six hours to it" a payroll one): clauses without first, by centrality.
    clauses.sort(key=lambda clause: has_figure(clause[0]))
    concerns = [(c, near) for c, near in clauses if names_a_concern(c)]
    # "Where is the data stored" (a security cue) had named eleven quotes of agents, insurers'
    # templates and EDR exclusions; "My husband handles the books" six of partners and seasons.
    said = [c for c, _ in concerns if paraphrased(c, by_centrality, topic, competitors)]
    typical = [c for c, near in concerns if near and c in said]
    # Of those without a figure, the clause that says the topic most plainly first: "My CFO
    # wants payback under two years" (a contract cue in "two years") had named a contract
    # theme before "Our investors won't sign anything longer than twelve months".
    typical.sort(key=lambda c: (has_figure(c), -topic_strength(c, topic)))
    shared = shared_name(by_centrality, keywords, competitors, category, kind)
    # A need is named by the thing needed ("Missing feature: waitlist"), before one buyer's
    # wording of it ("Without a proper waitlist").
    if shared and category in NEED_CATEGORIES:
        yield shared
    yield from typical
    if shared:
        yield shared
    described = described_name(by_centrality, keywords, competitors, category, kind)
    if described:
        yield described
    yield from (c for c in said if c not in typical)
    # Then the topic itself ("Security"; a pain theme's shared words, "Timesheets") before a
    # phrase or a clause most quotes do not say: one buyer's, however plainly it says the topic.
    named_topic = topic_name(by_centrality, keywords, competitors, category, kind)
    if kind == "pain":
        # A pain's, as what its central quotes say of it: "Driver" had named ten pains about
        # ringing drivers to ask where they are.
        near = [q for q in by_centrality if leading is None or q in leading]
        # A complaint the most central quotes say outranks any one quote's words: "Too much
        # admin", said by the two most central of seven, before "They call it the ugly app".
        # A topic pair of two mixed pains ("Repeat prescriptions") is theirs, not the theme's.
        yield from (
            spelled_as_said(p, by_centrality)
            for p in centrally_shared(phrases, near)
            if p not in held and cue_scores(p).concern > 0
        )
        topics = topic_words(by_centrality, keywords, competitors)
        yield from problem_names(near[:CENTRAL_QUOTES], by_centrality, topics, named_topic)
    elif named_topic:
        yield named_topic
    # Last, a phrase or a clause whose words most quotes say (of one or two quotes, its own):
    # one buyer's words never name a theme of more ("The crem fee" had named ten pains, two on
    # fees; "Answering service", said twice in one turn, ten).
    yield from (
        spelled_as_said(p, by_centrality)
        for p in phrases
        if p not in held and holds(p, by_centrality)
    )
    yield from (c for c, _ in concerns if c not in said and holds(c, by_centrality))
    if kind in ASKED_KINDS:  # what the central question asks, before "If a baker leaves"
        yield from asked_whole(by_centrality, leading)
    scene = [c for c, _ in clauses if not names_a_concern(c)]
    yield from (c for c in scene if c not in said and holds(c, by_centrality))


def holds(option: str, texts: Sequence[str]) -> bool:
    """Whether most texts say one of the option's words (of one or two, its own quote's do),
    or say it word for word ("Six hours")."""
    return holds_for_most(option, texts) or shared_by_most(option, texts)
