"""The review queue and the detector's learning: which buyer sentences to ask the user about
next, and the background re-fit after a few answers.

The queue (``review_queue``) asks about the unanswered sentences whose kind is in doubt, those
whose stored P(objection) is closest to the operating threshold first, in turn with the
objections whose category is in doubt (a stored category margin near a tie, or filed nearer
another category's theme than their own: ``theme_doubt.py``), spread over calls and themes
(``pipeline/detect/queue.py``); a sentence sure of both is asked only when it reads oddly
(every fifth question: ``odd_detections.py``), a confident ``other`` that strong signals
contradict among them (``contradicted.py``).
An answer is a ``pipeline.analysis.corrections.label_sentence`` verdict; every ``refit_every``
answers ``refit_due`` says so and the caller runs ``refit`` as a background job: it fits the
detector on the answers (warm-started, a second or two), then re-scores the sentences the queue
draws from, so the next questions come from the new model, and measures the workspace's own
objection threshold (``fit_state.py``). ``callmine redetect`` applies both to every call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.detect import KINDS, RuleEmbeddingDetector, load_seeds
from pipeline.detect.fit_state import last_fit, measured_threshold, operating_threshold, record_fit
from pipeline.detect.labels import user_labelled, user_verdicts
from pipeline.detect.model import category_confidence, category_margin
from pipeline.detect.odd_detections import with_odd_detections
from pipeline.detect.queue import ASKED_ROLES, category_tied, pick, uncertainty_order
from pipeline.detect.theme_doubt import doubted_categories
from pipeline.detect.train import load_or_train
from pipeline.embed import CachedEmbedder, embed_cached
from pipeline.jobs import runs as jobs
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import Job, Mention, Utterance
from pipeline.workspace import Workspace

POOL_PER_QUESTION = 20  # candidates in doubt read (nearest the threshold) per question asked
ANSWERED_KEPT = 500  # the latest answers the queue keeps away from (near-duplicates)
RESCORE_POOL = 2000  # sentences nearest the threshold that a re-fit scores again
REFIT_JOB = "refit"


class Suggested(BaseModel):
    kind: str
    category: str | None


class QueueItem(BaseModel):
    """One sentence to answer, as ``callmine detections queue --json`` prints it."""

    utterance_id: int
    call_id: int
    sentence: str
    speaker: str | None
    role: str
    suggested: Suggested
    confidence: float
    # How sure of the suggested category, 0..1 (0.5 a tie with the next; ``model.
    # category_confidence``; None: no objection, or detected before it was kept): the queue
    # asks the near ties.
    category_confidence: float | None = None


@dataclass(frozen=True)
class QueueEntry:
    """A queue item with what the review page shows around it."""

    item: QueueItem
    mention_id: int
    before: str  # the rep's turn before (whole)
    after: str  # the rep's turn after (whole)
    turn: str  # the buyer's whole turn
    char_start: int
    char_end: int


class OpenSentence(NamedTuple):
    mention_id: int
    call_id: int
    objection_probability: float
    # Said by the buyer (a turn, or a line a note quotes), not an unknown speaker (maybe the rep).
    buyer: bool
    confidence: float = 0.0  # of the kind shown
    category_margin: float | None = None  # an objection's category lead over the next


def _open_sentences(session: Session) -> list[OpenSentence]:
    """Every sentence no user has answered, of the roles the queue asks about."""
    rows = session.execute(
        select(
            Mention.id,
            Mention.call_id,
            Mention.objection_probability,
            Utterance.role,
            Mention.confidence,
            Mention.category_margin,
        )
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(
            Mention.kind.in_(KINDS),
            Mention.source != "user",
            Mention.objection_probability.is_not(None),
            Utterance.role.in_(ASKED_ROLES),
        )
    ).all()
    return [
        OpenSentence(int(r[0]), int(r[1]), float(r[2] or 0.0), r[3] == "buyer", float(r[4]), r[5])
        for r in rows
    ]


def _queue_order(rows: Sequence[OpenSentence], threshold: float) -> list[int]:
    """The buyer's words first, then an unknown speaker's, each closest to the threshold
    first. Why: the model learns what buyers say; an unknown speaker may be the rep."""
    order = uncertainty_order([r.objection_probability for r in rows], threshold)
    return [i for i in order if rows[i].buyer] + [i for i in order if not rows[i].buyer]


def _doubted(
    workspace: Workspace, session: Session, rows: Sequence[OpenSentence]
) -> tuple[list[OpenSentence], list[OpenSentence], dict[int, float]]:
    """The rows whose kind is in doubt (below ``confident_at``), those whose stored category
    margin is a near tie (the nearest first), and the theme margins of the sure ones whose
    category is in doubt (``theme_doubt``)."""
    sure_at = workspace.settings.confident_at
    unsure = [r for r in rows if r.confidence < sure_at]
    tied = sorted(
        (r for r in rows if category_tied(r.category_margin)),
        key=lambda r: float(r.category_margin or 0.0),
    )
    sure = [r.mention_id for r in rows if r.confidence >= sure_at]
    return unsure, tied, doubted_categories(session, workspace.embedder, sure)


def review_queue(workspace: Workspace, session: Session, limit: int = 10) -> list[QueueEntry]:
    """The next ``limit`` sentences to ask about, best first (see the module docstring)."""
    threshold = operating_threshold(workspace.settings)
    open_rows = _open_sentences(session)
    if not open_rows or limit <= 0:
        return []
    unsure, tied, margins = _doubted(workspace, session, open_rows)
    size = max(limit * POOL_PER_QUESTION, 50)
    order = _queue_order(unsure, threshold)
    pool = [unsure[i] for i in order[:size]]
    pooled = {r.mention_id for r in pool}
    pool += [r for r in tied[:size] if r.mention_id not in pooled]
    pooled |= {r.mention_id for r in pool}
    pool += [r for r in open_rows if r.mention_id in margins and r.mention_id not in pooled]
    if len(pool) < limit:  # nothing left in doubt: the sure ones nearest the threshold
        asked = {r.mention_id for r in pool}
        sure = [r for r in open_rows if r.mention_id not in asked]
        pool += [sure[i] for i in _queue_order(sure, threshold)[:size]]
    pool.sort(key=lambda r: not r.buyer)  # stable: the buyer's words first (``first`` below)
    mentions = {
        m.id: m
        for m in session.scalars(
            select(Mention).where(Mention.id.in_([r.mention_id for r in pool]))
        )
    }
    pool = [r for r in pool if r.mention_id in mentions]
    vectors = embed_cached(session, workspace.embedder, [mentions[r.mention_id].text for r in pool])
    answered_texts = list(
        session.scalars(
            select(Mention.text)
            .where(Mention.source == "user", Mention.kind.in_(KINDS))
            .order_by(Mention.id.desc())
            .limit(ANSWERED_KEPT)
        )
    )
    answered = embed_cached(session, workspace.embedder, answered_texts) if answered_texts else None
    chosen = pick(
        [r.objection_probability for r in pool],
        [r.call_id for r in pool],
        vectors,
        limit,
        threshold,
        answered,
        first=sum(r.buyer for r in pool),
        confidences=[r.confidence for r in pool],
        theme_doubts=[margins.get(r.mention_id) for r in pool],
        category_margins=[r.category_margin for r in pool],
        sure_at=workspace.settings.confident_at,
    )
    picked = [pool[i].mention_id for i in chosen]
    taken = vectors[chosen] if answered is None else np.vstack([answered, vectors[chosen]])
    shown = with_odd_detections(
        session,
        picked,
        limit,
        workspace.settings.confident_at,
        threshold=threshold,
        embedder=workspace.embedder,
        taken=taken,
    )
    return [_entry(session, mentions.get(i) or session.get_one(Mention, i)) for i in shown]


def _entry(session: Session, mention: Mention) -> QueueEntry:
    utterance = mention.utterance
    before = _rep_turn(session, utterance, before=True)
    after = _rep_turn(session, utterance, before=False)
    item = QueueItem(
        utterance_id=utterance.id,
        call_id=utterance.call_id,
        sentence=mention.text,
        speaker=utterance.speaker,
        role=utterance.role,
        suggested=Suggested(kind=mention.kind, category=mention.category),
        confidence=round(float(mention.confidence), 3),
        category_confidence=category_confidence(mention.category_margin),
    )
    return QueueEntry(
        item, mention.id, before, after, utterance.text, mention.char_start, mention.char_end
    )


def _rep_turn(session: Session, utterance: Utterance, *, before: bool) -> str:
    """The rep's nearest turn before (or after) ``utterance`` in its call ("" when none)."""
    seq = Utterance.seq < utterance.seq if before else Utterance.seq > utterance.seq
    order = Utterance.seq.desc() if before else Utterance.seq.asc()
    text = session.scalar(
        select(Utterance.text)
        .where(Utterance.call_id == utterance.call_id, Utterance.role == "rep", seq)
        .order_by(order)
        .limit(1)
    )
    return text or ""


