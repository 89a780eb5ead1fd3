"""Erase an account: its calls and everything derived from them, and a record that it happened.

Gone afterwards: the calls, utterances and mentions; their vectors in the embeddings cache and
the faiss index (rebuilt, not just marked); their quotes in documents (``content.scrub``);
the user's verdicts on their sentences in ``DATA_DIR/objection_labels.csv`` (and the model
fits made from them); the label edits that quote them. The affected kinds are re-clustered,
clusters left empty lose the names and keywords their words made, and a SQLite database is
vacuumed so the deleted rows do not linger in free pages. An ``Erasure`` row records who, when,
which account and how much.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.index import CLUSTERED_KINDS, rebuild_index
from pipeline.cluster.topic_vectors import SaidAt, grouped_texts
from pipeline.content.scrub import Erased, scrub_documents
from pipeline.detect.labels import context_text, drop_user_labels
from pipeline.detect.sentences import split_sentences
from pipeline.embed.cache import text_hash
from pipeline.errors import BadInput, NotFound
from pipeline.store.models import (
    Call,
    Cluster,
    ClusterEdit,
    EmbeddingCache,
    Erasure,
    Mention,
    Utterance,
)
from pipeline.workspace import Workspace

MODELS_DIRNAME = "models"  # the detector's fits on the user's labels (see detect.detector)


class ErasureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    account: str
    actor: str
    counts: dict[str, Any]
    created_at: dt.datetime


def list_erasures(db: Session) -> list[ErasureRead]:
    rows = db.scalars(select(Erasure).order_by(Erasure.id.desc()))
    return [ErasureRead.model_validate(row) for row in rows]


def _account_calls(db: Session, account: str) -> list[Call]:
    """The calls of ``account``, matched whatever the case and surrounding spaces."""
    key = account.strip().lower()
    return list(
        db.scalars(select(Call).where(func.lower(func.trim(Call.account)) == key).order_by(Call.id))
    )


def _embedded_texts(db: Session, call_ids: list[int]) -> set[str]:
    """Every text detection and indexing embedded for these calls: buyer sentences, mentions,
    the rep turns read as context, whole turns, and each fragment with its lead-in (what a
    re-cluster groups it by, ``topic_vectors.grouped_texts``)."""
    texts: set[str] = set()
    for text, role in db.execute(
        select(Utterance.text, Utterance.role).where(Utterance.call_id.in_(call_ids))
    ):
        texts.add(text)
        texts.update(sentence for _start, _end, sentence in split_sentences(text))
        if role == "rep":
            texts.add(context_text(text))
    said = db.execute(
        select(Mention.text, Mention.utterance_id, Mention.char_start).where(
            Mention.call_id.in_(call_ids)
        )
    ).all()
    texts.update(grouped_texts(db, [SaidAt(str(t), int(u), int(c)) for t, u, c in said]))
    texts.update(str(t) for t, _, _ in said)
    return {t for t in texts if t.strip()}


def _delete_vectors(db: Session, texts: set[str]) -> int:
    hashes = sorted({text_hash(t) for t in texts})
    deleted = 0
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        result = db.execute(delete(EmbeddingCache).where(EmbeddingCache.text_hash.in_(chunk)))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted


def _delete_label_edits(db: Session, utterance_ids: set[int]) -> int:
    edits = db.scalars(select(ClusterEdit).where(ClusterEdit.action == "label")).all()
    gone = [e for e in edits if (e.payload or {}).get("utterance_id") in utterance_ids]
    for edit in gone:
        db.delete(edit)
    return len(gone)


def _forget_emptied_clusters(db: Session, cluster_ids: set[int]) -> int:
    """Clusters the account's mentions alone made: no names, keywords or centroid from them."""
    emptied = 0
    for cluster in db.scalars(select(Cluster).where(Cluster.id.in_(cluster_ids))):
        members = db.scalar(select(func.count(Mention.id)).where(Mention.cluster_id == cluster.id))
        if members:
            continue
        cluster.keywords, cluster.centroid, cluster.auto_name = [], None, ""
        if not cluster.name_locked:
            cluster.name = f"Erased cluster {cluster.id}"
        if cluster.status == "active":
            cluster.status = "retired"
        emptied += 1
    return emptied


def erase_account(workspace: Workspace, account: str, *, actor: str) -> ErasureRead:
    """Remove ``account``'s calls and everything derived from them; see the module docstring."""
    if not account.strip():
        raise BadInput("name the account to erase")
    data_dir = workspace.settings.data_dir
    with workspace.session() as db:
        calls = _account_calls(db, account)
        if not calls:
            raise NotFound(f"no calls for account {account.strip()!r}")
        call_ids = [c.id for c in calls]
        spellings = tuple(sorted({c.account or "" for c in calls}))
        # The labels file first: if the database part then failed, a retry finds the calls.
        labels = drop_user_labels(data_dir, {f"call-{i}" for i in call_ids})
        utterance_ids = set(db.scalars(select(Utterance.id).where(Utterance.call_id.in_(call_ids))))
        mentions = db.execute(
            select(Mention.kind, Mention.cluster_id).where(Mention.call_id.in_(call_ids))
        ).all()
        clusters = {int(m.cluster_id) for m in mentions if m.cluster_id is not None}
        kinds = sorted({m.kind for m in mentions} & set(CLUSTERED_KINDS))
        vectors = _delete_vectors(db, _embedded_texts(db, call_ids))
        edits = _delete_label_edits(db, utterance_ids)
        erasure = Erasure(account=", ".join(spellings), actor=actor, counts={})
        db.add(erasure)
        db.flush()
        documents = scrub_documents(
            db, Erased(frozenset(call_ids), spellings), erasure_id=erasure.id, actor=actor
        )
        db.execute(delete(Call).where(Call.id.in_(call_ids)))  # utterances, mentions cascade
        counts: dict[str, Any] = {
            "calls": len(call_ids),
            "utterances": len(utterance_ids),
            "mentions": len(mentions),
            "vectors": vectors,
            "documents": documents,
            "labels": labels,
            "label_edits": edits,
        }
        erasure.counts = counts
        erasure_id = erasure.id
    if labels:
        for fit in (data_dir / MODELS_DIRNAME).glob("*.npz"):
            fit.unlink(missing_ok=True)
    with workspace.session() as db:
        rebuild_index(workspace, db)  # a new file: the old one held the account's vectors
    if kinds:
        run_clustering(workspace, rebuild=True, kinds=kinds)
    with workspace.session() as db:
        counts["clusters_emptied"] = _forget_emptied_clusters(db, clusters)
        counts["complete"] = True
        row = db.get(Erasure, erasure_id)
        if row is None:
            raise NotFound(f"erasure {erasure_id} vanished while it ran")
        row.counts = dict(counts)
        db.flush()
        result = ErasureRead.model_validate(row)
    workspace.db.compact()
    return result
