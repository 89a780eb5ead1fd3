"""A phone tool's transcript whose other party speaks as a number, under a header naming the
contact ("Contact: Terrence Boyd - Brightlane Delivery"): the contact is that speaker, their
company the account, and the title names them (review 22h item 9, RingCentral).

Why: the buyer had been "Caller", the account unread, and the title just "Call with" once the
number was taken out of "Call with: (312) 555-0187". People and firms are invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

RINGCENTRAL = """RingCentral Call Transcript
Call with: (415) 555-0143
Contact: {contact}
Direction: Outbound
Date: 04/07/2026 2:15 PM PDT
Duration: 00:04:12
Handled by: Noor Haddad

[00:00:02] Noor Haddad: Hi Gloria, it's Noor from Shiftwell, about the rota trial.
[00:00:06] (415) 555-0143: Hi Noor. Honestly the per-seat price is the sticking point for us.
[00:00:14] Noor Haddad: Understood, I'll send the annual option.
[00:00:19] (415) 555-0143: Thanks, send it over and I'll take it to the board.
"""


def _read(text: str) -> ParsedCall:
    [call] = parse_file(text.encode(), "RingCentral_Call_Transcript_2026-04-07_14-15.txt")
    return call


@pytest.mark.parametrize(
    "contact",
    [
        "Gloria Esposito - Harbourside Care Homes",
        "Gloria Esposito – Harbourside Care Homes",
        "Gloria Esposito (Harbourside Care Homes)",
    ],
)
def test_the_contact_the_header_names_is_the_number_that_speaks(contact: str) -> None:
    call = _read(RINGCENTRAL.format(contact=contact))
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Noor Haddad", "rep"),
        ("Gloria Esposito", "buyer"),
        ("Noor Haddad", "rep"),
        ("Gloria Esposito", "buyer"),
    ]
    assert call.account == "Harbourside Care Homes"
    assert call.title == "Call with Gloria Esposito"


def test_a_contact_with_a_title_after_the_dash_names_no_company() -> None:
    call = _read(RINGCENTRAL.format(contact="Gloria Esposito - Operations Manager"))
    assert {u.speaker for u in call.utterances} == {"Noor Haddad", "Gloria Esposito"}
    assert call.account is None


def test_two_numbers_on_the_other_side_keep_their_caller_names() -> None:
    """Which of two numbers the contact is, the file does not say."""
    text = RINGCENTRAL.format(contact="Gloria Esposito - Harbourside Care Homes").replace(
        "[00:00:19] (415) 555-0143", "[00:00:19] (415) 555-0199"
    )
    call = _read(text)
    assert [u.speaker for u in call.utterances if u.role == "buyer"] == ["Caller", "Caller 2"]


def test_a_title_naming_someone_is_kept() -> None:
    text = RINGCENTRAL.format(contact="Gloria Esposito - Harbourside Care Homes").replace(
        "Direction:", "Title: Harbourside rota pricing follow-up\nDirection:"
    )
    assert _read(text).title == "Harbourside rota pricing follow-up"
