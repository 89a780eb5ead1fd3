"""A line of the deal's record (a CRM reason column, a tool's "Handled by ...") counts in a
theme but is never quoted as anyone's words (``quotable.unquotable``)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.cluster.stats import MentionRow, representative_quotes
from pipeline.cluster.views import card_quotes
from pipeline.detect.quotable import unquotable


def _row(n: int, text: str, role: str) -> MentionRow:
    return MentionRow(
        id=n, text=text, call_id=n, utterance_id=n, speaker=None, start_seconds=None,
        call_date=dt.date(2026, 4, n), account=f"Studio {n}", outcome="lost", role=role,
        confidence=0.95,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Lost reason: Missing feature", "rep_note"),
        ("Closed lost reason: Went with competitor", "rep_note"),
        ("Won reason: Price", "rep_note"),
        ("Handled by Lena Moss (Acme Sales)", "unknown"),
        ("Assigned to Omar Reyes", "rep_note"),
    ],
)
def test_a_record_line_is_never_a_quote(text: str, role: str) -> None:
    assert unquotable(text, role)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Pain: they chase timesheets by hand every Friday and lose two hours to it.", "rep_note"),
        ("She said the add-on price would sting.", "rep_note"),
        ("Honestly: it's too expensive for a studio our size.", "buyer"),
    ],
)
def test_a_note_or_the_buyer_saying_something_stays_quotable(text: str, role: str) -> None:
    assert not unquotable(text, role)


def test_theme_quotes_and_cards_leave_out_record_lines_but_keep_the_rest() -> None:
    rows = [
        _row(1, "Lost reason: Missing feature", "rep_note"),
        _row(2, "Handled by Lena Moss (Acme Sales)", "unknown"),
        _row(3, "Without class packs synced to the till I'd be typing everything twice.", "buyer"),
        _row(4, "Buyer said the booking widget is a must for them.", "rep_note"),
    ]
    quoted = {q["text"] for q in representative_quotes(rows)}
    carded = {r.text for r in card_quotes(rows, 0.5)}
    for shown in (quoted, carded):
        assert shown == {rows[2].text, rows[3].text}
