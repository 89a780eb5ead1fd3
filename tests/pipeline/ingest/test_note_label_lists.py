"""The rep's label shapes beside "Pain: …" (``inline_labels``): a label alone on its line over
a list ("Objections:", "**Pain points**", "Concerns raised:"), whose items each take its kind;
"Why now:" and "Trigger:" (a why-now tag, no kind) and "Timing:"/"Deadline:" (no kind), their
label out of the text; a buying topic before or after the label's word ("Price objection:",
"Objection (contract):"), kept as the rep's category.

Why: the label over a list had been dropped and its items read with no kind; "Why now: a health
inspector asked …" had been quoted with its label in a theme; "Price objection:" had been no
label at all."""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

LABEL_WORDS = (
    "Objection", "Pain", "Concern", "Question", "Why now", "Trigger", "Timing", "Deadline",
    "Onboarding", "Contract",
)  # fmt: skip


def _said(call: ParsedCall) -> list[tuple[str, str | None, str | None]]:
    return [(u.text, u.note_kind, u.note_category) for u in call.utterances]


VETS = """# Pinewood Vets - discovery

Objections:
- moving five years of patient records
- the card machine contract runs to June
Spoke with the head nurse about the rota.

**Pain points**
1. reception double-books the consult rooms
2. vaccine reminders go out by hand

- Demo booked for the practice manager
"""


def test_a_label_over_a_markdown_list_gives_each_item_its_kind() -> None:
    """The list runs to a line that is no item, or to a blank line; the label is no note."""
    [call] = parse_file(VETS.encode(), "pinewood.md")
    assert _said(call) == [
        ("moving five years of patient records", "objection", None),
        ("the card machine contract runs to June", "objection", None),
        ("Spoke with the head nurse about the rota.", None, None),
        ("reception double-books the consult rooms", "pain", None),
        ("vaccine reminders go out by hand", "pain", None),
        ("Demo booked for the practice manager", None, None),
    ]


def test_a_crm_cells_lines_under_labels_with_numbered_items() -> None:
    """A warehouse's CRM cell with line breaks: plain-text bullets, numbered questions, a
    topic naming the list's category, and the rep's own line after the list."""
    cell = (
        "Concerns raised:\n"
        "* pickers won't carry a second scanner\n"
        "* the night shift never sees a trainer. Offered two on-site days.\n"
        "Security questions:\n"
        "1) who can see the driver phone numbers?\n"
        "2) is the data kept in the UK?\n"
        "Rep to send the scanner case study."
    )
    data = f'date,account,outcome,notes\n2026-11-05,Harbour Freight,open,"{cell}"\n'
    [call] = parse_file(data.encode(), "crm.csv")
    assert _said(call) == [
        ("pickers won't carry a second scanner", "objection", None),
        ("the night shift never sees a trainer.", "objection", None),
        ("Offered two on-site days.", None, None),  # the rep's answer: the detector's to read
        ("who can see the driver phone numbers?", "question", "security"),
        ("is the data kept in the UK?", "question", "security"),
        ("Rep to send the scanner case study.", None, None),
    ]


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_list_under_its_label_blank_lines_and_all() -> None:
    """A .docx writes a blank line after every paragraph: its list is a loose one, and goes on
    to the paragraph after it."""
    data = _docx(
        [
            ("Ledger & Co Accountants - call notes", "Normal"),
            ("Main pain points:", "Normal"),
            ("partners log their hours on Friday afternoons", "List Bullet"),
            ("invoices leave a week late at month end", "List Bullet"),
            ("Partner meeting moved to the 14th.", "Normal"),
        ]
    )
    [call] = parse_file(data, "ledger.docx")
    assert _said(call)[-3:] == [
        ("partners log their hours on Friday afternoons", "pain", None),
        ("invoices leave a week late at month end", "pain", None),
        ("Partner meeting moved to the 14th.", None, None),
    ]
    assert not any("pain points" in u.text.casefold() for u in call.utterances)


def test_why_now_trigger_timing_and_deadline_labels_leave_the_text() -> None:
    """The "Why now" and "Trigger" labels say a reason to act now (``why_now``); "Timing" and
    "Deadline" sort nothing: whether a date is a reason to act or to wait is the detector's."""
    data = (
        "date,account,outcome,notes\n"
        '2026-11-06,Crane Street Storage,open,"Why now: a fire officer asked for the forklift '
        'checks log. Timing: before the January stocktake."\n'
        '2026-11-07,Lark Hair Studio,open,"Trigger - a stylist left with the client list in '
        'October. Deadline: new chairs open 1 March"\n'
    )
    storage, salon = parse_file(data.encode(), "crm.csv")
    assert _said(storage) == [
        ("a fire officer asked for the forklift checks log.", "why_now", None),
        ("before the January stocktake.", None, None),
    ]
    assert _said(salon) == [
        ("a stylist left with the client list in October.", "why_now", None),
        ("new chairs open 1 March", None, None),
    ]


