"""Where a call's industry comes from: a CRM ``Industry`` column, the manifest, the upload
API and web form, ``callmine ingest --industry`` and the account command; and the migration
that adds it to a data dir made before it. Parse and store only; analysis is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text

from pipeline.store.database import migrate
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import Cli
from tests.samples import transcript, write

CRM = (
    b"Note Body,Company,Industry,Created Date\n"
    b'"Owner worried about the annual contract, wants monthly.",Harbourview Dental,Dental clinic,'
    b"2026-04-02\n"
    b'"Asked whether it syncs with Xero.",Corner Books,Retail,2026-04-03\n'
    b'"Asked about tips for the bar staff.",Blue Door Bistro,,2026-04-04\n'
)


def _industries(workspace: Workspace) -> dict[str, str | None]:
    with workspace.session() as db:
        return {c.filename: c.industry for c in db.query(Call).order_by(Call.id)}


@pytest.mark.usefixtures("no_analysis")
def test_crm_column_upload_field_and_web_form(client: TestClient, workspace: Workspace) -> None:
    crm = client.post("/api/calls", files=[("files", ("deals.csv", CRM))])
    assert crm.status_code == 201, crm.text
    with workspace.session() as db:
        by_account = {c.account: c.industry for c in db.query(Call)}
    assert by_account == {
        "Harbourview Dental": "Dental clinic",
        "Corner Books": "Retail",
        "Blue Door Bistro": None,
    }
    form = client.post(
        "/api/calls",
        files=[("files", ("a.txt", transcript("a")))],
        data={"industry": " Hair   salons ", "account": "Luna"},
    )
    assert form.status_code == 201, form.text
    web = client.post(
        "/upload", files=[("files", ("b.txt", transcript("b")))], data={"industry": "Gyms"}
    )
    assert web.status_code == 200 and "badge-rejected" not in web.text
    found = _industries(workspace)
    assert (found["a.txt"], found["b.txt"]) == ("Hair salons", "Gyms")
    call_id = form.json()["results"][0]["call_id"]
    assert client.get(f"/api/calls/{call_id}").json()["industry"] == "Hair salons"
    patched = client.patch(f"/api/calls/{call_id}", json={"industry": "Barbers"})
    assert patched.status_code == 200 and patched.json()["industry"] == "Barbers"
    too_long = client.post(
        "/api/calls", files=[("files", ("c.txt", transcript("c")))], data={"industry": "x" * 300}
    )
    assert too_long.status_code == 422


@pytest.mark.usefixtures("no_analysis")
def test_manifest_flag_and_account_command(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    write(folder, "a.txt", transcript("a"))
    write(folder, "b.txt", transcript("b"))
    manifest = write(
        folder, "manifest.csv", b"file,account,industry\na.txt,Luna Hair,Salons\nb.txt,Pulse,\n"
    )
    result = cli("ingest", folder, "--manifest", manifest, "--industry", "Fitness")
    assert result.exit_code == 0, result.output
    calls = {c["filename"]: c for c in cli.json("calls")["items"]}
    # The manifest row wins over the flag; a blank cell leaves the flag's value.
    assert (calls["a.txt"]["industry"], calls["b.txt"]["industry"]) == ("Salons", "Fitness")
    shown = cli("call-show", str(calls["a.txt"]["id"]))
    assert "industry: Salons" in shown.stdout
    moved = cli.json("account", "pulse", "--industry", "Cycling studios")
    assert moved["name"] == "Pulse" and moved["industry"] == "Cycling studios"
    plain = cli("account", "Pulse")
    assert plain.exit_code == 0 and "Pulse: Cycling studios, 1 call" in plain.stdout
    missing = cli("account", "Nobody")
    assert missing.exit_code == 1 and "no calls for account" in missing.output


def test_migration_adds_industry_to_an_older_data_dir(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    migrate(engine)
    with engine.begin() as connection:  # the schema as it was before 007
        connection.execute(text("DROP INDEX ix_calls_industry"))
        connection.execute(text("ALTER TABLE calls DROP COLUMN industry"))
        connection.execute(text("ALTER TABLE documents DROP COLUMN industry"))
        connection.execute(text("DELETE FROM _migrations WHERE name = '007_industry'"))
    assert "industry" not in {c["name"] for c in inspect(engine).get_columns("calls")}
    assert migrate(engine) == ["007_industry"]
    for table in ("calls", "documents"):
        assert "industry" in {c["name"] for c in inspect(engine).get_columns(table)}
    assert "ix_calls_industry" in {i["name"] for i in inspect(engine).get_indexes("calls")}
    assert migrate(engine) == []
    engine.dispose()
