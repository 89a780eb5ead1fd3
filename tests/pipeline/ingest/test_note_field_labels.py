"""A rep's notes whose labels stand alone on their lines ("Niamh:" over a paragraph, "Next:",
"Economic buyer:", "Pain:") are the rep's notes, not a dialogue: a field label gives its kind to
the words under it and is never a speaker, and a person's name over unquoted shorthand about
them is the rep's note about them. A transcript with each name on its own line over short
turns stays a transcript.

Why: such notes had been read as a transcript (the buyer's name a speaker, "Next" another, the
rep's plan its words), or as notes whose "Next:" and "Metrics:" were people. Notes and
transcripts from several trades; people and companies invented."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace

# (file name, the notes, the rep's words about the person, the plan)
NAMED_NOTES = {
    "accounting.txt": (
        "Riverside Accounting - intro call, 14 Oct\n"
        "Gemma:\nPartner, signs off anything over £200 a month.\n"
        "Next:\nSend the onboarding pack.\n"
        "Gemma:\nChasing clients for receipts every January, two staff on it full time.\n",
        "Chasing clients for receipts every January, two staff on it full time.",
        "Send the onboarding pack.",
    ),
    "fish.txt": (
        "Call with Harbour Fresh Fish, 3 Dec\n"
        "Niamh:\nWorried the drivers won't use another app. Wants monthly billing.\n"
        "Next:\nSend the case study, book a demo with the ops lead.\n",
        "Worried the drivers won't use another app. Wants monthly billing.",
        "Send the case study, book a demo with the ops lead.",
    ),
    "salon.md": (
        "# Glow Hair Studio - 9 Jan\n\n"
        "**Marta:**\nRuns three salons, books on a paper diary at each desk.\n\n"
        "**Owner:**\nMarta\n\n"
        "**Marta:**\nLost two stylists' Saturdays to no-shows last month.\n\n"
        "**Next:**\nSend the reminder SMS demo.\n",
        "Lost two stylists' Saturdays to no-shows last month.",
        "Send the reminder SMS demo.",
    ),
}


Row = tuple[str | None, str, str, str | None]  # speaker, role, text, note kind


def _rows(workspace: Workspace, text: str, filename: str) -> list[Row]:
    ingest_bytes(workspace, text.encode(), filename, analyse=False)
    with workspace.session() as db:
        rows = db.execute(
            select(Utterance.speaker, Utterance.role, Utterance.text, Utterance.note_kind).order_by(
                Utterance.seq
            )
        ).all()
    workspace.close()
    return [(row.speaker, row.role, row.text, row.note_kind) for row in rows]


@pytest.mark.parametrize("filename", sorted(NAMED_NOTES))
def test_a_name_alone_over_shorthand_is_the_reps_note_and_next_the_plan(
    workspace: Workspace, filename: str
) -> None:
    text, about, plan = NAMED_NOTES[filename]
    rows = _rows(workspace, text, filename)
    assert {role for _speaker, role, _text, _kind in rows} == {"rep_note"}
    assert not {speaker for speaker, *_ in rows} & {"Next", "Gemma", "Niamh", "Marta", "Owner"}
    assert (None, "rep_note", about, None) in rows
    assert (None, "rep_note", plan, "plan") in rows


TEMPLATE = """Northgate Storage - qualification call, 4 Feb

Metrics:
Pick errors around 3% on the night shift.

Economic buyer:
Laura Chen, ops director

Champion:
Tom in inventory control

Decision maker:
Laura Chen

Pain:
Stock counts take two days every month.

Next steps:
Send the ROI sheet, site visit on the 20th.
"""
VET_TEMPLATE = """Brightpaws Vets - discovery 12 Mar
Budget:
About £400 a month, the practice manager signs it off.
Economic Buyer:
Dr Alan Hughes
Pain:
Front desk double-books surgery slots every Monday.
Next:
Send pricing and book a demo with the nurses.
"""


@pytest.mark.parametrize(
    ("filename", "text", "who_decides", "pain", "plan"),
    [
        ("storage.txt", TEMPLATE, "Laura Chen, ops director",
         "Stock counts take two days every month.", "Send the ROI sheet, site visit on the 20th."),
        ("vets.txt", VET_TEMPLATE, "Dr Alan Hughes",
         "Front desk double-books surgery slots every Monday.",
         "Send pricing and book a demo with the nurses."),
    ],
)  # fmt: skip
def test_template_fields_give_their_kind_and_are_no_speakers(
    workspace: Workspace, filename: str, text: str, who_decides: str, pain: str, plan: str
) -> None:
    rows = _rows(workspace, text, filename)
    assert {role for _speaker, role, _text, _kind in rows} == {"rep_note"}
    assert {speaker for speaker, *_ in rows} == {None}
    kinds = {row_text: kind for _speaker, _role, row_text, kind in rows}
    assert kinds[who_decides] == "record"  # the rep's record of who decides
    assert kinds[pain] == "pain"
    assert kinds[plan] == "plan"
    assert not [row_text for row_text in kinds if row_text.endswith(":")]  # no label a note


TRANSCRIPTS = {
    "warehouse.txt": (
        "Dana:\nHi, thanks for joining.\nSam:\nThanks for having me.\n"
        "Dana:\nSo how do you handle stock counts today?\nSam:\nPaper sheets, mostly.\n",
        ["Dana", "Sam", "Dana", "Sam"],
    ),
    "salon.txt": (
        "Priya Shah:\nMorning Leah, have you got ten minutes?\nLeah Moss:\nYes, go ahead.\n"
        "Priya Shah:\nHow are no-shows this month?\nLeah Moss:\nBad. We lost four Saturdays.\n",
        ["Priya Shah", "Leah Moss", "Priya Shah", "Leah Moss"],
    ),
    "vets.md": (
        "# Riverbend Vets call\n\n**Ama:**\nWe double-book every Monday.\n\n**Sam:**\n"
        "How often does that happen?\n\n**Ama:**\nEvery week, honestly.\n",
        ["Ama", "Sam", "Ama"],
    ),
}


@pytest.mark.parametrize("filename", sorted(TRANSCRIPTS))
def test_a_transcript_with_names_on_their_own_lines_stays_turns(
    workspace: Workspace, filename: str
) -> None:
    text, speakers = TRANSCRIPTS[filename]
    rows = _rows(workspace, text, filename)
    assert [speaker for speaker, *_ in rows] == speakers
    assert "rep_note" not in {role for _speaker, role, _text, _kind in rows}
