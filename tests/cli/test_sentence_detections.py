"""``utterances --json`` and ``call-show --json`` give each sentence its own detection (text,
kind, category, confidence, rival), so a user can measure the detector per sentence."""

from __future__ import annotations

from pathlib import Path

from pipeline.detect import KINDS
from tests.conftest import Cli
from tests.samples import TRANSCRIPT, write

CALL = TRANSCRIPT + (
    b"Maya Chen: And what do you use for bookings today?\n"
    b"Dana Ruiz: We're on Rotaboard for the diary. Is it month to month? "
    b"The price is double what Rotaboard charges us.\n"
)


def test_each_sentence_has_its_detection(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", CALL)
    assert cli("ingest", path, "--our-speakers", "Maya Chen", "--competitors", "Rotaboard")
    buyers = cli.json("utterances", "--role", "buyer")
    last = buyers[-1]
    assert [s["text"] for s in last["sentences"]] == [
        "We're on Rotaboard for the diary.",
        "Is it month to month?",
        "The price is double what Rotaboard charges us.",
    ]
    for sentence in last["sentences"]:
        assert sentence["kind"] in KINDS and 0.0 <= sentence["confidence"] <= 1.0
        assert last["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        assert set(sentence) >= {"category", "competitor", "source", "cluster_id"}
    assert last["sentences"][0]["competitor"] == "Rotaboard"
    assert last["sentences"][1]["kind"] == "question"
    assert set(last["kinds"]) >= {s["kind"] for s in last["sentences"]}  # kept as before
    shown = cli.json("call-show", str(last["call_id"]))
    assert shown["utterances"][-1]["sentences"] == last["sentences"]
    reps = [u for u in shown["utterances"] if u["role"] == "rep"]
    assert reps and all(u["sentences"] == [] for u in reps)
