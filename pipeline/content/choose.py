"""Which clusters a document is built from: those the user names (with the top pain where the
type states a problem), else those that suit it by kind, category, words or the competitor they
name, largest first (counting one industry's calls when one is given); and the industry a use
case is for when none is named."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.content.types import ContentType
from pipeline.errors import BadInput
from pipeline.store.models import Call, Cluster, Mention, Utterance


class NoSuitableClusters(BadInput):
    """No theme suits the type: each surface says how to make or name some (the CLI's
    `callmine cluster` / --cluster advice had reached API and web users). ``clustered``: themes
    of the kind exist, none of them about the type's topic."""

    def __init__(self, detail: str, *, field: str | None = None, clustered: bool = False) -> None:
        super().__init__(detail, field=field)
        self.clustered = clustered


def check_industry(session: Session, industry: str | None) -> None:
    """``BadInput`` naming the known industries when no call is of ``industry``: "no suitable
    clusters in Nonexistent calls" had read as if themes were missing, not the industry."""
    if not industry or session.scalar(select(func.count()).where(*of_industry(industry))):
        return
    known = sorted(industries_by_calls(session), key=str.lower)
    listed = f"the calls' industries are {', '.join(known)}" if known else "no call has one yet"
    raise BadInput(f"no calls in industry {industry!r}: {listed}", field="industry")


def of_industry(industry: str | None) -> list[Any]:
    """The condition on ``Call`` for one industry (any case); none when no industry is given."""
    return [func.lower(Call.industry) == industry.strip().lower()] if industry else []


def industries_by_calls(session: Session) -> list[str]:
    """The industries the calls name, the one with the most calls first."""
    return [
        str(name)
        for name in session.scalars(
            select(Call.industry)
            .where(Call.industry.is_not(None), Call.industry != "")
            .group_by(Call.industry)
            .order_by(func.count().desc(), Call.industry)
        )
    ]


def largest_industry(session: Session) -> str:
    """The industry with the most calls (a use case's default); ``BadInput`` when no call
    has one."""
    industries = industries_by_calls(session)
    if not industries:
        raise BadInput(
            "no call has an industry yet: give one on the upload form or an account's page, "
            "with `callmine ingest --industry` or `callmine account`, the upload API's industry "
            "field, a CRM Industry column or the manifest's industry column"
        )
    return industries[0]


def suitable_clusters(
    session: Session,
    kind: str,
    *,
    categories: Iterable[str] = (),
    words: Iterable[str] = (),
    competitor: str | None = None,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> list[int]:
    """Active clusters of ``kind`` (most buyer mentions first) matching a category, a word in the
    name or keywords (when its mentions have no other category), or naming ``competitor``; all
    of them when no filter is given. With ``industry`` only that industry's calls count (a
    cluster none of them raised is left out). Only what buyers said counts: a document quotes
    buyers only, and a use case for Music had picked three themes of reps' notes and unnamed
    chat lines by their size, leaving out the one buyer's "if every parent has to put their
    card in again". A theme none of whose mentions reaches ``confident_at`` comes after every
    theme with one: a won deal's "why we picked you" read at 0.17 had led a pricing page; and one
    heard on one call only after those heard on more (a one-call "Sheets go missing" is no
    recurring pain to lead a one-pager with)."""
    wanted = {c.lower() for c in categories}
    needles = [w.lower() for w in words]
    sizes: Counter[int] = Counter()
    categories_seen: dict[int, Counter[str]] = defaultdict(Counter)
    named: set[int] = set()
    confident: set[int] = set()
    heard_on: dict[int, set[int]] = defaultdict(set)
    stmt = (
        select(
            Mention.cluster_id,
            Mention.category,
            Mention.competitor,
            Mention.confidence,
            Mention.call_id,
        )
        .join(Cluster, Mention.cluster_id == Cluster.id)
        .join(Call, Mention.call_id == Call.id)
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Cluster.kind == kind, Cluster.status == "active", Mention.excluded.is_(False))
        .where(Utterance.role == "buyer", *of_industry(industry))
    )
    for cluster_id, category, mention_competitor, confidence, call_id in session.execute(stmt):
        if cluster_id is None:
            continue
        sizes[cluster_id] += 1
        heard_on[cluster_id].add(call_id)
        if confidence is None or confidence >= confident_at:
            confident.add(cluster_id)
        categories_seen[cluster_id][(category or "").lower()] += 1
        if competitor and (mention_competitor or "").lower() == competitor.lower():
            named.add(cluster_id)
    clusters = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.id.in_(sizes)))}

    def matches(cluster_id: int) -> bool:
        if not wanted and not needles and not competitor:
            return True
        if competitor and cluster_id in named:
            return True
        topic = categories_seen[cluster_id].most_common(1)[0][0]
        if wanted and topic in wanted:
            return True
        if wanted and topic:  # "Can't afford a week of downtime" is a setup worry, not price
            return False
        cluster = clusters[cluster_id]
        haystack = " ".join([cluster.name, *(cluster.keywords or [])]).lower()
        return any(needle in haystack for needle in needles)

    ranked = sorted(
        sizes,
        key=lambda cid: (cid not in confident, len(heard_on[cid]) == 1, -sizes[cid], cid),
    )
    return [cid for cid in ranked if matches(cid)]


