"""The rep's own labels inside a CRM note ("Objection - price:", "Pain:", "Current setup:",
"Q:", "Next steps:"): each labelled segment is a note of its own, the label out of its text and
its kind kept for the detector; a "Next steps" segment, column or plain pipe table is the rep's
plan, never the buyer's words.

Why: "Objection - price: said $12/user is more than they pay for VetBoard. Pain: …" had been one
rep note whose sentences went to themes with the label in the quote, and "Next Steps: send case
study" had been read as the buyer's."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace

LABEL_WORDS = ("Objection", "Pain", "Concern", "Current setup", "Currently using", "Q:", "Next")


def _said(call: ParsedCall) -> list[tuple[str, str, str | None]]:
    return [(u.role, u.text, u.note_kind) for u in call.utterances]


def test_a_vet_clinics_crm_cell_comes_apart_at_its_labels() -> None:
    data = (
        "date,account,outcome,notes\n"
        '2026-10-01,Paws Vet Clinic,lost,"Objection - price: said $12/user is more than they '
        "pay for VetBoard. Pain: front desk double-books every Monday. Next Steps: send case "
        'study"\n'
    )
    [call] = parse_file(data.encode(), "crm.csv")
    assert _said(call) == [
        ("rep_note", "said $12/user is more than they pay for VetBoard.", "objection"),
        ("rep_note", "front desk double-books every Monday.", "pain"),
        ("rep_note", "send case study", "plan"),
    ]
    assert call.extra["action_items"] == ["send case study"]


def test_a_warehouses_concern_setup_and_quoted_words() -> None:
    data = (
        "date,account,outcome,notes\n"
        "2026-10-03,Harbor Logistics,open,\"Concern re: onboarding -- worried the pickers won't "
        'use a new app. Current setup: paper pick lists. Customer said ""we can\'t stop the '
        'floor for training"""\n'
    )
    [call] = parse_file(data.encode(), "crm.csv")
    assert _said(call) == [
        ("rep_note", "worried the pickers won't use a new app.", "objection"),
        ("rep_note", "paper pick lists.", "current_setup"),
        ("buyer", "we can't stop the floor for training", None),
    ]


SALON = """# Glow Studio - discovery call

- **Pain point:** clients no-show on Saturdays and the chair sits empty.
- **Currently using:** a paper diary and Instagram DMs
- Q: can the deposit go straight to Stripe?
- Main objection: Karen won't pay for another subscription. Action items: send the deposit
  guide; book a demo with the owner
"""


def test_a_salons_markdown_bullets_carry_their_labels_kinds() -> None:
    [call] = parse_file(SALON.encode(), "glow.md")
    assert _said(call) == [
        ("rep_note", "clients no-show on Saturdays and the chair sits empty.", "pain"),
        ("rep_note", "a paper diary and Instagram DMs", "current_setup"),
        ("rep_note", "can the deposit go straight to Stripe?", "question"),
        ("rep_note", "Karen won't pay for another subscription.", "objection"),
        ("rep_note", "send the deposit guide", "plan"),
        ("rep_note", "book a demo with the owner", "plan"),
    ]


ACCOUNTANTS = """Call with Ledger & Co Accountants, 4 November 2026.
Spoke with the practice manager about month end.
Concern - partners batch their time on Fridays, so nothing is logged daily
problem: invoices go out late because timesheets are incomplete
Follow-up: send the reminder demo video
"""


def test_an_accounting_firms_plain_text_labels_on_their_own_lines() -> None:
    [call] = parse_file(ACCOUNTANTS.encode(), "ledger.txt")
    assert _said(call)[-3:] == [
        (
            "rep_note",
            "partners batch their time on Fridays, so nothing is logged daily",
            "objection",
        ),
        ("rep_note", "invoices go out late because timesheets are incomplete", "pain"),
        ("rep_note", "send the reminder demo video", "plan"),
    ]
    assert not any(word in u.text for u in call.utterances for word in LABEL_WORDS)


def test_a_next_steps_column_is_the_reps_plan_not_the_notes() -> None:
    data = (
        "Date,Company,Notes,Next Step\n"
        '2026-11-02,Brightside Plumbing,"Pain: van stock counts are done on paper.",'
        '"Send the van-stock template; call the ops lead Tuesday"\n'
        "2026-11-03,Ridge Kennels,Runs bookings from a shared inbox.,2026-11-20\n"
    )
    plumbing, kennels = parse_file(data.encode(), "hubspot.csv")
    assert _said(plumbing) == [
        ("rep_note", "van stock counts are done on paper.", "pain"),
        ("rep_note", "Send the van-stock template", "plan"),
        ("rep_note", "call the ops lead Tuesday", "plan"),
    ]
    assert plumbing.extra["action_items"] == [
        "Send the van-stock template",
        "call the ops lead Tuesday",
    ]
    assert "Next Step" not in plumbing.extra["columns"]
    assert plumbing.notice is None  # no "not read: Next Step"
    # a date alone in the column is no step
    assert _said(kennels) == [("rep_note", "Runs bookings from a shared inbox.", None)]


