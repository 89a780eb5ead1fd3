"""Upload page: files, folders or a pasted transcript, with metadata, then background analysis."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from api.auth import MARKETING, READ
from api.deps import WorkspaceDep
from api.web import render
from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.csv_preview import csv_preview as csv_preview_of
from pipeline.ingest.deferred import defer_ingest, should_defer
from pipeline.ingest.filenames import display_name
from pipeline.ingest.schemas import (
    MAX_NAMES_TEXT,
    CallMetadata,
    IngestBatch,
    created_ids,
)
from pipeline.ingest.service import analyse_in_background, ingest_uploads
from pipeline.ingest.uploads import Upload, read_limited
from pipeline.ingest.values import iso_date
from pipeline.jobs import runs as jobs
from pipeline.store.models import Outcome
from pipeline.types import MAX_SHORT_TEXT, RowId
from pipeline.workspace import Workspace

router = APIRouter()

MAP_PREFIX = "map_"
# The same limits as the API's upload form.
LIMITS = {
    "account": MAX_SHORT_TEXT,
    "deal_stage": MAX_SHORT_TEXT,
    "industry": MAX_SHORT_TEXT,
    "our_speakers": MAX_NAMES_TEXT,
    "competitors": MAX_NAMES_TEXT,
}


def _metadata(form: dict[str, Any]) -> CallMetadata:
    """Blank fields mean "use the file's own value"; a bad date or an overlong field is a
    BadInput the page shows."""
    for name, limit in LIMITS.items():
        if len(form.get(name) or "") > limit:
            raise BadInput(f"{name.replace('_', ' ')}: at most {limit} characters")
    outcome = (form.get("outcome") or "").strip() or None
    if outcome not in (None, *Outcome):
        raise BadInput(f"outcome must be one of {', '.join(Outcome)}")
    return CallMetadata(
        date=iso_date(form.get("date")),
        account=(form.get("account") or "").strip() or None,
        outcome=outcome,
        deal_stage=(form.get("deal_stage") or "").strip() or None,
        industry=form.get("industry"),
        our_speakers=form.get("our_speakers") or [],
        competitors=form.get("competitors") or [],
    )


def _column_map(form: dict[str, Any]) -> dict[str, str] | None:
    mapping = {
        key[len(MAP_PREFIX) :]: value
        for key, value in form.items()
        if key.startswith(MAP_PREFIX) and isinstance(value, str) and value
    }
    return mapping or None


def _uploads(form: dict[str, Any], files: list[StarletteUpload]) -> list[Upload]:
    """The chosen files (an empty file input sends one with no name) and the pasted text."""
    uploads = [Upload(f.filename or "", f.file) for f in files if f.filename or f.size]
    pasted = (form.get("pasted") or "").strip()
    if pasted:
        name = (form.get("pasted_name") or "").strip() or "pasted-transcript.txt"
        if "." not in name:
            name += ".txt"
        uploads.append(Upload(name, io.BytesIO(pasted.encode("utf-8"))))
    return uploads


def _ingest_form(
    workspace: Workspace, form: dict[str, Any], files: list[StarletteUpload]
) -> IngestBatch:
    metadata = _metadata(form)
    return ingest_uploads(workspace, _uploads(form, files), metadata, column_map=_column_map(form))


async def _form_dict(request: Request) -> tuple[dict[str, Any], list[StarletteUpload]]:
    form = await request.form()
    values: dict[str, Any] = {}
    uploads: list[StarletteUpload] = []
    for key, value in form.multi_items():
        if isinstance(value, str):
            values[key] = value
        elif key in ("files", "file", "folder"):
            uploads.append(value)
    return values, uploads


@router.get("/upload", response_class=HTMLResponse, dependencies=[READ])
def upload_page(request: Request) -> HTMLResponse:
    return render(request, "upload.html", title="Upload calls", results=[], job_id=None, error=None)


@router.post("/upload", response_class=HTMLResponse, dependencies=[MARKETING])
async def upload_submit(
    request: Request, workspace: WorkspaceDep, background: BackgroundTasks
) -> HTMLResponse:
    """The no-JavaScript path: every file in one POST, results listed on the page; a large
    upload (over CALLMINE_DEFERRED_INGEST_BYTES or _CALLS) is stored by a job the page follows."""
    form, uploads = await _form_dict(request)
    size = sum(upload.size or 0 for upload in uploads)
    deferred = bool(uploads) and await run_in_threadpool(
        should_defer, workspace, _uploads(form, uploads), size
    )
    if deferred:
        batch = await run_in_threadpool(  # a large export: stored by the job the page follows
            defer_ingest,
            workspace,
            _uploads(form, uploads),
            _metadata(form),
            background.add_task,
            column_map=_column_map(form),
        )
        return render(
            request,
            "upload.html",
            202 if batch.job_id else 422,
            title="Upload calls",
            results=batch.results,
            job_id=batch.job_id,
            error=None if batch.job_id else "No file could be read.",
        )
    try:
        batch = await run_in_threadpool(_ingest_form, workspace, form, uploads)
    except CallmineError as exc:
        return render(
            request,
            "upload.html",
            422,
            title="Upload calls",
            results=[],
            job_id=None,
            error=exc.detail,
        )
    results = batch.results
    error = None if results else "Choose at least one file or paste a transcript."
    job_id = analyse_in_background(workspace, created_ids(results), background.add_task)
    return render(
        request,
        "upload.html",
        200 if results else 422,
        title="Upload calls",
        results=results,
        job_id=job_id,
        error=error,
        redated=batch.redated,
    )


@router.post("/upload/file", dependencies=[MARKETING])
async def upload_one(request: Request, workspace: WorkspaceDep) -> JSONResponse:
    """One file (or the pasted text) per request, so the page can show per-file progress."""
    form, uploads = await _form_dict(request)
    try:
        batch = await run_in_threadpool(_ingest_form, workspace, form, uploads)
    except CallmineError as exc:
        return JSONResponse({"results": [], "error": exc.detail}, status_code=exc.status_code)
    results = [r.model_dump() for r in batch.results]
    return JSONResponse({"results": results, "redated": batch.redated})


@router.post("/upload/analyse", dependencies=[MARKETING])
def upload_analyse(
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    call_id: Annotated[list[RowId], Form()],
) -> JSONResponse:
    return JSONResponse({"job_id": analyse_in_background(workspace, call_id, background.add_task)})


@router.get("/jobs/{job_id}", dependencies=[READ])
def job_status(workspace: WorkspaceDep, job_id: str) -> Response:
    """Job progress for the page's poller (the ``/api`` route may sit behind a token)."""
    return JSONResponse(jobs.get_job(workspace, job_id).model_dump(mode="json"))


@router.post("/upload/csv-preview", response_class=HTMLResponse, dependencies=[MARKETING])
def csv_preview(
    request: Request, workspace: WorkspaceDep, file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """The column mapping the CSV reader will use, as form fields the user can override."""
    name = display_name(file.filename or "")
    try:
        data = read_limited(file.file, workspace.settings.max_upload_bytes, name)
        preview = {**csv_preview_of(data, name), "prefix": MAP_PREFIX}
    except CallmineError as exc:
        return render(
            request, "partials/csv_mapping.html", preview=None, error=exc.detail, file_name=name
        )
    return render(request, "partials/csv_mapping.html", preview=preview, error=None, file_name=name)
