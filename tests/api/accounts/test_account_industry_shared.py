"""An account's industry reaches all its calls: a CRM note of an account whose transcript the
manifest gave an industry had none ("industry: -", left out of ``dashboard --industry``),
though the account page named one. A call's own industry is never changed. Parse and store
only; analysis is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, select

from pipeline.calls.accounts import get_account
from pipeline.ingest import service
from pipeline.ingest.schemas import CallMetadata
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import Cli
from tests.samples import transcript, write

pytestmark = [pytest.mark.usefixtures("no_analysis"), pytest.mark.postgres]


def notes(*rows: tuple[str, str, str]) -> bytes:
    """A CRM export of notes: (note, company, industry) per row, one day apart."""
    lines = ["Note Body,Company,Industry,Created Date"]
    lines += [f'"{n}",{c},{i},2026-05-{10 + at:02d}' for at, (n, c, i) in enumerate(rows)]
    return ("\n".join(lines) + "\n").encode()


def ingest(workspace: Workspace, name: str, data: bytes, **metadata: str) -> list[int]:
    results = service.ingest_data(workspace, data, name, CallMetadata(**metadata))
    assert all(r.status == "created" for r in results), results
    return [r.call_id for r in results if r.call_id is not None]


def industries(workspace: Workspace) -> dict[int, str | None]:
    with workspace.session() as db:
        return {int(i): industry for i, industry in db.execute(select(Call.id, Call.industry))}


@pytest.mark.parametrize(
    ("account", "written", "industry"),
    [
        ("Aldermouth Marina", "aldermouth marina", "Marinas and boatyards"),
        ("Harbourview Dental", "HARBOURVIEW DENTAL", "Dental clinic"),
    ],
)
def test_a_note_takes_the_industry_of_its_accounts_transcript(
    cli: Cli, tmp_path: Path, account: str, written: str, industry: str
) -> None:
    folder = tmp_path / "calls"
    write(folder, "01_call.txt", transcript(account))
    write(
        folder,
        "02_notes.csv",
        notes(
            ("Owner says the price is too high.", written, ""), ("Wants a demo.", "Corvid Ltd", "")
        ),
    )
    write(
        folder,
        "manifest.csv",
        f"file,account,industry\n01_call.txt,{account},{industry}\n".encode(),
    )
    result = cli("ingest", folder, "--manifest", folder / "manifest.csv")
    assert result.exit_code == 0, result.output
    calls = {c["account"]: c for c in cli.json("calls")["items"] if c["filename"] == "02_notes.csv"}
    note = calls[account]
    assert f"industry: {industry}" in cli("call-show", str(note["id"])).stdout
    assert calls["Corvid Ltd"]["industry"] is None  # an account of no known industry: none
    assert f"{account}: {industry}, 2 calls" in cli("account", written).stdout
    board = cli.json("dashboard", "--industry", industry.upper())
    assert board["totals"]["calls"] == 2


@pytest.mark.parametrize("order", ["later upload", "same file"])
def test_a_call_with_an_industry_gives_it_to_earlier_calls(
    workspace: Workspace, order: str
) -> None:
    bare = ("Asked about tips for the bar staff.", "Blue Door Bistro", "")
    named = ("Wants monthly billing.", "Blue Door Bistro", "Restaurants")
    other = ("Asked whether it syncs with Xero.", "Corner Books", "")
    if order == "later upload":
        first = ingest(workspace, "a.csv", notes(bare, other))
        second = ingest(workspace, "b.csv", notes(named))
    else:
        first, second = [], ingest(workspace, "a.csv", notes(bare, named, other))
    found = industries(workspace)
    assert sorted(set(found.values()), key=str) == [None, "Restaurants"]
    assert [found[i] for i in (*first, *second)].count(None) == 1  # Corner Books alone
    with workspace.session() as db:
        assert get_account(db, "blue door bistro").industry == "Restaurants"


def test_a_transcript_with_metadata_gives_its_industry_backwards(workspace: Workspace) -> None:
    [note] = ingest(workspace, "crm.csv", notes(("Too dear for us.", "Luna Hair", "")))
    ingest(workspace, "call.txt", transcript("luna"), account="LUNA HAIR", industry="Hair salons")
    assert industries(workspace)[note] == "Hair salons"


def test_an_industry_a_call_has_is_never_changed(workspace: Workspace) -> None:
    """A file's own industry, and one set by hand, stay; only calls with none take one."""
    rows = notes(
        ("Too dear for us.", "Pulse Fitness", "Gyms"),
        ("Wants a trial.", "Pulse Fitness", "Cycling studios"),
        ("Asked about the app.", "Pulse Fitness", ""),
    )
    gyms, cycling, bare = ingest(workspace, "crm.csv", rows)
    with workspace.session() as db:
        db.get(Call, bare).industry = "Yoga"  # set by hand before any other call came
    ingest(workspace, "call.txt", transcript("pulse"), account="Pulse Fitness", industry="Spas")
    found = industries(workspace)
    assert (found[gyms], found[cycling], found[bare]) == ("Gyms", "Cycling studios", "Yoga")


def test_one_read_a_batch_for_a_big_export(workspace: Workspace) -> None:
    """A 1,203-row export reads the accounts' industries once per transaction of 500 rows,
    never once per row, and gives each row its account's."""
    ingest(workspace, "call.txt", transcript("a0"), account="Account 0", industry="Retail")
    lines = ["Note Body,Company,Created Date"]
    lines += [f"Visit {i}: the price is too high.,Account {i % 40},2026-06-01" for i in range(1203)]
    data = ("\n".join(lines) + "\n").encode()
    reads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "industry" in statement and "GROUP BY" in statement:
            reads.append(statement)

    event.listen(workspace.db.engine, "before_cursor_execute", seen)
    try:
        ids = ingest(workspace, "crm.csv", data)
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", seen)
    assert 1 <= len(reads) <= 3
    found = industries(workspace)
    assert sum(found[i] == "Retail" for i in ids) == len(range(0, 1203, 40))
