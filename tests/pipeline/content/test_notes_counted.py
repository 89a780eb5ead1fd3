"""A page's counts say what they count: spoken calls and the rep's CRM notes apart ("on 1 sales
call and in 2 CRM notes, from 2 accounts"), the same on every page built from the same themes.

Why: a trucking FAQ said "heard on 14 sales calls" where 8 of the 14 were single CRM rows, some
of them notes on deals already on a transcript; a marketer would have published "14 sales
calls" where 6 were calls."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.written_notes import stated_counts
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    spoken: str  # the buyer's worry on a call
    noted: str  # the rep's CRM note of the same deal's worry
    quoted: str  # the buyer's words quoted in another account's CRM note


TRADES = [  # fmt: skip
    Trade(
        "Forty a chair is a lot when half the chairs sit empty on Mondays.",
        "Owner pushed back on price, says forty a chair is too much for a small salon.",
        "It's more than we pay for the card machine and the booking site put together.",
    ),
    Trade(
        "Thirty a crew a month adds up fast when we run nine crews in summer.",
        "Ops lead thinks thirty per crew is steep for the winter months.",
        "That's more than the fuel card costs us, for a scheduling app.",
    ),
    Trade(
        "Eighty a clinician is more than our whole phone system costs.",
        "Practice manager said the per-clinician price is too high for part-timers.",
        "Honestly that price is double what the rota tool costs us.",
    ),
]
COUNT = "on 1 sales call and in 2 CRM notes, from 2 accounts"


def _theme(ws: Workspace, trade: Trade) -> int:
    """One price worry on a call, in the rep's note of the same deal, and quoted in the note
    of another account's deal."""
    with ws.session() as db:
        theme = add_theme(db, "Price per head", "price")
        _, [_, spoken] = _call(
            db, 1, "Alder Co", "open", "2026-05-04",
            [("Sam Rivera", "rep", "So it's forty a head a month."),
             ("Ann Roe", "buyer", trade.spoken)],
        )  # fmt: skip
        _, [noted] = _call(
            db, 2, "Alder Co", "lost", "2026-05-18", [("Sam Rivera", "rep_note", trade.noted)]
        )
        _, [_, quoted] = _call(
            db, 3, "Birch Co", "open", "2026-05-20",
            [("Sam Rivera", "rep_note", "Demo w/ the owner."), ("Bo Lee", "buyer", trade.quoted)],
        )  # fmt: skip
        for turn in (spoken, noted, quoted):
            _mention(db, turn, "objection", "price", theme)
        return theme.id


@pytest.mark.parametrize("trade", TRADES, ids=["salon", "landscaping", "clinic"])
def test_every_page_counts_calls_and_notes_apart(ws: Workspace, trade: Trade) -> None:
    theme = _theme(ws, trade)
    with ws.session() as db:
        evidence = collect_evidence(db, [theme], redact=False)
    faq = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()
    pager = OFFLINE_DRAFTS["one-pager"](evidence).model_dump()
    assert f"heard {COUNT}." in str(faq["intro"])
    assert f"heard most {COUNT}," in str(pager["headline"])
    # The quality and staleness checks read the count stated: the calls and notes together.
    assert stated_counts(str(faq["intro"])) == [3]


def test_a_count_with_no_notes_reads_as_before() -> None:
    assert stated_counts("heard on 12 sales calls with 11 accounts") == [12]
    assert stated_counts("raised 2 times in 2 CRM notes") == [2]


@pytest.mark.parametrize("trade", TRADES, ids=["salon", "landscaping", "clinic"])
def test_a_themes_own_count_says_calls_and_notes_apart(ws: Workspace, trade: Trade) -> None:
    """A worry with no answer says its theme's counts as the headers do (it had said "raised 3
    times on 3 calls" of one call and two CRM notes)."""
    theme = _theme(ws, trade)
    with ws.session() as db:
        evidence = collect_evidence(db, [theme], redact=False)
    pager = OFFLINE_DRAFTS["one-pager"](evidence).model_dump()
    answers = " ".join(str(o["answer"]) for o in pager["objections"])
    assert "raised 3 times on 1 sales call and in 2 CRM notes" in answers
    assert " on 3 calls" not in answers
