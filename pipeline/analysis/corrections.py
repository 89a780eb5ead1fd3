"""A user's verdict on one buyer sentence: which kind it is (objection with its category, pain,
question, current set-up, other).

Why: the detector is wrong on some sentences (pains read like objections; some objections are
only clear from the exchange). A verdict fixes the lists at once (the sentence changes kind,
leaves its cluster or joins the nearest cluster of its new kind and category), and it is kept as
a labelled sentence in ``<data_dir>/objection_labels.csv``: the detector follows it when the
call is analysed again and re-fits its model on it (``pipeline.detect.learning.refit``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis.flow import analyse_pending, mark_pending
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.index import CLUSTERED_KINDS, mention_vectors, update_index
from pipeline.detect import DETECTED_ROLES, KINDS, Kind, load_seeds
from pipeline.detect.classify import SentenceInput
from pipeline.detect.labels import (
    LabelledSentence,
    record_user_label,
    sentence_key,
    user_labelled,
)
from pipeline.detect.learning import record_fit
from pipeline.detect.sentences import split_sentences, surroundings
from pipeline.errors import BadInput, NotFound
from pipeline.jobs.queue import task
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import Call, Cluster, ClusterEdit, Mention, Utterance
from pipeline.workspace import Workspace

Verdict = Kind
assert get_args(Verdict) == KINDS


@task("redetect")
def redetect_task(
    workspace: Workspace, _args: dict[str, Any], progress: ProgressCallback
) -> dict[str, Any]:
    return dict(redetect_all(workspace, progress=progress))


def redetect_all(
    workspace: Workspace, *, progress: ProgressCallback | None = None
) -> dict[str, Any]:
    """Detect again in every stored call with the detector as it is now (your answers learnt,
    your verdicts followed), then re-cluster in full: every mention is new, and
    nearest-centroid assignment alone would let categories mix. Cluster ids and your edits
    carry over as in any full re-cluster (the mentions' first assignment is the overlap).

    Every call is marked pending first (under the writer lock, so a redetect waiting for
    another analysis has not begun and may still be joined): a crash midway leaves the calls
    not yet done pending, and the next start analyses them. The detector it builds learns
    every answer so far, so the review queue counts its next re-fit from here."""
    with workspace.writer():
        if not mark_pending(workspace):
            return {"calls": 0, "mentions": 0, "clustered_mentions": 0, "clusters": 0}
        answers = len(user_labelled(workspace.settings.data_dir))
        summary = dict(analyse_pending(workspace, progress=progress, rebuild=True))
    record_fit(workspace, answers)
    return summary


def label_mention(
    workspace: Workspace,
    session: Session,
    mention_id: int,
    *,
    label: Verdict,
    category: str | None = None,
) -> dict[str, Any]:
    """Correct one detected quote: say which kind its sentence is."""
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
    """Say which kind one sentence of a buyer utterance is (``text``: which sentence; it may be
    left out when the utterance has one). Returns what changed, and ``answers``: how many
    verdicts the labels file holds now."""
    if label not in KINDS:
        raise BadInput(f"the kind must be one of: {', '.join(KINDS)}")
    utterance = session.get(Utterance, utterance_id)
    if utterance is None:
        raise NotFound(f"no utterance {utterance_id}")
    if utterance.role not in DETECTED_ROLES:
        raise BadInput(
            f"utterance {utterance_id} is the {utterance.role}'s: only buyer sentences have kinds"
        )
    start, end, sentence = _which_sentence(utterance, text)
    category = _checked_category(workspace.settings.data_dir, label, category)
    where = _where_said(session, utterance, sentence, start, workspace.settings.competitors)
    labels_file = record_user_label(
        workspace.settings.data_dir,
        LabelledSentence(where, label, category, group=f"call-{utterance.call_id}"),
        utterance=str(utterance.seq),
    )
    mention = _kind_mention(session, utterance, (start, end))
    mention.kind, mention.category = label, category or None
    mention.confidence, mention.source, mention.excluded = 1.0, "user", False
    mention.objection_probability = float(label == "objection")
    mention.competitor = _rival(session, utterance, start) if category == "competitor" else None
    session.flush()
    _place(workspace, session, mention, label, category)
    session.add(
        ClusterEdit(
            action="label",
            cluster_id=mention.cluster_id,
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
        "mention_ids": [mention.id],
        "cluster_id": mention.cluster_id,
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
    if label != "objection":
        return ""
    known = list(load_seeds(data_dir).objection)
    if not category or category not in known:
        raise BadInput(f"an objection needs a category, one of: {', '.join(known)}")
    return category


def _where_said(
    session: Session, utterance: Utterance, sentence: str, start: int, listed: list[str]
) -> SentenceInput:
    """The sentence as the detector reads it: its turn, the rep's turns around it, where the
    turn sits in the call, the call's competitors."""
    turns = list(
        session.scalars(
            select(Utterance).where(Utterance.call_id == utterance.call_id).order_by(Utterance.seq)
        )
    )
    call = session.get(Call, utterance.call_id)
    spans = split_sentences(utterance.text)
    index = next((i for i, span in enumerate(spans) if span[0] == start), 0)
    for said, context, reply, position in surroundings(turns):
        if said.id == utterance.id:
            competitors = tuple(dict.fromkeys([*(call.competitors if call else []), *listed]))
            return SentenceInput(
                sentence, utterance.text, context, competitors, reply, position, index, len(spans)
            )
    return SentenceInput(sentence, utterance.text)


def _kind_mention(session: Session, utterance: Utterance, span: tuple[int, int]) -> Mention:
    """The sentence's kind row (one per sentence); created for calls detected before kinds."""
    found = session.scalars(
        select(Mention)
        .where(
            Mention.utterance_id == utterance.id,
            Mention.kind.in_(KINDS),
            Mention.char_start == span[0],
        )
        .order_by(Mention.id)
    ).all()
    if found:
        for extra in found[1:]:  # an older objection and question on one sentence
            session.delete(extra)
        return found[0]
    mention = Mention(
        utterance_id=utterance.id,
        call_id=utterance.call_id,
        kind="other",
        text=utterance.text[span[0] : span[1]],
        char_start=span[0],
        char_end=span[1],
    )
    session.add(mention)
    session.flush()
    return mention


def _rival(session: Session, utterance: Utterance, start: int) -> str | None:
    """The competitor tagged on this sentence, if any."""
    return session.scalar(
        select(Mention.competitor)
        .where(
            Mention.utterance_id == utterance.id,
            Mention.kind == "competitor",
            Mention.char_start == start,
        )
        .limit(1)
    )


def _place(
    workspace: Workspace, session: Session, mention: Mention, kind: str, category: str
) -> None:
    """Index the sentence and move it to the nearest cluster of its new kind (and, for an
    objection, category) however far: the user said what it is, so it belongs with those.
    A kind that is not clustered leaves every cluster."""
    vectors = mention_vectors(workspace, session, [mention])
    if kind not in CLUSTERED_KINDS:
        mention.cluster_id = None
        update_index(workspace, session, [mention.id], [], vectors[:0])
        session.flush()
        return
    update_index(workspace, session, [mention.id], [mention], vectors)
    # Clusters never mix categories: it joins the nearest active cluster of its kind and
    # category (a new one when there is none), never one marked "not an objection".
    active = session.scalars(
        select(Cluster.id).where(Cluster.kind == kind, Cluster.status == "active")
    )
    assign_incremental(session, [mention], vectors, only=set(active), threshold=-1.0)
