"""PII redaction: what must be hidden before text leaves, and what must stay readable."""

from __future__ import annotations

import pytest

from pipeline.ingest.team import add_member
from pipeline.redact import (
    CARD,
    EMAIL,
    NAME,
    PHONE,
    Redactor,
    luhn_valid,
    prose_names,
    redactor_for,
)
from pipeline.store.models import Call, Mention, Utterance
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
        # words names are made of
        "Will it work with Sage?",
        "Grant access to the new techs first.",
        "We go live in June, after Easter.",
        "Mark it as urgent.",
        "Our crews are in Austin and Dallas.",
        "We use Ruby and Jasper for the website.",
        "Call us back on Thu or in Jan.",
    ],
)
def test_titles_introductions_and_words_without_a_name_stay(text: str) -> None:
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


def test_our_reps_and_the_roster_are_ours_by_name_and_first_name(
    ws: Workspace, seeded: Seeded
) -> None:
    """A reviewer's export had "— rep [name]" for the roster's Tom Becker and "[name] from our
    team runs that" in a use case, though the screen showed "rep Tom Becker": a rep found by
    the call's roles or on the team roster is ours, and so is the first name the speech says."""
    with ws.session() as session:
        session.add_all(
            [
                Utterance(call_id=seeded.calls[0], seq=98, speaker="LENA ORTIZ", role="rep",
                          text="Hi"),
                Utterance(call_id=seeded.calls[0], seq=99, speaker="Priya Hale", role="buyer",
                          text="Hi"),
            ]
        )  # fmt: skip
        add_member(session, "Tom Becker", company="Docketly")
        add_member(session, "Priya Nair", company="Docketly")
        session.flush()
        redactor = redactor_for(session, seeded.calls[:1])
    said = "Tom from our team runs that; rep Tom Becker and Lena agreed; Priya said no."
    assert redactor.redact(said) == (
        f"Tom from our team runs that; rep Tom Becker and Lena agreed; {NAME} said no."
    )  # "Priya" is a buyer's first name too: hidden


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "I'd need to run it past Angela anyway, she's the owner.",
            f"I'd need to run it past {NAME} anyway, she's the owner.",
        ),
        ("Carla does the invoicing.", f"{NAME} does the invoicing."),
        ("Ask Grant, he signs.", f"Ask {NAME}, he signs."),  # a word, but a name mid-sentence
        ("Angela's team uses Jobber.", f"{NAME}'s team uses Jobber."),
        # a name that is also a word, opening a sentence with what a person does: the buyer's
        # owner had been published in a comparison ("Frank wasn't willing to sign…")
        (
            "It came down to two things. Frank wasn't willing to sign for 24 months.",
            f"It came down to two things. {NAME} wasn't willing to sign for 24 months.",
        ),
        ("Bill is too high for us.", "Bill is too high for us."),
        ("To be frank, it is expensive.", "To be frank, it is expensive."),
    ],
)
def test_a_first_name_the_speech_says_is_hidden(text: str, redacted: str) -> None:
    """No speaker label, CRM column or note names her: the speech does ("Angela" had been
    published in a one-pager's quote and a theme's name)."""
    assert Redactor().redact(text) == redacted


def test_the_calls_businesses_stay_whole(ws: Workspace, seeded: Seeded) -> None:
    """The account "Reyes Heating & Air" had become "[name] Heating & Air" in a document's
    sources: its owner, a buyer on the call, is a Reyes."""
    with ws.session() as session:
        call = session.get(Call, seeded.calls[0])
        assert call is not None
        call.account, call.competitors = "Reyes Heating & Air", ["Jasmine CRM"]
        session.add(
            Utterance(call_id=call.id, seq=99, speaker="Tom Reyes", role="buyer", text="Hi")
        )
        session.flush()
        redactor = redactor_for(session, [call.id])
    said = "Tom Reyes, owner of Reyes Heating & Air, left Jasmine CRM; Reyes signs."
    assert redactor.redact(said) == (
        f"{NAME}, owner of Reyes Heating & Air, left Jasmine CRM; {NAME} signs."
    )


