"""Odd command-line input (an id no row can have, a folder where a file goes, a folder with no
calls) is a clear message and exit 1, never a traceback or a silent success."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.content.generate import generate_document
from pipeline.workspace import Workspace
from tests.conftest import Cli
from tests.plugins.documents import seed_clusters
from tests.samples import TRANSCRIPT, write

HUGE = "99999999999999999999"  # past 2**63: SQLite raised OverflowError on it

# Every command taking an id, with what it says when there is no such row.
ID_COMMANDS = [
    (["call-show"], "call"),
    (["call-update", "{id}", "--title", "x"], "call"),
    (["call-delete"], "call"),
    (["utterances", "--call"], "call"),
    (["document"], "document"),
    (["review", "{id}", "approved"], "document"),
    (["accuracy", "{id}", "accurate"], "document"),
    (["retry"], "document"),
    (["regenerate"], "document"),
    (["export", "{id}", "--format", "md"], "document"),
    (["generate", "--type", "one-pager", "--offline", "--cluster"], "cluster"),
    (["cluster-show"], "cluster"),
    (["rename", "{id}", "New name"], "cluster"),
    (["merge", "1"], "cluster"),
    (["split"], "cluster"),
    (["unsplit"], "cluster"),
    (["not-objection"], "cluster"),
    (["label", "{id}", "pain"], "mention or utterance"),
]


def command_with(args: list[str], row_id: str) -> list[str]:
    if "{id}" in args:
        return [row_id if a == "{id}" else a for a in args]
    return [*args, row_id]


@pytest.mark.parametrize("row_id", [HUGE, "-1", "0"])
@pytest.mark.parametrize(("args", "noun"), ID_COMMANDS, ids=lambda v: str(v))
def test_an_impossible_id_is_not_found(cli: Cli, args: list[str], noun: str, row_id: str) -> None:
    result = cli(*command_with(args, row_id))
    assert result.exit_code == 1, result.output
    assert f"{noun} {row_id} not found" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_to_a_folder_says_to_name_a_file(cli: Cli, tmp_path: Path) -> None:
    workspace = Workspace(cli.settings())
    with workspace.session() as db:
        seed_clusters(db)
        doc_id = generate_document(db, workspace.settings, doc_type="one-pager", use_llm=False).id
    workspace.close()
    folder = tmp_path / "out"
    folder.mkdir()
    result = cli("export", str(doc_id), "--format", "md", "-o", folder)
    assert result.exit_code == 1, result.output
    assert "is a folder: give a file name" in result.output
    assert not isinstance(result.exception, OSError)
    written = cli("export", str(doc_id), "--format", "md", "-o", folder / "doc.md")
    assert written.exit_code == 0, written.output
    assert (folder / "doc.md").read_text(encoding="utf-8").strip()


@pytest.mark.usefixtures("no_analysis")
def test_ingest_of_a_folder_without_calls_fails_saying_so(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "emptydir"
    empty.mkdir()
    result = cli("ingest", empty)
    assert result.exit_code == 1, result.output
    assert "no files found" in result.output
    hidden = tmp_path / "only-hidden"
    write(hidden / ".notes", "call.txt", TRANSCRIPT)
    assert cli("ingest", hidden).exit_code == 1
    full = tmp_path / "calls"
    write(full, "call.txt", TRANSCRIPT)
    assert cli("ingest", full).exit_code == 0
