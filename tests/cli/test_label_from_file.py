"""``callmine label --from-file``: many answers in one process and one transaction (CSV or JSON
Lines); a bad row keeps none of them and names itself; the single form still works."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.samples import TRANSCRIPT, write

SPREADSHEET = "We're still doing the rota in a spreadsheet."
CONTRACT = "The annual contract is what scares me, to be honest."


def _buyer_turns(cli: Cli, tmp_path: Path) -> dict[str, int]:
    path = write(tmp_path, "a.txt", TRANSCRIPT)
    assert cli("ingest", path, "--our-speakers", "Maya Chen").exit_code == 0
    return {
        s["text"]: u["id"]
        for u in cli.json("utterances", "--role", "buyer")
        for s in u["sentences"]
    }


def _kinds(cli: Cli) -> dict[str, tuple[str, str | None, str]]:
    return {
        s["text"]: (s["kind"], s["category"], s["source"])
        for u in cli.json("utterances", "--role", "buyer")
        for s in u["sentences"]
    }


def test_a_csv_of_answers_is_applied_at_once(cli: Cli, tmp_path: Path) -> None:
    turns = _buyer_turns(cli, tmp_path)
    answers = write(
        tmp_path,
        "answers.csv",
        (
            "utterance_id,kind,text,category\n"
            f'{turns[SPREADSHEET]},current_setup,"{SPREADSHEET}",\n'
            f'{turns[CONTRACT]},objection,"{CONTRACT}",contract\n'
        ).encode(),
    )
    result = cli("label", "--from-file", answers)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"] == 2
    kinds = _kinds(cli)
    assert kinds[SPREADSHEET] == ("current_setup", None, "user")
    assert kinds[CONTRACT] == ("objection", "contract", "user")


def test_json_lines_and_a_bad_row_keeps_none(cli: Cli, tmp_path: Path) -> None:
    turns = _buyer_turns(cli, tmp_path)
    before = _kinds(cli)
    lines = [
        {"utterance_id": turns[SPREADSHEET], "kind": "pain", "text": SPREADSHEET},
        {"utterance_id": turns[CONTRACT], "kind": "objection", "text": CONTRACT},  # no category
    ]
    answers = write(tmp_path, "a.jsonl", "\n".join(json.dumps(x) for x in lines).encode())
    result = cli("label", "--from-file", answers)
    assert result.exit_code == 1 and "answer 2" in result.output
    assert _kinds(cli) == before
    answers.write_text(json.dumps(lines[0]) + "\n", "utf-8")
    assert cli("label", "--from-file", answers).exit_code == 0
    assert _kinds(cli)[SPREADSHEET] == ("pain", None, "user")
    single = cli("label", str(turns[CONTRACT]), "other", "--utterance", "--text", CONTRACT)
    assert single.exit_code == 0, single.output
    assert _kinds(cli)[CONTRACT] == ("other", None, "user")
