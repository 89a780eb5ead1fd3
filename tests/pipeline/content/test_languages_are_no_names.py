"""Languages and nationalities are no one's first name: "a portal in English, she's not going
to send that" had read "a portal in [name]" in a published FAQ and SEO brief."""

from __future__ import annotations

import pytest

from pipeline.first_names import is_first_name
from pipeline.redact import NAME, Redactor


@pytest.mark.parametrize(
    "said",
    [
        "The invoices go out in English, she's fine with that.",
        "Half our slip holders speak German, so the booking page needs it.",
        "Our volunteers mostly read Polish, he said the rota has to be in it too.",
        "Can the parent letters go out in Welsh, she's asking for the governors.",
        "Our vets write the notes in German and the owners want them in English.",
        "The pickers are Romanian, he's sure they'd use an app in their language.",
        "Is the donor portal in Spanish, she'd want that before the gala.",
        "Our agency builds sites in Portuguese, he'll want that on the proposal.",
        "The German speakers on the crew got it straight away.",
        "Patients at the Leeds clinic ask for Urdu, she's said so twice.",
        "Parents get the forms in Spanish, our secretary translates them.",
        "The taproom menu is in French, he's happy to translate the rest.",
    ],
)
def test_a_language_or_nationality_stays(said: str) -> None:
    assert Redactor().redact(said) == said


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Dane wants the quote by Friday.", f"{NAME} wants the quote by Friday."),
        ("Dr Welsh runs the clinic.", f"Dr {NAME} runs the clinic."),
        ("Mrs English signs the cheques.", f"Mrs {NAME} signs the cheques."),
        ("I'd ask Aoife, she's our receptionist.", f"I'd ask {NAME}, she's our receptionist."),
        (
            "Tane, he's our farm manager, speaks Maori.",
            f"{NAME}, he's our farm manager, speaks Maori.",
        ),
        ("Our bursar, Rhiannon, wants it in Welsh.", f"Our bursar, {NAME}, wants it in Welsh."),
    ],
)
def test_people_beside_a_language_are_still_hidden(said: str, shown: str) -> None:
    assert Redactor().redact(said) == shown


def test_a_listed_buyer_with_a_peoples_surname_is_hidden() -> None:
    """The calls list "Gwen Welsh": her surname is hers, wherever it stands."""
    redactor = Redactor(["Gwen Welsh"])
    assert redactor.redact("Welsh said the quote was high.") == f"{NAME} said the quote was high."


def test_the_first_name_list_holds_no_language() -> None:
    assert not is_first_name("German")
    assert is_first_name("Dane")  # a noun for one person, and a first name too
