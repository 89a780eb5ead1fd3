"""``callmine label`` says what it did in a line, as merge and split do; ``--json`` prints the
result for scripts (walk 3: it printed a JSON blob where the other edits print a sentence)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.samples import write

SALON = (
    b"Nora Pike: Thanks Rosa. How do clients book colour appointments now?\n"
    b"Rosa Lin: Mostly by Instagram message, and half of them never turn up.\n"
    b"Nora Pike: What would change that?\n"
    b"Rosa Lin: Forty pounds a chair every month is more than we make on a Tuesday.\n"
)
WAREHOUSE = (
    b"Nora Pike: Morning Imran, how do you count the racking today?\n"
    b"Imran Shah: A clipboard walk every Friday, and the counts are wrong by Monday.\n"
)
VETS = (
    b"Nora Pike: Hi Gail, how are the dental reminders sent?\n"
    b"Gail Moss: The nurses phone every owner, which eats the whole afternoon.\n"
)


def _buyer_sentence(cli: Cli, tmp_path: Path, name: str, text: bytes, sentence: str) -> int:
    path = write(tmp_path, name, text)
    assert cli("ingest", path, "--our-speakers", "Nora Pike").exit_code == 0
    [found] = [
        u["id"]
        for u in cli.json("utterances", "--role", "buyer")
        if any(s["text"] == sentence for s in u["sentences"])
    ]
    return int(found)


def test_one_answer_is_said_in_a_line(cli: Cli, tmp_path: Path) -> None:
    said = "Forty pounds a chair every month is more than we make on a Tuesday."
    utterance = _buyer_sentence(cli, tmp_path, "salon.txt", SALON, said)
    args = ("label", utterance, "objection", "--category", "price", "--utterance", "--text", said)
    result = cli(*args)
    assert result.exit_code == 0, result.output
    line = " ".join(result.output.split())
    assert not line.startswith("{"), line
    assert line.startswith(f"“{said}” (utterance {utterance}) is now objection (price)"), line
    assert "objection_labels.csv" in line and "re-fit" in line


def test_json_prints_the_result(cli: Cli, tmp_path: Path) -> None:
    said = "A clipboard walk every Friday, and the counts are wrong by Monday."
    utterance = _buyer_sentence(cli, tmp_path, "warehouse.txt", WAREHOUSE, said)
    result = cli("label", utterance, "pain", "--utterance", "--text", said, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["utterance_id"], answer["text"], answer["label"]) == (utterance, said, "pain")


def test_a_file_of_answers_is_said_in_a_line(cli: Cli, tmp_path: Path) -> None:
    said = "The nurses phone every owner, which eats the whole afternoon."
    utterance = _buyer_sentence(cli, tmp_path, "vets.txt", VETS, said)
    answers = write(
        tmp_path,
        "answers.csv",
        f'utterance_id,kind,text,category\n{utterance},pain,"{said}",\n'.encode(),
    )
    result = cli("label", "--from-file", answers)
    assert result.exit_code == 0, result.output
    line = " ".join(result.output.split())
    assert line.startswith("Recorded 1 answer in ") and "objection_labels.csv" in line, line