def test_a_rival_the_calls_name_is_never_a_person(ws: Workspace, seeded: Seeded) -> None:
    """A Pipedrive note's "Went with Vetspire." made Vetspire a person met, and a published FAQ
    asked "Why should we pick you over [name]?"."""
    assert prose_names("Lost. Went with Vetspire.") == []
    assert prose_names("Met with Dana Ruiz") == ["Dana Ruiz"]
    with ws.session() as session:
        call_id = seeded.calls[0]
        note = Utterance(
            call_id=call_id, seq=97, speaker=None, role="rep_note", text="Spoke with Vetspire Jones"
        )
        session.add(note)
        session.flush()
        session.add(
            Mention(utterance_id=note.id, call_id=call_id, kind="competitor", category="mention",
                    text=note.text, char_end=len(note.text), competitor="Vetspire")
        )  # fmt: skip
        session.flush()
        redactor = redactor_for(session, [call_id])
    assert redactor.redact("Why pick you over Vetspire?") == "Why pick you over Vetspire?"


def test_a_note_naming_a_colleague_by_first_name_keeps_her_ours(
    ws: Workspace, seeded: Seeded
) -> None:
    """Elena Ortiz is on the roster; the CRM note "Kickoff with Elena 9/2." had made "Elena" a
    buyer, and the rep's "Elena will set up the ServiceTitan connection" became "[name] will
    set up ..." in a published FAQ."""
    with ws.session() as session:
        add_member(session, "Elena Ortiz", company="FleetPilot")
        session.add(
            Utterance(call_id=seeded.calls[0], seq=97, speaker=None, role="rep_note",
                      text="Kickoff with Elena 9/2. Spoke with Fiona McLeod too.")
        )  # fmt: skip
        session.flush()
        redactor = redactor_for(session, seeded.calls[:1])
    said = "Elena will set up the connection; Fiona signs."
    assert redactor.redact(said) == f"Elena will set up the connection; {NAME} signs."


def test_a_theme_name_that_names_anyone_is_told_apart() -> None:
    """A heading or anchor names no one: a buyer, one of ours, a placeholder left by a
    redaction; a business or a plain phrase is fine."""
    redactor = Redactor(["Gareth Lewis"], keep=["Jordan Hayes", "Reyes Heating"],
                        ours=["Jordan Hayes"])  # fmt: skip
    assert redactor.names_someone("Gareth Lewis")
    assert redactor.names_someone("Gareth [name]")
    assert redactor.names_someone("Ask Jordan")
    assert redactor.names_someone("Run it past Angela")
    assert not redactor.names_someone("Price is too high")
    assert not redactor.names_someone("Reyes Heating wants monthly terms")
    assert Redactor(["Gareth Lewis"], enabled=False).names_someone("Gareth Lewis")


@pytest.mark.parametrize(
    ("buyer", "text", "kept"),
    [
        ("Gareth Price", "| **Price** | $39 a month per site |", True),
        ("Gareth Price", "<tr><td><strong>Price</strong></td><td>$39</td></tr>", True),
        ("Gareth Price", "<p>Price said no.</p>", False),
        ("Gareth Price", "### H2: Price and budget", True),
        ("Gareth Price", "“Price and budget” → `/pricing`", True),
        ("Ola Baker", "Baker and pastry teams share one rota.", True),
        ("Tom Fields", "Fields are mapped on import.", True),
        ("Gareth Price", "Mrs Price signs the cheques.", False),
        ("Priya Shah", "Priya said yes, Shah too.", False),
        ("Gareth Price", "Price said the renewal is fine.", False),
        ("Ola Baker", "We'd need to ask Baker first.", False),
        ("Tom Fields", "Thanks, Fields.", False),
    ],
)
def test_a_surname_that_is_a_word_names_its_person_only_where_a_person_stands(
    buyer: str, text: str, kept: bool
) -> None:
    """A buyer "Gareth Price" had turned a comparison's "Price" row and an SEO brief's "Price
    and budget" heading into "[name]": alone, a surname that is also a word is the word unless
    a title or a person's doing puts the person there."""
    surname = buyer.split()[1]
    redacted = Redactor([buyer]).redact(text)
    assert (surname in redacted) is kept, redacted
    assert (NAME in redacted) is not kept, redacted
