"""A loose theme (pains of many calls that share few words) is named by what holds for it: its
most central quote read whole, else a neutral name told apart by a word two of its quotes say,
never one less central quote's vivid clause ("The customer got told the flowers were delivered"
had named thirteen pains, one about flowers) nor a number ("Problems buyers raise (2)")."""

from __future__ import annotations

import re

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import name_clusters
from tests.pipeline.cluster.name_checks import a_central_quote_read_whole, weights

# Ten pains of vets, warehouses and salons; the four most central carry a figure (one buyer's),
# the fifth a vivid clause no other quote bears out.
LOOSE = [
    "Our reception team spends half the morning on the phone rebooking vaccinations.",
    "Two of the pickers ring in sick most Mondays and the whole wave slips.",
    "Stylists double-book the same chair three times a week.",
    "We lose about forty pallets a month to mis-scans at the dock.",
    "The owner got told her dog was ready when it was still under anaesthetic.",
    "Colour formulas live on index cards behind the till.",
    "Invoices for the cold store go out a fortnight late.",
    "Nobody can see which bays are free without walking the aisles.",
    "Walk-ins wait because the diary is on paper.",
    "Lab results come back by email and sit unread over the weekend.",
]
VIVID = "The owner got told her dog was ready"

# Pains of one problem told in different words (proof of delivery): its central quote names it.
TIGHT = [
    "A client rings saying the order never arrived and we have nothing to show them.",
    "Honestly the worst bit is proving we delivered at all.",
    "We wrote off about two grand last quarter on disputes we couldn't settle.",
    "Salons claim the colour stock never turned up.",
    "Practices dispute what time the samples were collected.",
    "That alone would stop half the arguments.",
    "The courier's word is all we have.",
]

# Customers ringing to ask where things are, in a clinic, an accounting firm, a salon.
RINGING = [
    "It's chaos.",
    "Mostly the phone.",
    "The phone rings all day with owners asking if the x-rays are back.",
    "Clients ring asking whether their tax return has gone in.",
    "We get terrible reviews for it.",
    "I need a reason.",
    "Drivers sit at the gate for an hour because nobody booked the slot.",
    "Customers ring the salon asking if their stylist is running late.",
    "Then the crates don't come back and we lose thirty a month.",
]
NUMBERED = re.compile(r"\(\d+\)$")


def test_a_less_central_quotes_vivid_clause_never_names_a_loose_theme() -> None:
    [name] = name_clusters([LOOSE], [weights(LOOSE)], kind="pain")
    assert VIVID.lower() not in name.lower(), name
    assert not NUMBERED.search(name), name


def test_loose_themes_nothing_holds_for_are_told_apart_by_a_word_never_a_number() -> None:
    """The tight theme keeps its central quote; the two loose ones share the neutral name, the
    second told apart by a word two or more of its quotes say."""
    groups = [TIGHT, LOOSE, RINGING]
    names = name_clusters(groups, [weights(g) for g in groups], kind="pain")
    assert a_central_quote_read_whole(names[0], TIGHT), names
    assert VIVID.lower() not in names[1].lower(), names
    assert len(set(names)) == 3 and not any(NUMBERED.search(n) for n in names), names
    for name, quotes in zip(names[1:], groups[1:], strict=True):
        told = re.search(r"\(([^)]+)\)$", name)
        if told:  # the word in brackets is said by at least two of its quotes
            word = told.group(1).lower()
            assert sum(word in q.lower() for q in quotes) >= 2, name


def test_a_clause_never_ends_on_nothing_before_its_but() -> None:
    """ "Nothing but" is "only": cut there, the name says the opposite of its quote."""
    for quote in (
        "On Valentine's we had two girls doing nothing but answering \"where's my order\" calls.",
        "Our two receptionists do nothing but chase owners for vaccination records on Mondays.",
        "The night shift does nothing but re-stack pallets the day shift left in the aisles.",
    ):
        clause = quote_clause(quote)
        assert not clause.lower().endswith("nothing"), clause
