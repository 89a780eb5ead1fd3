"""The calls API over a real TestClient and SQLite: upload, list, read, patch, delete, jobs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pipeline.analysis import flow as analysis
from pipeline.embed import Embedder
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings
from tests.samples import CRM_CSV, TRANSCRIPT, add_mention, transcript

pytestmark = pytest.mark.postgres

JSON_CALL = json.dumps(
    {
        "participants": [
            {"name": "Maya Chen", "affiliation": "internal"},
            {"name": "Sam Ortiz", "affiliation": "external"},
        ],
        "transcript": [
            {"speaker": "Maya Chen", "start": 0.0, "text": "Shall we look at the rota view?"},
            {"speaker": "Sam Ortiz", "start": 4.5, "text": "Sure. How long does setup take?"},
        ],
    }
).encode()


def upload(client: TestClient, *files: tuple[str, bytes], **form: str) -> Any:
    return client.post(
        "/api/calls", files=[("files", (name, data)) for name, data in files], data=form
    )


def test_multi_file_upload_with_metadata_fields(client: TestClient) -> None:
    response = upload(
        client,
        ("dana.txt", TRANSCRIPT),
        ("sam.json", JSON_CALL),
        date="2026-03-14",
        account="Brightside Dental",
        outcome="lost",
        deal_id="D-1042",
        deal_stage="Proposal",
        our_speakers="Maya Chen",
        competitors="ShiftLy; Rotaboard",
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["created"], body["duplicates"], body["rejected"]) == (2, 0, 0)
    assert body["job_id"] is None and body["analysis"] is not None
    assert [r["filename"] for r in body["results"]] == ["dana.txt", "sam.json"]
    detail = client.get(f"/api/calls/{body['results'][1]['call_id']}").json()
    assert detail["format"] == "json"
    assert (detail["date"], detail["account"], detail["outcome"]) == (
        "2026-03-14",
        "Brightside Dental",
        "lost",
    )
    assert (detail["deal_id"], detail["deal_stage"]) == ("D-1042", "Proposal")
    assert detail["competitors"] == ["ShiftLy", "Rotaboard"]
    assert [(u["speaker"], u["role"], u["start"], u["text"]) for u in detail["utterances"]] == [
        ("Maya Chen", "rep", 0.0, "Shall we look at the rota view?"),
        ("Sam Ortiz", "buyer", 4.5, "Sure. How long does setup take?"),
    ]


@pytest.mark.usefixtures("no_analysis")
def test_reupload_is_200_with_the_same_ids(client: TestClient) -> None:
    first = upload(client, ("a.txt", TRANSCRIPT), ("b.json", JSON_CALL)).json()
    again = upload(client, ("a.txt", TRANSCRIPT), ("b.json", JSON_CALL))
    assert again.status_code == 200
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert [r["call_id"] for r in again.json()["results"]] == [
        r["call_id"] for r in first["results"]
    ]
    assert client.get("/api/calls").json()["total"] == 2


@pytest.mark.usefixtures("no_analysis")
def test_mixed_upload_is_207_with_per_file_statuses(client: TestClient) -> None:
    response = upload(client, ("good.txt", TRANSCRIPT), ("empty.txt", b""))
    assert response.status_code == 207
    results = response.json()["results"]
    assert [(r["filename"], r["status"]) for r in results] == [
        ("good.txt", "created"),
        ("empty.txt", "rejected"),
    ]
    assert results[1]["status_code"] == 422 and "empty" in results[1]["reason"]


@pytest.mark.usefixtures("no_analysis")
def test_csv_rows_are_calls_with_a_column_map(client: TestClient) -> None:
    mapping = '{"text": "Gist", "account": "Practice", "date": "When"}'
    response = upload(client, ("crm.csv", CRM_CSV), column_map=mapping, outcome="open")
    assert response.status_code == 201, response.text
    results = response.json()["results"]
    assert [(r["status"], r["index"], r["format"]) for r in results] == [
        ("created", 0, "csv"),
        ("created", 1, "csv"),
    ]
    calls = {c["account"]: c for c in client.get("/api/calls").json()["items"]}
    assert calls["Harbourview Dental"]["date"] == "2026-04-02"
    assert calls["Harbourview Dental"]["deal_stage"] == "Negotiation"
    assert {c["outcome"] for c in calls.values()} == {"open"}
    again = upload(client, ("crm-export-2.csv", CRM_CSV), column_map=mapping)
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    unmapped = upload(client, ("crm.csv", CRM_CSV))
    assert unmapped.status_code == 422 and unmapped.json()["filename"] == "crm.csv"


@pytest.mark.usefixtures("no_analysis")
def test_bad_form_fields_are_problems(client: TestClient) -> None:
    bad_map = upload(client, ("a.txt", TRANSCRIPT), column_map="{not json")
    assert bad_map.status_code == 422
    assert bad_map.headers["content-type"] == "application/problem+json"
    assert "column_map" in bad_map.json()["detail"]
    bad_outcome = upload(client, ("a.txt", TRANSCRIPT), outcome="maybe")
    assert bad_outcome.status_code == 422
    assert bad_outcome.headers["content-type"] == "application/problem+json"
    assert client.get("/api/calls").json()["total"] == 0


def _upload_seed(client: TestClient) -> list[int]:
    ids = []
    for name, date, account, outcome in [
        ("a.txt", "2026-01-05", "Acme Dental", "won"),
        ("b.txt", "2026-02-09", "Brightside Dental", "lost"),
        ("c.txt", "2026-03-01", "Corner Cafe", "lost"),
    ]:
        body = upload(
            client, (name, transcript(name)), date=date, account=account, outcome=outcome
        ).json()
        ids.append(body["results"][0]["call_id"])
    return ids


@pytest.mark.usefixtures("no_analysis")
def test_list_filters_and_paging(client: TestClient) -> None:
    ids = _upload_seed(client)

    def listed(**params: Any) -> list[int]:
        response = client.get("/api/calls", params=params)
        assert response.status_code == 200
        return [c["id"] for c in response.json()["items"]]

    assert listed() == [ids[2], ids[1], ids[0]]
    assert listed(outcome="lost") == [ids[2], ids[1]]
    assert listed(account="DENTAL") == [ids[1], ids[0]]
    assert listed(date_from="2026-02-01") == [ids[2], ids[1]]
    assert listed(date_to="2026-02-09") == [ids[1], ids[0]]
    page = client.get("/api/calls", params={"page": 2, "page_size": 2}).json()
    assert (page["total"], page["page"], [c["id"] for c in page["items"]]) == (3, 2, [ids[0]])
    assert client.get("/api/calls", params={"page_size": 0}).status_code == 422


@pytest.mark.usefixtures("no_analysis")
def test_get_patch_delete(client: TestClient, workspace: Workspace) -> None:
    call_id = upload(client, ("a.txt", TRANSCRIPT)).json()["results"][0]["call_id"]
    patched = client.patch(
        f"/api/calls/{call_id}",
        json={"outcome": "won", "speaker_roles": {"Maya Chen": "rep", "Dana Ruiz": "buyer"}},
    )
    assert patched.status_code == 200
    assert patched.json()["outcome"] == "won"
    detail = client.get(f"/api/calls/{call_id}").json()
    assert {u["speaker"]: u["role"] for u in detail["utterances"]} == {
        "Maya Chen": "rep",
        "Dana Ruiz": "buyer",
    }
    unknown = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": {"Nobody": "rep"}})
    assert unknown.status_code == 422 and "Nobody" in unknown.json()["detail"]
    bad_role = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": {"Dana Ruiz": "boss"}})
    assert bad_role.status_code == 422

    add_mention(workspace, call_id)
    assert client.delete(f"/api/calls/{call_id}").status_code == 204
    missing = client.get(f"/api/calls/{call_id}")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert client.delete(f"/api/calls/{call_id}").status_code == 404
    assert client.get("/api/utterances", params={"call_id": call_id}).json() == []
    with workspace.session() as db:
        assert db.scalar(select(func.count()).select_from(Mention)) == 0


def test_patching_roles_re_runs_detection(client: TestClient) -> None:
    """Labelled the wrong way round at upload, the buyer's objections appear once corrected."""
    body = upload(client, ("a.txt", TRANSCRIPT), our_speakers="Dana Ruiz").json()
    call_id = body["results"][0]["call_id"]
    before = client.get("/api/utterances", params={"call_id": call_id}).json()
    assert {u["speaker"]: u["role"] for u in before}["Dana Ruiz"] == "rep"
    assert not any("objection" in u["kinds"] for u in before)
    roles = {"Dana Ruiz": "buyer", "Maya Chen": "rep"}
    patched = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": roles}).json()
    dana = [u for u in patched["utterances"] if u["speaker"] == "Dana Ruiz"]
    assert all(u["role"] == "buyer" for u in dana)
    assert any("objection" in u["kinds"] for u in dana)
    maya = [u for u in patched["utterances"] if u["speaker"] == "Maya Chen"]
    assert all(u["kinds"] == [] for u in maya)


