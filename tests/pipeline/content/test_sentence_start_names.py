"""A name no list knows, at a sentence's start, is hidden where the sentence treats it as a
person: a verb of liking, feeling or saying, a speaker's label, a role beside it in brackets.
"Lowenna liked the diary but she's asking why..." had reached a published comparison three
times; a CRM note had named her only as "(Lowenna, co-director)"."""

from __future__ import annotations

import pytest

from pipeline.redact import NAME, Redactor, prose_names, redactor_for
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Kerensa liked the spray plan but she's asking about price.", f"{NAME} liked the"),
        ("Tadhg believed the berth fees were steep.", f"{NAME} believed the"),
        ("Caoimhe prefers the old rota, she's used to it.", f"{NAME} prefers the"),
        ("Wairimu reckons the board will balk at the cost.", f"{NAME} reckons the"),
        ("Chiamaka mentioned the API limits twice.", f"{NAME} mentioned the"),
        ("Anwen: we can't go live before harvest.", f"{NAME}: we can't"),
        ("- Siosaia: wants the app in Samoan", f"- {NAME}: wants"),
        ("Ngaire complained that the export drops gift aid.", f"{NAME} complained that"),
        ("Oisín was asking whether it runs on the iPads.", f"{NAME} was asking"),
        ("Mererid is keen but the governors aren't.", f"{NAME} is keen"),
        ("Tavita insisted on a pilot first.", f"{NAME} insisted on"),
        ("Follow-up sent. Eluned: not before the audit.", f"sent. {NAME}: not"),
        ("Showed the deck to the owner's son (Tadhg, co-director).", f"({NAME}, co-director)"),
        ("Demo done (Ngaire, practice manager) and priced.", f"({NAME}, practice manager)"),
    ],
)
def test_a_name_a_sentence_treats_as_a_person_is_hidden(said: str, shown: str) -> None:
    assert shown in Redactor().redact(said)


@pytest.mark.parametrize(
    "said",
    [
        "Everyone liked the demo.",
        "Management felt the price was fair.",
        "Pricing: we're fine with it.",
        "Next steps: send the contract.",
        "Xero: synced nightly, no issues.",
        "Nobody mentioned the API.",
        "Staff prefer the app to the paper diary.",
        "Spanish: the forms need it for the parents.",
        "Parents liked the reminders.",
        "Onboarding done (Xero, accounting) and live.",
        "Tendly felt clunky on the vans, so we dropped it.",
    ],
)
def test_common_words_labels_and_known_brands_stay(said: str) -> None:
    assert Redactor(common=frozenset({"xero"})).redact(said) == said


def test_a_note_names_a_person_in_brackets_with_her_role() -> None:
    note = "Showed the one-pager to the owner's sister (Kerensa, co-director)."
    assert prose_names(note) == ["Kerensa"]
    assert prose_names("Call notes (Tane Ngata - CFO) attached.") == ["Tane Ngata"]
    assert prose_names("Onboarding (Xero, accounting) done.") == []
    assert prose_names("Met with Welsh Water about the depot.") == []


def test_a_person_a_note_names_is_hidden_in_what_the_buyer_said(
    ws: Workspace, seeded: Seeded
) -> None:
    """The note names her by a role in brackets; the buyer's sentence gives no cue at all."""
    with ws.session() as session:
        call_id = seeded.calls[0]
        session.add_all(
            [
                Utterance(call_id=call_id, seq=97, speaker=None, role="rep_note",
                          text="Follow-up. He showed it to his sister (Kerensa, co-director)."),
                Utterance(call_id=call_id, seq=98, speaker="Gareth", role="buyer",
                          text="Kerensa was away, so the trustees wait."),
            ]
        )  # fmt: skip
        session.flush()
        redactor = redactor_for(session, [call_id])
    said = "Kerensa was away, so the trustees wait."
    assert redactor.redact(said) == f"{NAME} was away, so the trustees wait."
