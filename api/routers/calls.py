"""Routes for calls and utterances: upload, list, read, correct, delete.

Upload status codes: 201 when at least one call was created and nothing was rejected, 200 when
every call was already stored (duplicates, idempotent), 207 when some files were rejected and
others kept (read each result's ``status``), and a problem+json 4xx when every file was rejected.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.auth import ADMIN, MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.problems import PROBLEM, problem
from pipeline.analysis import corrections
from pipeline.calls.edits import correct_call, delete_call
from pipeline.calls.queries import (
    CALL_TURNS_PAGE,
    MAX_CALL_TURNS_PAGE,
    get_call,
    list_calls,
    list_utterances,
)
from pipeline.calls.schemas import CallDetail, CallPage, CallUpdate, UtteranceRead
from pipeline.ingest.deferred import defer_ingest, should_defer
from pipeline.ingest.schemas import MAX_NAMES_TEXT, CallMetadata, IngestResult, split_names
from pipeline.ingest.service import analyse_new_calls, ingest_uploads, parse_column_map
from pipeline.ingest.uploads import Upload
from pipeline.jobs.runs import JobStarted
from pipeline.store.models import Outcome, Role
from pipeline.types import MAX_SHORT_TEXT, IsoDate, Offset, PageNumber, RowId

router = APIRouter(tags=["calls"])

MAX_COLUMN_MAP = 10_000  # a JSON object naming a few dozen columns
# A form field left empty: the same as not sending it.
Blank = Literal[""]


class IngestResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {"filename": "a.vtt", "status": "created", "call_id": 7, "utterances": 38},
                        {
                            "filename": "b.txt",
                            "status": "duplicate",
                            "call_id": 2,
                            "utterances": 12,
                        },
                    ],
                    "created": 1,
                    "duplicates": 1,
                    "rejected": 0,
                    "job_id": None,
                    "analysis": {"calls": 1, "mentions": 9},
                }
            ]
        }
    )

    results: list[IngestResult]
    created: int
    duplicates: int
    resumed: int = Field(0, description="Stored before but never analysed (a crash): analysed now.")
    rejected: int
    skipped: int = Field(0, description="Records with nothing to store (a CSV row with no text).")
    job_id: str | None = Field(None, description="Set when analysis runs in the background.")
    analysis: dict[str, Any] | None = Field(
        None, description="Analysis summary when it ran inline."
    )


def _all_rejected(results: list[IngestResult]) -> JSONResponse:
    codes = {r.status_code or 422 for r in results}
    status = codes.pop() if len(codes) == 1 else 422
    names = list(dict.fromkeys(r.filename for r in results))
    detail = "; ".join(f"{r.filename}: {r.reason}" for r in results)
    return problem(
        status,
        "Upload too large" if status == 413 else "Bad input",
        f"nothing was stored: {detail}",
        filename=", ".join(names),
        results=[r.model_dump() for r in results],
    )


@router.post(
    "/api/calls",
    summary="Upload call transcripts or notes",
    response_model=IngestResponse,
    status_code=201,
    responses={
        200: {"model": IngestResponse, "description": "Every call was already stored."},
        202: {"model": IngestResponse, "description": "A large upload: stored by the job."},
        207: {"model": IngestResponse, "description": "Some files rejected, others stored."},
        413: PROBLEM,
        422: PROBLEM,
    },
    dependencies=[MARKETING],
)
def upload_calls(
    workspace: WorkspaceDep,
    response: Response,
    background: BackgroundTasks,
    files: Annotated[
        list[UploadFile],
        File(
            description="One or many transcript/notes files.",
            examples=[["Maria Chen: What slows payday down?\nDana Ruiz: It is too much admin."]],
        ),
    ],
    date: Annotated[IsoDate | Blank | None, Form(examples=["2026-03-14"])] = None,
    account: Annotated[
        str | None, Form(max_length=MAX_SHORT_TEXT, examples=["Brightside Dental"])
    ] = None,
    outcome: Annotated[Outcome | Blank | None, Form(examples=["lost"])] = None,
    deal_id: Annotated[str | None, Form(max_length=MAX_SHORT_TEXT, examples=["D-1042"])] = None,
    deal_stage: Annotated[
        str | None, Form(max_length=MAX_SHORT_TEXT, examples=["Proposal"])
    ] = None,
    industry: Annotated[
        str | None,
        Form(
            max_length=MAX_SHORT_TEXT,
            description="The account's industry or segment.",
            examples=["Dental clinic"],
        ),
    ] = None,
    our_speakers: Annotated[
        str | None,
        Form(
            max_length=MAX_NAMES_TEXT,
            description="Our people, comma/semicolon separated.",
            examples=["Maya Chen"],
        ),
    ] = None,
    competitors: Annotated[
        str | None,
        Form(
            max_length=MAX_NAMES_TEXT,
            description="Comma/semicolon separated.",
            examples=["ShiftLy; Rotaboard"],
        ),
    ] = None,
    column_map: Annotated[
        str | None,
        Form(
            max_length=MAX_COLUMN_MAP,
            description="CSV column mapping as JSON.",
            examples=['{"text": "Note Body"}'],
        ),
    ] = None,
) -> IngestResponse | JSONResponse:
    """Each file may hold one call or many (CSV rows); each call is stored in one transaction.

    Metadata fields apply to every file and win over the file's own values. Re-uploading the
    same content returns the existing id (status ``duplicate``) and stores nothing, unless that
    call was never analysed (a crash) and no upload running now is analysing it: then it is
    analysed now (status ``resumed``). Each file is read in chunks and refused (413) once it
    passes `CALLMINE_MAX_UPLOAD_BYTES`.

    Status: **201** something was created and nothing rejected; **200** everything was already
    stored; **207** some files were rejected and others kept (see each result's `status`);
    **413/422** problem+json when every file was rejected (`filename` and `results` say which
    and why). Uploads over `CALLMINE_BACKGROUND_INGEST_BYTES` are analysed in a background job
    (`job_id`, poll `GET /api/jobs/{id}`); smaller ones inline (`analysis`). **202**: an upload
    over `CALLMINE_DEFERRED_INGEST_BYTES`, or holding more calls than
    `CALLMINE_DEFERRED_INGEST_CALLS` (a large CRM export), is stored by that job too: the
    answer comes at once, the job's result gives the counts and `GET /api/jobs/{id}/results`
    each call's result, a page at a time.
    """
    metadata = CallMetadata(
        date=date or None,
        account=account,
        outcome=outcome or None,
        deal_id=deal_id,
        deal_stage=deal_stage,
        industry=industry,
        our_speakers=split_names(our_speakers),
        competitors=split_names(competitors),
    )
    uploads = [Upload(upload.filename or "", upload.file) for upload in files]
    mapping = parse_column_map(column_map)
    if should_defer(workspace, uploads, sum(upload.size or 0 for upload in files)):
        batch = defer_ingest(workspace, uploads, metadata, background.add_task, column_map=mapping)
        if batch.job_id is None:
            return _all_rejected(batch.results)
        response.status_code = 202
        return IngestResponse(
            results=batch.results,
            created=0,
            duplicates=0,
            rejected=batch.rejected,
            job_id=batch.job_id,
        )
    with workspace.calls_in_flight.ingesting():  # stored, then analysed: held all along
        batch = ingest_uploads(workspace, uploads, metadata, column_map=mapping)
        if all(r.status == "rejected" for r in batch.results):
            return _all_rejected(batch.results)
        analyse_new_calls(workspace, batch, background.add_task)
    body = IngestResponse(
        results=batch.results,
        created=batch.created,
        duplicates=batch.duplicates,
        resumed=batch.resumed,
        rejected=batch.rejected,
        skipped=batch.skipped,
        job_id=batch.job_id,
        analysis=batch.analysis,
    )
    response.status_code = 207 if body.rejected else 201 if body.created or body.resumed else 200
    return body


@router.post(
    "/api/calls/redetect", status_code=202, response_model=JobStarted, dependencies=[MARKETING]
)
def redetect_calls(workspace: WorkspaceDep, background: BackgroundTasks) -> JobStarted:
    """Detect again in every call with what the detector has learnt from corrections
    (`POST /api/mentions/{id}/label`); runs as a background job (poll `GET /api/jobs/{id}`).

    One redetect runs at a time: a request while one is queued (not begun: it may be waiting
    for another analysis) joins it and gets its id; while one runs, a new one is queued."""

    return JobStarted(job_id=corrections.submit_redetect(workspace, background.add_task))


@router.get("/api/calls", summary="List calls", response_model=CallPage, dependencies=[READ])
def read_calls(
    db: SessionDep,
    outcome: Outcome | None = None,
    account: Annotated[str | None, Query(description="Substring, case-insensitive.")] = None,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    page: PageNumber = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> CallPage:
    """Newest call date first."""
    return list_calls(
        db,
        outcome=outcome,
        account=account,
        date_from=date_from,
        date_to=date_to,
        page=page,
        page_size=page_size,
    )


@router.get(
    "/api/calls/{call_id:int}",
    summary="One call with its utterances",
    response_model=CallDetail,
    responses={404: PROBLEM},
    dependencies=[READ],
)
def read_call(
    db: SessionDep,
    call_id: RowId,
    limit: Annotated[int, Query(ge=1, le=MAX_CALL_TURNS_PAGE)] = CALL_TURNS_PAGE,
    offset: Offset = 0,
) -> CallDetail:
    """``limit`` turns from ``offset`` (``utterance_count`` says how many there are)."""
    return get_call(db, call_id, limit=limit, offset=offset)


@router.patch(
    "/api/calls/{call_id:int}",
    summary="Correct a call's metadata, speaker roles or speaker names",
    response_model=CallDetail,
    responses={404: PROBLEM, 422: PROBLEM},
    dependencies=[MARKETING],
)
def patch_call(workspace: WorkspaceDep, call_id: RowId, update: CallUpdate) -> CallDetail:
    """Only the fields sent change; ``speaker_roles`` maps a speaker name to buyer/rep/unknown,
    ``speaker_names`` a speaker name to the speaker's new name, in one transaction.

    A role change re-runs detection on the call, since only buyer turns hold objections; a
    rename keeps the speaker's side and marks documents quoting the call out of date.
    """
    return correct_call(workspace, call_id, update)


@router.delete(
    "/api/calls/{call_id:int}",
    summary="Delete a call and everything derived from it",
    status_code=204,
    responses={404: PROBLEM},
    dependencies=[ADMIN],
)
def remove_call(db: SessionDep, call_id: RowId) -> Response:
    delete_call(db, call_id)
    return Response(status_code=204)


@router.get(
    "/api/utterances",
    summary="List utterances with their detections",
    response_model=list[UtteranceRead],
    dependencies=[READ],
)
def read_utterances(
    db: SessionDep,
    call_id: RowId | None = None,
    role: Role | None = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    offset: Offset = 0,
) -> list[UtteranceRead]:
    return list_utterances(db, call_id=call_id, role=role, limit=limit, offset=offset)
