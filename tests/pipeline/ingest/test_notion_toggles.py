"""A Notion page exported as Markdown: its toggles are HTML (``<details>``/``<summary>``), its
properties "Key: value" lines ("Created", "Created by", "Stage"), the attendees in a toggle of
their own (review 22h item 8).

Why: the toggles' tags had been rep notes (the web page showing "&lt;details&gt;"), the
attendee list notes too, the call undated and without its rep. People and firms are
invented."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

PAGE = """# Brookfield Vets – booking rollout

Created: March 9, 2026 10:05 AM
Created by: Tomasz Nowak
Account: Brookfield Veterinary Group
Stage: {stage}
Tags: Veterinary, Rollout

## Call recap

<details>
<summary>Who was on</summary>

- Tomasz Nowak (PetSlot)
- Aisha Karim, Practice Manager (Brookfield Veterinary Group)
- Rhys Morgan, Head of Operations (Brookfield Veterinary Group)

</details>

<details>
<summary>What they told us</summary>

- Aisha: "Our receptionists spend half the morning returning missed calls."
- Rhys says the current system double-books the surgery slots every Monday.

</details>

## Next steps

- [ ] Tomasz: send the migration checklist
"""

SAID = [
    (None, "rep_note", "Aisha:"),
    ("Aisha Karim", "buyer", "Our receptionists spend half the morning returning missed calls."),
    (None, "rep_note", "Rhys says the current system double-books the surgery slots every Monday."),
    (None, "rep_note", "Tomasz: send the migration checklist"),  # the next steps: the rep's, last
]


def _read(text: str) -> ParsedCall:
    [call] = parse_file(text.encode(), "Brookfield Vets – booking rollout 0a1b2c3d.md")
    return call


@pytest.mark.parametrize(
    ("stage", "outcome"),
    [("Closed Won", "won"), ("Closed Lost", "lost"), ("Proposal", "open")],
)
def test_a_notion_page_is_read_from_its_properties_not_its_toggles(
    stage: str, outcome: str
) -> None:
    call = _read(PAGE.format(stage=stage))
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == SAID
    assert call.call_date == dt.date(2026, 3, 9)  # "Created:"
    assert call.our_speakers == ["Tomasz Nowak"]  # "Created by:"
    assert (call.outcome, call.deal_stage, call.deal_id) == (outcome, stage, None)
    assert call.account == "Brookfield Veterinary Group"
    named = {p.name for p in call.people}
    assert {"Aisha Karim", "Rhys Morgan"} <= named  # the toggle's attendees
    assert not named & {"Practice Manager", "Head of Operations"}  # titles are no one


@pytest.mark.parametrize(
    "toggle",
    [
        "<details><summary>What they told us</summary>",  # both tags on one line
        '<details open="">\n<summary>What they told us</summary>',  # an open toggle
        "<details>\n  <summary> What they told us </summary>",
    ],
)
def test_a_toggle_written_any_way_leaves_no_tag(toggle: str) -> None:
    text = PAGE.format(stage="Closed Won").replace(
        "<details>\n<summary>What they told us</summary>", toggle
    )
    call = _read(text)
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == SAID
    assert not any("<" in u.text for u in call.utterances)


def test_a_date_property_comes_before_the_pages_creation() -> None:
    text = PAGE.format(stage="Proposal").replace("Created by:", "Date: March 6, 2026\nCreated by:")
    assert _read(text).call_date == dt.date(2026, 3, 6)


def test_a_tag_inside_a_note_is_the_notes_text() -> None:
    text = PAGE.format(stage="Proposal").replace(
        "- Rhys says", "- Asked whether the <summary> page shows no-shows. Rhys says"
    )
    texts = [u.text for u in _read(text).utterances]
    assert any("the <summary> page shows no-shows" in t for t in texts)
