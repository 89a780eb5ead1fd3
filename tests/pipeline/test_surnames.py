"""A buyer's surname after their hidden first name is hidden with it ("Talk to Marie Broussard"
had read "Talk to [name] Broussard"); words, days, brands and lowercase words after a name stay."""

from __future__ import annotations

import pytest

from pipeline.redact import Redactor
from pipeline.surnames import hide_surnames

# (text, a surname no vocabulary knows), across trades
SURNAMES = [
    ("Talk to Marie Broussard about the spray plan.", "Broussard"),
    ("Dave Okafor: we can't go live before lambing.", "Okafor"),
    ("Send the quote to Sarah Raghunathan at the clinic.", "Raghunathan"),
    ("Tom Wojcik runs the pest routes on the east side.", "Wojcik"),
    ("The marina's treasurer, Helen Abernathy-Kerr, signs the cheques.", "Abernathy-Kerr"),
    ("I spoke to Sean O'Sullivan in accounts.", "O'Sullivan"),
    ("Loop in Fatima Zahrani, she runs the school office.", "Zahrani"),
    ("Our head vet, Claire Houghtaling, wants a demo.", "Houghtaling"),
    ("Ask Margaret Pryderi about the charity's data.", "Pryderi"),
    ("Kevin Szymanski's team handles the invoices.", "Szymanski"),
    ("Email came from Anna Lindqvist at the agency.", "Lindqvist"),
]
# After a hidden name: an English word, a day, a brand of the workspace, a lowercase word.
KEPT = [
    ("[name] Street is closed on market days.", "Street"),
    ("Ask [name] Monday, she's off today.", "Monday"),
    ("We bought it through [name] Acme last spring.", "Acme"),
    ("[name] and I run the yard.", "and"),
    ("Thanks [name] I think that covers it.", "I"),
    ("We moved the files to [name] CRM.", "CRM"),
    ("[name] Brown said the price is fine.", "Brown"),
    ("[name] Hall is booked for the open day.", "Hall"),
    ("Call [name] Jo about the rota.", "Jo"),
    ("[name] Bank holds the charity's account.", "Bank"),
]


@pytest.mark.parametrize(("text", "surname"), SURNAMES)
def test_a_surname_after_a_hidden_first_name_is_hidden_too(text: str, surname: str) -> None:
    redacted = Redactor().redact(text)
    assert surname not in redacted
    assert "[name]" in redacted


@pytest.mark.parametrize(("text", "word"), KEPT)
def test_words_days_brands_after_a_name_stay(text: str, word: str) -> None:
    assert word in hide_surnames(text, common={"acme"})


def test_a_possessive_stays_after_the_placeholder() -> None:
    assert hide_surnames("[name] Szymanski's team handles it.") == "[name]'s team handles it."


def test_text_without_a_placeholder_is_untouched() -> None:
    text = "Broussard Farms runs the east fields."
    assert hide_surnames(text) == text
