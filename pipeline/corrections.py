"""A user's verdict on one buyer sentence: "not an objection", or "an objection of this kind".

Why: the detector is wrong on some sentences (pains about the current tool read like objections;
some objections are only clear from the exchange). A correction fixes the lists at once (the
mention leaves its cluster, moves category, or is created), and it is kept as a labelled
sentence in ``<data_dir>/objection_labels.csv``, so the detector follows it when the call is
analysed again and re-fits its model on it before the next upload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis import analyse_pending, mark_pending
from pipeline.cluster.incremental import assign_incremental
from pipeline.detect import DETECTED_ROLES, load_seeds
from pipeline.detect.classify import SentenceInput
from pipeline.detect.labels import LabelledSentence, context_text, record_user_label, sentence_key
from pipeline.detect.sentences import split_sentences
from pipeline.errors import BadInput, NotFound
from pipeline.index import mention_vectors, update_index
from pipeline.jobs import ProgressCallback
from pipeline.store import Cluster, ClusterEdit, Mention, Utterance
from pipeline.workspace import Workspace

Verdict = Literal["objection", "other"]


def redetect_all(
    workspace: Workspace, *, progress: ProgressCallback | None = None
) -> dict[str, Any]:
    """Detect again in every stored call with the detector as it is now (your corrections
    learnt, your verdicts followed), then re-cluster in full: every mention is new, and
    nearest-centroid assignment alone would let categories mix. Cluster ids and your edits
    carry over as in any full re-cluster (the mentions' first assignment is the overlap).

    Every call is marked pending first (under the writer lock, so a redetect waiting for
    another analysis has not begun and may still be joined): a crash midway leaves the calls
    not yet done pending, and the next start analyses them."""
    with workspace.writer():
        if not mark_pending(workspace):
            return {"calls": 0, "mentions": 0, "clustered_mentions": 0, "clusters": 0}
        return dict(analyse_pending(workspace, progress=progress, rebuild=True))


def label_mention(
    workspace: Workspace,
    session: Session,
    mention_id: int,
    *,
    label: Verdict,
    category: str | None = None,
) -> dict[str, Any]:
    """Correct one detected objection or question: ``other`` or an objection ``category``."""
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound(f"no mention {mention_id}")
    return label_sentence(
        workspace,
        session,
        mention.utterance_id,
        text=mention.text,
        label=label,
        category=category,
    )


def label_sentence(
    workspace: Workspace,
    session: Session,
    utterance_id: int,
    *,
    text: str | None = None,
    label: Verdict,
    category: str | None = None,
) -> dict[str, Any]:
    """Say what one sentence of a buyer utterance is (``text``: which sentence; it may be left
    out when the utterance has one). Returns what changed."""
    utterance = session.get(Utterance, utterance_id)
    if utterance is None:
        raise NotFound(f"no utterance {utterance_id}")
    if utterance.role not in DETECTED_ROLES:
        raise BadInput(
            f"utterance {utterance_id} is the {utterance.role}'s: only buyer lines are objections"
        )
    start, end, sentence = _which_sentence(utterance, text)
    category = _checked_category(workspace.settings.data_dir, label, category)
    context = context_text(_rep_turn_before(session, utterance))
    labels_file = record_user_label(
        workspace.settings.data_dir,
        LabelledSentence(
            SentenceInput(sentence, utterance.text, context),
            label,
            category,
            group=f"call-{utterance.call_id}",
        ),
        utterance=str(utterance.seq),
    )
    mentions = _objection_mentions(session, utterance, start)
    if label == "other":
        for mention in mentions:
            mention.excluded, mention.cluster_id = True, None
    else:
        mentions = _as_objections(workspace, session, utterance, mentions, (start, end), category)
    session.add(
        ClusterEdit(
            action="label",
            cluster_id=mentions[0].cluster_id if mentions else None,
            payload={
                "utterance_id": utterance.id,
                "text": sentence,
                "label": label,
                "category": category,
            },
        )
    )
    session.flush()
    return {
        "utterance_id": utterance.id,
        "text": sentence,
        "label": label,
        "category": category or None,
        "mention_ids": [m.id for m in mentions],
        "cluster_id": mentions[0].cluster_id if mentions and label == "objection" else None,
        "labels_file": str(labels_file),
    }


def _which_sentence(utterance: Utterance, text: str | None) -> tuple[int, int, str]:
    """The span of the sentence ``text`` names (whitespace ignored), or the only one."""
    spans = split_sentences(utterance.text)
    if text is None or not text.strip():
        if len(spans) == 1:
            return spans[0]
        raise BadInput(f"utterance {utterance.id} has {len(spans)} sentences: say which one (text)")
    wanted = sentence_key(text, "")[0]
    for span in spans:
        if sentence_key(span[2], "")[0] == wanted:
            return span
    listed = " | ".join(s for _, _, s in spans)
    raise BadInput(f"{text!r} is not a sentence of utterance {utterance.id}; it has: {listed}")


def _checked_category(data_dir: Path, label: Verdict, category: str | None) -> str:
    if label == "other":
        return ""
    known = list(load_seeds(data_dir).objection)
    if not category or category not in known:
        raise BadInput(f"an objection needs a category, one of: {', '.join(known)}")
    return category


def _rep_turn_before(session: Session, utterance: Utterance) -> str:
    """The rep's last turn before ``utterance`` in its call: what the detector reads as context."""
    text = session.scalar(
        select(Utterance.text)
        .where(
            Utterance.call_id == utterance.call_id,
            Utterance.seq < utterance.seq,
            Utterance.role == "rep",
        )
        .order_by(Utterance.seq.desc())
        .limit(1)
    )
    return text or ""


def _objection_mentions(session: Session, utterance: Utterance, start: int) -> list[Mention]:
    """The objection mentions of this sentence (its question mention, if any, stays)."""
    return list(
        session.scalars(
            select(Mention)
            .where(
                Mention.utterance_id == utterance.id,
                Mention.kind == "objection",
                Mention.char_start == start,
            )
            .order_by(Mention.id)
        )
    )


def _as_objections(
    workspace: Workspace,
    session: Session,
    utterance: Utterance,
    mentions: list[Mention],
    span: tuple[int, int],
    category: str,
) -> list[Mention]:
    """The sentence's objection mention in ``category`` (created when the detector missed it),
    indexed, and moved to the nearest cluster of that category however far: the user said
    which objection it is, so it belongs with the others of that kind."""
    objections = mentions
    if not objections:
        objection = Mention(
            utterance_id=utterance.id,
            call_id=utterance.call_id,
            kind="objection",
            category=category,
            text=utterance.text[span[0] : span[1]],
            char_start=span[0],
            char_end=span[1],
            confidence=1.0,
        )
        session.add(objection)
        session.flush()
        objections = [objection]
        vectors = mention_vectors(workspace, session, objections)
        update_index(workspace, session, [], objections, vectors)
    else:
        vectors = mention_vectors(workspace, session, objections)
    moved = [m for m in objections if m.category != category or m.excluded]
    for mention in objections:
        mention.category, mention.excluded, mention.confidence = category, False, 1.0
    if moved or objections[0].cluster_id is None:
        # Clusters never mix categories: it joins the nearest active cluster of its category
        # (a new one when there is none), never one marked "not an objection".
        active = session.scalars(
            select(Cluster.id).where(Cluster.kind == "objection", Cluster.status == "active")
        )
        assign_incremental(session, objections, vectors, only=set(active), threshold=-1.0)
    return objections
