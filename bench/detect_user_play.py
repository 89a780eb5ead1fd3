"""Play the user through the CLI on labelled calls: what a team sees before and after answering
the review queue.

A fresh data dir; ``callmine ingest`` of the calls (with their ``manifest.csv``); then rounds of
``callmine detections queue --limit N --json``, each sentence answered with its true label by
``callmine label UTTERANCE_ID KIND --utterance --text SENTENCE [--category C]``, until
``--answers`` answers (a queued sentence the labels do not hold, such as a rep's note line, is
passed over unanswered, as a user would leave a line they cannot judge: it is listed in
``unlabelled_queue_items`` and counted in ``shown_unanswered``, never answered "other");
then ``callmine redetect`` and ``callmine cluster``. Before and after, the stored kinds (what
the pages, clusters and content use: the shipped operating point, not a threshold picked
afterwards) are scored against the labels: per-kind precision and recall per
sentence, objection precision/recall per utterance, and the same without the sentences the user
answered. Use calls the detector never learnt from (``bench/data/detect_holdout``); the built-in
examples flatter it. Prints one JSON line.

    .venv/bin/python bench/detect_user_play.py [--calls DIR] [--labels CSV] [--answers 30]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, Timing, emit

from pipeline.detect import KINDS
from pipeline.detect.evaluate import rates

HOLDOUT = ROOT / "bench" / "data" / "detect_holdout"
SentenceKey = tuple[int, str]  # (utterance id, normalised sentence text)


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Truth:
    label: str
    category: str


class Cli:
    """``callmine`` in a data dir of its own, as a user runs it (no LLM check)."""

    def __init__(self, data_dir: Path) -> None:
        self.env = {
            **os.environ,
            "CALLMINE_DATA_DIR": str(data_dir),
            "CALLMINE_LLM_BASE_URL": "",
            "CALLMINE_LLM_DETECT": "off",
        }
        self.executable = str(Path(sys.executable).with_name("callmine"))

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            [self.executable, *args], env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(f"callmine {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        return done.stdout


def read_truth(labels: Path, database: Path) -> dict[SentenceKey, Truth]:
    """The labels keyed by stored utterance id: a label's ``utterance`` is the index of the turn
    among its file's utterances, in the order they were stored."""
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT u.id, c.filename FROM utterances u JOIN calls c ON c.id = u.call_id "
            "ORDER BY c.id, u.seq, u.id"
        ).fetchall()
    by_file: dict[str, list[int]] = {}
    for utterance_id, filename in rows:
        by_file.setdefault(Path(filename).name, []).append(utterance_id)
    truth: dict[SentenceKey, Truth] = {}
    with labels.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            ids = by_file.get(row["file"], [])
            index = int(row["utterance"])
            if index >= len(ids):
                raise SystemExit(f"{row['file']}: no stored utterance {index}")
            key = (ids[index], _normal(row["text"]))
            truth[key] = Truth(row["label"], row.get("category") or "")
    return truth


def stored_kinds(database: Path) -> dict[SentenceKey, tuple[str, str]]:
    """Each stored buyer sentence's kind and source (``model``, ``llm`` or ``user``)."""
    with sqlite3.connect(database) as db:
        marks = ",".join("?" * len(KINDS))
        query = f"SELECT utterance_id, text, kind, source FROM mentions WHERE kind IN ({marks})"
        rows = db.execute(query, KINDS).fetchall()
    return {(u, _normal(text)): (kind, source) for u, text, kind, source in rows}


