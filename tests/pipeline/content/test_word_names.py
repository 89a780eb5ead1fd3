"""A first name that is also a word ("Bill", "Will", "Grace", "Mark", "Chase", "Sage") is hidden
only where it names a person: "Bill 96" (a Quebec law) had read "[name] 96" in every export."""

from __future__ import annotations

import pytest

from pipeline.redact import NAME, Redactor

# Buyers on the call whose first names are words too.
BUYERS = ["Will Carter", "Grace Okafor", "Chase Lindqvist", "Sage Moreau", "Mark Ibe"]


@pytest.mark.parametrize(
    "said",
    [
        "The handheld screens need French for Bill 96 compliance.",
        "Under Bill C-11 we have to keep the logs.",
        "We fly into Will Rogers Airport for the Tulsa site.",
        "Grace period is thirty days on the invoice.",
        "Is there a grace period, or is the Grace period only for annual plans?",
        "Mark up the price for the freezer SKUs.",
        "We use Sage for the accounting side.",
        "We bank with Chase, so the payouts land there.",
        "Chase Bank sends the file every night.",
        "We sell on Amazon and Shopify.",
        "Will that work with the scanners we have?",
        "Will it sync overnight?",
        "Our Grace allowance is two weeks.",
        "They passed the Bill last spring.",
    ],
)
def test_a_name_standing_for_a_thing_stays(said: str) -> None:
    """Whether or not someone on the call has that first name."""
    assert Redactor().redact(said) == said
    assert Redactor(BUYERS).redact(said) == said


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Bill said the budget is gone.", f"{NAME} said the budget is gone."),
        ("I'll have to ask Bill first.", f"I'll have to ask {NAME} first."),
        ("Thanks Bill, that helps.", f"Thanks {NAME}, that helps."),
        ("Bill's team does the picking.", f"{NAME}'s team does the picking."),
        ("We sat down with Frank and the owner.", f"We sat down with {NAME} and the owner."),
        ("Price was it. Frank wasn't keen.", f"Price was it. {NAME} wasn't keen."),
    ],
)
def test_a_name_in_a_naming_position_is_hidden(said: str, shown: str) -> None:
    """No one on the call has the name: where it stands says a person."""
    assert Redactor().redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Will Carter runs the warehouse.", f"{NAME} runs the warehouse."),
        ("Will said the pickers hate the scanners.", f"{NAME} said the pickers hate the scanners."),
        ("Grace is the one who signs.", f"{NAME} is the one who signs."),
        ("Ask Grace about the returns.", f"Ask {NAME} about the returns."),
        ("Thanks for the demo, Chase.", f"Thanks for the demo, {NAME}."),
        ("Sage's spreadsheet is the bottleneck.", f"{NAME}'s spreadsheet is the bottleneck."),
        ("Run it past Mark before Friday.", f"Run it past {NAME} before Friday."),
        ("Will", NAME),  # a speaker's label
        ("Mark Ibe", NAME),
    ],
)
def test_a_buyers_name_that_is_a_word_is_hidden_where_it_names_them(said: str, shown: str) -> None:
    assert Redactor(BUYERS).redact(said) == shown


def test_contacts_still_go_beside_a_law_kept() -> None:
    redactor = Redactor(BUYERS)
    said = "Grace said Bill 96 applies; mail grace@example.com or call (555) 123-4567."
    assert redactor.redact(said) == f"{NAME} said Bill 96 applies; mail [email] or call [phone]."
