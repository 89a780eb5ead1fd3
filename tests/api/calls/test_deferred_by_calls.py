"""An upload is stored by a job when it brings many calls, not only when it is large: a 3.9 MB CRM
export of 20,000 notes, under the byte threshold, held the request 30 s and answered 3.5 MB."""

from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import Workbook

from api.app import create_app
from pipeline.ingest.workload import estimated_calls
from pipeline.workspace import Workspace
from tests.api.calls.test_deferred_upload import NOTES, crm_export
from tests.conftest import make_settings

BOUND = 50  # calls an upload may bring and still be answered inline


def _workspace(tmp_path: Path, workspace: Workspace) -> Workspace:
    settings = make_settings(tmp_path / "data", deferred_ingest_calls=BOUND)
    assert settings.deferred_ingest_bytes > 100_000  # the bytes alone would keep these inline
    return Workspace(settings, embedder=workspace.embedder)


def test_a_small_file_of_many_rows_is_answered_202_and_its_results_are_paged(
    tmp_path: Path, workspace: Workspace
) -> None:
    ws = _workspace(tmp_path, workspace)
    rows = BOUND + 10
    try:
        with TestClient(create_app(workspace=ws)) as client:
            answer = client.post(
                "/api/calls",
                files=[("files", ("hubspot-notes.csv", crm_export(rows)))],
                data={"column_map": '{"text": "Notes"}'},
            )
            assert answer.status_code == 202, answer.text
            body = answer.json()
            assert body["job_id"] and body["results"] == [] and len(answer.content) < 2000
            job = client.get(f"/api/jobs/{body['job_id']}").json()
            assert job["kind"] == "ingest" and job["status"] == "done", job
            assert job["result"]["created"] == rows
            page = client.get(f"/api/jobs/{body['job_id']}/results?offset=40&limit=100").json()
            assert page["total"] == rows and len(page["results"]) == rows - 40
    finally:
        ws.close()


def test_an_upload_within_the_bound_is_still_answered_inline(
    tmp_path: Path, workspace: Workspace
) -> None:
    ws = _workspace(tmp_path, workspace)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            answer = client.post(
                "/api/calls",
                files=[("files", ("notes.csv", crm_export(BOUND)))],
                data={"column_map": '{"text": "Notes"}'},
            )
            assert answer.status_code == 201, answer.text
            assert answer.json()["created"] == BOUND and len(answer.json()["results"]) == BOUND
    finally:
        ws.close()


def test_the_web_form_hands_a_many_row_file_to_a_job(tmp_path: Path, workspace: Workspace) -> None:
    ws = _workspace(tmp_path, workspace)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            page = client.post(
                "/upload",
                files=[("files", ("crm.csv", crm_export(BOUND + 1)))],
                data={"map_text": "Notes"},
            )
            assert page.status_code == 202, page.text[-500:]
            assert 'data-job-url="/jobs/' in page.text
    finally:
        ws.close()


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Notes", "Account"])
    for i in range(rows):
        sheet.append([NOTES[i % len(NOTES)], f"Orchard {i}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mailbox(messages: int) -> bytes:
    one = (
        "From lena@example.org Mon Mar  2 09:00:00 2026\nFrom: Lena Ortiz <lena@example.org>\n"
        "Subject: Renewal {i}\nDate: Mon, 2 Mar 2026 09:00:00 +0000\n\nThe price is too high.\n\n"
    )
    return "".join(one.format(i=i) for i in range(messages)).encode()


def test_the_estimate_reads_the_shape_of_each_kind_of_export() -> None:
    semicolons = "Notiz;Firma\n" + "".join(f'"Zu teuer,\nsagt er";Hof {i}\n' for i in range(7))
    gong = {"calls": [{"metaData": {"id": str(i)}, "transcript": []} for i in range(12)]}
    calls = [{"utterances": [{"speaker": "Ivo", "text": "Too dear."}]} for _ in range(5)]
    assert estimated_calls(crm_export(30), "export.csv") == 30
    assert estimated_calls(semicolons.encode(), "notizen.csv") == 7  # quoted line breaks kept
    assert estimated_calls(_workbook(9), "report.xlsx") == 9
    assert estimated_calls(json.dumps(gong).encode(), "gong.json") == 12
    assert estimated_calls(json.dumps(calls).encode(), "calls.json") == 5
    assert estimated_calls(_mailbox(4), "Takeout.mbox") == 4
    transcript = "Ivo Petrov: The price is too high.\nMara Lind: Compared to what?\n" * 200
    assert estimated_calls(transcript.encode(), "call.txt") == 1
    assert estimated_calls(b"WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ivo>Too dear.\n", "a.vtt") == 1
    assert estimated_calls(b"\x00\x01\x02 not a file", "odd.bin") == 1
    assert estimated_calls(b"", "empty.csv") == 1