def cluster_kinds(session: Session, cluster_ids: Sequence[int]) -> dict[int, str]:
    """The kind of each cluster (objection, pain, question)."""
    rows = session.execute(select(Cluster.id, Cluster.kind).where(Cluster.id.in_(cluster_ids)))
    return {int(r[0]): str(r[1]) for r in rows}


def resolve_clusters(
    session: Session,
    ct: ContentType,
    cluster_ids: list[int],
    competitor: str | None,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> list[int]:
    """The clusters asked for, or the ones that suit the type best when none are given (in
    ``industry``'s calls, when one is given); a type with a ``problem_kind`` gets that kind's
    largest clusters too (a one-pager's problem is the buyers' top pain) unless one of that
    kind is there already."""
    check_industry(session, industry)
    if cluster_ids:
        chosen = list(dict.fromkeys(cluster_ids))
        if len(chosen) > ct.most_clusters:
            raise BadInput(f"{ct.name} takes at most {ct.most_clusters} clusters")
        chosen = _with_problem(session, ct, chosen, industry, confident_at)
        return _with_questions(session, ct, chosen, industry, confident_at)
    chosen = suitable_clusters(
        session,
        ct.cluster_kind,
        categories=ct.categories,
        words=ct.words,
        competitor=competitor if ct.needs_competitor else None,
        industry=industry,
        confident_at=confident_at,
    )
    if not chosen and not ct.needs_competitor:
        raise _none_suit(session, ct, industry)
    chosen = _with_problem(session, ct, chosen[: ct.max_clusters], industry, confident_at)
    return _with_questions(session, ct, chosen, industry, confident_at)


def _with_questions(
    session: Session,
    ct: ContentType,
    cluster_ids: list[int],
    industry: str | None,
    confident_at: float,
) -> list[int]:
    """``cluster_ids`` and, for a type taking them, the largest question themes heard on more
    than one call whose category one of the themes has (``question_themes`` of them), unless
    one is there already: an SEO brief on pricing had said "No buyer questions besides the
    outline's." while "But what does it cost?" was a question theme of ten calls."""
    if not ct.question_themes or not cluster_ids:
        return cluster_ids
    if "question" in cluster_kinds(session, cluster_ids).values():
        return cluster_ids
    categories = set(_categories(session, cluster_ids).values()) - {""}
    if not categories:
        return cluster_ids
    asked = suitable_clusters(
        session, "question", categories=categories, industry=industry, confident_at=confident_at
    )
    recurring = [c for c in asked if _calls_heard(session, c, industry) > 1]
    return [*cluster_ids, *recurring[: ct.question_themes]]


def _categories(session: Session, cluster_ids: Sequence[int]) -> dict[int, str]:
    """Each cluster's most common category among its mentions ("" where none has one)."""
    rows = session.execute(
        select(Mention.cluster_id, Mention.category, func.count())
        .where(Mention.cluster_id.in_(cluster_ids), Mention.excluded.is_(False))
        .group_by(Mention.cluster_id, Mention.category)
    )
    counted: dict[int, Counter[str]] = defaultdict(Counter)
    for cluster_id, category, count in rows:
        if cluster_id is None:
            continue
        counted[int(cluster_id)][(category or "").lower()] += int(count)
    return {cid: c.most_common(1)[0][0] for cid, c in counted.items()}


def _calls_heard(session: Session, cluster_id: int, industry: str | None) -> int:
    """On how many calls (of ``industry``'s, when given) a cluster's mentions were heard."""
    return int(
        session.scalar(
            select(func.count(func.distinct(Mention.call_id)))
            .join(Call, Mention.call_id == Call.id)
            .where(Mention.cluster_id == cluster_id, Mention.excluded.is_(False))
            .where(*of_industry(industry))
        )
        or 0
    )


def _with_problem(
    session: Session,
    ct: ContentType,
    cluster_ids: list[int],
    industry: str | None,
    confident_at: float,
) -> list[int]:
    if ct.problem_kind is None:
        return cluster_ids
    kinds = cluster_kinds(session, cluster_ids)
    if any(kind == ct.problem_kind for kind in kinds.values()):
        return cluster_ids
    problems = suitable_clusters(
        session, ct.problem_kind, industry=industry, confident_at=confident_at
    )
    return [*problems[: ct.problems], *cluster_ids]


def _none_suit(session: Session, ct: ContentType, industry: str | None) -> NoSuitableClusters:
    """Why no theme suits ``ct``: when themes of its kind exist, that none is about its topic
    ("no objection theme about setup time or switching"), never as if none had been made
    (a walk had been told to run `callmine cluster` with twelve themes there)."""
    where = f" in {industry} calls" if industry else ""
    clustered = session.scalar(
        select(func.count())
        .select_from(Cluster)
        .where(Cluster.kind == ct.cluster_kind, Cluster.status == "active")
    )
    if not clustered or not ct.categories:
        detail = f"no suitable {ct.cluster_kind} clusters{where} for {ct.name}"
        return NoSuitableClusters(detail, field="cluster_ids")
    topics = [c.replace("_", " ") for c in ct.categories]
    about = f"{', '.join(topics[:-1])} or {topics[-1]}" if len(topics) > 1 else topics[0]
    detail = f"no {ct.cluster_kind} theme{where} is about {about}, which {ct.name} is written from"
    return NoSuitableClusters(detail, field="cluster_ids", clustered=True)