def test_a_topic_before_or_after_the_labels_word_is_the_reps_category() -> None:
    data = (
        "date,account,outcome,notes\n"
        '2026-11-08,Ridge Kennels,lost,"Price objection: the per-run fee doubles what they pay. '
        "Main pricing concern - card fees on every deposit. Objection (contract): no twelve-"
        'month term. Biggest pain point: owners ring to check on their dogs all day"\n'
        '2026-11-09,Oakfield Dental,open,"Onboarding concerns raised: the hygienists start in '
        "May. Objection - data migration: ten years of X-rays. Integration question: does it "
        'post to Xero?"\n'
    )
    kennels, dental = parse_file(data.encode(), "crm.csv")
    assert _said(kennels) == [
        ("the per-run fee doubles what they pay.", "objection", "price"),
        ("card fees on every deposit.", "objection", "price"),
        ("no twelve-month term.", "objection", "contract"),
        ("owners ring to check on their dogs all day", "pain", None),
    ]
    assert _said(dental) == [
        ("the hygienists start in May.", "objection", "setup_time"),
        ("ten years of X-rays.", "objection", "switching"),
        ("does it post to Xero?", "question", "integrations"),
    ]
    # a word that names no buying topic, a label word inside a sentence: no label
    text = (
        "Quarterly question: whether to renew the lease. The price objection came up late. "
        "Timing is fine for them. Security questions were answered on the call."
    )
    [bay] = parse_file(f'date,account,notes\n2026-11-10,Bay Vets,"{text}"\n'.encode(), "n.csv")
    assert _said(bay) == [(text, None, None)]
    [rota] = parse_file(b"Staff rota:\n- Priya on Mondays\n- Tom on Fridays\n", "rota.txt")
    assert all(kind is None for _text, kind, _category in _said(rota))


def test_a_topic_after_the_label_that_names_no_category_stays_in_the_sentence() -> None:
    """Walk 8 #9: "Concern re: early termination – TechNorth wants the rest of the contract paid
    out." had been stored as "TechNorth wants …": the words the sentence is about were gone."""
    data = (
        "date,account,notes\n"
        '2026-11-12,Harlow Bakery,"Concern re: early termination – their oven lease runs to '
        'May."\n'
        '2026-11-13,Quill Tutors,"Pain - parent emails: nobody answers them after six."\n'
        '2026-11-14,Ridgeline Haulage,"Question regarding fuel cards -- can drivers log '
        'receipts from the cab?"\n'
    )
    bakery, tutors, haulage = parse_file(data.encode(), "crm.csv")
    assert _said(bakery) == [
        ("early termination – their oven lease runs to May.", "objection", None)
    ]
    assert _said(tutors) == [("parent emails: nobody answers them after six.", "pain", None)]
    assert _said(haulage) == [
        ("fuel cards -- can drivers log receipts from the cab?", "question", None)
    ]


def test_list_items_why_now_and_the_reps_category_reach_the_stored_mentions(
    workspace: Workspace,
) -> None:
    """Through ingest and analysis: the list's items take its kind, the "Why now" and
    "Trigger" sentences carry a why-now tag, a topic the label names is the objection's or the
    question's category (the model alone had read "the partners sign nothing past March" as
    the status quo, "the audit takes all of October" as security, and a question on a shared
    iPad as no topic), and no label word is left in a quote."""
    data = (
        "date,account,outcome,notes\n"
        '2026-11-04,Pinewood Vets,open,"Objections:\n- moving five years of patient records\n'
        '- the card machine contract runs to June\nSpoke with the head nurse."\n'
        '2026-11-06,Crane Street Storage,open,"Why now: a fire officer asked for the forklift '
        "checks log. Timing: before the January stocktake. Timing objection: the audit takes "
        'all of October."\n'
        '2026-11-07,Lark Hair Studio,lost,"Security question: can the reception iPad stay '
        "logged in overnight? Contract objection: the partners sign nothing past March. "
        'Trigger: a stylist left with the client list in October."\n'
    )
    ingest_bytes(workspace, data.encode(), "crm.csv")
    with workspace.session() as db:
        found = db.execute(
            select(Mention.kind, Mention.category, Mention.text, Utterance.note_kind).join(
                Utterance, Utterance.id == Mention.utterance_id
            )
        ).all()
    workspace.close()
    assert found
    for _kind, _category, text, _noted in found:
        assert not any(word in text for word in LABEL_WORDS), text
    kinds = {
        text: (kind, category)
        for kind, category, text, _noted in found
        if kind not in ("competitor", "why_now")
    }
    assert kinds["moving five years of patient records"][0] == "objection"
    assert kinds["the card machine contract runs to June"][0] == "objection"
    assert kinds["the audit takes all of October."] == ("objection", "authority_timing")
    assert kinds["can the reception iPad stay logged in overnight?"] == ("question", "security")
    assert kinds["the partners sign nothing past March."] == ("objection", "contract")
    tagged = {text for kind, _category, text, _noted in found if kind == "why_now"}
    assert {
        "a fire officer asked for the forklift checks log.",
        "a stylist left with the client list in October.",
    } <= tagged
