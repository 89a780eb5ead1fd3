"""Collect the evidence pack for a document from the database: the clusters' most representative
quotes, what reps answered in won deals, why-now and competitor quotes, phrases, facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.label_checks import COMPETITOR_SHARE
from pipeline.cluster.phrases import names_in_workspace, names_someone
from pipeline.cluster.queries import typicality
from pipeline.cluster.rivals import rivals_named
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.content.buyer_phrases import buyer_phrases
from pipeline.content.buyer_topics import buyer_topics
from pipeline.content.call_buyers import buyers_of_calls
from pipeline.content.choose import of_industry
from pipeline.content.evidence import ClusterEvidence, Evidence, Fact, Quote
from pipeline.content.market import (
    foreign_context,
    in_page_language,
    market_pains,
    reasons_to_act,
    sure_buyer_calls,
)
from pipeline.content.mention_rows import mention_rows
from pipeline.content.profile import ProfileFact, current_profile, profile_facts
from pipeline.content.quote_text import clip
from pipeline.content.quotes import (
    QUOTED_ROLES,
    QuoteNumberer,
    QuoteRank,
    buyer_quotes,
    candidates,
    running_on,
    shown,
    with_deal_outcomes,
)
from pipeline.content.rival_claims import names_winner
from pipeline.content.rival_deals import (
    about_rival,
    calls_naming,
    following_rival,
    rival_forms,
    said_of_rival,
    won_by,
)
from pipeline.content.rival_praise import praise_of_us, turns_to_praise
from pipeline.content.scope import Audiences, foreign_words, speaks_to
from pipeline.content.scrub import account_pattern
from pipeline.content.seo_keywords import pitch_audience, product_category
from pipeline.content.theme_names import theme_name, without_people, without_placeholders
from pipeline.content.won_answers import (
    ANSWERS_PER_CLUSTER,
    BORROW_POOL,
    MentionRow,
    answers_in_won_deals,
)
from pipeline.content.written_notes import written_notes
from pipeline.deals import deal_outcomes, deals_naming
from pipeline.embed import Embedder
from pipeline.embed.cache import embed_cached
from pipeline.errors import NotFound
from pipeline.firm_names import call_accounts
from pipeline.redact import Redactor, redactor_for
from pipeline.rival_names import RivalNames
from pipeline.store.models import Call, Cluster, CompetitorFact, Mention

QUOTES_PER_CLUSTER = 5
MAX_WHY_NOW = 4
MAX_COMPETITOR_QUOTES = 8


def _most_named_competitor(rows: Sequence[MentionRow]) -> str | None:
    """The competitor the cluster's buyers name most, when at least half its mentions name it:
    an FAQ asked "Why should we pick you over Staffly?" of 69 mentions, 8 calls of them naming
    Staffly (a cluster's figures are the whole cluster's)."""
    named = Counter(row[0].competitor for row in rows if row[0].competitor)
    if not named:
        return None
    name, count = named.most_common(1)[0]
    return name if count >= COMPETITOR_SHARE * len(rows) else None


def _cluster_category(rows: Sequence[MentionRow]) -> str | None:
    categories = Counter(row[0].category for row in rows if row[0].category)
    return categories.most_common(1)[0][0] if categories else None


def collect_evidence(
    session: Session,
    cluster_ids: Sequence[int],
    *,
    competitor: str | None = None,
    redact: bool = True,
    quotes_per_cluster: int = QUOTES_PER_CLUSTER,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
    embedder: Embedder | None = None,
    brands: Sequence[str] = (),
    names: Sequence[str] = (),
    rival_names: RivalNames | None = None,
    ours: Sequence[str] = (),
    topics: bool = False,
) -> Evidence:
    """Gather everything a document may cite for these clusters (and competitor), numbered.

    With ``industry`` the clusters' mentions, counts, quotes and won-deal replies are that
    industry's calls only (another industry's rep line had answered a 3PL worry). With
    an ``embedder`` the profile facts that answer a theme are chosen by meaning too; ``brands``
    (``configured_brands``) are never redacted as people, ``names`` (``redact_names``) always.
    A pain theme quotes and counts the market's problem only (``market_pains``: no existing
    customer's complaint about ``ours``, our company's and product's names). With ``topics``
    it reads what buyers said across the calls (``buyer_topics``, an SEO brief's keywords)."""
    clusters = [session.get(Cluster, cid) for cid in cluster_ids]
    missing = [cid for cid, cl in zip(cluster_ids, clusters, strict=True) if cl is None]
    if missing:
        raise NotFound(f"cluster(s) not found: {', '.join(map(str, missing))}")
    segment = of_industry(industry)
    rows_by_cluster = {
        cid: mention_rows(session, Mention.cluster_id == cid, *segment)
        for cid in dict.fromkeys(cluster_ids)
    }
    competitor_rows = about_rival(session, competitor, segment) if competitor else []
    forms = rival_forms(competitor, rival_names) if competitor else ()
    following = following_rival(session, competitor_rows, forms, *segment)
    competitor_rows = said_of_rival(competitor_rows, forms)
    call_ids = {row[2].id for rows in rows_by_cluster.values() for row in rows}
    call_ids |= {row[2].id for row in [*competitor_rows, *following]}
    deals = deals_naming(session, competitor, *segment) if competitor else []
    outcomes = deal_outcomes(session, call_ids)  # a call's deal's: its first call may be "open"
    redactor = redactor_for(session, call_ids, enabled=redact, brands=brands, names=names)
    numberer = QuoteNumberer(redactor, confident_at=confident_at)
    accounts = account_pattern(call_accounts(session))

    profile = current_profile(session)
    facts = [f for f in profile_facts(profile.profile if profile else None) if f.fits(industry)]
    fact_vectors = _fact_vectors(session, embedder, facts)
    audiences = Audiences()
    evidence_clusters: list[ClusterEvidence] = []
    for cluster in clusters:
        assert cluster is not None
        rows = rows_by_cluster[cluster.id]
        said = market_pains(rows, ours) if cluster.kind == "pain" else rows
        offered = in_page_language(said) if cluster.kind == "pain" else said
        pool = candidates(offered, roles=QUOTED_ROLES)  # the buyers' lines, then unknown sides'
        rank = QuoteRank(confident_at, typicality(session, cluster, [r[0].text for r in pool]))
        chosen = buyer_quotes(pool, numberer, quotes_per_cluster, rank)
        room = quotes_per_cluster - len(chosen)
        unsure = buyer_quotes(pool, numberer, room, rank, role="unknown")
        quote_ids, unknown_ids = (
            [numberer.mention(r, cluster.id, alone=_alone(cluster, r, forms, ours)) for r in picked]
            for picked in (chosen, unsure)
        )
        # A reply for one market ("We bill Australian customers in AUD") answers a theme
        # heard in that market's calls only.
        markets = audiences({r[2].id: r[2].raw_text for r in rows})
        answered = [
            a
            for a in answers_in_won_deals(
                session,
                rows,
                BORROW_POOL,
                confident_at=confident_at,
                order=rank.key,
                embedder=embedder,
            )
            if speaks_to(a.text, markets)
        ][:ANSWERS_PER_CLUSTER]
        answer_ids = [
            numberer.answer(
                a.reply,
                a.text,
                a.call,
                cluster.id,
                numberer.objection(a.objection, cluster.id),
            )
            for a in answered
        ]
        dates = sorted(r[2].call_date for r in rows if r[2].call_date)
        by_outcome = Counter({r[2].id: outcomes[r[2].id] for r in rows}.values())
        rivals = rivals_named(session, Mention.cluster_id == cluster.id, *segment)
        category = _cluster_category(rows)
        name = theme_name(
            cluster.name,
            kind=cluster.kind,
            category=category,
            redactor=redactor,
            accounts=accounts,
        )
        evidence_clusters.append(
            ClusterEvidence(
                id=cluster.id,
                name=name,
                own_name=cluster.name,
                kind=cluster.kind,
                category=category,
                size=len(rows),
                calls=len({r[2].id for r in rows}),
                buyer_calls=len(sure := sure_buyer_calls(said, confident_at)),
                buyer_call_ids=sure,
                call_ids=sorted({r[2].id for r in rows}),
                accounts=len({r[2].account for r in rows if r[2].account}),
                outcomes=dict(sorted(by_outcome.items())),
                keywords=list(cluster.keywords or [])[:8],
                quote_ids=quote_ids,
                unknown_ids=unknown_ids,
                answer_ids=answer_ids,
                first_seen=dates[0] if dates else None,
                last_seen=dates[-1] if dates else None,
                competitor=_most_named_competitor(rows),
                competitors=sorted(rivals),
                fact_closeness=_closeness(cluster, facts, fact_vectors),
                said_closeness=_said_closeness(
                    session,
                    embedder,
                    [numberer.quotes[i - 1].text for i in quote_ids],
                    facts,
                    fact_vectors,
                ),
                markets=markets,
                industries=frozenset(r[2].industry for r in rows if r[2].industry),
            )
        )

    # What a buyer says of a named rival runs on ("We had a look at RotaPro a while back. The
    # rep was pushy and it was a two-year contract."): quoted with the sentence after it.
    # What goes on about it without its name is quoted first, each sentence alone ("And their
    # support is..." had shown the price rise before it, and been dropped as its repeat).
    rival_said = {numberer.mention(r, r[0].cluster_id, alone=True) for r in following[:8]}
    # A line about the rival that goes on into praise of us is quoted alone: the praise is
    # where we fit better (``rival_praise``), not in the rival's column.
    for row, goes_on in running_on(
        competitor_rows, numberer, MAX_COMPETITOR_QUOTES, QuoteRank(confident_at)
    ):
        alone = turns_to_praise(shown(row, goes_on=goes_on), row[0].text, forms, ours)
        rival_said.add(numberer.mention(row, row[0].cluster_id, goes_on=goes_on, alone=alone))
    # The rep's notes on the rival, quoted as the rep's: a CRM deal's "duplicate bills when
    # they synced X" had been counted and quoted nowhere.
    room = MAX_COMPETITOR_QUOTES - len(rival_said)
    notes = [r for r in competitor_rows if r[0].kind != "question"]
    for row in buyer_quotes(notes, numberer, room, QuoteRank(confident_at), role="rep_note"):
        numberer.mention(row, row[0].cluster_id, alone=True)
    # Why a lost deal went to the rival, in its own line or the rep's note ("Reason: went with
    # X, cheaper at their volume"): the page had counted that deal as lost to it, unquoted.
    in_deals = {c for deal in deals for c in deal.call_ids}
    lost = {c for deal in deals if deal.outcome == "lost" for c in deal.call_ids}
    rival_won = frozenset(won_by(session, call_ids | in_deals, forms, lost))
    # Then the other lines of those deals about the rival: its strength or what holds the buyer
    # to it ("Their MSP already runs X on all 40 machines"), the rep's note or the buyer's.
    reasons: dict[tuple[int, int], MentionRow] = {}  # a sentence tagged twice is one reason
    lost_to_them = [row for row in competitor_rows if row[2].id in rival_won]
    for row in sorted(lost_to_them, key=lambda r: not names_winner(r[0].text, forms)):
        reasons.setdefault((row[1].id, row[0].char_start), row)
    rival_reasons = [numberer.mention(r, r[0].cluster_id, alone=True) for r in reasons.values()]
    praise = praise_of_us(session, in_deals, forms, ours) if competitor else []
    rival_praise = [numberer.part(row, words, row[0].cluster_id) for row, words in praise]
    why_now = mention_rows(session, Mention.kind == "why_now", Mention.call_id.in_(call_ids))
    if not why_now:
        why_now = mention_rows(session, Mention.kind == "why_now", *segment)
    why_now = reasons_to_act(session, why_now, ours)
    for row in buyer_quotes(why_now, numberer, MAX_WHY_NOW, QuoteRank(confident_at)):
        numberer.mention(row, row[0].cluster_id, alone=foreign_context(shown(row)))

    buyer_texts = [  # a rep's note or a tool's summary is no buyer's phrasing
        (r[1].id, r[2].id, redactor.redact(r[0].text))
        for rows in rows_by_cluster.values()
        for r in rows
        if r[1].role == "buyer"
    ]
    names_one = names_someone(names_in_workspace(session))
    phrases = [phrase for phrase in buyer_phrases(buyer_texts, 12) if not names_one(phrase.text)]
    spoken_of = buyer_topics(session, sorted(call_ids)) if topics else []
    quoted = deal_outcomes(session, {q.call_id for q in numberer.quotes})
    return Evidence(
        clusters=evidence_clusters,
        quotes=with_deal_outcomes(numberer.quotes, quoted),
        phrases=without_people(without_placeholders(phrases), redactor),
        topics=without_people(
            without_placeholders([t for t in spoken_of if not names_one(t.text)]), redactor
        ),
        facts=_facts(session, competitor, redactor) if competitor else [],
        competitor=competitor,
        redacted=redact,
        accounts_of={
            r[2].id: r[2].account or "" for rows in rows_by_cluster.values() for r in rows
        },
        notes=written_notes(session, call_ids),
        # A fact about another industry's customers is no fact for this industry's page.
        profile=facts,
        product=profile.profile.name if profile else None,
        product_category=(
            product_category(profile.profile.pitch, profile.profile.name) if profile else None
        ),
        audience=pitch_audience(profile.profile.pitch) if profile else None,
        cta=(profile.profile.cta or None) if profile else None,
        industry=industry,
        markets=audiences(
            {r[2].id: r[2].raw_text for rows in rows_by_cluster.values() for r in rows}
        ),
        foreign_words=foreign_words(industry, _industries(session)) if industry else frozenset(),
        industries=tuple(_industries(session)),
        rival_forms=forms,
        rival_calls=calls_naming(session, competitor, *segment) if competitor else 0,
        rival_deals=tuple(deals),
        rival_won=rival_won,
        rival_reasons=tuple(dict.fromkeys(rival_reasons)),
        rival_said=frozenset(rival_said),
        rival_praise=tuple(dict.fromkeys(rival_praise)),
        quote_closeness=_quote_closeness(session, embedder, numberer.quotes, facts, fact_vectors),
        buyers=buyers_of_calls(session, {q.call_id for q in numberer.quotes}),
    )


def _alone(cluster: Cluster, row: MentionRow, forms: Sequence[str], ours: Sequence[str]) -> bool:
    """A pain quoted without the sentences around it where those are in another language:
    the problem is stated in the page's; on a rival's page, a line that goes on into praise
    of us (``turns_to_praise``), which is cited where we fit better."""
    if forms and turns_to_praise(shown(row), row[0].text, forms, ours):
        return True
    return cluster.kind == "pain" and foreign_context(shown(row))


def _industries(session: Session) -> list[str]:
    return [i for i in session.scalars(select(Call.industry).distinct()) if i]


def _quote_closeness(
    session: Session,
    embedder: Embedder | None,
    quotes: Sequence[Quote],
    facts: Sequence[ProfileFact],
    vectors: np.ndarray | None,
) -> dict[int, dict[int, float]]:
    """Each buyer quote's cosine to each profile fact: what a page answers quote by quote (a
    comparison's rows, an FAQ's and a one-pager's answers: ``quote_fit``)."""
    chosen = [q for q in quotes if q.role == "buyer"]
    if embedder is None or vectors is None or not chosen:
        return {}
    said = embed_cached(session, embedder, [q.text for q in chosen], remember=False)
    near = said @ vectors.T
    return {
        q.id: {f.id: float(v) for f, v in zip(facts, row, strict=True)}
        for q, row in zip(chosen, near, strict=True)
    }


def _fact_vectors(
    session: Session, embedder: Embedder | None, facts: Sequence[ProfileFact]
) -> np.ndarray | None:
    """The facts' vectors (cached by text), or None without an embedder."""
    if embedder is None or not facts:
        return None
    return embed_cached(session, embedder, [f.text for f in facts], remember=False)


def _said_closeness(
    session: Session,
    embedder: Embedder | None,
    said: Sequence[str],
    facts: Sequence[ProfileFact],
    vectors: np.ndarray | None,
) -> dict[int, float]:
    """Each fact's cosine to the mean of the theme's quoted buyer words: the theme as its page
    shows it (its centre holds reps' notes and unquoted lines too)."""
    if embedder is None or vectors is None or not said:
        return {}
    mean = embed_cached(session, embedder, list(said), remember=False).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if not norm:
        return {}
    return {f.id: float(v @ mean) / norm for f, v in zip(facts, vectors, strict=True)}


def _closeness(
    cluster: Cluster, facts: Sequence[ProfileFact], vectors: np.ndarray | None
) -> dict[int, float]:
    """Each fact's cosine to the theme's centroid (both unit vectors)."""
    if vectors is None or cluster.centroid is None:
        return {}
    centroid = np.frombuffer(cluster.centroid, dtype=np.float32)
    if centroid.shape[0] != vectors.shape[1]:
        return {}  # a centroid from another model
    return {f.id: float(v @ centroid) for f, v in zip(facts, vectors, strict=True)}


def _facts(session: Session, competitor: str, redactor: Redactor) -> list[Fact]:
    rows = session.scalars(
        select(CompetitorFact)
        .where(func.lower(CompetitorFact.competitor) == competitor.lower())
        .order_by(CompetitorFact.id)
    ).all()
    return [
        Fact(i, row.id, row.competitor, clip(redactor.redact(row.fact), 400), row.source)
        for i, row in enumerate(rows, start=1)
    ]
