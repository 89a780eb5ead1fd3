"""Nearest-quote search: the quotes nearest in meaning to a text, from an index this process
keeps loaded and brings up to date as mentions change (never read again whole per query)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.index import CLUSTERED_KINDS, MentionIndex, synced_index
from pipeline.cluster.rows import load_rows
from pipeline.detect.classify import DETECTED_ROLES
from pipeline.errors import BadInput
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

# Who said a searched quote: a buyer, someone the transcript does not name, a rep's note.
SEARCH_ROLES = DETECTED_ROLES
BUYER_ROLES = ("buyer",)  # what a search shows unless asked for more


@dataclass(frozen=True)
class Searchable:
    """Each indexed mention's kind and speaker's role, so a search asks the index for the
    mentions its filters keep instead of reading rows until enough pass."""

    ids: npt.NDArray[np.int64]
    kinds: npt.NDArray[np.str_]
    roles: npt.NDArray[np.str_]

    def among(self, kind: str | None, roles: Sequence[str]) -> npt.NDArray[np.int64] | None:
        """The mention ids these filters keep; None when they keep every one."""
        keep = np.isin(self.roles, list(roles))
        if kind:
            keep &= self.kinds == kind
        return None if bool(keep.all()) else self.ids[keep]


def searchable(session: Session) -> Searchable:
    found = session.execute(
        select(Mention.id, Mention.kind, Utterance.role)
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
    ).all()
    return Searchable(
        ids=np.asarray([row[0] for row in found], dtype=np.int64),
        kinds=np.asarray([str(row[1]) for row in found], dtype=np.str_),
        roles=np.asarray([str(row[2]) for row in found], dtype=np.str_),
    )


def _live_index(workspace: Workspace, session: Session) -> MentionIndex:
    """The search's faiss index, kept loaded; brought up to date when the mentions change."""
    return workspace.views.live(
        session,
        "mention_index",
        ("mentions",),
        lambda previous: synced_index(workspace, session, previous),
    )


def _live_searchable(workspace: Workspace, session: Session) -> Searchable:
    return workspace.views.live(
        session, "searchable", ("mentions", "utterances"), lambda _: searchable(session)
    )


def warm_search(workspace: Workspace) -> None:
    """Load what the first search needs (the model, the index) before anyone searches."""
    with workspace.session() as session:
        _live_index(workspace, session)
        _live_searchable(workspace, session)
    workspace.embedder.encode(["warm up"])


def search_quotes(
    workspace: Workspace,
    q: str,
    *,
    k: int = 10,
    kind: str | None = None,
    roles: Sequence[str] = BUYER_ROLES,
) -> list[dict[str, Any]]:
    """The quotes nearest in meaning to ``q``: the buyers' own words unless ``roles`` widens it
    (search finds what buyers say; a rep's note or an unattributed chat line had come first,
    "Parents don't need the app", for "parents won't download an app").

    Of the ``k`` nearest, the confident mentions come first, most similar first, then the
    uncertain ones: a fragment the detector doubts ("Just not for us.", "Cheaper.") shares a
    short query's small words and had ranked above the buyers' real price quotes."""
    if not q.strip():
        raise BadInput("search text must not be empty")
    with workspace.session() as session:
        index = _live_index(workspace, session)
        among = _live_searchable(workspace, session).among(kind, roles)
        vector = workspace.embedder.encode([q])
        wanted = k
        while True:  # read further down when rows changed since the filters were read
            hits = index.search(vector, wanted, among)
            similarity = {h.mention_id: h.similarity for h in hits}
            rows = load_rows(session, kind=kind, mention_ids=list(similarity), roles=roles)
            if len(rows) >= k or len(hits) < wanted:
                break
            wanted *= 4
    rows.sort(key=lambda r: (-similarity[r.id], r.id))
    confident_at = workspace.settings.confident_at
    nearest = sorted(rows[:k], key=lambda r: r.confidence < confident_at)  # stable: by similarity
    return [r.quote(similarity[r.id]) for r in nearest]