class QueueProgress(BaseModel):
    """What the review page shows: answers given, sentences still uncertain, how many have no
    score yet (detected before the kinds: ``callmine redetect``), and where the re-fit stands:
    ``refit_running`` while a re-fit job is queued or running, else the last fit (on
    ``fitted_answers`` answers, at ``fitted_at``, UTC) and ``until_refit`` answers to the next
    (0: due, it runs after the next answer)."""

    answered: int
    uncertain: int
    unscored: int
    until_refit: int
    refit_running: bool
    fitted_answers: int
    fitted_at: str | None


def queue_progress(workspace: Workspace, session: Session) -> QueueProgress:
    """The review queue's progress (see ``QueueProgress``)."""
    rows = session.execute(
        select(
            Mention.id,
            Mention.source,
            Mention.objection_probability,
            Mention.confidence,
            Mention.category_margin,
            Utterance.role,
        )
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(Mention.kind.in_(KINDS))
    ).all()
    asked = [r for r in rows if r[5] in ASKED_ROLES]  # the queue's, as ``_open_sentences``
    scored = [r for r in asked if r[1] != "user" and r[2] is not None]
    sure_at = workspace.settings.confident_at
    sure = [r for r in scored if r[3] >= sure_at]
    margins = doubted_categories(session, workspace.embedder, [int(r[0]) for r in sure])
    tied = [r for r in sure if category_tied(r[4]) and int(r[0]) not in margins]
    given = len(user_labelled(workspace.settings.data_dir))
    fitted = last_fit(workspace.settings)
    return QueueProgress(
        answered=sum(1 for r in rows if r[1] == "user"),
        uncertain=len(scored) - len(sure) + len(margins) + len(tied),
        unscored=sum(1 for r in asked if r[1] != "user" and r[2] is None),
        until_refit=max(0, workspace.settings.refit_every - (given - fitted.answers)),
        refit_running=_refit_running(session),
        fitted_answers=fitted.answers,
        fitted_at=fitted.at,
    )


