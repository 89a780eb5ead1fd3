"""Evidence for a document: clusters, numbered quotes with call context, answers, phrases, facts.

Both the LLM prompt and the offline draft are built from the same ``Evidence``, so every claim
either way can cite a quote id ``Q<n>`` (or a competitor fact ``F<n>``) that really exists.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from pipeline.content.citable import Fact as Fact
from pipeline.content.citable import Phrase as Phrase
from pipeline.content.citable import Quote as Quote
from pipeline.content.cluster_evidence import ClusterEvidence as ClusterEvidence
from pipeline.content.cluster_evidence import Reach as Reach
from pipeline.content.offers import Buyer, buyer_of, markets_of, offered_to
from pipeline.content.pairing import answers_theme, shares_topic, states_gap
from pipeline.content.profile import (
    CATEGORY_SECTIONS,
    ProfileFact,
    agreed_fact,
    content_words,
    facts_for,
    nearest_fact,
)
from pipeline.content.scale import fits_scale
from pipeline.content.scope import speaks_to
from pipeline.content.section_fit import section_answers
from pipeline.content.topics import asks_about_topic, worry_topic
from pipeline.deals import Deal
from pipeline.regions import distinct, regions_named
from pipeline.wording import capitalised

OUTLIER_SIGMAS = 2.0  # a fact answers a rival's quote when its closeness stands out this much


@dataclass
class Evidence:
    clusters: list[ClusterEvidence]
    quotes: list[Quote]
    phrases: list[Phrase]
    facts: list[Fact]
    competitor: str | None = None
    redacted: bool = True
    accounts_of: dict[int, str] = field(default_factory=dict, repr=False)
    notes: frozenset[int] = frozenset()  # the calls that are written notes (``written_notes``)
    topics: list[Phrase] = field(default_factory=list)  # said across its calls (``buyer_topics``)
    profile: list[ProfileFact] = field(default_factory=list)
    product: str | None = None  # our product's name, from the profile
    product_category: str | None = None  # what a searcher calls it ("seo_keywords")
    audience: str | None = None  # whom the profile's pitch says it is for ("driving instructor")
    cta: str | None = None
    industry: str | None = None  # the segment whose calls alone it was collected from
    picked: bool = False  # the user chose its themes (not "the ones heard most")
    markets: frozenset[str] = frozenset()  # the markets most of the page's calls name
    foreign_words: frozenset[str] = frozenset()  # words naming the calls' other industries
    industries: tuple[str, ...] = ()  # every industry of the workspace's calls
    rival_forms: tuple[str, ...] = ()  # how buyers write ``competitor`` (``rival_deals``)
    rival_calls: int = 0  # the calls whose buyers named ``competitor`` (the dashboard's count)
    rival_deals: tuple[Deal, ...] = ()  # the deals naming ``competitor`` (``pipeline.deals``)
    rival_won: frozenset[int] = frozenset()  # lost deals' calls that ``competitor`` won
    rival_said: frozenset[int] = frozenset()  # quote ids of what buyers said of ``competitor``
    rival_reasons: tuple[int, ...] = ()  # quote ids of the lines saying why it won a lost deal
    rival_praise: tuple[int, ...] = ()  # quote ids of buyers' praise of us against it
    # A rival's quote id -> each profile fact's cosine to it, where the facts have vectors.
    quote_closeness: dict[int, dict[int, float]] = field(default_factory=dict, repr=False)
    buyers: dict[int, Buyer] = field(default_factory=dict, repr=False)  # call id -> its buyer
    _by_id: dict[int, Quote] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {quote.id: quote for quote in self.quotes}

    def quote(self, quote_id: int) -> Quote | None:
        return self._by_id.get(quote_id)

    def fact(self, fact_id: int) -> Fact | None:
        return next((fact for fact in self.facts if fact.id == fact_id), None)

    def profile_for(
        self, cluster: ClusterEvidence, limit: int = 2, besides: str = ""
    ) -> list[ProfileFact]:
        """Profile facts that answer this cluster's category of objection, those closest to
        what its buyers said first; none that mostly repeats ``besides`` (a reply beside it)."""
        # Its name and keywords (what sets it apart from the other clusters), not every word
        # of its quotes: "staff" and "time" are in most worries and answer none.
        said = [cluster.name, *cluster.keywords]
        meant = self.meant_fact(cluster)
        if meant is not None:
            return [meant] if self.answers(cluster, meant.text) else []
        facts, category = self.answering(cluster.markets), self.worry_category(cluster)
        listed = self.listed_answers(cluster, facts, lambda f: cluster.said_closeness.get(f.id, 0))
        if listed:
            return listed[:limit]
        owned = self._owned(cluster)
        if not asks_about_topic(category) and cluster.fact_closeness:
            agreed = agreed_fact(facts, cluster.fact_closeness, cluster.said_closeness, owned)
            facts = [f for f in facts if f.id in agreed]
        offered = facts_for(
            facts,
            category,
            len(facts),
            about=" ".join(said),
            besides=besides,
            near=cluster.fact_closeness,
            owned=owned,
        )
        return [f for f in offered if self.answers(cluster, f.text)][:limit]

    def listed_answers(
        self,
        cluster: ClusterEvidence,
        facts: list[ProfileFact],
        near: Callable[[ProfileFact], float],
        shown: Sequence[str] = (),
    ) -> list[ProfileFact]:
        """The facts of the theme's own list answering it (``section_answers``) when its
        quotes (and the lines ``shown``) name that list's topic, for a size its buyers are."""
        said = [*shown, *(q.text for q in self.cluster_quotes(cluster) if q.role == "buyer")]
        category = self.worry_category(cluster)
        own, others = cluster.industries, self.industries
        found = section_answers(facts, category, said, near, own=own, industries=others)
        return [f for f in found if fits_scale(f.text, said)]

    def answers(self, cluster: ClusterEvidence, text: str) -> bool:
        """Whether a profile fact is about what the theme's buyers said (``answers_theme``),
        not only of its category, and holds for a size they are (``fits_scale``)."""
        said = [q.text for q in self.cluster_quotes(cluster) if q.role == "buyer"]
        said = said or [cluster.name, *cluster.keywords]
        rivals = [*cluster.competitors, *([self.competitor] if self.competitor else [])]
        return fits_scale(text, said) and answers_theme(
            text, said, rivals=rivals, own=cluster.industries, industries=self.industries, fact=True
        )

    def meant_fact(self, cluster: ClusterEvidence) -> ProfileFact | None:
        """The fact a theme means when it is not what the detector called it: its nearest
        fact by meaning, read alike from its centre and from its quoted buyer words, when that
        is in none of its category's lists and no other theme on the page is nearer it. "I'll
        have a walkout" if a tracker goes in a nurse's car, called a security worry, had been
        answered "Data hosted in AWS us-east-1", not "Off-duty privacy mode". Comparisons, not
        a threshold: no figure to tune to one workspace. None where its quotes name its topic."""
        if self.worry_category(cluster) != cluster.category:
            return None  # what its quoted lines say outweighs a weak vector
        facts = self.answering(cluster.markets)
        sections = CATEGORY_SECTIONS.get(cluster.category or "", ())
        nearest = nearest_fact(facts, cluster.fact_closeness)
        if not sections or nearest is None or nearest.section in sections:
            return None
        said = [q.text for q in self.cluster_quotes(cluster) if q.role == "buyer"]
        if any(shares_topic(f.text, said) for f in facts if f.section in sections):
            # Its buyers name what its own lists speak of: "your US hosting wasn't going to
            # fly" is answered by where data is hosted, not by the plan with SSO beside it.
            return None
        if nearest_fact(facts, cluster.said_closeness) != nearest:
            return None  # its centre and its buyers' words do not agree on what it means
        owned = self._owned(cluster)
        return nearest if owned is None or nearest.id in owned else None

    def worry_category(self, cluster: ClusterEvidence) -> str | None:
        """The category whose facts answer the theme (``worry_topic``): "We're locked into a
        RivalCo contract" had been answered by a feature sharing "design"."""
        said = [q.text for q in self.cluster_quotes(cluster) if q.role == "buyer"]
        return worry_topic(cluster.category, said)

    def fresh_facts(
        self, cluster: ClusterEvidence, limit: int, stated: set[int], besides: str = ""
    ) -> list[ProfileFact]:
        """``profile_for``, a fact an earlier answer of the page stated only when the theme has
        no other ("Starter is month to month" had answered both the sign-off and the contract
        worry); ``stated`` takes the ones chosen."""
        offered = self.profile_for(cluster, limit + 2, besides=besides)
        return _fresh([f for f in offered if not states_gap(f.text)], limit, stated)

    def quote_facts(self, quote: Quote, stated: set[int]) -> list[ProfileFact]:
        """The profile fact answering one buyer quote, by its category and words (and its
        theme's meaning): our side of a comparison's row had always said "To write". With the
        quotes' and facts' vectors, the fact nearest the quote, if any stands out: "A one-year
        term at Clio's price" had been answered with "Firms that switched from spreadsheets
        stopped re-keying time entries" (the competitor category's lists)."""
        theme = next((c for c in self.clusters if c.id == quote.cluster_id), None)
        facts = self.answering(theme.markets if theme else self.markets)
        mine = self.quote_closeness.get(quote.id)
        if mine:
            floor = self.quote_floor
            nearest = [f for f in facts if mine.get(f.id, -1.0) >= floor]
            return _fresh(sorted(nearest, key=lambda f: (-mine[f.id], f.id))[:3], 1, stated)
        offered = facts_for(
            facts,
            worry_topic(quote.category, [quote.text]),
            3,
            about=quote.text,
            near=theme.fact_closeness if theme else {},
            owned=self._owned(theme) if theme else None,
        )
        return _fresh(offered, 1, stated)

    def topic_facts(self, quote: Quote, topic: str, stated: set[int]) -> list[ProfileFact]:
        """The profile fact answering a quote whose worry is ``topic`` (a rival's contract,
        its price), from that topic's lists, by shared words and then meaning: "Billing can
        start when your current contract ends" for "we're locked in until October"."""
        near = self.quote_closeness.get(quote.id, {})
        offered = facts_for(self.answering(self.markets), topic, 3, about=quote.text, near=near)
        return _fresh(offered, 1, stated)

    @cached_property
    def quote_floor(self) -> float:
        """How near a fact must be to a quote to answer it: standing out from the page's
        quote-fact pairs, as an outlier does (two standard deviations). "Clio has been around
        forever." is near no fact, however near its nearest is. None to reach without vectors."""
        pairs = [v for c in self.quote_closeness.values() for v in c.values()]
        if not pairs:
            return math.inf
        return statistics.fmean(pairs) + OUTLIER_SIGMAS * statistics.pstdev(pairs)

    def near_in_meaning(self, quotes: Sequence[Quote], fact: ProfileFact) -> bool:
        """Whether a fact is as near one of ``quotes`` in meaning as it must be to answer it."""
        near = [self.quote_closeness.get(q.id, {}).get(fact.id) for q in quotes]
        return max((v for v in near if v is not None), default=-math.inf) >= self.quote_floor

    @cached_property
    def _nearest_theme(self) -> dict[int, float]:
        """Each fact's highest closeness to any theme on the page."""
        best: dict[int, float] = {}
        for cluster in self.clusters:
            for fact_id, value in cluster.fact_closeness.items():
                best[fact_id] = max(best.get(fact_id, value), value)
        return best

    def _owned(self, cluster: ClusterEvidence) -> frozenset[int] | None:
        """The facts nearer this theme than any other theme on the page (by their vectors);
        None when the page has one theme or no vectors (nothing to compare)."""
        if len(self.clusters) < 2 or not cluster.fact_closeness:
            return None
        best = self._nearest_theme
        return frozenset(f for f, value in cluster.fact_closeness.items() if value >= best[f])

    def answering(self, markets: frozenset[str]) -> list[ProfileFact]:
        """The facts that may answer a worry: one about one industry's customers on that
        industry's page only ("Ortho practices fill 80%..." had answered "sign-off"), one about
        one market (``speaks_to``) a worry heard in that market's calls only."""
        return [f for f in self.profile if self.may_state(f, markets)]

    def buyers_for(self, quotes: Sequence[Quote]) -> list[Buyer]:
        """The buyers who said these quotes (their calls' ``Buyer``; else their own words)."""
        said = [q for q in quotes if q.role != "answer"]
        fallback = (buyer_of([q.text, q.account or ""], None, [q.industry or ""]) for q in said)
        return [self.buyers.get(q.call_id) or b for q, b in zip(said, fallback, strict=True)]

    def told(self, quotes: Sequence[Quote], markets: frozenset[str]) -> list[ProfileFact]:
        """The facts the buyers of ``quotes`` may be told (``offered_to``): of their calls'
        markets, else of ``markets``; an offer only to a buyer it is for."""
        buyers = self.buyers_for(quotes)
        mine = self.answering(markets_of(buyers) or markets)
        return [f for f in mine if offered_to(f, buyers)]

    def as_spelled(self, phrase: str) -> str:
        """A lower-case phrase as a buyer wrote it, first letter up ("Housecall Pro", "ezyVet");
        else each word written with a capital past its first letter as written ("MFA software",
        not "Mfa software", of a buyer's "MFA"; a capital a sentence opens on is no spelling)."""
        said = self._spelled(phrase)
        if said is None:
            written = [self._spelled(w) or w for w in phrase.split()]
            said = " ".join(w if w[1:] != w[1:].lower() else w.lower() for w in written)
        return capitalised(said)

    def _spelled(self, phrase: str) -> str | None:
        """``phrase`` as the first quote saying it wrote it; None where none does."""
        words = r"\s+".join(map(re.escape, phrase.split()))
        pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
        return next((m.group(0) for q in self.quotes if (m := pattern.search(q.text))), None)

    def profile_section(self, *sections: str) -> list[ProfileFact]:
        """The facts of these lists the page's buyers may be told (``speaks_to``)."""
        return [f for f in self.profile if f.section in sections and self.may_state(f)]

    def may_state(self, fact: ProfileFact, markets: frozenset[str] | None = None) -> bool:
        """Whether buyers of ``markets`` (the page's) may be told ``fact``: one about one
        industry's customers on a page for that industry or whose calls are all of it (a
        one-pager for every industry had
        stated "[Light industrial] Temp desks cut..." as true of all), it speaks to their market
        (``speaks_to``) and names none of the calls' other industries in words its buyers do
        not use themselves ("landlord" of a "Private landlord" call, to letting agents)."""
        pages = self._page_industries
        if fact.industry is not None and not (pages and all(map(fact.fits, pages))):
            return False
        page = self.markets if markets is None else markets
        said = speaks_to(fact.text, page or self._home_market)
        return said and not content_words(fact.text) & self.foreign_words - self._heard

    @cached_property
    def _home_market(self) -> frozenset[str]:
        """The one market the whole profile names, if it names one only: the product's own
        ("£149 a month per site" in a profile with no other money), which a page whose calls
        show no market is in. A British-only price list had left "Price" to write."""
        named = frozenset().union(*(distinct(regions_named(f.text)) for f in self.profile))
        return named if len(named) == 1 else frozenset()

    @cached_property
    def _page_industries(self) -> list[str]:
        """The industry the page is for, else its themes' calls' (none if a theme has none)."""
        if self.industry:
            return [self.industry]
        return sorted({i for c in self.clusters for i in c.industries}) * all(
            c.industries for c in self.clusters
        )

    @cached_property
    def _heard(self) -> frozenset[str]:
        """The content words the page's buyers said."""
        return frozenset(w for q in self.quotes if q.role == "buyer" for w in content_words(q.text))

    def of_kind(self, *kinds: str) -> list[Quote]:
        return [quote for quote in self.quotes if quote.kind in kinds]

    def cluster_quotes(self, cluster: ClusterEvidence) -> list[Quote]:
        return [self._by_id[qid] for qid in cluster.quote_ids]

    def cluster_answers(self, cluster: ClusterEvidence) -> list[Quote]:
        return [self._by_id[qid] for qid in cluster.answer_ids]

    def answered(self, cluster: ClusterEvidence) -> list[tuple[Quote, Quote]]:
        """The cluster's won-deal answers, each with the buyer objection it followed."""
        pairs = [(self.quote(a.replies_to or 0), a) for a in self.cluster_answers(cluster)]
        return [(objection, answer) for objection, answer in pairs if objection is not None]

    def of_clusters(self, *kinds: str) -> list[ClusterEvidence]:
        return [cluster for cluster in self.clusters if cluster.kind in kinds]

    def reach(self, clusters: list[ClusterEvidence] | None = None) -> Reach:
        """Mentions, distinct calls and accounts of these clusters (all by default), and how
        many of the calls are written notes: the numbers every document states, the same as
        the cluster statistics."""
        chosen = self.clusters if clusters is None else clusters
        calls = {call_id for cluster in chosen for call_id in cluster.call_ids}
        accounts = {self.accounts_of.get(call_id) for call_id in calls} - {None, ""}
        return Reach(sum(c.size for c in chosen), len(calls), len(accounts), self.notes_in(calls))

    def notes_in(self, call_ids: Iterable[int]) -> int:
        """How many of ``call_ids`` are written notes: every count a page states says them
        apart from spoken calls ("on 2 sales calls and in 3 CRM notes", ``heard_on``)."""
        return len(set(call_ids) & self.notes)

    @property
    def total_mentions(self) -> int:
        return sum(cluster.size for cluster in self.clusters)

    @property
    def call_count(self) -> int:
        return self.reach().calls

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (stored on the document so exports and the UI can show the sources)."""
        return {
            "competitor": self.competitor,
            "redacted": self.redacted,
            "clusters": [
                {
                    k: v
                    for k, v in _jsonable(cluster).items()
                    if k not in ("fact_closeness", "said_closeness", "markets", "industries")
                }
                for cluster in self.clusters
            ],
            "quotes": [_jsonable(quote) | {"label": quote.label} for quote in self.quotes],
            "phrases": [_jsonable(phrase) for phrase in self.phrases],
            "facts": [_jsonable(fact) | {"label": fact.label} for fact in self.facts],
            "profile": [_jsonable(fact) | {"label": fact.label} for fact in self.profile],
            "product": self.product,
            "industry": self.industry,
            "rival_calls": self.rival_calls,  # a comparison's "named on N calls", for staleness
        }


def _fresh(offered: list[ProfileFact], limit: int, stated: set[int]) -> list[ProfileFact]:
    """``offered`` less the facts already stated, unless nothing else is offered."""
    facts = ([f for f in offered if f.id not in stated] or offered)[:limit]
    stated.update(f.id for f in facts)
    return facts


def _jsonable(item: Any) -> dict[str, Any]:
    """Shallow dataclass -> dict (``asdict`` deep-copies, which costs more than the draft)."""
    values = {f.name: getattr(item, f.name) for f in fields(item)}
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
