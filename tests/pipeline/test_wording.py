"""Counted nouns and quotes that read right on every page."""

from __future__ import annotations

import pytest

from pipeline.wording import plural, quotable


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (1, "call", "1 call"),
        (0, "call", "0 calls"),
        (2, "reply", "2 replies"),
        (3, "day", "3 days"),
        (2, "match", "2 matches"),
        (1, "confident quote", "1 confident quote"),
    ],
)
def test_plural(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_irregular_plural() -> None:
    assert plural(2, "analysis", "analyses") == "2 analyses"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sentence splitting leaves the closing mark of "…": it would read it."”
        (
            "Staffly already has everyone's contracts in it.\"",
            "Staffly already has everyone's contracts in it.",
        ),
        ('"The price is too high."', "The price is too high."),
        ("“Curly marks around it.”", "Curly marks around it."),
        ('He said "no contracts" twice.', "He said ‘no contracts’ twice."),
        ('"Leading stray mark', "Leading stray mark"),
        ("No marks at all.", "No marks at all."),
    ],
)
def test_quotable_never_doubles_a_mark(text: str, expected: str) -> None:
    assert quotable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A rep's note quoting a buyer's sentences one after another: one buyer's words, and
        # quote marks around the whole quote only (not "this time.‘ ’The main thing").
        (
            '"We are not renewing at that price." "The main thing is the lift-outs."',
            "We are not renewing at that price. The main thing is the lift-outs.",
        ),
        (
            '"The spray smells for days." "Tenants complain to the landlord, not to us."',
            "The spray smells for days. Tenants complain to the landlord, not to us.",
        ),
        (
            "“Families ring us at 2am.” “The answering service loses half the messages.”",
            "Families ring us at 2am. The answering service loses half the messages.",
        ),
        (
            '"Sprints slip." "Clients see the Jira board and panic."  "We lose the retainer."',
            "Sprints slip. Clients see the Jira board and panic. We lose the retainer.",
        ),
        (
            '"The milk buyer wants temperature logs." “We write them on a clipboard.”',
            "The milk buyer wants temperature logs. We write them on a clipboard.",
        ),
        (
            '"Gift Aid claims take a week." "The trustees sign each batch by hand."',
            "Gift Aid claims take a week. The trustees sign each batch by hand.",
        ),
        (
            '"Patients no-show on Mondays." "Reminders go out by post."',
            "Patients no-show on Mondays. Reminders go out by post.",
        ),
        # A quotation interrupted by who said it: each part is a quotation inside the quote.
        (
            '"It is fine," the vet said, "until the audit."',
            "‘It is fine,’ the vet said, ‘until the audit.’",
        ),
        (
            '"We can\'t," she said, "not before harvest."',
            "‘We can't,’ she said, ‘not before harvest.’",
        ),
    ],
)
def test_quotations_one_after_another_are_one_quote(text: str, expected: str) -> None:
    assert quotable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A whole quotation wrapping one inside it keeps the inner one as ‘…’.
        (
            '"The board said "no new contracts" this year."',
            "The board said ‘no new contracts’ this year.",
        ),
        ('"Per month?"', "Per month?"),
        (
            'The rep said "two weeks" and it took two months.',
            "The rep said ‘two weeks’ and it took two months.",
        ),
    ],
)
def test_a_quotation_around_or_inside_keeps_its_reading(text: str, expected: str) -> None:
    assert quotable(text) == expected
