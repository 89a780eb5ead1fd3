"""Index stage: a faiss inner-product index of mention vectors, keyed by mention id, on disk.

Flat (exact) search below ``IVF_THRESHOLD`` vectors, IVF above it: a flat search reads every
vector (12 ms a query at 100k on this 2-core machine), IVF visiting 5 % of its lists takes 0.6 ms
with recall@10 of 1.0 for typed queries and 0.999 for near-duplicates (measured at 100k mentions
against the flat result). The file is a cache: it is written to a temporary file and renamed
atomically, and rebuilt from the embeddings cache when it is missing, unreadable or out of step
with the database. New calls go to a small delta file
(rewriting a 150 MB index per call would cost seconds); loading applies it, saving folds it in.
``open_index`` / ``update_index`` keep it in step with the database's mentions.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.embed import Vectors, embed_cached, normalise
from pipeline.store.files import write_atomically, write_text_atomically
from pipeline.store.models import Mention
from pipeline.workspace import Workspace

# The mention kinds that are clustered, indexed and searched.
CLUSTERED_KINDS = ("objection", "pain", "question")
IVF_THRESHOLD = 50_000
# Each IVF search visits this share of the lists, and never fewer than MIN_NPROBE of them.
IVF_SCAN_SHARE = 0.05
MIN_NPROBE = 32
INDEX_FILENAME = "mentions.faiss"
DELTA_FILENAME = "mentions.delta.npz"
# Fold the delta into the main file once it holds this share of the index.
COMPACT_SHARE = 0.1


@dataclass(frozen=True)
class Hit:
    mention_id: int
    similarity: float


def ivf_layout(count: int) -> tuple[int, int]:
    """Lists (about 4 sqrt n, faiss's usual choice) and lists visited per search."""
    nlist = max(1, int(4 * np.sqrt(count)))
    return nlist, min(nlist, max(MIN_NPROBE, round(nlist * IVF_SCAN_SHARE)))


class MentionIndex:
    """faiss ``IndexIDMap2`` over inner product on normalised vectors."""

    def __init__(self, dim: int, model: str, index: Any | None = None) -> None:
        import faiss

        self.dim = dim
        self.model = model
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        # The saved file this was loaded from (``file_stamp``), so a reader can tell whether
        # only the delta moved since; None when built here.
        self.source: tuple[int, int, int] | None = None

    def copy(self) -> MentionIndex:
        """An independent copy, to change while other threads search this one."""
        import faiss

        copied = MentionIndex(self.dim, self.model, faiss.clone_index(self._index))
        copied.source = self.source
        return copied

    @classmethod
    def build(
        cls,
        ids: Sequence[int],
        vectors: Vectors,
        *,
        model: str,
        dim: int,
        ivf_from: int = IVF_THRESHOLD,
    ) -> MentionIndex:
        """A fresh index over ``vectors``; IVF (trained on the data) from ``ivf_from`` vectors."""
        import faiss

        if len(ids) >= ivf_from:
            nlist, nprobe = ivf_layout(len(ids))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            ivf.train(normalise(vectors))
            ivf.nprobe = nprobe
            index = cls(dim, model, faiss.IndexIDMap2(ivf))
        else:
            index = cls(dim, model)
        index.add(ids, vectors)
        return index

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> npt.NDArray[np.int64]:
        import faiss

        return np.asarray(faiss.vector_to_array(self._index.id_map), dtype=np.int64)

    def add(self, ids: Sequence[int], vectors: Vectors) -> None:
        """Add (or replace) vectors by mention id."""
        if not len(ids):
            return
        self.remove(ids)
        self._index.add_with_ids(normalise(vectors), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if len(ids) and len(self):
            selector: Any = np.asarray(ids, dtype=np.int64)  # the SWIG wrapper takes arrays
            self._index.remove_ids(selector)

    def search(
        self, vector: Vectors, k: int, among: npt.NDArray[np.int64] | None = None
    ) -> list[Hit]:
        """The ``k`` nearest mentions to one vector, most similar first; only mentions of
        ``among`` when given (a buyers-only search over a workspace of reps' notes had read
        the whole index and every row behind it to find the few it may show)."""
        if among is not None and len(among) == len(self):
            among = None  # every mention passes: no filter to apply
        size = len(self) if among is None else len(among)
        if not size or k <= 0:
            return []
        k = min(k, size)
        query = normalise(vector)
        if among is None:
            sims, found = self._index.search(query, k)
        else:
            sims, found = self._search_among(query, k, among)
        return [
            Hit(int(i), float(s)) for i, s in zip(found[0], sims[0], strict=True) if int(i) >= 0
        ]

    def _search_among(self, query: Vectors, k: int, among: npt.NDArray[np.int64]) -> Any:
        """faiss's search limited to ``among``. An IVF index visits more lists the fewer the
        filter keeps, so that it meets as many of ``among`` as an unfiltered search meets
        mentions (a few buyers' mentions among many notes), and all of them when those held
        fewer than ``k``; the lists' other mentions are skipped unread."""
        import faiss

        allowed = np.ascontiguousarray(among, dtype=np.int64)
        selector = faiss.IDSelectorBatch(allowed)
        inner: Any = faiss.downcast_index(self._index.index)
        if not isinstance(inner, faiss.IndexIVF):
            flat: Any = faiss.SearchParameters()
            flat.sel = selector
            return self._index.search(query, k, params=flat)
        params: Any = faiss.SearchParametersIVF()
        params.sel = selector
        wider = int(np.ceil(inner.nprobe * len(self) / len(allowed)))
        for nprobe in (min(inner.nlist, wider), inner.nlist):
            params.nprobe = nprobe
            found = self._index.search(query, k, params=params)
            if int((found[1][0] >= 0).sum()) >= k:
                break
        return found

    def save(self, folder: Path) -> Path:
        """Write atomically (temp file + rename) beside a small JSON description."""
        import faiss

        target = folder / INDEX_FILENAME
        write_atomically(target, lambda tmp: faiss.write_index(self._index, str(tmp)))
        meta = {"model": self.model, "dim": self.dim, "count": len(self)}
        write_text_atomically(folder / f"{INDEX_FILENAME}.json", json.dumps(meta))
        (folder / DELTA_FILENAME).unlink(missing_ok=True)
        self.source = file_stamp(target)
        return target

    @staticmethod
    def append(folder: Path, removed: Sequence[int], ids: Sequence[int], vectors: Vectors) -> int:
        """Record removals and additions in the delta file; returns the delta's size."""
        old_removed, old_ids, old_vectors = _read_delta(folder)
        gone = set(removed) | set(ids)
        keep = [i for i, mention in enumerate(old_ids.tolist()) if mention not in gone]
        all_ids = np.concatenate([old_ids[keep], np.asarray(ids, dtype=np.int64)])
        parts = [old_vectors[keep]] if len(keep) else []
        if len(ids):
            parts.append(normalise(vectors))
        all_vectors = np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)
        all_removed = np.union1d(old_removed, np.asarray(list(removed), dtype=np.int64))
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, removed=all_removed, ids=all_ids, vectors=all_vectors)
        os.replace(temp, folder / DELTA_FILENAME)
        return len(all_ids) + len(all_removed)

    @classmethod
    def load(cls, folder: Path) -> MentionIndex | None:
        """The saved index, or None when missing or unreadable (the caller rebuilds)."""
        import faiss

        target = folder / INDEX_FILENAME
        meta_path = folder / f"{INDEX_FILENAME}.json"
        if not target.exists() or not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text())
            index = faiss.read_index(str(target))
        except (OSError, ValueError, RuntimeError):
            return None
        loaded = cls(int(meta["dim"]), str(meta["model"]), index)
        loaded.source = file_stamp(target)
        loaded.apply_delta(folder)
        return loaded

    def apply_delta(self, folder: Path) -> None:
        """Apply the saved delta's removals and additions. Applying it again, or a later delta
        of the same saved file, gives the same index: removals first, additions replace."""
        removed, ids, vectors = _read_delta(folder)
        self.remove(removed.tolist())
        self.add(ids.tolist(), vectors)


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """Which file is at ``path`` (inode, size, modification time): a save renames a new one in."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def _read_delta(folder: Path) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Vectors]:
    try:
        with np.load(folder / DELTA_FILENAME) as data:
            return data["removed"], data["ids"], data["vectors"].astype(np.float32)
    except (OSError, ValueError, KeyError):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros((0, 0), dtype=np.float32)


def index_in_step(workspace: Workspace, session: Session) -> bool:
    """True when the saved index (with its delta) holds exactly the database's mentions."""
    index = MentionIndex.load(workspace.settings.data_dir)
    return index is not None and _in_step(index, session, workspace.embedder.name)