@pytest.mark.usefixtures("no_analysis")
def test_utterances_endpoint_filters_by_call_and_role(client: TestClient) -> None:
    body = upload(client, ("a.txt", TRANSCRIPT), ("b.json", JSON_CALL), our_speakers="Maya Chen")
    first, second = (r["call_id"] for r in body.json()["results"])
    buyers = client.get("/api/utterances", params={"role": "buyer"}).json()
    assert [(u["call_id"], u["speaker"]) for u in buyers] == [
        (first, "Dana Ruiz"),
        (first, "Dana Ruiz"),
        (second, "Sam Ortiz"),
    ]
    one = client.get("/api/utterances", params={"call_id": second}).json()
    assert set(one[0]) >= {"id", "call_id", "speaker", "role", "start", "text", "kinds"}
    assert [u["text"] for u in one] == [
        "Shall we look at the rota view?",
        "Sure. How long does setup take?",
    ]
    assert client.get("/api/utterances", params={"role": "boss"}).status_code == 422


@pytest.fixture
def background_client(tmp_path: Path, embedder: Embedder) -> Iterator[TestClient]:
    """An app whose every upload is 'large', so analysis always runs as a background job."""
    settings = make_settings(tmp_path / "bg", background_ingest_bytes=10)
    ws = Workspace(settings, embedder=embedder)
    with app_client(ws) as test_client:
        yield test_client
    ws.close()


