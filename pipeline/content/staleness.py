"""Content that keeps up with the calls: a document records the evidence it was built on
(clusters, their counts, the competitors their buyers named); when later calls change it
materially it is marked out of date, with what changed, until it is regenerated."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.rivals import rivals_named
from pipeline.content.choose import of_industry, suitable_clusters
from pipeline.content.citations import page_order
from pipeline.content.quote_text import clip
from pipeline.content.types import CONTENT_TYPES
from pipeline.store.models import (
    Call,
    Cluster,
    ClusterEdit,
    Document,
    DocumentVersion,
    Mention,
    Utterance,
)
from pipeline.store.views import ViewCache

GROWTH = 1.5  # a cluster that grew by half
MIN_GROWTH = 2  # ... by at least this many mentions (3 -> 5 is noise, not news)


# What changed it, as its page heads the list: a user's own theme edits (merge, split,
# hide, a corrected quote) had been blamed on "later calls".
EDITS, CALLS = "edits", "calls"
CALLED, EDITED = frozenset({CALLS}), frozenset({EDITS})
CAUSE_HEADINGS = {
    CALLED: "Later calls changed what this was built on",
    EDITED: "Theme edits changed what this was built on",
    frozenset({EDITS, CALLS}): "Theme edits and later calls changed what this was built on",
}


class Staleness(NamedTuple):
    """What moved since a document was generated (empty: up to date), and the heading that
    says what moved it."""

    changes: list[str]
    heading: str


# What ``staleness`` reads: a document's check is computed again only once one of these moves.
STALENESS_TABLES = (
    "calls",
    "clusters",
    "cluster_edits",
    "documents",
    "document_versions",
    "mentions",
    "utterances",
)


def what_changed(session: Session, document: Document, views: ViewCache | None = None) -> list[str]:
    """What moved since ``document`` was generated; empty when it is up to date."""
    return (
        cached_staleness(views, session, document) if views else staleness(session, document)
    ).changes


def cached_staleness(views: ViewCache, session: Session, document: Document) -> Staleness:
    """``staleness`` computed once per revision of the tables it reads: recomputed on every
    request, the list of 8 documents over 23k calls took 3 s."""
    found = views.get(
        session,
        "staleness",
        {"document": document.id},
        STALENESS_TABLES,
        lambda: staleness(session, document)._asdict(),
    )
    return Staleness(list(found["changes"]), str(found["heading"]))


def staleness(session: Session, document: Document) -> Staleness:
    """What moved since ``document`` was generated, each change worded by its cause, and a
    heading naming the causes: theme edits, later calls, or both."""
    evidence: dict[str, Any] = (document.structured or {}).get("evidence") or {}
    recorded: list[dict[str, Any]] = evidence.get("clusters") or []
    if document.state == "failed_generation" or not recorded:
        return Staleness([], "")
    ids = [int(c["id"]) for c in recorded]
    segment = of_industry(document.industry)  # a use case counts its industry's calls only
    sizes = dict(
        session.execute(
            select(Mention.cluster_id, func.count())
            .join(Call, Mention.call_id == Call.id)
            .where(Mention.cluster_id.in_(ids), Mention.excluded.is_(False), *segment)
            .group_by(Mention.cluster_id)
        ).all()
    )
    current = {
        int(cid): (str(status), str(name), merged_into)
        for cid, status, name, merged_into in session.execute(
            select(Cluster.id, Cluster.status, Cluster.name, Cluster.merged_into).where(
                Cluster.id.in_(ids)
            )
        )
    }
    targets = [into for _, _, into in current.values() if into is not None]
    names = dict(
        session.execute(select(Cluster.id, Cluster.name).where(Cluster.id.in_(targets))).all()
    )
    since = _since(session, document)
    changes: list[tuple[str, frozenset[str]]] = []
    for cluster in recorded:
        cid, name, was = int(cluster["id"]), cluster["name"], int(cluster["size"])
        state, renamed, merged_into = current.get(cid, ("removed", name, None))
        # Renamed since: both names (the page says the old one, the user knows the new one).
        label = f"“{name}”" if renamed == name else f"“{name}” (now “{renamed}”)"
        now = int(sizes.get(cid, 0))
        if state != "active":
            said, cause = _gone(state, names.get(merged_into or -1), cid in since.split)
            changes.append((f"{label} {said}", cause))
        elif now >= was * GROWTH and now - was >= MIN_GROWTH:
            changes.append((f"{label} grew by half: {was} → {now} mentions", CALLED))
    # A quote that left its theme, or a theme new at the top: the user's edits when they made
    # any since, the calls added since when there are any (and when neither, a re-analysis).
    happened = ((EDITS, since.edited), (CALLS, since.calls))
    either = frozenset(cause for cause, did in happened if did) or CALLED
    quotes = evidence.get("quotes") or []
    changes += [(change, either) for change in _withdrawn_quotes(session, document, quotes)]
    changes += [(change, CALLED) for change in _decided_since(session, quotes)]
    changes += [(change, either) for change in _new_at_the_top(session, document, recorded)]
    changes += [(change, CALLED) for change in _new_competitors(session, ids, recorded, segment)]
    if not changes:
        return Staleness([], "")
    causes = frozenset().union(*(cause for _, cause in changes))
    return Staleness([change for change, _ in changes], CAUSE_HEADINGS[causes])


def _gone(state: str, merged_into: str | None, split: bool) -> tuple[str, frozenset[str]]:
    """How a theme a document was built on left the list, and what made it leave."""
    if state == "merged":
        return (f"was merged into “{merged_into}”" if merged_into else "was merged"), EDITED
    if state == "excluded":
        return "was hidden as not an objection", EDITED
    if state == "retired" and split:
        return "was split in two", EDITED
    if state == "retired":
        return "was regrouped into other themes", CALLED
    return "was removed", CALLED


class _Since(NamedTuple):
    edited: bool  # any theme edit or correction since the document was generated
    split: set[int]  # the themes split since
    calls: bool  # any call added since


def _since(session: Session, document: Document) -> _Since:
    """The users' theme edits and corrections recorded, and whether calls were added, since
    ``document`` was generated."""
    built = session.scalar(
        select(func.max(DocumentVersion.created_at)).where(
            DocumentVersion.document_id == document.id,
            DocumentVersion.note.like("generated%"),
        )
    )
    since = built or document.created_at
    edits = session.execute(
        select(ClusterEdit.action, ClusterEdit.cluster_id).where(ClusterEdit.created_at >= since)
    ).all()
    calls = session.scalar(select(Call.id).where(Call.created_at >= since).limit(1))
    split = {int(cid) for action, cid in edits if action == "split" and cid is not None}
    return _Since(bool(edits), split, calls is not None)


def _new_at_the_top(
    session: Session, document: Document, recorded: list[dict[str, Any]]
) -> list[str]:
    ct = CONTENT_TYPES.get(document.doc_type)
    if ct is None or (document.structured or {}).get("chosen") != "auto":
        return []  # clusters the user picked stay theirs
    mine = {int(c["id"]) for c in recorded}
    count = sum(1 for c in recorded if c["kind"] == ct.cluster_kind)
    top = suitable_clusters(
        session,
        ct.cluster_kind,
        categories=ct.categories,
        words=ct.words,
        competitor=document.competitor if ct.needs_competitor else None,
        industry=document.industry,
    )[:count]
    names = dict(session.execute(select(Cluster.id, Cluster.name).where(Cluster.id.in_(top))).all())
    heard = (
        f"the {ct.cluster_kind} heard most"
        if count == 1
        else f"among the {count} {ct.cluster_kind}s heard most"
    )
    return [f"“{names[cid]}” is now {heard}" for cid in top if cid not in mine]


def _new_competitors(
    session: Session, ids: list[int], recorded: list[dict[str, Any]], segment: list[Any]
) -> list[str]:
    if any("competitors" not in c for c in recorded):
        return []  # built before competitors were recorded
    then = {name.lower() for c in recorded for name in c["competitors"]}
    now = rivals_named(session, Mention.cluster_id.in_(ids), *segment)
    return [
        f"buyers now name {name}"
        for name in sorted({n for n in now if n})
        if name.lower() not in then
    ]


def _withdrawn_quotes(
    session: Session, document: Document, quotes: list[dict[str, Any]]
) -> list[str]:
    """Quotes the page still cites that no longer stand where it took them: corrected to
    another kind ("other", say), excluded, deleted, or moved to another theme. A sentence a
    user marked as no objection had stayed quoted, the page up to date.

    A quote is its sentence, not its mention row: redetect makes every mention anew (and
    SQLite hands a deleted row's id to another sentence), so the quoted sentence is looked for
    again in its utterance, at its recorded span (or, on a page from before spans were
    recorded, where its words are). It stands while a mention of the same kind covers it
    there, not excluded, in the same theme: "I can't put a tracker in someone's Honda Civic"
    had been flagged after a redetect while still the top quote of its theme."""
    cited = set(page_order(document.body_markdown))
    taken = [
        q
        for q in quotes
        if q.get("id") in cited
        and q.get("kind") != "answer"
        and q.get("mention_id")
        and q.get("utterance_id")
    ]
    if not taken:
        return []
    utterance_ids = sorted({int(q["utterance_id"]) for q in taken})
    texts = dict(
        session.execute(
            select(Utterance.id, Utterance.text).where(Utterance.id.in_(utterance_ids))
        ).all()
    )
    said: dict[int, list[tuple[int, int, str, bool, int | None]]] = {}
    for row in session.execute(
        select(
            Mention.utterance_id,
            Mention.char_start,
            Mention.char_end,
            Mention.kind,
            Mention.excluded,
            Mention.cluster_id,
        ).where(Mention.utterance_id.in_(utterance_ids))
    ):
        said.setdefault(int(row[0]), []).append(
            (int(row[1]), int(row[2]), str(row[3]), bool(row[4]), row[5])
        )
    changes = []
    for quote in taken:
        utterance_id = int(quote["utterance_id"])
        text = texts.get(utterance_id)
        span = None if text is None else _quoted_span(quote, text)
        if span is None or not _stands(quote, span, said.get(utterance_id, [])):
            changes.append(
                f"a quote it cites no longer stands in its theme: “{clip(str(quote['text']), 80)}” "
                f"[Q{quote['id']}]"
            )
    return changes


def _quoted_span(quote: dict[str, Any], utterance: str) -> tuple[int, int] | None:
    """Where in its utterance the quote's sentence is: its recorded span, else (a page from
    before spans were recorded) where the words the page shows are found, a redaction
    placeholder ("[name]") or a clip ("…") standing for any words; the whole turn when they
    are not found (the turn is all that is known)."""
    start, end = quote.get("char_start"), quote.get("char_end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    pieces = re.split(r"\[[a-z]+\]|…", str(quote.get("text") or ""))
    words = [r"\W+".join(map(re.escape, re.findall(r"\w+", piece))) for piece in pieces]
    pattern = r".*?".join(w for w in words if w)
    found = re.search(pattern, utterance, re.IGNORECASE | re.DOTALL) if pattern else None
    return (found.start(), found.end()) if found else (0, len(utterance))


def _stands(
    quote: dict[str, Any],
    span: tuple[int, int],
    mentions: list[tuple[int, int, str, bool, int | None]],
) -> bool:
    """A mention of the quote's kind, not excluded, in its theme (when it had one) covers some
    of ``span``."""
    theme = quote.get("cluster_id")
    return any(
        start < span[1]
        and span[0] < end
        and kind != "other"
        and quote.get("kind") in (None, kind)
        and not excluded
        and (theme is None or cluster_id == theme)
        for start, end, kind, excluded, cluster_id in mentions
    )


def _decided_since(session: Session, quotes: list[dict[str, Any]]) -> list[str]:
    """Calls the evidence quotes whose deal outcome changed since ("call 4 is now won"): a won
    deal's replies answer worries, and a source line says how the deal went."""
    was = {int(q["call_id"]): str(q.get("outcome") or "unknown") for q in quotes}
    if not was:
        return []
    now = dict(session.execute(select(Call.id, Call.outcome).where(Call.id.in_(sorted(was)))).all())
    return [
        f"call {call_id} is now {now[call_id]} (was {outcome})"
        for call_id, outcome in sorted(was.items())
        if call_id in now and str(now[call_id]) != outcome
    ]