def _in_step(index: MentionIndex, session: Session, model: str) -> bool:
    """True when the index holds exactly the database's clustered-kind mentions."""
    ids = session.scalars(
        select(Mention.id).where(Mention.kind.in_(CLUSTERED_KINDS)).order_by(Mention.id)
    ).all()
    return (
        index.model == model
        and len(index) == len(ids)
        and np.array_equal(np.sort(index.ids()), np.asarray(ids, dtype=np.int64))
    )


def rebuild_index(workspace: Workspace, session: Session) -> MentionIndex:
    """A fresh index from the embeddings cache, saved to the data dir."""
    rows = session.execute(  # plain rows: ORM objects for every mention cost 50 us each
        select(Mention.id, Mention.text)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
        .order_by(Mention.id)
    ).all()
    vectors = embed_cached(session, workspace.embedder, [row.text for row in rows])
    dim = int(vectors.shape[1]) if rows else max(workspace.embedder.dim, 1)
    index = MentionIndex.build(
        [row.id for row in rows], vectors, model=workspace.embedder.name, dim=dim
    )
    index.save(workspace.settings.data_dir)
    return index


def open_index(workspace: Workspace, session: Session) -> MentionIndex:
    """The saved index when it matches the database, else one rebuilt from the embeddings."""
    index = MentionIndex.load(workspace.settings.data_dir)
    if index is not None and _in_step(index, session, workspace.embedder.name):
        return index
    return rebuild_index(workspace, session)


