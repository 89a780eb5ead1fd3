"""PII redaction: what must be hidden before text leaves, and what must stay readable."""

from __future__ import annotations

import pytest

from pipeline.redact import CARD, EMAIL, NAME, PHONE, Redactor, luhn_valid, redactor_for
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


@pytest.mark.parametrize(
    "text",
    [
        "call +44 7700 900123.",
        "07700 900123",
        "(555) 123-4567",
        "+1 415 555 0199",
        "020 7946 0958",
        "+61 412 345 678",
        "+447700900123",
        "555.123.4567",
    ],
)
def test_phone_numbers_in_common_formats_are_hidden(text: str) -> None:
    redacted = Redactor().redact(text)
    assert PHONE in redacted and not any(char.isdigit() for char in redacted)


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01",
        "order 1234567",
        "we pay 1,200 a month",
        "from 9.30 to 17.00",
        "version 2.13.0",
        "4111 1111 1111 1112",  # fails the Luhn check: not a card
        "thirty staff, 4 dollars each",
    ],
)
def test_numbers_that_are_not_pii_stay(text: str) -> None:
    assert Redactor().redact(text) == text


def test_cards_emails_and_speaker_names() -> None:
    redactor = Redactor(["Dana Whitfield", "Buyer"])
    text = "Dana's card is 4111 1111 1111 1111, mail d.whitfield@example.co.uk, ask Whitfield."
    assert redactor.redact(text) == f"{NAME}'s card is {CARD}, mail {EMAIL}, ask {NAME}."
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert Redactor(enabled=False).redact(text) == text
    # A name that is also a word is a word in a compound: a buyer "Gareth Price" had turned
    # "Price-wise" into "[name]-wise".
    price = Redactor(["Gareth Price"])
    assert price.redact("Price-wise, Gareth Price said it's fine. Ask Price.") == (
        f"Price-wise, {NAME} said it's fine. Ask {NAME}."
    )


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "I showed it to Dr. Abbott and Dr Singh, the partners.",
            f"I showed it to Dr. {NAME} and Dr {NAME}, the partners.",
        ),
        ("Ask Mrs O'Neil at the front desk.", f"Ask Mrs {NAME} at the front desk."),
        ("Her name's Keisha.", f"Her name's {NAME}."),
        ("My manager, named Ola Adeyemi, signs.", f"My manager, named {NAME}, signs."),
        ("His name is McLeod-Smith.", f"His name is {NAME}."),
    ],
)
def test_people_the_speech_names_by_title_or_by_name_are_hidden(text: str, redacted: str) -> None:
    """Not speakers, so no list names them: a title or an introduction does (a comparison had
    published "Dr. Abbott and Dr. Singh" under "personal data redacted")."""
    assert Redactor().redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "Dr. appointments fill the week.",
        "The name is the problem, not the price.",
        "A tool named after its founder.",
        "MRS. is printed on the form.",
    ],
)
def test_titles_and_introductions_without_a_name_stay(text: str) -> None:
    assert Redactor().redact(text) == text


def test_our_own_peoples_full_names_stay_whole() -> None:
    """A buyer "Priya Shah" had turned our rep "Priya Nair" into "[name] Nair" in a source list."""
    redactor = Redactor(["Priya Shah"], keep=["Priya Nair"])
    said = "rep Priya Nair met Priya Shah; Priya said yes, Shah too."
    assert redactor.redact(said) == f"rep Priya Nair met {NAME}; {NAME} said yes, {NAME} too."
    assert Redactor(["Priya Shah"]).redact("rep Priya Nair") == f"rep {NAME} Nair"


def test_a_calls_redactor_hides_buyers_keeps_reps(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as session:
        session.add(
            Utterance(call_id=seeded.calls[0], seq=99, speaker="Sam Hill", role="buyer", text="Hi")
        )
        session.flush()
        redactor = redactor_for(session, seeded.calls[:1])
    said = "Sam Rivera called Sam Hill back; Sam was out, said Dana."
    assert redactor.redact(said) == f"Sam Rivera called {NAME} back; {NAME} was out, said {NAME}."
