"""A comparison row quotes no more buyer lines than a claim may cite, counting the won deal's
reply beside them.

Why: a reviewer's page on a rival named in many short sentences ("Cheaper.", "Too clunky.")
quoted five in one row and added the rep's reply: six citations, which the document schema
refuses (four at most), so "Generate draft" answered with a server error."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.content.comparison import _shown
from pipeline.content.evidence import Quote
from pipeline.content.types import MAX_CITATIONS


def _quote(number: int, text: str) -> Quote:
    return Quote(
        id=number, text=text, role="buyer", kind="objection", call_id=number,
        utterance_id=number, mention_id=number, call_date=dt.date(2026, 5, 4),
        account="Acme", outcome="lost", speaker="Pat", cluster_id=None,
        competitor="RotaPro", category="competitor",
    )  # fmt: skip


SHORT = tuple(
    _quote(n, text)
    for n, text in enumerate(
        ["Cheaper.", "Too clunky.", "RotaPro works.", "We know it.", "It's fine.", "Meh."], 1
    )
)


@pytest.mark.parametrize("reply", [False, True])
def test_short_quotes_fill_a_row_only_to_its_citations(reply: bool) -> None:
    room = MAX_CITATIONS - reply
    shown = _shown(SHORT, room=room)
    assert [q.id for q in shown] == [1, 2, 3, 4][:room]
    assert len(shown) + reply <= MAX_CITATIONS


def test_long_quotes_still_stop_at_the_columns_length() -> None:
    long = tuple(_quote(n, "x" * 100) for n in range(1, 5))
    assert [q.id for q in _shown(long, room=MAX_CITATIONS)] == [1, 2]
