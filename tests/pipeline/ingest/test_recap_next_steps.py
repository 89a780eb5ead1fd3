"""A recap's "Next steps" (issue 16): our side's plan, read as the rep's notes in every shape a
recap comes in (a Markdown heading, a bold label, a plain label in a text note, a CSV notes
cell, an Owner/Due table, a list under a transcript), while the buyer's quoted worry elsewhere
in the same recap stays the buyer's.

Why: "Dana Price: confirm the budget with finance" under a transcript's "Next steps:" had been a
buyer's turn; a CRM note whose first line quoted the buyer above its "Next steps:" had lost the
quote as a title; elsewhere the steps were in no utterance (search and redaction missed them)."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

WORRY = "we can't afford another system that the front desk refuses to use"
STEPS = ["Send the pricing sheet", "Book a demo with the ops lead"]

HEADING = f"""# Call recap: Harbour Dental

- Dana said "{WORRY}".
- They run the rota in a spreadsheet across two sites.

## Next steps
- [ ] Send the pricing sheet
- [ ] Book a demo with the ops lead
"""

BOLD = f"""# Recap: Harbour Dental

**Notes:**
- Dana: "{WORRY}"
- They run the rota in a spreadsheet across two sites.

**Next steps:**
1. Send the pricing sheet
2. Book a demo with the ops lead
"""

PLAIN = f"""Call with Dana Price, Harbour Dental, 3 March 2026. Rep Maria Chen.

Dana walked us through the rota spreadsheet. She said "{WORRY}".

Follow-ups:
Send the pricing sheet
Book a demo with the ops lead
"""

CSV = f'''Note Body,Created Date,Company,Owner
"Call with Dana Price at Harbour Dental. Dana said ""{WORRY}"".
Next steps:
- Send the pricing sheet
- Book a demo with the ops lead",2026-03-03,Harbour Dental,Maria Chen
'''

TABLE = f"""# Harbour Dental recap

Dana said "{WORRY}". They run the rota in a spreadsheet across two sites.

| Owner | Action | Due |
|---|---|---|
| Maria Chen | Send the pricing sheet | 7 Mar |
| Dana Price | Confirm the budget with finance | 10 Mar |
"""

TRANSCRIPT = """Maria Chen: Thanks for the time today, Dana.
Dana Price: Honestly the price is too high for a two-chair practice.
Maria Chen: Understood, I'll send a few options.

Next steps:
Maria Chen: send the pricing sheet
Dana Price: confirm the budget with finance by Friday
"""


def _call(text: str, name: str) -> ParsedCall:
    [call] = parse_file(text.encode(), name, our_speakers=["Maria Chen"])
    return call


def _roles(call: ParsedCall) -> list[tuple[str, str]]:
    return [(u.role, u.text) for u in call.utterances]


@pytest.mark.parametrize(
    ("text", "name"),
    [(HEADING, "recap.md"), (BOLD, "recap.md"), (PLAIN, "recap.txt"), (CSV, "notes.csv")],
    ids=["markdown-heading", "bold-label", "plain-text-label", "csv-notes-cell"],
)
def test_next_steps_are_rep_notes_and_the_quoted_worry_stays_the_buyers(
    text: str, name: str
) -> None:
    said = _roles(_call(text, name))
    assert said[-2:] == [("rep_note", step) for step in STEPS]  # last: no note's index moves
    assert ("buyer", WORRY) in said
    assert not [text for role, text in said if role == "buyer" and text != WORRY]


def test_the_steps_are_still_kept_as_the_calls_action_items() -> None:
    assert _call(BOLD, "recap.md").extra["action_items"] == STEPS


def test_an_owner_due_table_is_the_reps_plan() -> None:
    said = _roles(_call(TABLE, "recap.md"))
    assert said[-2:] == [
        ("rep_note", "Maria Chen - Send the pricing sheet - 7 Mar"),
        ("rep_note", "Dana Price - Confirm the budget with finance - 10 Mar"),
    ]
    assert ("buyer", WORRY) in said


def test_labelled_lines_under_a_transcripts_next_steps_are_no_turns() -> None:
    said = [(u.role, u.speaker, u.text) for u in _call(TRANSCRIPT, "call.txt").utterances]
    assert said == [
        ("rep", "Maria Chen", "Thanks for the time today, Dana."),
        ("buyer", "Dana Price", "Honestly the price is too high for a two-chair practice."),
        ("rep", "Maria Chen", "Understood, I'll send a few options."),
        ("rep_note", None, "Maria Chen: send the pricing sheet"),
        ("rep_note", None, "Dana Price: confirm the budget with finance by Friday"),
    ]


@pytest.mark.parametrize(
    "heading", ["## Action items", "**To do**:", "ACTION POINTS", "### Agreed next steps"]
)
def test_other_headings_over_the_plan(heading: str) -> None:
    call = _call(HEADING.replace("## Next steps", heading), "recap.md")
    assert _roles(call)[-2:] == [("rep_note", step) for step in STEPS]
    assert call.extra["action_items"] == STEPS


def test_an_item_quoting_the_buyer_keeps_the_quote_theirs() -> None:
    quote = "something the board can read in five minutes"
    text = HEADING.replace("Book a demo with the ops lead", f'Book a demo, Dana wants "{quote}"')
    said = _roles(_call(text, "recap.md"))
    assert ("buyer", quote) in said
    assert said[-1] == ("rep_note", "Send the pricing sheet")
