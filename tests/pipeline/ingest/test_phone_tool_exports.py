"""Phone-tool and AI-summary exports: Aircall, Dialpad, Fathom, Zoom AI Companion, and an
Obsidian visit note.

Why: Aircall's buyer, labelled by her phone number, had every line glued onto the rep's turn and
its "Line:" header had become a buyer turn; Dialpad's "Handled by …" and "Was this recap
helpful?" and Fathom's "Meeting Purpose" had been speech; a Zoom AI summary's headings and
disclaimers had been notes, with no date or account though its title gave both; Fathom's account
had been the web domain in a speaker label; an Obsidian note's "## Setup today" bullets had been
read as attendees and lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.embed import Embedder
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.stored_calls import read_files, store_all

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "review" / "phone_tools"
EXPECTED: dict[str, Any] = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))
TEAM = ("Owen Price", "Sara Lind")
# The tools' own words and the buyer's number: never anyone's speech or note.
NOT_SAID = (
    "7700 900412",
    "555-0143",
    "Chairside UK Sales",
    "Handled by",
    "recap helpful",
    "Meeting Purpose",
    "Quick recap",
    "Always check for accuracy",
    "Edit · Share",
    "Please rate",
    "Concerns about cost Tom",
    "Comments (1)",
    "AI Call Summary",
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    settings = make_settings(tmp_path_factory.mktemp("phone") / "data", our_company="Chairside")
    return store_all(Workspace(settings, embedder=embedder), read_files(FOLDER, FILES), TEAM)


@pytest.mark.parametrize("name", FILES)
def test_sides_account_date_and_only_what_was_said(stored: dict[str, Call], name: str) -> None:
    call, expected = stored[name], EXPECTED[name]
    spoken = {u.speaker: u.role for u in call.utterances if u.speaker}
    assert spoken == expected["roles"]
    assert (call.account, str(call.call_date)) == (expected["account"], expected["date"])
    assert [u.text for u in call.utterances if u.role == "rep_note"] == expected["notes"]
    for utterance in call.utterances:
        assert not any(mark in utterance.text for mark in NOT_SAID), utterance.text
        assert utterance.role != "unknown", utterance.text
    assert "555" not in (call.title or "")


def test_a_phone_number_label_is_the_buyer_turn_by_turn(stored: dict[str, Call]) -> None:
    call = stored["aircall_call_2200418833_transcript.txt"]
    turns = [(u.speaker, u.text) for u in call.utterances if u.role != "rep_note"]
    # "it's Beth, the practice manager": the number's one speaker introduced herself
    assert [speaker for speaker, _ in turns] == ["Owen Price", "Beth"] * 3
    assert turns[1][1].endswith("the monthly fee you quoted feels steep for three chairs.")
    assert turns[3][1].startswith("My other worry is the X-ray software.")
    assert call.title == "Inbound call · Harbour Lane Dental → Owen Price"
