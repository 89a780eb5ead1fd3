"""Routes for the review queue: the sentences whose verdict would teach the detector most, and
the answers (``POST /api/utterances/{id}/label`` lives with the clusters' label routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.auth import READ
from api.deps import SessionDep, WorkspaceDep
from pipeline.detect import learning as detections

router = APIRouter(tags=["detections"])


@router.get("/api/detections/queue", response_model=list[detections.QueueItem], dependencies=[READ])
def review_queue(
    db: SessionDep,
    workspace: WorkspaceDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 10,
) -> list[detections.QueueItem]:
    """The next sentences to answer, the most informative first (spread over calls)."""
    return [e.item for e in detections.review_queue(workspace, db, limit)]


@router.get(
    "/api/detections/progress", response_model=detections.QueueProgress, dependencies=[READ]
)
def queue_progress(db: SessionDep, workspace: WorkspaceDep) -> detections.QueueProgress:
    """Answers given, sentences still uncertain, and where the re-fit stands (running, or the
    last fit and answers until the next)."""
    return detections.queue_progress(workspace, db)
