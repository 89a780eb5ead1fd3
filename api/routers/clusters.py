"""Routes for objection/question clusters, buyer phrases and nearest-quote search."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from api.auth import LABELLERS, MARKETING, READ
from api.deps import SessionDep, SettingsDep, WorkspaceDep
from api.problems import PROBLEM
from pipeline.analysis import corrections
from pipeline.cluster import edits as cluster_edits
from pipeline.cluster import phrases as phrase_service
from pipeline.cluster import search as quote_search
from pipeline.cluster import views as cluster_views
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.schemas import ClusterDetail, ClusterSummary, EditResult, Quote
from pipeline.detect import learning as detections
from pipeline.errors import BadInput
from pipeline.store.models import Outcome
from pipeline.types import Count, IsoDate, RowId, ShortText

router = APIRouter(tags=["clusters"])

Kind = Literal["objection", "pain", "question"]  # the clustered kinds
SpeakerRole = Literal["buyer", "unknown", "rep_note"]  # who said a detected sentence


class ClusterPatch(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Too expensive"}, {"not_objection": True}]}
    )

    name: str | None = Field(None, min_length=1, max_length=255)
    not_objection: StrictBool | None = None


class MergeRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ids": [4, 9]}]})

    ids: list[RowId] = Field(min_length=2, max_length=1000, description="Merged into the first id.")
    name: str | None = Field(
        None,
        max_length=255,
        description="The merged theme's name (kept like a rename); by default the name a user "
        "typed on the first id, else one typed on another, else a new one from all its quotes.",
    )


GrainQuery = Annotated[
    str | None,
    # Out of the document: no value is accepted, so a client reading it never sends one.
    Query(include_in_schema=False),
]
GRAIN_BY_POST = (
    "a GET never changes the grain: POST /api/clusters/grain with "
    '{"kind": ..., "grain": "coarser"} (202 and a job to poll); GET /api/clusters/grain '
    "reads it"
)


MAX_SENTENCE = 10_000  # one sentence of a turn, like a comment


class LabelRequest(BaseModel):
    """A user's verdict on one buyer sentence; it teaches the detector."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"label": "pain"},
                {"label": "objection", "category": "price", "text": "It's too dear."},
            ]
        }
    )

    label: corrections.Verdict
    category: ShortText | None = Field(None, description="Required for an objection.")
    text: str | None = Field(
        None,
        max_length=MAX_SENTENCE,
        description="Which sentence of the utterance (utterance route only).",
    )


class LabelResult(BaseModel):
    utterance_id: int
    refit_scheduled: bool = False
    text: str
    label: str
    category: str | None
    mention_ids: list[int]
    cluster_id: int | None
    labels_file: str


class UndoneLabel(BaseModel):
    """The sentence an undone answer was about, and the kind it has again (None: it had none
    stored before the answer)."""

    utterance_id: int
    text: str
    label: str | None
    category: str | None


class PhraseQuote(BaseModel):
    utterance_id: int
    call_id: int
    text: str


class Phrase(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"phrase": "too much admin", "count": 5, "distinct_calls": 4, "examples": []}
            ]
        }
    )

    phrase: str
    count: int
    distinct_calls: int
    examples: list[PhraseQuote]


UNTHEMED_HEADER = "X-Unthemed-Mentions"
UNTHEMED_DOC = {
    "description": "Confident mentions of each listed kind that no theme holds yet (across all "
    "calls, whatever the filters), as a structured-field dictionary; the next full re-cluster "
    "(POST /api/clusters/rebuild) gives them one.",
    "schema": {"type": "string", "example": "objection=12, pain=0, question=3"},
}