def synced_index(
    workspace: Workspace, session: Session, current: MentionIndex | None
) -> MentionIndex:
    """``current`` (a loaded index, left unchanged) brought up to the database's mentions with
    as little work as what changed needs, for a process that keeps its index loaded: the
    saved file is read again only when a save replaced it, else its delta is applied to a copy;
    mentions the delta does not hold yet (committed, not yet recorded) are embedded from the
    cache alone. A search after an upload had read the whole file again, and rebuilt it from
    every cached vector whenever it ran between an analysis's commit and its delta."""
    folder = workspace.settings.data_dir
    model = workspace.embedder.name
    if current is None or current.source != file_stamp(folder / INDEX_FILENAME):
        current = MentionIndex.load(folder)
        if current is None or current.model != model:
            return rebuild_index(workspace, session)
    else:
        current = current.copy()
        current.apply_delta(folder)
    rows = session.execute(
        select(Mention.id, Mention.text)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
        .order_by(Mention.id)
    ).all()
    wanted = np.asarray([row.id for row in rows], dtype=np.int64)
    held = current.ids()
    current.remove(np.setdiff1d(held, wanted).tolist())
    missing = set(np.setdiff1d(wanted, held).tolist())
    if missing:
        added = [row for row in rows if row.id in missing]
        vectors = embed_cached(session, workspace.embedder, [row.text for row in added])
        current.add([row.id for row in added], vectors)
    return current


def update_index(
    workspace: Workspace,
    session: Session,
    removed: Sequence[int],
    mentions: Sequence[Mention],
    vectors: Vectors,
) -> None:
    """Record removals and additions in the index's delta; fold it in when it grows large."""
    folder = workspace.settings.data_dir
    meta = folder / f"{INDEX_FILENAME}.json"
    if not meta.exists():
        rebuild_index(workspace, session)
        return
    pending = MentionIndex.append(folder, removed, [m.id for m in mentions], vectors)
    indexed = int(json.loads(meta.read_text()).get("count", 0))
    if pending > COMPACT_SHARE * max(indexed, 1):
        open_index(workspace, session).save(folder)


def mention_vectors(workspace: Workspace, session: Session, mentions: Sequence[Mention]) -> Vectors:
    return embed_cached(session, workspace.embedder, [m.text for m in mentions])
