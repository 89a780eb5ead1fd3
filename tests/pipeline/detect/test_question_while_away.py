"""A question about what the product does while the buyer is out or away is a question, not a
next step arranged (review 25a item 4: "Will it ping me with bookings while I'm out on the
motorway with a pupil?" had been small talk at 0.99, out of the review queue: "I'm out on"
read as "I'm out on Friday"). Plans made ("I'm out next week, so it'll be the week after.")
stay settled (``rules.settles_it``)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.rules import settles_it
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

ASKED_WHILE_AWAY = [
    "Will it ping me with bookings while I'm out on the motorway with a pupil?",
    "Does it still sync when we're out on site with no signal?",
    "Can the crew clock in while they're out at a job in the hills?",
    "Will I get the order alerts when I'm away at a trade show?",
    "Does the app text me if I'm off on a home visit?",
    "Can my vets see the records when they're out on a farm call?",
    "Will it take card payments while we're out at the farmers' market?",
    "Does it log the mileage when I'm out on a delivery run?",
    "Can tenants still report repairs while I'm away on holiday?",
    "Will it remind the parents when we're out on a school trip?",
    "Can I approve timesheets whilst I'm away at head office?",
]
ARRANGED = [
    "I'm out next week, so it'll be the week after.",
    "We're away until the 14th, so let's pick it up then.",
    "I'm off on Friday, but Thursday works.",
    "I'll be on the road all week, so Monday works.",
    "Send me the proposal and we'll talk again next month.",
    "We're out on the 3rd, so let's say the week after.",
    "I'm away from Monday, so let's do it this week.",
    "Tuesday works for me.",
    "Keep us posted.",
    "We'll take it from there.",
]


@pytest.mark.parametrize("sentence", ASKED_WHILE_AWAY)
def test_a_question_about_while_away_settles_nothing(sentence: str) -> None:
    assert not settles_it(sentence)


@pytest.mark.parametrize("sentence", ARRANGED)
def test_a_plan_made_still_settles_it(sentence: str) -> None:
    assert settles_it(sentence)


def test_the_detector_asks_them(embedder: Embedder) -> None:
    detector = RuleEmbeddingDetector(embedder)
    lines: list[Line] = []
    for said in ASKED_WHILE_AWAY:
        rep = "And every booking shows up on the instructor's phone straight away."
        lines += [Line(len(lines), "rep", rep), Line(len(lines) + 1, "buyer", said)]
    found = detector.detect_utterances(lines)
    kinds = {s: next(d.kind for d in found[2 * i + 1]) for i, s in enumerate(ASKED_WHILE_AWAY)}
    assert {s: k for s, k in kinds.items() if k != "question"} == {}
