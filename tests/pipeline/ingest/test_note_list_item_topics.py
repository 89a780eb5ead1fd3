"""A list item's own topic label under a labelled list ("Objections:" over "- Price: the owner
said £45 a chair is steep"): for an objection or a question, a topic callmine knows is the
item's category and leaves its text; a name ("- Ruth: thinks it's steep"), a topic with no
category ("- Scheduling: …") and a pain's topic stay in the text.

Why: the item had kept its list's kind but not its topic, and the rep's "Price:" had been
quoted in a theme as if the buyer said it; "- Timing: …" under "Objections:" had even lost the
list's kind, "Timing:" being read as a label of its own."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

TOPIC_LABELS = ("Price", "Onboarding", "Contract", "Training", "Integrations", "Timing", "Budget")


def _said(call: ParsedCall) -> list[tuple[str, str | None, str | None]]:
    return [(u.text, u.note_kind, u.note_category) for u in call.utterances]


SALON = """# Lark Hair Studio - pricing call

**Objections**
* Price: the owner said £45 a chair a month is steep
* Onboarding — the juniors won't learn another booking app
* Contract - wants monthly, not annual
* Ruth: thinks the card fees are high
* Price and contract: both came up again at the end

Pains:
* Scheduling: double-booking every Saturday
* Security: stylists share one login on the front desk iPad
"""


def test_a_salons_markdown_items_take_their_own_topic_as_category() -> None:
    """A topic callmine knows goes from the text to the category; a name, a topic of two
    categories and a pain's topic stay as the rep wrote them."""
    [call] = parse_file(SALON.encode(), "lark.md")
    assert _said(call) == [
        ("the owner said £45 a chair a month is steep", "objection", "price"),
        ("the juniors won't learn another booking app", "objection", "setup_time"),
        ("wants monthly, not annual", "objection", "contract"),
        ("Ruth: thinks the card fees are high", "objection", None),
        ("Price and contract: both came up again at the end", "objection", None),
        ("Scheduling: double-booking every Saturday", "pain", None),
        ("Security: stylists share one login on the front desk iPad", "pain", None),
    ]


WAREHOUSE = """Harbour Freight - discovery, 5 Nov

Concerns raised:
1. Training: pickers won't sit through another half-day course. Offered two on-site days.
2. Timing - nothing moves before the January stocktake
3. Integrations: the WMS export is a CSV they edit by hand

Security questions:
1) Integrations: does it post the driver hours to Sage?
2) who can see the driver phone numbers?
"""


def test_a_warehouses_numbered_plain_text_lists() -> None:
    """The item's topic wins over its list's ("Security questions:" over "Integrations: …"); an
    item with none keeps the list's. "Timing" is a topic here, not a label with no kind: under
    "Concerns raised:" it is a timing objection."""
    [call] = parse_file(WAREHOUSE.encode(), "harbour.txt")
    assert _said(call)[1:] == [
        ("pickers won't sit through another half-day course.", "objection", "setup_time"),
        ("Offered two on-site days.", None, None),  # the rep's answer: the detector's to read
        ("nothing moves before the January stocktake", "objection", "authority_timing"),
        ("the WMS export is a CSV they edit by hand", "objection", "integrations"),
        ("does it post the driver hours to Sage?", "question", "integrations"),
        ("who can see the driver phone numbers?", "question", "security"),
    ]


def test_an_accountants_crm_cell_with_a_quote_under_a_topic() -> None:
    """A CRM note's cell with line breaks: the quote under "Price:" is the buyer's, with the
    item's category; a name before a quote says who spoke, as anywhere in notes."""
    cell = (
        "Objections:\n"
        '- Price: Dev said ""we pay half that for the old package""\n'
        "- Budget — no spend until the new tax year\n"
        '- Dev: ""the partners won\'t sign a three-year deal""\n'
        "Sent the pricing sheet."
    )
    data = f'date,account,contact,notes\n2026-11-12,Ledger & Co,Dev Mistry,"{cell}"\n'
    [call] = parse_file(data.encode(), "crm.csv")
    said = [(u.role, u.speaker, u.text, u.note_kind, u.note_category) for u in call.utterances]
    assert said == [
        ("rep_note", None, "Dev said", None, None),  # a lead-in holds no label of its own
        ("buyer", "Dev Mistry", "we pay half that for the old package", "objection", "price"),
        ("rep_note", None, "no spend until the new tax year", "objection", "price"),
        ("rep_note", None, "Dev:", None, None),
        ("buyer", "Dev Mistry", "the partners won't sign a three-year deal", "objection", None),
        ("rep_note", None, "Sent the pricing sheet.", None, None),
    ]


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_vets_docx_list_items_with_topics() -> None:
    data = _docx(
        [
            ("Pinewood Vets - call notes", "Normal"),
            ("Main objections:", "Normal"),
            ("Data migration: ten years of patient records in the old system", "List Number"),
            ("Lock-in – the card machine contract runs to June", "List Number"),
            ("Head nurse: happy with the rota as it is", "List Number"),
            ("Demo booked for the practice manager.", "Normal"),
        ]
    )
    [call] = parse_file(data, "pinewood.docx")
    assert _said(call)[-4:] == [
        ("ten years of patient records in the old system", "objection", "switching"),
        ("the card machine contract runs to June", "objection", "contract"),
        ("Head nurse: happy with the rota as it is", "objection", None),
        ("Demo booked for the practice manager.", None, None),
    ]


def test_the_items_topics_reach_the_stored_utterances_and_mentions(
    workspace: Workspace,
) -> None:
    """Through ingest and analysis: each item's topic is its objection's or question's
    category, and no topic label is left in a stored utterance or quote."""
    data = (
        "date,account,outcome,notes\n"
        '2026-11-04,Pinewood Vets,open,"Objections:\n- Price: $40 a seat is more than the '
        'whole practice pays today\n- Onboarding — the locums will never learn it"\n'
        '2026-11-05,Harbour Freight,open,"Concerns:\n* Contract: the board signs nothing past '
        'March\n* Training - pickers get one hour of training a year"\n'
        '2026-11-07,Lark Hair Studio,lost,"Questions:\n1. Integrations: does it sync with the '
        'card reader?\n2. Price: is there a discount for a second salon?"\n'
    )
    ingest_bytes(workspace, data.encode(), "crm.csv")
    with workspace.session() as db:
        stored = db.execute(select(Utterance.text, Utterance.note_category)).all()
        found = db.execute(
            select(Mention.kind, Mention.category, Mention.text).join(
                Utterance, Utterance.id == Mention.utterance_id
            )
        ).all()
    workspace.close()
    assert dict(stored) == {
        "$40 a seat is more than the whole practice pays today": "price",
        "the locums will never learn it": "setup_time",
        "the board signs nothing past March": "contract",
        "pickers get one hour of training a year": "setup_time",
        "does it sync with the card reader?": "integrations",
        "is there a discount for a second salon?": "price",
    }
    kinds = {text: (kind, category) for kind, category, text in found if kind != "competitor"}
    for text in kinds:
        assert not text.startswith(TOPIC_LABELS), text
    assert kinds["$40 a seat is more than the whole practice pays today"] == ("objection", "price")
    assert kinds["the locums will never learn it"] == ("objection", "setup_time")
    assert kinds["the board signs nothing past March"] == ("objection", "contract")
    assert kinds["pickers get one hour of training a year"] == ("objection", "setup_time")
    assert kinds["does it sync with the card reader?"] == ("question", "integrations")
    assert kinds["is there a discount for a second salon?"] == ("question", "price")
