"""A manifest CSV sent in the same upload as the files it names gives each its row's metadata,
as ``--manifest`` does on the CLI, inline and in a deferred (large) upload alike; a list field
takes commas as well as semicolons (curl's ``-F`` cuts a value at its first ``;``).

Why: the manifest had been answered ``skipped`` "give it with --manifest", a flag an API or web
user does not have."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

VETS = b"""Sam Hale: How do clients book today?
Ama Boateng: By phone, and reception double-books the Monday surgery list every week.
Sam Hale: Pawplan sends the reminders for you.
Ama Boateng: Nine pounds a vet is more than our whole phone bill though.
"""
WAREHOUSE = b"""# Kestrel Storage - call notes

- Pickers work from printed lists; stock counts lag a week behind the system.
- Worried the scanners won't talk to their WMS.
"""
SALON = b"""Leah Moss: What do no-shows cost you?
Priya Shah: Two chairs empty every Saturday, and the deposit card fee eats the margin.
"""
MANIFEST = b"""file,date,account,outcome,our_speakers,competitors,industry
riverbend.txt,2026-06-02,Riverbend Vets,lost,Sam Hale,VetBoard,Veterinary
kestrel.md,2026-06-03,Kestrel Storage,open,,,Warehousing
archive/old-call.txt,2026-01-10,Someone Else,won,,,
"""


def _files(*names: str) -> list[tuple[str, tuple[str, bytes]]]:
    data = {"riverbend.txt": VETS, "kestrel.md": WAREHOUSE, "glow.txt": SALON}
    files = [("files", (name, data[name])) for name in names]
    return [*files, ("files", ("manifest.csv", MANIFEST))]


def _stored(workspace: Workspace) -> dict[str, tuple[object, ...]]:
    with workspace.session() as db:
        rows = db.execute(
            select(
                Call.filename, Call.account, Call.call_date, Call.outcome, Call.industry,
                Call.competitors, Call.our_speakers,
            )
        ).all()  # fmt: skip
    return {Path(row[0]).name: tuple(row[1:]) for row in rows}


def test_a_manifest_in_the_upload_gives_the_files_it_names_their_metadata(
    client: TestClient, workspace: Workspace
) -> None:
    answer = client.post(
        "/api/calls",
        files=_files("riverbend.txt", "kestrel.md", "glow.txt"),
        data={"our_speakers": "Leah Moss, Sam Hale"},  # commas: what curl sends whole
    )
    assert answer.status_code == 201, answer.text
    told = {r["filename"]: r for r in answer.json()["results"]}
    assert told["manifest.csv"]["status"] == "skipped"
    reason = told["manifest.csv"]["reason"]
    assert "applied to 2 files (riverbend.txt, kestrel.md)" in reason
    assert "1 file it names not in this upload (old-call.txt)" in reason
    stored = _stored(workspace)
    vets, storage, salon = stored["riverbend.txt"], stored["kestrel.md"], stored["glow.txt"]
    assert vets[0] == "Riverbend Vets" and str(vets[1]) == "2026-06-02"
    assert (vets[2], vets[3], vets[4]) == ("lost", "Veterinary", ["VetBoard"])
    assert (storage[0], storage[3]) == ("Kestrel Storage", "Warehousing")
    assert salon[0] != "Riverbend Vets" and salon[3] is None  # named in no row: its own
    assert set(salon[5]) == {"Leah Moss", "Sam Hale"}  # both names of the comma list arrived


def test_a_deferred_upload_applies_its_manifest_too(tmp_path: Path, workspace: Workspace) -> None:
    settings = make_settings(tmp_path / "data", deferred_ingest_bytes=64)
    ws = Workspace(settings, embedder=workspace.embedder)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            answer = client.post("/api/calls", files=_files("riverbend.txt", "glow.txt"))
            assert answer.status_code == 202, answer.text
            told = {r["filename"]: r for r in answer.json()["results"]}
            assert "applied to 1 file (riverbend.txt)" in told["manifest.csv"]["reason"]
            job = client.get(f"/api/jobs/{answer.json()['job_id']}").json()
            assert job["status"] == "done" and job["result"]["created"] == 2, job
        stored = _stored(ws)
    finally:
        ws.close()
    assert stored["riverbend.txt"][0] == "Riverbend Vets"
    assert stored["riverbend.txt"][2] == "lost"
