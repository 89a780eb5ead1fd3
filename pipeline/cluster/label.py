"""Label stage: a short, human, unique name per cluster in the buyers' own words (no LLM needed).

Marketing reads these names all day, so a keyword list ("use / staff / app") is not enough. The
name is the recurring buyer phrase (2-6 words, ``name_phrases``) that best covers the
cluster and is most specific to it: coverage (weighted by how central each quote is) times the
share of the phrase's uses that fall in this cluster. With no phrase said twice, the name is the
most telling clause of a central quote; each holds for most of the quotes, else the theme's
topic names it (``topic_names``), else its most representative quote read whole
(``quote_names``); a name always reads alone (``name_shape``: no "Though?"). Each cluster
also keeps its c-TF-IDF keywords (``keywords``), for search and for telling duplicates apart;
no person is named. One theme's options are ranked in ``name_options``; this module picks
the first free one across themes.
An LLM can rename clusters through the ``ClusterLabeler`` seam (client in ``pipeline/llm.py``).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain

import numpy as np

from pipeline.cluster.answered import asked_name
from pipeline.cluster.buyer_words import buyers_first, buyers_first_order, by_side
from pipeline.cluster.keywords import KEYWORDS_KEPT, ctfidf_keywords
from pipeline.cluster.label_checks import telling_first, true_of_its_quotes
from pipeline.cluster.llm_names import ClusterLabeler, model_names
from pipeline.cluster.name_options import name_options
from pipeline.cluster.name_phrases import phrase_candidates
from pipeline.cluster.name_rules import clashes, names_last
from pipeline.cluster.name_sense import keeps_its_sense
from pipeline.cluster.name_shape import asks_a_favour, reads_alone, without_filler_edges
from pipeline.cluster.pain_shapes import thin_pain_name
from pipeline.cluster.people import names_a_person, without_vocatives
from pipeline.cluster.quote_names import asked_whole, representative_names
from pipeline.cluster.reported_questions import reported_question_name
from pipeline.cluster.representative import (
    TOPIC_SHARE,
    holds_without_rival,
    shared_by_most,
)
from pipeline.cluster.rival_themes import rival_theme_names, theme_rival
from pipeline.cluster.topic_names import (
    ASKED_KINDS,
    last_resort_name,
    spent_time_name,
    topic_name,
)
from pipeline.embed import Vectors
from pipeline.language import foreign_words, mostly_english
from pipeline.wording import capitalised


@dataclass(frozen=True)
class ClusterLabel:
    name: str
    keywords: list[str]
    central_quote: str


# A quote weighed under this share of the best one (an uncertain read: its confidence weighs in)
# is never a theme's typical quote, however plainly it says the topic.
LEADING_SHARE = 0.5


def name_clusters(
    groups: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[float]],
    keywords: Sequence[Sequence[str]] | None = None,
    competitors: Sequence[str] = (),
    categories: Sequence[str | None] = (),
    kind: str | None = None,
    kept: Sequence[str | None] = (),
    people: Collection[str] = frozenset(),
    answered: Sequence[Sequence[str | None]] | None = None,
    roles: Sequence[Sequence[str]] | None = None,
    calls: Sequence[Sequence[Hashable]] | None = None,
) -> list[str]:
    """One human name per group, no two too close (``name_rules.too_close``): best recurring
    phrase, else a representative quote's clause, else the group's category (``categories[i]``,
    else its quotes' topic; none for a ``kind`` without categories, ``topic_names``) and shared
    words, else the most central quote read whole (``quote_names``), else a neutral name
    (``last_resort_name``); never a person's (``people``: the calls' name words). ``kept[i]``:
    a name group i keeps (the user's, or one that holds), the others avoid. ``answered[i][j]``:
    the rep's question text j answers, if any; a theme of fragments answering one question is
    named from it first (``answered.asked_name``). ``roles[i][j]``: who said text j
    (``Utterance.role``); the buyers' lines name a theme before a rep's (``buyer_words``).
    ``calls[i][j]``: the call text j was said on: what a share of its quotes share names a theme
    nothing else holds for only when said on several (``topic_names.shared_topic_name``).

    ``centrality[i][j]`` is how typical text j is of group i (cosine to the centroid). A name
    already taken goes to the next candidate; failing that it gains a distinguishing keyword,
    else a central quote names it, and a number only when none reads alone. A
    competitor fewer than half the group's quotes name is "a competitor" in the name; a figure
    or a proper name fewer than most of its quotes say names it only when nothing else can.
    """
    keywords = keywords if keywords is not None else ctfidf_keywords(groups)
    candidates = phrase_candidates(groups, centrality, keywords)
    held = [kept[i] if i < len(kept) else None for i in range(len(groups))]
    taken: list[str] = [name for name in held if name]
    names: list[str] = []
    for i, texts in enumerate(groups):
        if held[i]:
            names.append(str(held[i]))
            continue
        category = categories[i] if i < len(categories) else None
        rival = theme_rival(texts, competitors, category, kind)
        if rival:  # "<Rival>: <what its buyers say of it>", every rival's theme alike
            patterned = list(rival_theme_names(rival, texts, keywords[i], competitors))
            taken.append(next((n for n in patterned if not clashes(n, taken)), patterned[0]))
            names.append(taken[-1])
            continue
        if kind in ASKED_KINDS and all(asks_a_favour(t) for t in texts):
            # Favours asked of whoever listens name nothing, nor does a topic their words cue:
            # "Sorry, Dev, can you grab the phone?" had been "Staff adoption".
            taken.append(last_resort_name("", texts, keywords[i], taken, kind, competitors))
            names.append(taken[-1])
            continue
        weights = np.asarray(centrality[i], dtype=np.float64)
        said_by = roles[i] if roles else ()
        # The buyers' lines are read first: a rep's note names a theme only when theirs cannot.
        by_centrality = [texts[j] for j in buyers_first_order(centrality[i], said_by)]
        buyers, reps = by_side(texts, said_by)
        # a quote weighed far below the best (an uncertain read) is never the typical one
        leading = {texts[int(j)] for j in np.flatnonzero(weights >= LEADING_SHARE * weights.max())}
        # An English theme's name is English: "Pero where is the data stored" had named one.
        fitting = partial(
            _fitting,
            texts=by_centrality,
            english=mostly_english(texts),
            people=people,
            competitors=competitors,
            kind=kind,
        )
        asked = asked_name(texts, centrality[i], answered[i]) if answered else None
        if kind in ASKED_KINDS:  # a note's "She asked whether ...": never its bracketed answer
            asked = asked or reported_question_name(by_centrality)
        reps_words: list[str] = []  # options only a rep's line says: after the buyers' quotes
        options = fitting(
            buyers_first(
                telling_first(
                    name_options(
                        candidates[i],
                        by_centrality,
                        keywords[i],
                        competitors,
                        category,
                        kind,
                        leading,
                    ),
                    names_last(texts, competitors),
                    partial(shared_by_most, texts=texts),
                ),
                buyers,
                reps,
                reps_words,
            )
        )
        first = asked if asked and not clashes(asked, taken) else next(options, "")
        name = first if not clashes(first, taken) else ""
        name = name or next((o for o in options if not clashes(o, taken)), "")
        if not name and reps_words:  # a buyer's most representative quote, then a rep's words
            quoted = representative_names(by_centrality, keywords[i], leading, buyers)
            said = chain(fitting(quoted), fitting(reps_words))
            name = next((o for o in said if not clashes(o, taken)), "")
        if not name:
            said_on = calls[i] if calls else None
            base = first or topic_name(by_centrality, keywords[i], competitors, category, kind)
            # most of its quotes say how long it takes: "Time spent", before one quote's words
            if kind == "pain":
                base = base or spent_time_name(texts, keywords[i], competitors, said_on)
            base = "" if names_a_person(base, texts, people, competitors) else base
            # Nothing holds: the most representative quote, read whole, before a number; a
            # question theme's central question whole ("Questions buyers ask (2)" had named one).
            asked_first = asked_whole(by_centrality, leading) if kind in ASKED_KINDS else ()
            quoted = fitting(
                chain(asked_first, representative_names(by_centrality, keywords[i], leading))
            )
            name = last_resort_name(
                base, texts, keywords[i], taken, kind, competitors, quoted, said_on
            )
        taken.append(name)
        names.append(name)
    return names


def _fitting(
    options: Iterable[str],
    texts: Sequence[str],
    english: bool,
    people: Collection[str],
    competitors: Sequence[str],
    kind: str | None,
) -> Iterator[str]:
    """The options that can name a theme of ``texts``, without the fillers at their edges
    ("Staffly too" is "Staffly"): each reads alone (``reads_alone``: never "Though?" nor
    "Talk to LedgerLeaf?"), in English for ``english`` quotes, of no person, no thin pain name,
    each rival it names true of its quotes (else "a competitor", if that holds), no negation
    dropped nor term cut mid-phrase (``name_sense``: never "Status quo: interested right")."""
    for option in options:
        o = without_filler_edges(option)
        if (
            not reads_alone(o)
            or not keeps_its_sense(o, texts)
            or (english and foreign_words(o))
            or names_a_person(o, texts, people, competitors)
            or (kind == "pain" and thin_pain_name(o, texts, TOPIC_SHARE))
        ):
            continue
        named = true_of_its_quotes(o, texts, competitors)
        if named == capitalised(o) or holds_without_rival(named, texts, competitors):
            yield named


def centralities(
    vectors: Vectors, members: Sequence[Sequence[int]], centroids: Vectors
) -> list[list[float]]:
    """How typical each member is of its group (cosine to its centroid), one group at a time."""
    return [
        [float(s) for s in (vectors[list(rows)] @ centroids[i])] if len(rows) else []
        for i, rows in enumerate(members)
    ]


NOTE_WEIGHT = 0.5  # a rep's note of the buyer's words, beside the buyer's own, for a name


def naming_weights(
    typical: Sequence[float], sure: Sequence[float], roles: Sequence[str]
) -> list[float]:
    """How much each quote weighs in its theme's name: how typical (``centralities``) times how
    sure the detector is, a rep's note at half. An uncertain read ("What do we pay ClockBee...
    about ninety.", 0.23) had named a price theme; the buyers' own words name it first."""
    return [
        t * s * (NOTE_WEIGHT if role == "rep_note" else 1.0)
        for t, s, role in zip(typical, sure, roles, strict=True)
    ]


def label_clusters(
    groups: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[float]],
    labeler: ClusterLabeler | None = None,
    competitors: Sequence[str] = (),
    categories: Sequence[str | None] = (),
    kind: str | None = None,
    kept: Sequence[str | None] = (),
    people: Collection[str] = frozenset(),
    answered: Sequence[Sequence[str | None]] | None = None,
    roles: Sequence[Sequence[str]] | None = None,
    calls: Sequence[Sequence[Hashable]] | None = None,
) -> list[ClusterLabel]:
    """Names, keywords and most central quote per group; names apart across groups.
    ``centrality[i][j]``: how typical text j is of group i (``centralities``); ``kind``: the
    groups' (a pain theme's name takes no objection category's label); ``kept``: names that
    hold (``name_clusters``), which a labeler's do not replace; ``people``: the calls' name
    words (``people.person_words``), said to (dropped) or of (no keyword, no name);
    ``answered``: the question each text answers, ``roles``: who said it, ``calls``: on which
    call (``name_clusters``).

    With a ``labeler`` (an LLM) its names replace the built-in ones where it gives a usable one.
    """
    said = [[without_vocatives(text, people) for text in texts] for texts in groups]
    keywords = [
        [k for k in found if not names_a_person(k, texts, people, competitors)][:KEYWORDS_KEPT]
        for found, texts in zip(ctfidf_keywords(said, 2 * KEYWORDS_KEPT), said, strict=True)
    ]
    names = name_clusters(
        said,
        centrality,
        keywords,
        competitors,
        categories,
        kind,
        kept,
        people,
        answered,
        roles,
        calls,
    )
    if labeler is not None:
        names = model_names(labeler, groups, centrality, keywords, names, kept)
    return [
        ClusterLabel(
            names[i], keywords[i], texts[int(np.argmax(centrality[i]))] if len(texts) else ""
        )
        for i, texts in enumerate(groups)
    ]
