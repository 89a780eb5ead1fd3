"""A JSON transcript whose turns carry the speaker as an object and the words as ``sentence``
(Jiminny: ``transcript[{participant: {name, type}, sentence, startTime}]``): the name is the
speaker, the type the side, the sentence the text. It had been refused as "transcript[0] has no
'text'", and a refusal now names the keys a turn does have. Invented calls of three trades
(``fixtures/transcripts/README.md``)."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from tests.pipeline.ingest.conftest import FIXTURES

SHAPES = FIXTURES / "transcripts"

# file -> (speaker, role, start) per turn (a speaker's consecutive sentences are one turn)
EXPECTED = {
    "jiminny_pryor_freight.json": [
        ("Maren Koch", "rep", 2.4), ("Dwayne Pryor", "buyer", 8.9), ("Maren Koch", "rep", 27.0),
        ("Dwayne Pryor", "buyer", 36.5), ("Maren Koch", "rep", 44.1),
    ],
    "jiminny_northwind_pilates.json": [
        ("Leo Varga", "rep", 1.0), ("Priya Castellanos", "buyer", 6.2),
        ("Leo Varga", "rep", 22.5), ("Priya Castellanos", "buyer", 31.0),
    ],
    "jiminny_okafor_byrne.json": [
        ("Tomasz Wren", "rep", 0.8), ("Adaeze Okafor", "buyer", 7.5),
        ("Colm Byrne", "buyer", 16.0), ("Tomasz Wren", "rep", 22.3),
        ("Adaeze Okafor", "buyer", 30.9),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_nested_participant_is_the_speaker_and_its_type_the_side(name: str) -> None:
    [call] = parse_file((SHAPES / name).read_bytes(), name)
    assert [(u.speaker, u.role, u.start_seconds) for u in call.utterances] == EXPECTED[name]
    sentences = [turn["sentence"] for turn in json.loads((SHAPES / name).read_text())["transcript"]]
    assert " ".join(u.text for u in call.utterances) == " ".join(sentences)


def test_the_activity_gives_the_title_date_and_account() -> None:
    name = "jiminny_pryor_freight.json"
    [call] = parse_file((SHAPES / name).read_bytes(), name)
    assert call.title == "Pryor Freight Brokers - TMS discovery"
    assert str(call.call_date) == "2026-08-19"
    assert call.account == "Pryor Freight Brokers"


def test_our_roster_outweighs_the_type_the_file_gives() -> None:
    """A type is the file's word about a named person, weighed after our own people: a
    colleague the tool typed "prospect" (a guest login) is still ours."""
    turns = [
        {"participant": {"name": "Ivy Stone", "type": "prospect"}, "sentence": "Hi, Ivy here."},
        {"participant": {"name": "Rex Dunn", "type": "prospect"}, "sentence": "Our vans idle."},
    ]
    document = json.dumps({"transcript": turns}).encode()
    [call] = parse_file(document, "call.json", our_speakers=["Ivy Stone"])
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Ivy Stone", "rep"),
        ("Rex Dunn", "buyer"),
    ]


def test_a_turn_with_no_text_is_refused_naming_the_keys_it_has() -> None:
    document = {
        "transcript": [{"participant": {"name": "Ada Moss"}, "words": "Hi", "startTime": 1.0}]
    }
    with pytest.raises(BadInput) as refused:
        parse_file(json.dumps(document).encode(), "call.json")
    message = str(refused.value)
    assert "transcript[0] has no 'text'" in message
    assert "'sentence'" in message  # what it looked for
    assert "its keys are 'participant', 'words', 'startTime'" in message  # what it found


def test_a_nested_participant_deeper_in_any_json_gives_its_side() -> None:
    """The same turns nested in another tool's JSON (no ``transcript`` at the top, no people
    list): read by the search for a list of turns, each side from its own participant."""
    lines = [
        {"participant": {"name": "Ola Berg", "type": "internal"}, "sentence": "Hi, all set?"},
        {"participant": {"name": "Tam Reyes", "type": "external"}, "sentence": "Mostly, yes."},
        {"participant": {"name": "Ola Berg", "type": "internal"}, "sentence": "Great, go on."},
    ]
    document = {"call": {"title": "Reyes Orchards - check-in", "lines": lines}}
    [call] = parse_file(json.dumps(document).encode(), "call.json")
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Ola Berg", "rep"),
        ("Tam Reyes", "buyer"),
        ("Ola Berg", "rep"),
    ]
