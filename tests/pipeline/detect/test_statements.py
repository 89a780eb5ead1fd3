"""A buyer's words about how they work today, and plain questions, read after the kind model
(``pipeline/detect/statements.py``); and a reassurance that is no why-now trigger."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.detect import RuleEmbeddingDetector, rules, statements
from pipeline.embed import Embedder


@dataclass(frozen=True)
class Line:
    id: int
    role: str
    text: str


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["RotaPro", "ClockBee"])


@pytest.mark.parametrize(
    ("sentence", "pain"),
    [
        ("Honestly the worst part is chasing tenants for their meter readings every month.", True),
        ("We still book the rooms by phone and it's painful.", True),
        ("Our biggest headache is the loading bay at the north site.", True),
        ("The problem is our nurses spend all day phoning patients to confirm slots.", True),
        ("The pain for them is quoting jobs on the islands:", True),  # a rep's note
        ("The problem is the price.", False),
        ("My worry is the switch in the middle of the season.", False),
        ("The worst part would be moving ten years of records over.", False),
        ("Our biggest headache is your contract length.", False),
    ],
)
def test_a_pain_said_as_one(sentence: str, pain: bool) -> None:
    assert statements.tells_a_pain(sentence) is pain


@pytest.mark.parametrize(
    ("sentence", "setup"),
    [
        ("At the moment it's a wall calendar plus a shared inbox per site.", True),
        ("We currently run the bookings through a mix of email and a paper diary.", True),
        ("Right now each manager keeps their own folder and nothing's shared.", True),
        ("Right now we're happy with what we have.", False),  # the status quo: an objection
        ("At the moment we can't afford a new system.", False),
        ("I still have to get the increase past the finance director.", False),
    ],
)
def test_todays_setup_described(sentence: str, setup: bool) -> None:
    assert statements.describes_the_setup(sentence) is setup


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Can we export all our bookings if we leave?", True),
        ("What happens if I add two temps for the summer only, do I pay for the whole year?", True),
        ("Does it read both kinds of scanner, or only one of them?", True),
        ("Will the cleaners actually use it, though?", False),
        ("Why would I pay more than I pay RotaPro now, when I'm not even sure it works?", False),
    ],
)
def test_a_question_asked_without_objecting(sentence: str, asks: bool) -> None:
    assert statements.asks_only(sentence) is asks


def test_pains_setups_and_questions_are_no_objections(detector: RuleEmbeddingDetector) -> None:
    """Each of these had been an objection (security, timing, switching ...) in a review."""
    said = {
        "Honestly the worst bit is chasing clients for their receipts every quarter.": "pain",
        "We still chase owners for signed forms by email and it's painful.": "pain",
        "The problem is our dispatchers spend all day ringing crews to ask where they are.": "pain",
        "At the moment it's a spreadsheet plus a shared drive folder per customer.": (
            "current_setup"
        ),
        "Can we export all our customer data if we leave?": "question",
    }
    lines = [Line(i, "buyer", text) for i, text in enumerate(said)]
    found = detector.detect_utterances(lines)
    for i, (text, kind) in enumerate(said.items()):
        got = [d.kind for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert got == [kind], text
    worry = detector.detect("My worry is the switch in the middle of our busy season.")
    assert [d.kind for d in worry if d.kind == "objection"] == ["objection"]


def test_a_rep_notes_narrative_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    """A rep's note that narrates (the buyer pleased, the deal's status, a to-do, a reported
    pain) is no objection; one reporting the buyer's concern still is."""
    note = (
        "Rafael was happy with the trial overall. Marked lost, revisit Q1 2027. "
        "She is going to record a video of their current set-up for Sam. "
        "The pain for them is quoting long jobs:\n"
        "They think it's too expensive for a team of four."
    )
    found = detector.detect_utterances([Line(1, "rep_note", note)])
    kinds = {d.text.strip(): d.kind for d in found[1] if d.kind not in ("competitor", "why_now")}
    assert kinds["Rafael was happy with the trial overall."] == "other"
    assert kinds["Marked lost, revisit Q1 2027."] == "other"
    assert kinds["She is going to record a video of their current set-up for Sam."] == "other"
    assert kinds["The pain for them is quoting long jobs:"] == "pain"
    assert kinds["They think it's too expensive for a team of four."] == "objection"


def test_a_reassurance_is_no_why_now(detector: RuleEmbeddingDetector) -> None:
    """ "The price is fine for three seats" had been a why-now (risk: "fine for")."""
    assert rules.why_now_cues("The price is fine for three seats, that's not the issue.") == {}
    found = detector.detect("The price is fine for five seats, that's not the issue.")
    assert [d for d in found if d.kind == "why_now"] == []
    assert rules.why_now_cues("We got a fine from the regulator last month.")
