"""The ingest/calls/utterances commands through typer's CliRunner on a real data dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.samples import CRM_CSV, TRANSCRIPT, transcript, write


@pytest.mark.usefixtures("no_analysis")
def test_ingest_folder_recursively_with_flags(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    write(folder, "a.txt", transcript("a"))
    write(folder, "nested/deeper/b.txt", transcript("b"))
    write(folder, "notes.pdfx", b"ignored: unknown extension in a folder walk")
    write(folder, "product_profile.toml", b'name = "Shiftwise"\n')  # said to be no call
    write(folder, ".hidden/c.txt", transcript("c"))
    result = cli(
        "ingest", folder, "--outcome", "lost", "--account", "Acme", "--date", "2026-02-03",
        "--our-speakers", "Maya Chen", "--competitors", "ShiftLy;Rotaboard",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 created, 0 duplicate, 0 resumed, 0 rejected, 1 skipped" in result.stdout
    assert "not a call: a .toml file is configuration" in result.stdout
    calls = cli.json("calls")["items"]
    assert sorted(c["filename"] for c in calls) == ["a.txt", "b.txt"]
    for c in calls:
        assert (c["outcome"], c["account"], c["date"]) == ("lost", "Acme", "2026-02-03")
        assert c["competitors"] == ["ShiftLy", "Rotaboard"]
    again = cli.json("ingest", folder)
    assert (again["created"], again["duplicates"]) == (0, 2)
    assert cli.counts() == (2, 10)


@pytest.mark.usefixtures("no_analysis")
def test_manifest_metadata_wins_over_flags(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    write(folder, "a.txt", transcript("a"))
    write(folder, "sub/b.txt", transcript("b"))
    manifest = write(
        folder,
        "manifest.csv",
        b"file,date,account,outcome,our_speakers,competitors\n"
        b"a.txt,2026-01-10,Acme Dental,won,Maya Chen,ShiftLy;Rotaboard\n"
        b"sub/b.txt,,,lost,,\n",
    )
    out = cli.json("ingest", folder, "--manifest", manifest, "--account", "Default Co")
    assert (out["created"], out["rejected"]) == (2, 0)  # the manifest itself is not ingested
    by_name = {c["filename"]: c for c in cli.json("calls")["items"]}
    a, b = by_name["a.txt"], by_name["b.txt"]
    assert (a["date"], a["account"], a["outcome"]) == ("2026-01-10", "Acme Dental", "won")
    assert (a["our_speakers"], a["competitors"]) == (["Maya Chen"], ["ShiftLy", "Rotaboard"])
    assert (b["account"], b["outcome"]) == ("Default Co", "lost")
    roles = {u["speaker"]: u["role"] for u in cli.json("utterances", "--call", str(a["id"]))}
    assert roles == {"Maya Chen": "rep", "Dana Ruiz": "buyer"}


@pytest.mark.usefixtures("no_analysis")
def test_ingest_csv_with_a_column_map_file(cli: Cli, tmp_path: Path) -> None:
    csv_path = write(tmp_path, "crm.csv", CRM_CSV)
    mapping = write(tmp_path, "map.json", b'{"text": "Gist", "account": "Practice"}')
    out = cli.json("ingest", csv_path, "--column-map", mapping)
    assert (out["created"], [r["index"] for r in out["results"]]) == (2, [0, 1])
    inline = cli("ingest", csv_path, "--column-map", "{not json")
    assert inline.exit_code == 1 and "column_map is not valid JSON" in inline.output


@pytest.mark.usefixtures("no_analysis")
def test_a_pipedrive_style_export_is_read_and_an_unplaced_column_is_told(
    cli: Cli, tmp_path: Path
) -> None:
    """ "Org Name", "Done Date" and "Person" are a call's account, date and contact; a column
    the reader cannot place is named in the result with how to map it, never dropped
    silently (the account and date had been empty on every row, with no word)."""
    pipedrive = write(
        tmp_path,
        "activities.csv",
        b"Deal Title,Org Name,Activity Note,Done Date,Deal Status,Person\n"
        b'Harbor Cafe - discovery,Harbor Cafe,"Main concern: four dollars a head adds up.",'
        b"2026-10-03,lost,Sandra Kowalski\n",
    )
    out = cli.json("ingest", pipedrive)
    assert out["created"] == 1 and "column" not in out["results"][0]["understood"]
    [call] = cli.json("calls")["items"]
    assert (call["account"], call["date"], call["outcome"]) == ("Harbor Cafe", "2026-10-03", "lost")
    unknown = write(
        tmp_path,
        "other.csv",
        b'Notes,Region,When\n"Setup looked slow to them.",North Shore,last Tuesday\n',
    )
    [result] = cli.json("ingest", unknown)["results"]
    assert result["status"] == "created"
    assert result["understood"] == (
        "1 note; no date or account column recognised; unused columns: 'Region', 'When'; "
        'map one with a column map, {"date": "<column>"}'
    )


@pytest.mark.usefixtures("no_analysis")
def test_manifest_errors_are_clear(cli: Cli, tmp_path: Path) -> None:
    good = write(tmp_path, "a.txt", TRANSCRIPT)
    missing = cli("ingest", good, "--manifest", tmp_path / "nope.csv")
    assert missing.exit_code == 1 and "manifest not found" in missing.output
    headerless = write(tmp_path, "m.csv", b"a.txt,2026-01-01\n")
    result = cli("ingest", good, "--manifest", headerless)
    assert result.exit_code == 1 and "header" in result.output
    bad_date = write(tmp_path, "d.csv", b"file,date\na.txt,yesterday\n")
    result = cli("ingest", good, "--manifest", bad_date)
    assert result.exit_code == 1 and "line 2" in result.output and "yesterday" in result.output
    bad_outcome = write(tmp_path, "o.csv", b"file,outcome\na.txt,maybe\n")
    result = cli("ingest", good, "--manifest", bad_outcome)
    assert result.exit_code == 1 and "'maybe' is not one of won" in result.output
    assert cli.counts() == (0, 0)


@pytest.mark.usefixtures("no_analysis")
def test_calls_utterances_show_update_delete(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", TRANSCRIPT)
    assert cli("ingest", path, "--our-speakers", "Maya Chen").exit_code == 0
    [call] = cli.json("calls")["items"]
    listing = cli("calls")
    assert listing.exit_code == 0 and "a.txt" in listing.stdout
    buyers = cli.json("utterances", "--role", "buyer")
    assert [u["text"] for u in buyers] == [
        "Busy, honestly. We're still doing the rota in a spreadsheet.",
        "The annual contract is what scares me, to be honest.",
    ]
    assert set(buyers[0]) >= {"id", "call_id", "speaker", "role", "start", "text", "cluster_ids"}
    shown = cli("call-show", str(call["id"]))
    assert shown.exit_code == 0 and "The annual contract is what scares me" in shown.stdout
    # A second upload of the same rep, named by no metadata: the roles say who is ours.
    other = write(tmp_path, "b.txt", TRANSCRIPT.replace(b"spreadsheet", b"binder"))
    assert cli("ingest", other).exit_code == 0
    second = next(c for c in cli.json("calls")["items"] if c["filename"] == "b.txt")
    assert "our speakers: Maya Chen" in cli("call-show", str(second["id"])).stdout
    assert cli("call-delete", str(second["id"])).exit_code == 0
    updated = cli.json(
        "call-update", str(call["id"]), "--outcome", "won", "--role", "Dana Ruiz=rep"
    )
    assert updated["outcome"] == "won"
    assert {u["role"] for u in updated["utterances"]} == {"rep"}
    rivals = cli.json("call-update", str(call["id"]), "--competitors", "RotaPro; Deputy")
    assert rivals["competitors"] == ["RotaPro", "Deputy"]
    assert cli.json("call-update", str(call["id"]), "--competitors", "")["competitors"] == []
    wrong = cli("call-update", str(call["id"]), "--role", "Dana Ruiz")
    assert wrong.exit_code == 1 and "NAME=ROLE" in wrong.output
    assert cli("call-delete", str(call["id"])).exit_code == 0
    gone = cli("call-show", str(call["id"]))
    assert gone.exit_code == 1 and "not found" in gone.output
    assert cli.counts() == (0, 0)


@pytest.mark.usefixtures("no_analysis")
def test_ingest_examples_calls(cli: Cli, examples_dir: Path, tmp_path: Path) -> None:
    """The bundled examples load cleanly with their manifest (runs once they exist)."""
    manifest = examples_dir / "manifest.csv"
    if not manifest.exists():
        pytest.skip("examples/calls not written yet")
    copy = tmp_path / "examples"
    shutil.copytree(examples_dir, copy)
    out = cli.json("ingest", copy, "--manifest", copy / "manifest.csv")
    assert out["rejected"] == 0, out["results"]
    assert out["created"] >= 20
    calls = cli.json("calls", "--page-size", "500")["items"]
    assert {c["outcome"] for c in calls} >= {"won", "lost"}
    assert all(c["utterance_count"] > 0 for c in calls)
    assert any(u["role"] == "buyer" for u in cli.json("utterances", "--role", "buyer"))
    assert cli.json("ingest", copy, "--manifest", copy / "manifest.csv")["created"] == 0


@pytest.mark.usefixtures("no_analysis")
def test_a_large_export_prints_the_first_rows_and_the_counts(cli: Cli, tmp_path: Path) -> None:
    """100k rows once printed a 100k-row table for minutes; the counts line says it all."""
    rows = "".join(f"Note {i}: the buyer asked about pricing again.,Acme {i}\n" for i in range(60))
    write(tmp_path, "crm.csv", f"Notes,Account\n{rows}".encode())
    result = cli("ingest", tmp_path / "crm.csv", "--column-map", '{"text": "Notes"}')
    assert result.exit_code == 0, result.output
    assert "crm.csv #50" in result.stdout and "crm.csv #51" not in result.stdout
    assert "and 10 more (--json lists every one)" in result.stdout
    assert "60 created, 0 duplicate, 0 resumed, 0 rejected" in result.stdout
    listed = cli("ingest", tmp_path / "crm.csv", "--column-map", '{"text": "Notes"}', "--json")
    assert '"filename": "crm.csv"' in listed.stdout and listed.stdout.count('"duplicate"') >= 60


@pytest.mark.usefixtures("no_analysis")
def test_the_unplaced_column_hint_leaves_out_a_field_the_user_gave(
    cli: Cli, tmp_path: Path
) -> None:
    """``--account`` places the account: the "no account column recognised" hint had still
    been printed; the date, still unplaced, is told."""
    notes = write(
        tmp_path, "notes.csv", b'Notes,Parent ID,When\n"Setup looked slow to them.",z_9,soon\n'
    )
    [result] = cli.json("ingest", notes, "--account", "Bolt Gym")["results"]
    assert "account" not in result["understood"]
    assert "no date column recognised" in result["understood"]
    dated = write(tmp_path, "dated.csv", b'Notes,Parent ID\n"Price is high for us.",z_8\n')
    [result] = cli.json("ingest", dated, "--account", "Bolt Gym", "--date", "2026-01-05")["results"]
    assert result["understood"] == "1 note"


@pytest.mark.usefixtures("no_analysis")
def test_a_corrected_account_takes_the_stored_spelling_of_that_firm(
    cli: Cli, tmp_path: Path
) -> None:
    """ "Quarry Lane Tippers" and "Quarry Lane Tippers Ltd" are one account: a correction
    (``call-update``, or the file uploaded again with ``--account``) writing it the other way
    joins the stored one instead of making a second."""
    files = [write(tmp_path, f"{name}.txt", transcript(name)) for name in ("a", "b", "c")]
    cli.json("ingest", files[0], "--account", "Quarry Lane Tippers Ltd")
    cli.json("ingest", files[1], files[2], "--account", "Someone Else")
    again = cli.json("ingest", files[1], "--account", "Quarry Lane Tippers")
    assert again["duplicates"] == 1
    other = next(c for c in cli.json("calls")["items"] if c["account"] == "Someone Else")
    updated = cli.json("call-update", str(other["id"]), "--account", "quarry lane tippers")
    assert updated["account"] == "Quarry Lane Tippers Ltd"
    assert {c["account"] for c in cli.json("calls")["items"]} == {"Quarry Lane Tippers Ltd"}


@pytest.mark.usefixtures("no_analysis")
def test_call_show_tells_the_deal_id_from_its_stage(cli: Cli, tmp_path: Path) -> None:
    """A Notion page's "Stage: Closed Won" had been shown as "deal: Closed Won"."""
    page = b"# Kite Yoga - rollout\n\nStage: Closed Won\n\n- Wants class packs billed monthly.\n"
    assert cli("ingest", write(tmp_path, "kite.md", page)).exit_code == 0
    [call] = cli.json("calls")["items"]
    shown = cli("call-show", str(call["id"])).stdout
    assert "  deal: -\n" in shown and "  stage: Closed Won\n" in shown


@pytest.mark.usefixtures("no_analysis")
def test_utterances_show_the_reps_note_label(cli: Cli, tmp_path: Path) -> None:
    """The kind a rep's label gave a note ("Security question:"), with the topic it named."""
    notes = write(
        tmp_path,
        "crm.csv",
        b"date,account,outcome,notes\n"
        b'2026-11-09,Oakfield Dental,open,"Security question: where are the X-rays kept? '
        b'Concerns raised: the hygienists start in May."\n',
    )
    assert cli("ingest", notes).exit_code == 0
    shown = cli("utterances").stdout
    assert "question (security)" in shown
    assert "objection" in shown
    rows = cli.json("utterances")
    assert [(u["note_kind"], u["note_category"]) for u in rows] == [
        ("question", "security"),
        ("objection", None),
    ]
