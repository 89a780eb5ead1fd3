"""Upload page: files, folders or a pasted transcript, with metadata, then background analysis."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from api.deps import WorkspaceDep
from api.web import render
from pipeline import analysis, jobs
from pipeline.calls import (
    CallMetadata,
    IngestResult,
    display_name,
    ingest_bytes,
    ingest_stream,
    read_limited,
)
from pipeline.errors import BadInput, CallmineError
from pipeline.workspace import Workspace

router = APIRouter()

OUTCOME_CHOICES = ("", "won", "lost", "open", "unknown")
MAP_PREFIX = "map_"


def _metadata(form: dict[str, Any]) -> CallMetadata:
    """Blank fields mean "use the file's own value"; a bad date is a BadInput the page shows."""
    raw_date = (form.get("date") or "").strip()
    try:
        date = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError as exc:
        raise BadInput(f"date {raw_date!r} is not a date (YYYY-MM-DD)") from exc
    outcome = (form.get("outcome") or "").strip() or None
    if outcome not in (None, *OUTCOME_CHOICES[1:]):
        raise BadInput(f"outcome must be one of {', '.join(OUTCOME_CHOICES[1:])}")
    return CallMetadata(
        date=date,
        account=(form.get("account") or "").strip() or None,
        outcome=outcome,
        deal_stage=(form.get("deal_stage") or "").strip() or None,
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


def _ingest_form(
    workspace: Workspace,
    form: dict[str, Any],
    uploads: list[StarletteUpload],
) -> list[IngestResult]:
    metadata = _metadata(form)
    mapping = _column_map(form)
    results: list[IngestResult] = []
    for upload in uploads:
        if upload.filename or upload.size:
            name = upload.filename or ""
            results.extend(
                ingest_stream(workspace, upload.file, name, metadata, column_map=mapping)[0]
            )
    pasted = (form.get("pasted") or "").strip()
    if pasted:
        name = (form.get("pasted_name") or "").strip() or "pasted-transcript.txt"
        if "." not in name:
            name += ".txt"
        results.extend(
            ingest_bytes(workspace, pasted.encode("utf-8"), name, metadata, analyse=False)
        )
    return results


def start_analysis(
    workspace: Workspace, background: BackgroundTasks, call_ids: list[int]
) -> str | None:
    """Detection and clustering for new calls run after the response, as a pollable job."""
    if not call_ids:
        return None
    job_id = jobs.create_job(workspace, "analyse", f"finding objections in {len(call_ids)} calls")
    # No progress callback: analyse_calls reports from inside its write transaction, and a
    # progress write from a second session would wait on that SQLite lock until it times out.
    background.add_task(
        jobs.run_job,
        workspace,
        job_id,
        lambda _progress: analysis.analyse_calls(workspace, call_ids),
    )
    return job_id


def _created(results: list[IngestResult]) -> list[int]:
    return [r.call_id for r in results if r.status == "created" and r.call_id is not None]


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


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    return render(request, "upload.html", title="Upload calls", results=[], job_id=None, error=None)


@router.post("/upload", response_class=HTMLResponse)
async def upload_submit(
    request: Request, workspace: WorkspaceDep, background: BackgroundTasks
) -> HTMLResponse:
    """The no-JavaScript path: every file in one POST, results listed on the page."""
    form, uploads = await _form_dict(request)
    try:
        results = _ingest_form(workspace, form, uploads)
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
    error = None if results else "Choose at least one file or paste a transcript."
    job_id = start_analysis(workspace, background, _created(results))
    return render(
        request,
        "upload.html",
        200 if results else 422,
        title="Upload calls",
        results=results,
        job_id=job_id,
        error=error,
    )


@router.post("/upload/file")
async def upload_one(request: Request, workspace: WorkspaceDep) -> JSONResponse:
    """One file (or the pasted text) per request, so the page can show per-file progress."""
    form, uploads = await _form_dict(request)
    try:
        results = _ingest_form(workspace, form, uploads)
    except CallmineError as exc:
        return JSONResponse({"results": [], "error": exc.detail}, status_code=exc.status_code)
    return JSONResponse({"results": [r.model_dump() for r in results]})


@router.post("/upload/analyse")
def upload_analyse(
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    call_id: Annotated[list[int], Form()],
) -> JSONResponse:
    return JSONResponse({"job_id": start_analysis(workspace, background, call_id)})


@router.get("/jobs/{job_id}")
def job_status(workspace: WorkspaceDep, job_id: str) -> Response:
    """Job progress for the page's poller (the ``/api`` route may sit behind a token)."""
    return JSONResponse(jobs.get_job(workspace, job_id).model_dump(mode="json"))


def csv_preview_model(data: bytes, filename: str) -> dict[str, Any]:
    """Headers, the field each one maps to (the parser's own detection) and a few sample rows."""
    from pipeline.ingest.csv_file import COLUMN_FIELDS, _columns, _rows
    from pipeline.ingest.decode import decode_text

    rows = _rows(decode_text(data, filename), filename)
    if not rows:
        raise BadInput("the CSV is empty", filename=filename)
    headers = [h.strip() for h in rows[0][1]]
    try:
        detected = _columns(headers, {}, filename)
        problem = None
    except CallmineError as exc:  # no notes column found: the user picks one below
        detected, problem = {}, exc.detail
    fields = [
        (field, headers[detected[field]] if field in detected else "") for field in COLUMN_FIELDS
    ]
    samples = [[cell[:80] for cell in row] for _line, row in rows[1:4]]
    return {
        "headers": headers,
        "fields": fields,
        "samples": samples,
        "rows": len(rows) - 1,
        "problem": problem,
        "prefix": MAP_PREFIX,
    }


@router.post("/upload/csv-preview", response_class=HTMLResponse)
def csv_preview(
    request: Request, workspace: WorkspaceDep, file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """The column mapping the CSV reader will use, as form fields the user can override."""
    name = display_name(file.filename or "")
    try:
        data = read_limited(file.file, workspace.settings.max_upload_bytes, name)
        preview = csv_preview_model(data, name)
    except CallmineError as exc:
        return render(
            request, "partials/csv_mapping.html", preview=None, error=exc.detail, file_name=name
        )
    return render(request, "partials/csv_mapping.html", preview=preview, error=None, file_name=name)
