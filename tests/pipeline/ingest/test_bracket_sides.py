"""A side written in a speaker's bracket ("Dana (Buyer):", "Sam (Sales Rep):", "Lee (AE)  0:04")
is that speaker's role, not a company: a rep's lines are never read as a buyer's."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.calls.queries import speaker_roles
from pipeline.ingest import parse_file
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.conftest import make_settings

# Three trades, three label shapes: "Name (Side): text", an Otter-style "Name (Side)  0:03"
# header with the text below, and a side beside a full name in capitals.
VETS = """Dana Whitfield (Buyer): The price is too high for a clinic our size.
Sam Reyes (Rep): Understood. We have a plan for two vets and six nurses.
Dana Whitfield (Buyer): And the nurses won't install another app.
"""
WAREHOUSE = """Lee Tran (AE)  0:04
Thanks for making time. How do you staff the Monday pick today?

Hana Kim (Customer)  0:09
A spreadsheet, and we're short two pickers every Monday.

Lee Tran (AE)  0:15
We flag no-shows before the shift starts.
"""
SALON = """Maya Brooks (Prospect): We already pay for Fresha and the stylists like it.
Liam Carter (Sales Rep): Fresha doesn't do payroll, we do both.
Maya Brooks (Prospect): Even so, it's more than we pay now for four chairs.
"""


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (VETS, {"Dana Whitfield": "buyer", "Sam Reyes": "rep"}),
        (WAREHOUSE, {"Lee Tran": "rep", "Hana Kim": "buyer"}),
        (SALON, {"Maya Brooks": "buyer", "Liam Carter": "rep"}),
    ],
    ids=["vets", "warehouse", "salon"],
)
def test_a_side_in_the_bracket_is_the_speakers_role(text: str, sides: dict[str, str]) -> None:
    [call] = parse_file(text.encode(), "call.txt")
    assert {u.speaker: u.role for u in call.utterances} == sides
    assert all(u.company is None for u in call.utterances)


def test_a_company_in_the_bracket_stays_a_company_beside_a_side() -> None:
    text = (
        "Mark Ellis (Northgate Storage): We already run ShipHero across both depots.\n"
        "Tom Okafor (Sales Rep): Understood, we import from ShipHero.\n"
        "Mark Ellis (Northgate Storage): Switching forty people mid-peak is not happening.\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert [(u.speaker, u.company) for u in call.utterances] == [
        ("Mark Ellis", "Northgate Storage"),
        ("Tom Okafor", None),
        ("Mark Ellis", "Northgate Storage"),
    ]
    assert call.utterances[1].role == "rep"


def test_the_stored_call_keeps_the_sides(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data"))
    try:
        [result] = ingest_bytes(workspace, VETS.encode(), "vets.txt", analyse=False)
        assert result.status == "created", result.reason
        with workspace.session() as db:
            roles = speaker_roles(db, result.call_id or 0)
    finally:
        workspace.close()
    assert roles == {"Dana Whitfield": "buyer", "Sam Reyes": "rep"}
