"""A CRM note's HTML blocks (``<div>``, ``<p>``, ``<li>``, ``<br>``) are lines its writer ended:
each ends a sentence, and a labelled question keeps the rep's bracketed answer after it (walk 5
snag 8: "<div>Q: … LOLER? (No - lifts only)</div><div>Explained the annual discount.</div>" had
been one sentence, "(No - lifts only) Explained the annual discount.", read as a price
objection). Notes from three trades, in the shapes HubSpot, Salesforce and Pipedrive export."""

from __future__ import annotations

import pytest

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.parse import read_calls
from pipeline.ingest.values import html_to_text
from tests.pipeline.ingest.test_note_quote_speakers import EXPORTS, Export

# (HTML note, the question's note with its answer, the rep's action after it)
ANSWERED = [
    ("<div>Demo w/ the practice manager.</div><div>Q: can patients rebook from the text "
     "reminder? (No - web link only)</div><div>Walked them through the recall screen.</div>",
     "can patients rebook from the text reminder? (No - web link only)",
     "Walked them through the recall screen."),
    ("<p>Call with the fleet lead.</p><p>Q: does it read the tacho cards too? (Yes, from "
     "March)</p><p>Sent the pricing sheet</p>",
     "does it read the tacho cards too? (Yes, from March)", "Sent the pricing sheet"),
    ("Visit at the bakery.<br>Q: will the till work offline at the market stall? (No - needs "
     "4G)<br>Explained the annual discount.",
     "will the till work offline at the market stall? (No - needs 4G)",
     "Explained the annual discount."),
]  # fmt: skip


def _notes(export: Export, note: str) -> list[ParsedUtterance]:
    row = {"date": "2026-03-02", "account": "Acme", "owner": "Ellie Marsh", "note": note}
    [call] = read_calls(export.csv([row]), f"{export.name}_notes.csv")
    return [u for u in call.utterances if u.role == "rep_note"]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
@pytest.mark.parametrize(
    ("note", "question", "action"), ANSWERED, ids=["dental", "fleet", "bakery"]
)
def test_a_block_ends_the_note_and_the_answer_stays_with_its_question(
    export: Export, note: str, question: str, action: str
) -> None:
    notes = _notes(export, note)
    asked = [u for u in notes if u.note_kind == "question"]
    assert [u.text for u in asked] == [question]
    assert action in [u.text for u in notes]  # its own note, nothing glued before it


def test_a_note_fields_open_blocks_are_paragraphs_and_an_emails_lines_stay_lines() -> None:
    """An email's ``<br>`` lines stay lines: its signature is read as lines."""
    html = "<div>Q: any SSO? (No)</div><div>Showed the rota</div>Thanks,<br>Lee Ng"
    assert html_to_text(html, blocks_apart=True).split("\n\n") == [
        "Q: any SSO? (No)", "Showed the rota", "Thanks,", "Lee Ng"
    ]  # fmt: skip
    assert html_to_text(html) == "Q: any SSO? (No)\nShowed the rota\nThanks,\nLee Ng"
    # a block whose words end a sentence stays a line: joined, it still ends one
    assert html_to_text("<p>Pain: late invoices.</p><p>Sent trial.</p>", blocks_apart=True) == (
        "Pain: late invoices.\nSent trial.\n"
    )
