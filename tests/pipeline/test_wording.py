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
