"""A call with generic speaker labels ("Speaker 1"/"Speaker 2", Otter's) named from its own
introductions: the buyer's "so we're Ridgeway Lifts, we're in Cardiff" gives the account, and
the rep's "it's Priya calling from <our company>" names the rep, roster or not. Why (walk 5,
snag 12): that call had no account and kept its labels, shown as "call 10" everywhere. A place
or a size ("we're in Cardiff", "we're a small team") never names the account. Invented people
and trades."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.settle import settle_people
from pipeline.ingest.team import Roster


def _otter(rep_intro: str, buyer_turns: list[str]) -> bytes:
    """An Otter .txt: "Speaker N  m:ss" over each turn."""
    turns = [("Speaker 1", rep_intro)]
    replies = ["Is now a good time?", "Great. What made you look at us?", "Understood."]
    for buyer, rep in zip(buyer_turns, replies, strict=False):
        turns += [("Speaker 2", buyer), ("Speaker 1", rep)]
    lines = [f"{who}  0:{index * 7:02d}\n{text}\n" for index, (who, text) in enumerate(turns)]
    return "\n".join(lines).encode()


def _settled(data: bytes, companies: tuple[str, ...], names: tuple[str, ...] = ()) -> ParsedCall:
    [call] = parse_file(data, "otter.txt")
    settle_people(call, Roster(names=names, companies=companies))
    return call


@pytest.mark.parametrize(
    ("ours", "rep_intro", "buyer_turns", "account", "rep", "buyer"),
    [
        (
            "Kilnware",
            "Hi, is that Owen? It's Priya calling from Kilnware, you filled in our form.",
            ["Oh yes, hiya.", "Go on.", "So we're Ashgrove Pottery, we're in Stoke, six kilns."],
            "Ashgrove Pottery",
            "Priya",
            "Owen",  # the buyer the rep asks for by name (test_greeted_numbered_speakers)
        ),
        (
            "Vetlyn",
            "Morning, this is Marcus ringing from Vetlyn about your trial.",
            ["Hi Marcus.", "We're Hollins Farm Vets, based near Hexham, and the rota is a mess."],
            "Hollins Farm Vets",
            "Marcus",
            "Speaker 2",
        ),
        (
            "Quillpay",
            "Hello, it's Dana from Quillpay.",
            ["Hi Dana. So we are Brook and Vale Accountants, and we bill by hand today."],
            "Brook and Vale Accountants",
            "Dana",
            "Speaker 2",
        ),
    ],
)
def test_a_we_are_intro_names_the_account_and_the_rep_names_themself(
    ours: str, rep_intro: str, buyer_turns: list[str], account: str, rep: str, buyer: str
) -> None:
    call = _settled(_otter(rep_intro, buyer_turns), (ours,))
    assert call.account == account
    speakers = {u.speaker: u.role for u in call.utterances}
    assert speakers == {rep: "rep", buyer: "buyer"}


def test_the_rep_takes_the_roster_name_it_matches() -> None:
    data = _otter("It's Priya calling from Kilnware.", ["We're Ashgrove Pottery, in Stoke."])
    call = _settled(data, ("Kilnware",), ("Priya Natarajan",))
    assert "Priya Natarajan" in {u.speaker for u in call.utterances}


@pytest.mark.parametrize(
    "buyer_turns",
    [
        ["So we're in Cardiff, eleven engineers.", "We're a small team, really."],
        ["We're Servicio customers at the moment, and it's slow."],
        ["We're UK-based, about forty staff."],
        ["We're OK, thanks. We're on spreadsheets."],
    ],
)
def test_a_place_a_size_or_a_tool_never_names_the_account(buyer_turns: list[str]) -> None:
    call = _settled(_otter("It's Priya calling from Kilnware.", buyer_turns), ("Kilnware",))
    assert call.account is None


def test_no_rep_is_named_without_our_company_or_a_roster() -> None:
    data = _otter("It's Priya calling from Kilnware.", ["We're Ashgrove Pottery, in Stoke."])
    call = _settled(data, ())
    assert "Priya" not in {u.speaker for u in call.utterances}
