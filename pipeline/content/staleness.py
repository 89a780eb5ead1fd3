"""Content that keeps up with the calls: a document records the evidence it was built on
(clusters, their counts, the competitors their buyers named); when later calls change it
materially it is marked out of date, with what changed, until it is regenerated."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.rivals import rivals_named
from pipeline.content.choose import of_industry, suitable_clusters
from pipeline.content.stale_evidence import (
    NO_EVIDENCE,
    changed_facts,
    reach_news,
    rival_news,
    theme_counts,
    theme_news,
)
from pipeline.content.stale_quotes import (
    decided_since,
    moved_sides,
    renamed_speakers,
    withdrawn_quotes,
)
from pipeline.content.types import CONTENT_TYPES
from pipeline.store.models import (
    Call,
    Cluster,
    ClusterEdit,
    Document,
    DocumentVersion,
    Mention,
)
from pipeline.store.views import ViewCache
from pipeline.wording import capitalised

# What changed it, as its page heads the list: a user's own theme edits (merge, split,
# hide, a corrected quote) had been blamed on "later calls".
EDITS, CALLS, PROFILE, RENAMES = "edits", "calls", "profile", "renames"
SIDES = "sides"
CALLED, EDITED, PROFILED = frozenset({CALLS}), frozenset({EDITS}), frozenset({PROFILE})
RENAMED, MOVED = frozenset({RENAMES}), frozenset({SIDES})
CAUSE_NAMES = {
    EDITS: "theme edits",
    CALLS: "later calls",
    PROFILE: "product profile edits",
    RENAMES: "speaker renames",
    SIDES: "speaker sides",
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
    "product_profile_versions",
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
    counts = theme_counts(session, ids, segment)
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
    quotes = evidence.get("quotes") or []
    moved = moved_sides(session, document.body_markdown, quotes, since.at)
    # A quote that left its theme, a count that moved, a theme new at the top: the user's
    # edits when they made any since, the calls added since when there are any, a speaker
    # its evidence quotes moved to another side (re-detected: a rep's line is no buyer's);
    # and when none, a re-analysis.
    happened = ((EDITS, since.edited), (CALLS, since.calls), (SIDES, bool(moved)))
    either = frozenset(cause for cause, did in happened if did) or CALLED
    changes: list[tuple[str, frozenset[str]]] = []
    for cluster in recorded:
        cid, name = int(cluster["id"]), cluster["name"]
        # The theme's own name then: the page's ``name`` may be a category's wording standing
        # in for it ("Price and budget" for "Price", a surname); a record without it is older.
        then = str(cluster.get("own_name") or name)
        state, now, merged_into = current.get(cid, ("removed", then, None))
        # Renamed since: both names (the page says the old one, the user knows the new one).
        label = f"“{name}”" if now == then else f"“{name}” (now “{now}”)"
        if state != "active":
            said, cause = _gone(state, names.get(merged_into or -1), cid in since.split)
            changes.append((f"{label} {said}", cause))
            continue
        if cid in since.renamed and now != then:
            changes.append((f"“{then}” was renamed “{now}”", EDITED))
        news = theme_news(label, cluster, counts.get(cid, NO_EVIDENCE), since.version)
        if news:
            changes.append((news, either))
    active = [c for c in recorded if current.get(int(c["id"]), ("",))[0] == "active"]
    themes = {int(c["id"]): str(c["name"]) for c in recorded}
    changes += [(change, either) for change in reach_news(document.body_markdown, active, counts)]
    changes += [(change, CALLED) for change in rival_news(session, evidence, segment)]
    changes += [
        (change, either)
        for change in withdrawn_quotes(session, document.body_markdown, quotes, themes)
    ]
    changes += [(change, CALLED) for change in decided_since(session, quotes)]
    changes += [
        (change, RENAMED)
        for change in renamed_speakers(session, document.body_markdown, quotes, since.at)
    ]
    changes += [(change, MOVED) for change in moved]
    changes += [(change, either) for change in _new_at_the_top(session, document, recorded)]
    changes += [(change, CALLED) for change in _new_competitors(session, ids, recorded, segment)]
    changes += [
        (change, PROFILED) for change in changed_facts(session, document.body_markdown, evidence)
    ]
    if not changes:
        return Staleness([], "")
    causes = frozenset().union(*(cause for _, cause in changes))
    return Staleness([change for change, _ in changes], cause_heading(causes))


def cause_heading(causes: frozenset[str]) -> str:
    """ "Theme edits and later calls changed what this was built on", naming each cause."""
    said = [name for cause, name in CAUSE_NAMES.items() if cause in causes]
    joined = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return capitalised(joined) + " changed what this was built on"


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
    renamed: set[int]  # the themes a user renamed since
    calls: bool  # any call added since
    version: int  # the version generated then, as the documents list numbers it
    at: dt.datetime  # when it was generated


def _since(session: Session, document: Document) -> _Since:
    """The users' theme edits and corrections recorded, and whether calls were added, since
    ``document`` was generated."""
    built = session.execute(
        select(DocumentVersion.created_at, DocumentVersion.version)
        .where(
            DocumentVersion.document_id == document.id,
            DocumentVersion.note.like("generated%"),
        )
        .order_by(DocumentVersion.created_at.desc(), DocumentVersion.version.desc())
        .limit(1)
    ).first()
    since = built[0] if built else document.created_at
    edits = session.execute(
        select(ClusterEdit.action, ClusterEdit.cluster_id).where(ClusterEdit.created_at >= since)
    ).all()
    calls = session.scalar(select(Call.id).where(Call.created_at >= since).limit(1))
    split = {int(cid) for action, cid in edits if action == "split" and cid is not None}
    renamed = {int(cid) for action, cid in edits if action == "rename" and cid is not None}
    version = int(built[1]) if built else document.current_version
    return _Since(bool(edits), split, renamed, calls is not None, version, since)


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
