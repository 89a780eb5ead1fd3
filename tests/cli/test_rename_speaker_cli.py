"""``callmine call-update ID --rename-speaker OLD=NEW``: a speaker named once a user knows who
spoke, said in one line; refused with a clear message and exit 1 when the name is not the
call's, the option is not OLD=NEW, or the new name is another speaker's."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.workspace import Workspace
from tests.conftest import Cli
from tests.speaker_rename_calls import ingest_rename_calls


@pytest.mark.usefixtures("no_analysis")
def test_rename_speakers_from_the_cli(cli: Cli, tmp_path: Path) -> None:
    workspace = Workspace(cli.settings())
    try:
        ids = ingest_rename_calls(workspace, tmp_path / "calls")
    finally:
        workspace.close()
    vets, salon, depot = (str(ids[n]) for n in ("vets.json", "salon.txt", "warehouse.txt"))
    done = cli(
        "call-update", vets,
        "--rename-speaker", "Speaker 2=Ruth Okafor",
        "--rename-speaker", "Speaker 1 = Tomás Reyes",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        f"updated call {vets}: renamed Speaker 2 → Ruth Okafor; Speaker 1 → Tomás Reyes\n"
    )
    shown = cli.json("call-show", vets)
    assert shown["speakers"] == ["Tomás Reyes", "Ruth Okafor"]
    assert {u["role"] for u in shown["utterances"] if u["speaker"] == "Ruth Okafor"} == {"buyer"}
    # Brackets are a name's own, never console markup.
    bracketed = cli("call-update", salon, "--rename-speaker", "Speaker B=Mia [front desk]")
    assert bracketed.stdout == f"updated call {salon}: renamed Speaker B → Mia [front desk]\n"
    assert cli.json("call-update", depot, "--rename-speaker", "SPEAKER_01=Tom Becker")[
        "speakers"
    ] == ["SPEAKER_00", "Tom Becker"]

    refused = {
        "use OLD=NEW": ["--rename-speaker", "Speaker A"],
        "no speaker named 'Speaker 2'": ["--rename-speaker", "Speaker 2=Lee Park"],
        "cannot be renamed 'mia [FRONT desk]': that is the name of 'Mia [front desk]'": [
            "--rename-speaker",
            "Speaker A=mia [FRONT desk]",
        ],
        "is empty": ["--rename-speaker", "Speaker A="],
    }
    for said, args in refused.items():
        result = cli("call-update", salon, *args)
        assert result.exit_code == 1 and said in result.output, (args, result.output)
    assert cli.json("call-show", salon)["speakers"] == ["Speaker A", "Mia [front desk]"]
