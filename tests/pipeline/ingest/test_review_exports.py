"""Sides and accounts on exports a reviewer wrote for an industry the project had not seen.

Why: four of fifteen files had buyer and rep swapped or unknown (a firm's administrator read as
a second rep, a security reviewer's questions as the seller's, an SRT all unknown), and five
calls had no account though their speech or title named it."""

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

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "review"
EXPECTED: dict[str, Any] = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in EXPECTED if not name.startswith("_"))


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    settings = make_settings(tmp_path_factory.mktemp("review") / "data", our_company="Docketly")
    return store_all(Workspace(settings, embedder=embedder), read_files(FOLDER, FILES))


@pytest.mark.parametrize("name", FILES)
def test_each_speakers_side_and_the_account(stored: dict[str, Call], name: str) -> None:
    call = stored[name]
    roles = {u.speaker: u.role for u in call.utterances}
    assert roles == EXPECTED[name]["roles"]
    assert call.account == EXPECTED[name]["account"]


FLEET = FOLDER / "fleetpilot"
FLEET_EXPECTED: dict[str, Any] = json.loads((FLEET / "expected.json").read_text(encoding="utf-8"))
FLEET_FILES = sorted(name for name in FLEET_EXPECTED if not name.startswith("_"))
FLEET_TEAM = ("Jordan Hayes", "Priya Raman", "Marcus Webb", "Elena Ortiz")
# What the meeting tools wrote about the call and the writers' contact details: never speech.
NOT_SPEECH = ("(417) 555-0123", "(614) 555-0182", "(512) 555-0199", "rick@summithvac.com",
              "marcus.webb@fleetpilot.io", "Chorus.ai", "Recorded and transcribed",
              "Demo of FleetPilot", "Current setup:", "Operations Manager", "Action items",
              "Jordan Hayes 00:", "Overview")  # fmt: skip
# tl;dv's action items under the speech: the rep's notes, never speech.
PLAN = (
    "Jordan: send proposal + privacy mode one-pager to rick@summithvac.com and jen@summithvac.com",
    "Rick: check Verizon Connect ETF",
)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    """Seven exports of a second industry (Chorus, Avoma, tl;dv, Salesloft, an Otter PDF, a
    forwarded email, Fireflies), uploaded with the team roster as a user would."""
    settings = make_settings(tmp_path_factory.mktemp("fleet") / "data", our_company="FleetPilot")
    return store_all(
        Workspace(settings, embedder=embedder), read_files(FLEET, FLEET_FILES), FLEET_TEAM
    )


@pytest.mark.parametrize("name", FLEET_FILES)
def test_other_tools_exports_give_sides_account_date_and_only_speech(
    fleet: dict[str, Call], name: str
) -> None:
    """Chorus and Fireflies had been stored whole as rep notes; tool summaries, credit lines,
    action items and signatures had been speech; four calls had no date."""
    call, expected = fleet[name], FLEET_EXPECTED[name]
    spoken = {u.speaker: u.role for u in call.utterances if u.speaker}
    assert spoken == expected["roles"]
    assert (call.account, str(call.call_date)) == (expected["account"], expected["date"])
    for utterance in call.utterances:
        if utterance.text in PLAN:  # the action items are the rep's notes (issue 16)
            assert utterance.role == "rep_note"
            continue
        assert not any(mark in utterance.text for mark in NOT_SPEECH), utterance.text
        assert utterance.role != "unknown", utterance.text