PIPE_TABLE = """Harbor Logistics - site visit

Pain: cycle counts are off every week.

Next steps:
Owner | Action | Due
Dana | send the scanner case study | Fri
Priya | book a floor walk | 12 Nov
"""


def test_a_plain_pipe_table_under_next_steps_reads_as_steps() -> None:
    [call] = parse_file(PIPE_TABLE.encode(), "visit.txt")
    assert _said(call)[-3:] == [
        ("rep_note", "cycle counts are off every week.", "pain"),
        ("rep_note", "Dana - send the scanner case study - Fri", "plan"),
        ("rep_note", "Priya - book a floor walk - 12 Nov", "plan"),
    ]
    assert not any("Owner" in u.text for u in call.utterances)


def test_words_that_only_look_like_labels_stay_as_written() -> None:
    text = (
        "The problem is the timing, not the price. Quarterly question: whether to renew the "
        "lease. Asked about pricing for 3 sites."
    )
    [call] = parse_file(f'date,account,notes\n2026-10-09,Oak Dental,"{text}"\n'.encode(), "n.csv")
    assert _said(call) == [("rep_note", text, None)]


def test_labels_stay_out_of_detections_and_a_labelled_pain_is_a_pain(
    workspace: Workspace,
) -> None:
    data = (
        "date,account,outcome,notes\n"
        '2026-10-01,Paws Vet Clinic,lost,"Objection - price: said $12/user is more than they '
        "pay for VetBoard. Pain: front desk double-books every Monday. Next Steps: send case "
        'study"\n'
        '2026-10-05,Glow Studio,open,"Pain: the card reader fee eats into every deposit. '
        'Follow-up: send pricing for two chairs"\n'
    )
    ingest_bytes(workspace, data.encode(), "crm.csv")
    with workspace.session() as db:
        found = db.execute(
            select(Mention.kind, Mention.text, Utterance.note_kind).join(
                Utterance, Utterance.id == Mention.utterance_id
            )
        ).all()
    assert found
    for _kind, text, _noted in found:
        assert not any(word in text for word in LABEL_WORDS), text
    kinds = {text: kind for kind, text, _noted in found if kind not in ("competitor", "why_now")}
    assert kinds["front desk double-books every Monday."] == "pain"
    assert kinds["the card reader fee eats into every deposit."] == "pain"
    assert kinds["said $12/user is more than they pay for VetBoard."] == "objection"
    planned = [kind for kind, _text, noted in found if noted == "plan"]
    assert planned and set(planned) == {"other"}
    workspace.close()


def test_a_labels_kind_covers_its_own_sentence_not_the_reps_outcome_after_it() -> None:
    """The rep's outcome or reply after a labelled sentence is no objection or pain of the
    buyer's: the kind stays on the labelled sentence, the rest is the detector's to read."""
    data = (
        "date,account,outcome,notes\n"
        '2026-10-07,Hilltop Dental,lost,"Objection: moving every patient recall over before '
        'the audit. Offered free migration and two days of onboarding. Closed lost, revisit Q2."\n'
        '2026-10-08,Northgate Freight,won,"Pain - drivers ring the office for every delivery '
        'slot. Currently on spreadsheets and a shared inbox."\n'
    )
    dental, freight = parse_file(data.encode(), "crm.csv")
    assert _said(dental) == [
        ("rep_note", "moving every patient recall over before the audit.", "objection"),
        (
            "rep_note",
            "Offered free migration and two days of onboarding. Closed lost, revisit Q2.",
            None,
        ),
    ]
    assert _said(freight) == [
        ("rep_note", "drivers ring the office for every delivery slot.", "pain"),
        ("rep_note", "Currently on spreadsheets and a shared inbox.", None),
    ]


def test_the_stored_kind_follows_the_reps_label_where_the_words_alone_say_little(
    workspace: Workspace,
) -> None:
    """Through ingest and analysis: a labelled note the model alone would read otherwise
    ("switching effort" had been stored as a pain, "contract length" as a question) takes the
    kind its label names."""
    data = (
        "date,account,outcome,notes\n"
        '2026-10-12,Riverside Kennels,lost,"Objections: switching effort. Concern: contract '
        'length"\n'
        '2026-10-14,Dockside Storage,open,"Pain: double bookings. Current setup: a paper '
        'diary. Question: the setup fee"\n'
    )
    ingest_bytes(workspace, data.encode(), "crm.csv")
    with workspace.session() as db:
        found = db.execute(
            select(Mention.text, Mention.kind).where(Mention.kind.not_in(("competitor", "why_now")))
        ).all()
    workspace.close()
    assert dict(found) == {
        "switching effort.": "objection",
        "contract length": "objection",
        "double bookings.": "pain",
        "a paper diary.": "current_setup",
        "the setup fee": "question",
    }
