"""Our phone lines as a setting (``CALLMINE_OUR_PHONE_NUMBERS``).

Why: a phone tool's transcript whose speakers are only numbers, and whose header says neither
the call's direction nor who handled it, left every number a "Phone 1", "Phone 2" of no side,
though the workspace knows its own lines: the rep's pitch was nobody's and the buyer's
objections were not counted as a buyer's.

Fixtures: invented people and numbers (555-01xx, Ofcom's 07700 900xxx drama range), in the
layouts of RingCentral's and Dialpad's transcript downloads, a Twilio-like JSON and a CRM
export's transcript column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.ingest import parse_file
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

RINGCENTRAL = """Call Transcript
Date: 03/19/2026 09:41 AM PST
Duration: 00:04:12

00:00:02 +1 (778) 555-0100: Hi, it's Sophie from Trailhead, about the quote you asked for.
00:00:08 +1 (604) 555-0148: We went with another tool, it was cheaper per seat.
00:00:12 +1 (604) 555-0199: And our IT lead worried about the single sign-on setup.
00:00:15 778.555.0100: Thanks for telling me, both of those we can fix.
"""

DIALPAD_UK = """Dialpad Ai Recap
Agent: Sophie Tremblay
Mar 3, 2026 2:15 PM GMT · 3m 40s

Transcript
07700 900412
0:00
Morning, Sophie at Trailhead, you rang about the renewal?
+44 161 496 0733
0:05
Yes. The renewal price went up a lot, that's hard to justify to our board.
+44 7700 900412
0:12
I understand, let me see what I can do.
"""

OURS_WRITTEN_OTHERWISE = ["+1 778 555 0100", "+44 (0)7700 900412"]


def _sides(text: str, name: str, lines: list[str]) -> list[tuple[str | None, str]]:
    [call] = parse_file(text.encode(), name, our_lines=lines)
    assert "phone_lines" not in call.extra
    return [(u.speaker, u.role) for u in call.utterances]


def test_without_the_setting_the_numbers_stay_of_no_side() -> None:
    assert _sides(RINGCENTRAL, "ringcentral.txt", []) == [
        ("Phone 1", "unknown"),
        ("Phone 2", "unknown"),
        ("Phone 3", "unknown"),
        ("Phone 1", "unknown"),
    ]


def test_our_line_in_any_written_form_is_the_rep_and_the_others_buyers() -> None:
    [call] = parse_file(RINGCENTRAL.encode(), "ringcentral.txt", our_lines=["778.555.0100"])
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Rep", "rep"),
        ("Caller", "buyer"),
        ("Caller 2", "buyer"),
        ("Rep", "rep"),  # written "778.555.0100" in the file too
    ]
    assert call.notice is None  # nothing left for the user to settle
    assert _sides(RINGCENTRAL, "ringcentral.txt", OURS_WRITTEN_OTHERWISE)[0] == ("Rep", "rep")


def test_the_rep_the_header_names_speaks_on_our_line() -> None:
    assert _sides(DIALPAD_UK, "dialpad_recap.txt", OURS_WRITTEN_OTHERWISE) == [
        ("Sophie Tremblay", "rep"),
        ("Caller", "buyer"),
        ("Sophie Tremblay", "rep"),
    ]


def test_a_json_transcript_labelled_by_numbers() -> None:
    turns = [
        {"speaker": "+17785550100", "start": 1.2, "text": "Hi, Sophie from Trailhead here."},
        {"speaker": "+16045550148", "start": 4.0, "text": "The per-seat price is too high."},
        {"speaker": "+17785550100", "start": 9.5, "text": "We have a smaller plan."},
    ]
    document = {"call_sid": "CA0000000000000000000000000000001", "conversation": {"turns": turns}}
    text = json.dumps(document)
    assert _sides(text, "twilio_call.json", [])[:2] == [
        ("Phone 1", "unknown"),
        ("Phone 2", "unknown"),
    ]
    assert _sides(text, "twilio_call.json", OURS_WRITTEN_OTHERWISE) == [
        ("Rep", "rep"),
        ("Caller", "buyer"),
        ("Rep", "rep"),
    ]


def test_a_crm_exports_transcript_column() -> None:
    cell = "\n".join(line for line in RINGCENTRAL.splitlines() if line.startswith("00:"))
    text = 'Call ID,Call Date,Transcript\n4471,2026-03-19,"' + cell + '"\n'
    assert _sides(text, "calls_export.csv", OURS_WRITTEN_OTHERWISE)[:2] == [
        ("Rep", "rep"),
        ("Caller", "buyer"),
    ]


def test_the_setting_is_a_json_list_of_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLMINE_OUR_PHONE_NUMBERS", '["+1 (737) 555-0100", "737.555.0101"]')
    assert Settings(_env_file=None).our_phone_numbers == ["+1 (737) 555-0100", "737.555.0101"]
    monkeypatch.setenv("CALLMINE_OUR_PHONE_NUMBERS", '["ext 12"]')
    with pytest.raises(ValidationError, match="not a phone number"):
        Settings(_env_file=None)


def test_an_upload_takes_our_lines_from_the_workspace(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path / "data", our_phone_numbers=["(778) 555-0100"])
    workspace = Workspace(settings, embedder=embedder)
    try:
        [result] = ingest_bytes(workspace, RINGCENTRAL.encode(), "ringcentral.txt", analyse=False)
        assert result.status == "created", result.reason
        assert "CALLMINE_OUR_PHONE_NUMBERS" not in (result.understood or "")
        with workspace.session() as db:
            call = db.scalars(select(Call).options(selectinload(Call.utterances))).one()
            spoken = [(u.speaker, u.role) for u in call.utterances]
            assert "phone_lines" not in (call.extra or {})  # the numbers are never stored
    finally:
        workspace.close()
    assert spoken == [("Rep", "rep"), ("Caller", "buyer"), ("Caller 2", "buyer"), ("Rep", "rep")]
