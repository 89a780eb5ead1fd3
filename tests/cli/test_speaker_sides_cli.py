"""``callmine call-update ID --role NAME=SIDE``: the call is re-detected on the new side, and a
document quoting it says, in ``callmine document``, that a speaker's side changed there (no
name shown) and how to regenerate it."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.citations import page_order
from pipeline.workspace import Workspace
from tests.conftest import Cli
from tests.speaker_rename_calls import ingest_rename_calls


def test_a_side_changed_from_the_cli_marks_the_document_quoting_the_call(
    cli: Cli, tmp_path: Path
) -> None:
    workspace = Workspace(cli.settings())
    try:
        ids = ingest_rename_calls(workspace, tmp_path / "calls")
    finally:
        workspace.close()
    document = cli.json("generate", "--type", "objection-faq", "--offline")
    cited = set(page_order(document["body_markdown"]))
    quoted = {q["call_id"] for q in document["quotes"] if q["id"] in cited}
    books, depot = ids["accountants.json"], ids["warehouse.txt"]
    assert {books, depot} <= quoted
    assert cli.json("document", str(document["id"]))["out_of_date"] == []

    # Janet of the accountants is confirmed unknown (a temp on the line, not the buyer) and
    # the depot's SPEAKER_01 was our own rep: both calls re-detected, the document marked.
    done = cli("call-update", str(books), "--role", "Janet=unknown")
    assert done.exit_code == 0, done.output
    shown = cli.json("call-update", str(depot), "--role", "SPEAKER_01=rep")
    assert all(u["kinds"] == [] for u in shown["utterances"] if u["speaker"] == "SPEAKER_01")
    assert {u["role"] for u in cli.json("call-show", str(books))["utterances"]} == {
        "rep",
        "unknown",
    }
    out = cli("document", str(document["id"]))
    assert out.exit_code == 0, out.output
    for call_id in sorted((books, depot)):
        said = f"out of date: the side of a speaker on call {call_id}, which it quotes, changed"
        assert said in " ".join(out.stderr.split()), out.stderr
    assert "Janet" not in out.stderr and "SPEAKER_01" not in out.stderr
