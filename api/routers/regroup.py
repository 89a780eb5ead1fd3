"""Routes that regroup every theme of a kind: a full re-cluster and fewer or more themes.

Each runs as a job (202 and a job id to poll), queued behind any other writer: behind a large
upload either waited minutes for the writer lock, longer than a browser or a proxy waits, and a
server stopped midway left the client a dropped connection and nothing to look at."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks
from pydantic import BaseModel, ConfigDict, Field

from api.auth import MARKETING, READ
from api.deps import WorkspaceDep
from api.problems import PROBLEM
from api.routers.clusters import Kind
from pipeline.analysis.recovery import submit_recluster
from pipeline.cluster import grain as cluster_grain
from pipeline.cluster.schemas import GrainInfo
from pipeline.jobs.runs import JobStarted
from pipeline.types import Whole

router = APIRouter(tags=["clusters"])


class GrainRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kind": "objection", "grain": "coarser"}, {"grain": 12}]}
    )

    kind: Kind | None = Field(None, description="Default: every clustered kind.")
    grain: Annotated[str, Field(max_length=32)] | Whole = Field(
        description="coarser, finer, auto or a number of themes."
    )


JOB_ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {
        "description": "Queued as a job behind any other writer (an upload, a re-cluster): poll "
        "`GET /api/jobs/{id}` until `status` is `done` (or `failed`); `GET /api/jobs` lists it.",
        "links": {
            "job": {
                "operationId": "read_job_api_jobs__job_id__get",
                "parameters": {"job_id": "$response.body#/job_id"},
            }
        },
    }
}


@router.post(
    "/api/clusters/rebuild",
    status_code=202,
    response_model=JobStarted,
    responses=JOB_ACCEPTED,
    dependencies=[MARKETING],
)
def rebuild_clusters(workspace: WorkspaceDep, background: BackgroundTasks) -> JobStarted:
    """Full re-cluster of every kind, as a job (its result: the counts per kind); ids stay
    stable and user edits are replayed."""
    return JobStarted(job_id=submit_recluster(workspace, background.add_task))


@router.get("/api/clusters/grain", response_model=list[GrainInfo], dependencies=[READ])
def get_grain(workspace: WorkspaceDep, kind: Kind | None = None) -> list[dict[str, Any]]:
    """How many themes each kind shows, against its automatic number."""
    return cluster_grain.grain_infos(workspace, [kind] if kind else None)


@router.post(
    "/api/clusters/grain",
    status_code=202,
    response_model=JobStarted,
    responses={**JOB_ACCEPTED, 422: PROBLEM},
    dependencies=[MARKETING],
)
def set_grain(
    body: GrainRequest, workspace: WorkspaceDep, background: BackgroundTasks
) -> JobStarted:
    """Fewer or more themes, as a job: re-cut the saved trees (no re-embedding); edits are
    replayed and ids follow membership. The choice is kept for later re-clusters. The job's
    result holds each kind's grain as ``GET /api/clusters/grain`` reads it (``grains``); a
    grain that is not coarser, finer, auto or a number is refused at once (422)."""
    kinds = [body.kind] if body.kind else None
    return JobStarted(
        job_id=cluster_grain.submit_grain(workspace, body.grain, background.add_task, kinds)
    )