def test_large_upload_analyses_in_a_background_job(
    background_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_analysis(_ws: Workspace, ids: list[int], progress: Any = None) -> dict[str, int]:
        progress(0.5, "detecting")
        return {"calls": len(ids), "mentions": 7}

    monkeypatch.setattr(analysis, "analyse_calls", fake_analysis)
    response = upload(background_client, ("a.txt", TRANSCRIPT))
    assert response.status_code == 201
    body = response.json()
    assert body["analysis"] is None and body["job_id"]
    job = background_client.get(f"/api/jobs/{body['job_id']}").json()
    assert (job["status"], job["progress"], job["result"]) == (
        "done",
        1.0,
        {"calls": 1, "mentions": 7},
    )
    assert background_client.get("/api/jobs/nope").status_code == 404


def test_background_job_with_real_analysis(background_client: TestClient) -> None:
    """Progress reports from inside analysis's write transaction must not stall or fail it."""
    body = upload(background_client, ("a.txt", TRANSCRIPT), our_speakers="Maya Chen").json()
    job = background_client.get(f"/api/jobs/{body['job_id']}").json()
    assert job["status"] == "done", job
    assert job["result"]["calls"] == 1 and job["result"]["mentions"] >= 1
    buyers = background_client.get("/api/utterances", params={"role": "buyer"}).json()
    assert any("objection" in u["kinds"] for u in buyers)


def test_openapi_documents_the_call_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path, method in [
        ("/api/calls", "post"),
        ("/api/calls", "get"),
        ("/api/calls/{call_id}", "get"),
        ("/api/calls/{call_id}", "patch"),
        ("/api/calls/{call_id}", "delete"),
        ("/api/utterances", "get"),
        ("/api/jobs/{job_id}", "get"),
    ]:
        assert paths[path][method]["summary"], (path, method)
    assert set(paths["/api/calls"]["post"]["responses"]) >= {"200", "201", "207", "413", "422"}
    schemas = spec["components"]["schemas"]
    for name in (
        "CallUpdate", "CallRead", "CallPage", "UtteranceRead", "IngestResponse", "IngestResult",
        "JobRead", "Problem",
    ):  # fmt: skip
        assert schemas[name].get("examples"), name
    form = schemas["Body_upload_calls_api_calls_post"]["properties"]
    assert all(form[field].get("examples") for field in form if field != "files")


def test_naming_a_calls_competitors_later_tags_them(client: TestClient) -> None:
    """A competitor named after the upload had tagged nothing until `callmine redetect`."""
    said = b"Maya Chen: What do you use now?\nDana Ruiz: Rotaboard, and it's cheaper than you.\n"
    body = upload(client, ("a.txt", said), our_speakers="Maya Chen").json()
    call_id = body["results"][0]["call_id"]

    def rivals() -> list[str]:
        rows = client.get("/api/utterances", params={"call_id": call_id}).json()
        return sorted({name for u in rows for name in u.get("competitors", [])})

    before = rivals()
    assert "Rotaboard" not in before
    client.patch(f"/api/calls/{call_id}", json={"competitors": ["Rotaboard"]})
    assert rivals() == ["Rotaboard"]
    again = upload(client, ("b.txt", said.replace(b"Rotaboard", b"ShiftLy")),
                   our_speakers="Maya Chen").json()  # fmt: skip
    other = again["results"][0]["call_id"]
    upload(client, ("b.txt", said.replace(b"Rotaboard", b"ShiftLy")), competitors="ShiftLy")
    rows = client.get("/api/utterances", params={"call_id": other}).json()
    assert {name for u in rows for name in u.get("competitors", [])} == {"ShiftLy"}


def test_a_calls_utterances_carry_the_reps_note_label(client: TestClient) -> None:
    """``note_kind`` and ``note_category``: the rep's own label in a note, out of the text, had
    not been shown anywhere ("Price objection:" read back as a bare sentence)."""
    notes = (
        b"date,account,outcome,notes\n"
        b'2026-11-08,Ridge Kennels,lost,"Price objection: the per-run fee doubles what they '
        b'pay. Why now: the insurer asked for a vaccination log."\n'
    )
    body = upload(client, ("crm.csv", notes)).json()
    detail = client.get(f"/api/calls/{body['results'][0]['call_id']}").json()
    assert [(u["text"], u["note_kind"], u["note_category"]) for u in detail["utterances"]] == [
        ("the per-run fee doubles what they pay.", "objection", "price"),
        ("the insurer asked for a vaccination log.", "why_now", None),
    ]
    spec = client.get("/openapi.json").json()["components"]["schemas"]["UtteranceRead"]
    assert spec["properties"]["note_kind"]["description"]
    assert spec["properties"]["note_category"]["description"]