@router.get(
    "/api/clusters",
    response_model=list[ClusterSummary],
    responses={200: {"headers": {UNTHEMED_HEADER: UNTHEMED_DOC}}, 422: PROBLEM},
    dependencies=[READ],
)
def list_clusters(
    db: SessionDep,
    workspace: WorkspaceDep,
    kind: Kind | None = None,
    outcome: Outcome | None = None,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    competitor: str | None = None,
    account: str | None = None,
    industry: str | None = None,
    sort: Literal["size", "trend"] = "size",
    grain: GrainQuery = None,
) -> Response:
    """Active clusters; filters restrict which mentions are counted (``industry``: calls of
    that industry, any case; ``sort=trend`` ranks by the trend ratio, rising first, not by a
    count: ``sort=size`` with ``outcome=lost`` ranks by mentions in lost deals). The
    ``X-Unthemed-Mentions`` header counts each kind's confident mentions in no theme (the list
    stays a bare list, as clients read it). A ``grain`` parameter, which once re-clustered
    here, is refused (422): a GET changes nothing (a cache, a crawler or a retry would have
    re-cut the themes); ``POST /api/clusters/grain`` does it, as a job."""
    if grain is not None:
        raise BadInput(GRAIN_BY_POST, field="grain")
    body = cluster_views.cluster_list_json(
        workspace.views,
        db,
        kind=kind,
        outcome=outcome,
        date_from=date_from,
        date_to=date_to,
        competitor=workspace.settings.rival_names.canonical(competitor) if competitor else None,
        account=account,
        industry=industry,
        sort=sort,
        confident_at=workspace.settings.confident_at,
    )
    counts = ", ".join(
        f"{shown}={cluster_views.unthemed_view(workspace, db, shown)['mentions']}"
        for shown in ([kind] if kind else CLUSTERED_KINDS)
    )
    # The body is checked against the model when stored; the header is counted per request.
    return Response(body, media_type="application/json", headers={UNTHEMED_HEADER: counts})


@router.post(
    "/api/clusters/merge",
    response_model=EditResult,
    responses={404: PROBLEM, 409: PROBLEM},
    dependencies=[MARKETING],
)
def merge_clusters(body: MergeRequest, db: SessionDep, workspace: WorkspaceDep) -> dict[str, Any]:
    return cluster_edits.merge_clusters(workspace, db, body.ids, name=body.name)


@router.post(
    "/api/clusters/{cluster_id:int}/undo-merge",
    response_model=EditResult,
    responses={400: PROBLEM, 404: PROBLEM},
    dependencies=[MARKETING],
)
def undo_merge(cluster_id: RowId, db: SessionDep) -> dict[str, Any]:
    """Put back the latest merge into this theme, while its quotes have not been regrouped."""
    return cluster_edits.undo_merge(db, cluster_id)


@router.post(
    "/api/clusters/{cluster_id:int}/undo-split",
    response_model=EditResult,
    responses={400: PROBLEM, 404: PROBLEM},
    dependencies=[MARKETING],
)
def undo_split(cluster_id: RowId, db: SessionDep) -> dict[str, Any]:
    """Put a split theme back together, given either half (while both halves are themes)."""
    return cluster_edits.undo_split(db, cluster_id)


@router.get("/api/clusters/{cluster_id:int}", response_model=ClusterDetail, dependencies=[READ])
def get_cluster(cluster_id: RowId, db: SessionDep, workspace: WorkspaceDep) -> dict[str, Any]:
    return cluster_views.cluster_detail(
        workspace.views,
        db,
        cluster_id,
        embedder=workspace.embedder,
        confident_at=workspace.settings.confident_at,
    )


@router.patch(
    "/api/clusters/{cluster_id:int}",
    response_model=EditResult,
    responses={409: PROBLEM},
    dependencies=[MARKETING],
)
def patch_cluster(cluster_id: RowId, body: ClusterPatch, db: SessionDep) -> dict[str, Any]:
    """Rename (the name sticks across re-clusters) and/or mark "not an objection"."""
    result: dict[str, Any] = {"id": cluster_id}
    if body.name is not None:
        result.update(cluster_edits.rename_cluster(db, cluster_id, body.name))
    if body.not_objection is not None:
        result.update(cluster_edits.mark_cluster(db, cluster_id, not_objection=body.not_objection))
    return result


