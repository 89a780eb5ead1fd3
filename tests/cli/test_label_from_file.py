"""``callmine label --from-file``: many answers in one process and one transaction (CSV or JSON
Lines); a bad row keeps none of them and names itself; the single form still works."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import get_settings
from pipeline.detect import learning
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
    result = cli("label", "--from-file", answers, "--json")
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


def _count_fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every detector fit on the user's answers ``refit`` makes, counted (the real fit still
    runs); the model without answers it also loads, to bound their reach, is no fit of them."""
    fits: list[int] = []
    real = learning.load_or_train

    def counted(*args: Any, **kwargs: Any) -> Any:
        if args[2]:  # the user's labelled rows
            fits.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(learning, "load_or_train", counted)
    return fits


def test_the_queues_own_json_with_kinds_is_learnt_in_one_fit(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 24o: the queue's JSON lines, a ``kind`` added to each, are the answers (its
    ``sentence`` says which sentence), recorded at once and learnt with one re-fit."""
    _buyer_turns(cli, tmp_path)
    monkeypatch.setenv("CALLMINE_REFIT_EVERY", "2")
    get_settings.cache_clear()
    queue = cli.json("detections", "queue", "--limit", "3")
    assert len(queue) >= 2
    answers = [{**item, "kind": "other"} for item in queue]
    path = write(tmp_path, "answers.jsonl", "\n".join(map(json.dumps, answers)).encode())
    fits = _count_fits(monkeypatch)
    result = cli("label", "--from-file", path, "--json")
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    assert done["answers"] == len(answers) and done["refit"]["answers"] == len(answers)
    assert len(fits) == 1
    assert [row["text"] for row in done["labelled"]] == [item["sentence"] for item in queue]
    kinds = _kinds(cli)
    assert all(kinds[item["sentence"]] == ("other", None, "user") for item in queue)


def test_one_answer_is_recorded_without_a_fit(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``label`` records the answer and returns; the fit waits for the queue or ``redetect``."""
    turns = _buyer_turns(cli, tmp_path)
    monkeypatch.setenv("CALLMINE_REFIT_EVERY", "1")
    get_settings.cache_clear()
    fits = _count_fits(monkeypatch)
    single = cli("label", str(turns[CONTRACT]), "other", "--utterance", "--text", CONTRACT)
    assert single.exit_code == 0, single.output
    assert fits == []
    assert _kinds(cli)[CONTRACT] == ("other", None, "user")


def test_a_missing_feature_is_a_category_to_label(cli: Cli, tmp_path: Path) -> None:
    """Walk 3: ``--category missing_feature`` had been refused ("one of: price, …")."""
    turns = _buyer_turns(cli, tmp_path)
    result = cli(
        "label", str(turns[CONTRACT]), "objection", "--category", "missing_feature",
        "--utterance", "--text", CONTRACT,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _kinds(cli)[CONTRACT] == ("objection", "missing_feature", "user")