def score(
    truth: dict[SentenceKey, Truth],
    found: dict[SentenceKey, tuple[str, str]],
    answered: set[SentenceKey],
) -> dict[str, Any]:
    """Per-kind precision/recall per sentence (every labelled sentence, and the unanswered
    ones), objection precision/recall per utterance; a sentence not stored counts as other."""
    keys = sorted(truth)
    guessed = np.array([found.get(k, ("other", ""))[0] for k in keys])
    actual = np.array([truth[k].label for k in keys])
    unanswered = np.array([k not in answered for k in keys])
    utterances = np.unique([u for u, _ in keys], return_inverse=True)[1]
    said, meant = (np.zeros(int(utterances.max()) + 1, dtype=bool) for _ in range(2))
    np.logical_or.at(said, utterances, guessed == "objection")
    np.logical_or.at(meant, utterances, actual == "objection")
    wrong = (guessed == "objection") & (actual != "objection")
    return {
        "kinds": {kind: rates(guessed == kind, actual == kind).as_dict() for kind in KINDS},
        "objection_unanswered": rates(
            (guessed == "objection")[unanswered], (actual == "objection")[unanswered]
        ).as_dict(),
        "pain_unanswered": rates(
            (guessed == "pain")[unanswered], (actual == "pain")[unanswered]
        ).as_dict(),
        "objection_per_utterance": rates(said, meant).as_dict(),
        "confusions_into_objection": dict(Counter(actual[wrong].tolist())),
        "labelled_not_stored": sum(1 for k in keys if k not in found),
    }


def answer_queue(
    cli: Cli, truth: dict[SentenceKey, Truth], answers: int, per_round: int
) -> tuple[set[SentenceKey], Counter[str], list[str]]:
    """Answer the queue's sentences with their true labels, ``per_round`` at a time; also
    returns the queued sentences the labels do not hold, passed over unanswered (no label is
    known for them: answering "other" taught the model a verdict nobody gave)."""
    answered: set[SentenceKey] = set()
    passed: set[SentenceKey] = set()
    given: Counter[str] = Counter()
    unlabelled: list[str] = []
    while len(answered) < answers:
        wanted = min(per_round, answers - len(answered)) + len(passed)  # passed ones come back
        items = json.loads(cli("detections", "queue", "--limit", str(wanted), "--json"))
        seen = answered | passed
        fresh = [i for i in items if (i["utterance_id"], _normal(i["sentence"])) not in seen]
        if not fresh:
            break
        for item in fresh[: answers - len(answered)]:
            key = (item["utterance_id"], _normal(item["sentence"]))
            known = truth.get(key)
            if known is None:
                passed.add(key)
                unlabelled.append(f"{item['role']}: {item['sentence']}")
                continue
            args = ["label", str(item["utterance_id"]), known.label, "--utterance"]
            args += ["--text", item["sentence"]]
            if known.label == "objection":
                args += ["--category", known.category]
            cli(*args)
            answered.add(key)
            given[known.label] += 1
    return answered, given, unlabelled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=Path, default=HOLDOUT / "calls")
    parser.add_argument("--labels", type=Path, default=HOLDOUT / "labels.csv")
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=10, help="Queue items per round.")
    parser.add_argument("--keep", type=Path, help="Play in this (new) data dir and keep it.")
    args = parser.parse_args()
    if args.keep is not None and args.keep.is_dir() and any(args.keep.iterdir()):
        raise SystemExit(f"--keep {args.keep}: not empty")
    with tempfile.TemporaryDirectory(prefix="callmine-play-") as tmp:
        data_dir = Path(tmp) if args.keep is None else args.keep
        cli = Cli(data_dir)
        database = data_dir / "callmine.db"
        with Timing() as timing:
            cli("ingest", str(args.calls), "--manifest", str(args.calls / "manifest.csv"))
            truth = read_truth(args.labels, database)
            before = score(truth, stored_kinds(database), set())
            answered, given, unlabelled = answer_queue(cli, truth, args.answers, args.per_round)
            cli("redetect")
            cli("cluster")
            after = score(truth, stored_kinds(database), answered)
    emit(
        {
            "calls": str(args.calls),
            "labelled_sentences": len(truth),
            "labelled_kinds": dict(Counter(t.label for t in truth.values())),
            "answers": len(answered),
            "answers_by_label": dict(given),
            "unlabelled_queue_items": unlabelled,  # shown, passed over unanswered
            "shown_unanswered": len(unlabelled),
            "before": before,
            "after": after,
            "seconds": round(timing.wall, 1),
        }
    )


if __name__ == "__main__":
    main()