@router.post(
    "/api/clusters/{cluster_id:int}/split",
    response_model=EditResult,
    responses={409: PROBLEM},
    dependencies=[MARKETING],
)
def split_cluster(cluster_id: RowId, db: SessionDep, workspace: WorkspaceDep) -> dict[str, Any]:
    return cluster_edits.split_cluster(workspace, db, cluster_id)


@router.post(
    "/api/mentions/{mention_id:int}/label", response_model=LabelResult, dependencies=[LABELLERS]
)
def label_mention(
    mention_id: RowId,
    body: LabelRequest,
    db: SessionDep,
    workspace: WorkspaceDep,
    background: BackgroundTasks,
) -> dict[str, Any]:
    """Say which kind a detected quote's sentence is (``objection`` needs a ``category``): it
    moves at once; the verdict is kept in ``objection_labels.csv`` and the detector re-fits on
    it in the background after every few answers (``refit_scheduled``)."""
    done = corrections.label_mention(
        workspace, db, mention_id, label=body.label, category=body.category
    )
    return {
        **done,
        "refit_scheduled": detections.schedule_refit(workspace, db, background.add_task),
    }


@router.post(
    "/api/utterances/{utterance_id:int}/label", response_model=LabelResult, dependencies=[LABELLERS]
)
def label_utterance(
    utterance_id: RowId,
    body: LabelRequest,
    db: SessionDep,
    workspace: WorkspaceDep,
    background: BackgroundTasks,
) -> dict[str, Any]:
    """Say which kind a buyer sentence is (``text`` names the sentence when the utterance has
    several): the answer to a review-queue item. Returns at once; the detector re-fits in the
    background after every few answers (``refit_scheduled``)."""
    done = corrections.label_sentence(
        workspace, db, utterance_id, text=body.text, label=body.label, category=body.category
    )
    return {
        **done,
        "refit_scheduled": detections.schedule_refit(workspace, db, background.add_task),
    }


@router.delete(
    "/api/utterances/{utterance_id:int}/label",
    response_model=UndoneLabel,
    responses={404: PROBLEM},
    dependencies=[LABELLERS],
)
def undo_label(
    utterance_id: RowId,
    db: SessionDep,
    workspace: WorkspaceDep,
    text: Annotated[str | None, Query(description="Which sentence of the utterance.")] = None,
) -> dict[str, Any]:
    """Take back the latest answer on a buyer sentence (a wrong key in the review queue): the
    verdict leaves the labels file and the sentence gets back the kind and theme it had."""
    return corrections.undo_label(workspace, db, utterance_id, text=text)


@router.get("/api/phrases", response_model=list[Phrase], dependencies=[READ])
def list_phrases(
    db: SessionDep,
    settings: SettingsDep,
    kind: Kind | None = None,
    top: Annotated[int, Query(ge=1, le=500)] = 50,
    min_count: Count = 2,
) -> list[dict[str, Any]]:
    """Recurring buyer phrases with counts and example quotes."""
    return phrase_service.list_phrases(
        db, top=top, min_count=min_count, kind=kind, settings=settings
    )


@router.get("/api/search", response_model=list[Quote], dependencies=[READ])
def search(
    workspace: WorkspaceDep,
    q: Annotated[str, Query(min_length=1)],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    kind: Kind | None = None,
    role: Annotated[
        list[SpeakerRole] | None,
        Query(description="Who said it (repeat to widen): buyer (the default), unknown, rep_note."),
    ] = None,
) -> list[dict[str, Any]]:
    """The quotes nearest in meaning to ``q``: the buyers' own words unless ``role`` widens it."""
    roles = role or quote_search.BUYER_ROLES
    return quote_search.search_quotes(workspace, q, k=k, kind=kind, roles=roles)