def _refit_running(session: Session) -> bool:
    running = session.scalar(
        select(Job.id).where(Job.kind == REFIT_JOB, Job.status.in_(("queued", "running"))).limit(1)
    )
    return running is not None


def refit_due(workspace: Workspace, session: Session) -> bool:
    """True when ``refit_every`` answers came since the last fit and no re-fit is queued."""
    given = len(user_labelled(workspace.settings.data_dir))
    if given - last_fit(workspace.settings).answers < workspace.settings.refit_every:
        return False
    return not _refit_running(session)


def refit(workspace: Workspace, *, progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Fit the detector on every answer so far (cached in ``<data_dir>/models``), then score
    again the ``RESCORE_POOL`` unanswered sentences nearest the threshold. Kinds, clusters and
    quotes stay as they are until ``callmine redetect``."""
    settings = workspace.settings
    seeds = load_seeds(settings.data_dir)
    users = user_labelled(settings.data_dir)
    with workspace.writer(), workspace.session() as session:
        embedder = CachedEmbedder(session, workspace.embedder)
        if progress:
            progress(0.1, f"fitting the detector on {len(users)} answers")
        model = load_or_train(embedder, seeds, users, settings.data_dir / "models")
        base = load_or_train(embedder, seeds, (), settings.data_dir / "models")
        detector = RuleEmbeddingDetector(
            embedder,
            seeds=seeds,
            competitors=settings.competitors,
            model=model,
            threshold=operating_threshold(settings),
            verdicts=user_verdicts(users),
            base_model=base,
        )
        if progress:
            progress(0.6, "scoring the uncertain sentences again")
        rescored = _rescore(workspace, session, detector)
        threshold = measured_threshold(settings, session)
    record_fit(settings, len(users), threshold)
    return {"answers": len(users), "model": model.key, "rescored": rescored}


def _rescore(workspace: Workspace, session: Session, detector: RuleEmbeddingDetector) -> int:
    open_rows = _open_sentences(session)
    order = _queue_order(open_rows, detector.threshold)
    wanted = {open_rows[i].mention_id for i in order[:RESCORE_POOL]}
    calls = sorted({open_rows[i].call_id for i in order[:RESCORE_POOL]})
    if not calls:
        return 0
    mentions = {
        (m.utterance_id, m.char_start): m
        for m in session.scalars(select(Mention).where(Mention.id.in_(wanted)))
    }
    turns: Sequence[Utterance] = session.scalars(
        select(Utterance)
        .where(Utterance.call_id.in_(calls))
        .order_by(Utterance.call_id, Utterance.seq)
    ).all()
    sentences = detector.sentences(turns)
    scores, _, _ = detector.score(sentences)
    changed = 0
    for sentence, score in zip(sentences, scores, strict=True):
        mention = mentions.get((sentence.utterance_id, sentence.start))
        if mention is not None:
            mention.objection_probability = score.objection_probability
            if mention.kind == "objection":  # the category stays; how sure of it may not
                margin = category_margin(score.category_probabilities, mention.category)
                mention.category_margin = margin
            changed += 1
    session.flush()
    return changed


def schedule_refit(workspace: Workspace, session: Session, schedule: Callable[..., Any]) -> bool:
    """After an answer: when ``refit_every`` answers came since the last fit, hand ``schedule``
    (``BackgroundTasks.add_task``) a job that re-fits the detector, so the request returns at
    once. The answer is committed first: the job writes from its own session, and on SQLite a
    second writer would wait for this transaction (FastAPI may run the task before the request's
    session closes). True when a re-fit was scheduled."""
    if not refit_due(workspace, session):
        return False
    session.commit()
    schedule(run_refit_job, workspace)
    return True


def run_refit_job(workspace: Workspace) -> str:
    """``refit`` as a job (``GET /api/jobs/{id}`` shows it); returns the job id."""
    job_id = jobs.create_job(workspace, REFIT_JOB, "re-fitting the detector on your answers")

    def work(progress: ProgressCallback) -> dict[str, Any]:
        return refit(workspace, progress=progress)

    jobs.run_job(workspace, job_id, work)
    return job_id
