"""A user's verdict on one buyer sentence: which kind it is (objection with its category, pain,
question, current set-up, other).

Why: the detector is wrong on some sentences (pains read like objections; some objections are
only clear from the exchange). A verdict fixes the lists at once (the sentence changes kind,
leaves its cluster or joins the nearest cluster of its new kind and category), and it is kept as
a labelled sentence in ``<data_dir>/objection_labels.csv``: the detector follows it when the
call is analysed again and re-fits its model on it (``pipeline.detect.learning.refit``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis.flow import analyse_pending, mark_pending
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.index import CLUSTERED_KINDS, mention_vectors, update_index
from pipeline.cluster.topic_vectors import grouping_vectors
from pipeline.detect import DETECTED_ROLES, KINDS, Kind, load_seeds
from pipeline.detect.classify import SentenceInput
from pipeline.detect.fit_state import measured_threshold, record_fit
from pipeline.detect.labels import (
    LabelledSentence,
    drop_user_label,
    put_user_label_row,
    record_user_label,
    sentence_key,
    user_label_row,
    user_labelled,
)
from pipeline.detect.rules import says_nothing
from pipeline.detect.sentences import split_sentences, surroundings
from pipeline.errors import BadInput, NotFound
from pipeline.jobs.queue import submit_task, task
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import Call, Cluster, ClusterEdit, Mention, Utterance
from pipeline.wording import introduces_a_quote
from pipeline.workspace import Workspace

Verdict = Kind
assert get_args(Verdict) == KINDS


@task("redetect")
def redetect_task(
    workspace: Workspace, _args: dict[str, Any], progress: ProgressCallback
) -> dict[str, Any]:
    return dict(redetect_all(workspace, progress=progress))


def correctable_sentences(text: str) -> list[str]:
    """The sentences of a turn a user may label: never a note's bare lead-in ("Giles:", "Their
    GM said") nor a filler ("Hmm."), which the detector reads as nothing and which had each
    drawn a correction form of its own above the quote they introduce."""
    return [
        sentence
        for _start, _end, sentence in split_sentences(text)
        if not (says_nothing(sentence) or introduces_a_quote(sentence))
    ]


def submit_redetect(workspace: Workspace, schedule: Callable[..., Any]) -> str:
    """Start ``redetect_all`` as a background job (one at a time: a request while one is
    queued joins it); returns the job id. The API and the review page both start it here."""
    return submit_task(
        workspace, "redetect", "detecting again in every call", {}, schedule, once=True
    )


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
    every answer so far, so the review queue counts its next re-fit from here, and it measures
    the workspace's objection threshold again (``pipeline.detect.fit_state``)."""
    with workspace.writer():
        if not mark_pending(workspace):
            return {"calls": 0, "mentions": 0, "clustered_mentions": 0, "clusters": 0}
        answers = len(user_labelled(workspace.settings.data_dir))
        summary = dict(analyse_pending(workspace, progress=progress, rebuild=True))
        with workspace.session() as session:  # the threshold the next detection uses
            threshold = measured_threshold(workspace.settings, session)
    record_fit(workspace.settings, answers, threshold)
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
    group, seq = f"call-{utterance.call_id}", str(utterance.seq)
    replaced = user_label_row(
        workspace.settings.data_dir, group=group, utterance=seq, text=sentence
    )
    labels_file = record_user_label(
        workspace.settings.data_dir,
        LabelledSentence(where, label, category, group=group),
        utterance=seq,
    )
    mention, created = _kind_mention(session, utterance, (start, end))
    before = None if created else _mention_state(mention)
    mention.kind, mention.category = label, category or None
    mention.confidence, mention.source, mention.excluded = 1.0, "user", False
    mention.objection_probability = float(label == "objection")
    mention.category_margin = None  # the user's category is no doubt
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
                "before": before,  # what an undo puts back
                "replaced": replaced,
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


def undo_label(
    workspace: Workspace, session: Session, utterance_id: int, *, text: str | None = None
) -> dict[str, Any]:
    """Take back the latest answer on one sentence: its row leaves the labels file (the verdict
    it had replaced comes back) and the sentence gets the kind, category and theme it had."""
    utterance = session.get(Utterance, utterance_id)
    if utterance is None:
        raise NotFound(f"no utterance {utterance_id}")
    start, end, sentence = _which_sentence(utterance, text)
    edit = _latest_answer(session, utterance.id, sentence)
    if edit is None:
        raise NotFound(f"no answer to undo on {sentence!r}")
    data_dir, group, seq = (
        workspace.settings.data_dir,
        f"call-{utterance.call_id}",
        str(utterance.seq),
    )
    drop_user_label(data_dir, group=group, utterance=seq, text=sentence)
    if edit.payload.get("replaced"):
        put_user_label_row(data_dir, edit.payload["replaced"])
    mention, _ = _kind_mention(session, utterance, (start, end))
    before = edit.payload.get("before")
    session.delete(edit)
    vectors = mention_vectors(workspace, session, [mention])
    if before is None:  # the answer made the sentence's row: it goes with it
        update_index(workspace, session, [mention.id], [], vectors[:0])
        session.delete(mention)
        session.flush()
        return {"utterance_id": utterance.id, "text": sentence, "label": None, "category": None}
    for name, value in before.items():
        setattr(mention, name, value)
    if mention.cluster_id is not None and session.get(Cluster, mention.cluster_id) is None:
        mention.cluster_id = None
    kept = [mention] if mention.kind in CLUSTERED_KINDS else []
    update_index(workspace, session, [mention.id], kept, vectors[: len(kept)])
    session.flush()
    return {
        "utterance_id": utterance.id,
        "text": sentence,
        "label": mention.kind,
        "category": mention.category,
    }


MENTION_STATE = (
    "kind", "category", "confidence", "source", "excluded", "objection_probability",
    "category_margin", "competitor", "cluster_id",
)  # fmt: skip


def _mention_state(mention: Mention) -> dict[str, Any]:
    """What an answer changes on a sentence's row, as it was (an undo puts it back)."""
    return {name: getattr(mention, name) for name in MENTION_STATE}


def _latest_answer(session: Session, utterance_id: int, sentence: str) -> ClusterEdit | None:
    """The latest answer recorded on this sentence (its edit holds what it changed)."""
    edits = session.scalars(
        select(ClusterEdit).where(ClusterEdit.action == "label").order_by(ClusterEdit.id.desc())
    )
    wanted = sentence_key(sentence, "")[0]
    for edit in edits:
        payload = edit.payload or {}
        said = sentence_key(str(payload.get("text", "")), "")[0]
        if payload.get("utterance_id") == utterance_id and said == wanted and "before" in payload:
            return edit
    return None


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


def _kind_mention(
    session: Session, utterance: Utterance, span: tuple[int, int]
) -> tuple[Mention, bool]:
    """The sentence's kind row (one per sentence), and whether it was created here (for calls
    detected before kinds)."""
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
        return found[0], False
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
    return mention, True


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
    grouping = grouping_vectors(session, workspace.embedder, [mention], vectors)
    assign_incremental(
        session, [mention], grouping, only=set(active), threshold=-1.0, own_words=vectors
    )
