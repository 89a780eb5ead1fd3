"""Why now, on a one-pager, is the buyer's own trigger: never a condition put on us ("If you had
gate codes in the app by March we'd be having a different conversation." had been a lost deal's
reason to act now) nor a line read as an objection (a reason to wait)."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.market import conditions_on_us
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

ON_US = [
    "If you had online booking for the crematorium slots by March we'd be having a different chat.",
    "If you could integrate with Xero by April we'd sign tomorrow.",
    "Once your app works offline we'll talk again before the harvest.",
    "If you guys can have us live before the spring intake, we're in.",
    "Unless you add a donor portal before the Gift Aid deadline, it's a no.",
    "If you offered a plan for two-person agencies by the new year we'd move.",
    "As soon as your integration with Cliniko is out, we'll switch before the audit.",
    "If you'd had the text reminders before Easter, we'd have moved then.",
    "If you really had bait-station mapping by the summer, we'd take it.",
    "Provided you support the herd register by lambing, we'll go ahead.",
]
OURS_NAMED = "Once Crewboard supports the termite warranties, we'll look again in March."
THEIR_TRIGGERS = [
    "Our contract with RotaPro ends in June, so we need something in place before then.",
    "If we don't have the records sorted by April we'll fail the inspection again.",
    "If you file the returns late, HMRC fines you, and that happened to us last year.",
    "The council audit is in September and last year we were fined.",
    "Harvest starts in August, we need it running before then.",
    "We've got a new clinic opening in January.",
    "If your fridge fails over the weekend you lose the whole batch, which happened twice.",
    "When you lose a funeral booking it's gone for good, and that happened twice in May.",
    "The Gift Aid claim is due at the end of the month and we're behind.",
    "We're taking on two more developers in spring.",
]


@pytest.mark.parametrize("sentence", ON_US)
def test_a_condition_on_us_is_no_trigger(sentence: str) -> None:
    assert conditions_on_us(sentence, ["Crewboard"])


def test_a_condition_on_our_product_by_name_is_no_trigger() -> None:
    assert conditions_on_us(OURS_NAMED, ["Crewboard"])
    assert not conditions_on_us(OURS_NAMED, [])


@pytest.mark.parametrize("sentence", THEIR_TRIGGERS)
def test_the_buyers_own_trigger_puts_no_condition_on_us(sentence: str) -> None:
    assert not conditions_on_us(sentence, ["Crewboard"])


DEADLINE = "Our licence with the old pest software expires in March, we need it live by then."
CONDITION = "If you had the termite warranty tracker by March we'd be having a different chat."
PUT_OFF = "Nothing new before the busy season, the crews are booked solid until the deadline."


def test_why_now_leaves_out_a_condition_on_us_and_a_worry(ws: Workspace) -> None:
    """Three why-now tags in a lost pest-control deal: the deadline stays, the condition on us
    and the put-off read as an objection go."""
    with ws.session() as db:
        theme = add_theme(db, "Timing", "timing")
        _, turns = _call(
            db,
            1,
            "Hollis Pest Control",
            "lost",
            "2026-07-07",
            turns=[
                ("Jo", "buyer", DEADLINE),
                ("Sam Rivera", "rep", "What would change your mind?"),
                ("Jo", "buyer", CONDITION),
                ("Sam Rivera", "rep", "And timing?"),
                ("Jo", "buyer", PUT_OFF),
            ],
        )
        for turn in turns[::2]:
            _mention(db, turn, "why_now", "deadline", None).confidence = 0.9
        _mention(db, turns[2], "objection", "adoption", theme).confidence = 0.75
        _mention(db, turns[4], "objection", "authority_timing", theme).confidence = 0.9
        db.flush()
        evidence = collect_evidence(db, [theme.id])
    said = {q.text for q in evidence.of_kind("why_now")}
    assert DEADLINE in said
    assert CONDITION not in said and PUT_OFF not in said, said
