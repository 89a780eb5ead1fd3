"""Praise and politeness are no objection: how what we showed looks or sounds ("It looks
lovely."), what the rep said called no folly ("I mean, that's not silly."), a courtesy before a
verdict ("It's not you, the product is great, Jolene loved the demo.": ``[welcome]`` in
``cues.toml``, ``rules.settles_it``) and a hint of leaving taken back ("Not saying we'd go there,
just, you know.": ``asides.takes_back_a_hint``). Review 27 had them as status quo and price
objections (0.29-0.70). Beside a worry they keep it: "It's not you, it's the price." is price."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import takes_back_a_hint
from pipeline.detect.rules import settles_it
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

# (the rep's turn before, the buyer's praise or courtesy), across trades
PRAISE = [
    ("And that's the family portal.", "It looks lovely."),
    ("This is the berth map the dock hands see.", "That looks brilliant, honestly."),
    ("Here's the spray diary on the phone.", "That all sounds really good."),
    ("This is how parents would see the timetable.", "Oh, that looks really nice."),
    ("So that's the donor dashboard.", "This looks fantastic, I must say."),
    ("The technician gets the route on his phone like this.", "It sounds great."),
    ("Could you not run the reminders off the same list?", "I mean, that's not silly."),
    ("We could start with just the one clinic.", "That's not a bad idea."),
    ("Maybe the agency pilots it on one client first?", "That's not a bad shout, actually."),
    ("Why did you decide to hold off?",
     "It's not you, the product is great, Jolene loved the demo."),
    ("So where did we land?", "No offence, the app is brilliant, the lads loved the trial."),
    ("Was it something about the demo?", "Don't get me wrong, the app looks great."),
]  # fmt: skip
# Praise turned, said of what they have, or a courtesy beside a worry: not settled.
NOT_PRAISE = [
    "It looks lovely, but our families won't use a portal.",
    "It's not you, it's the price.",
    "It looks great on paper.",
    "It is great.",
    "That's not cheap.",
    "That's not ideal.",
    "No offence, but the product is great for bigger firms, not us.",
    "It's not you, the product is great, we just can't justify it this year.",
    # praise before a want of money or time is that want ("haven't got the budget" had no cue)
    "The product is great, we just haven't got the budget.",
    "It's not you, the app is brilliant, we just haven't got the money this year.",
    "Loved the demo, but there's no budget for it till April.",
    "The dashboard looks lovely, we just haven't got the time to set it up.",
    "Don't get me wrong, it looks great, but the practice hasn't got the budget.",
]
# A hint of leaving taken back, nothing more.
TAKEN_BACK = [
    "Not saying we'd go there, just, you know.",
    "I'm not saying we'd switch, just saying.",
    "Not that we're going anywhere or anything.",
    "I'm not saying we'd leave you for them, just thinking out loud.",
    "I'm not suggesting we'd drop the trial, just so you know.",
    "Not that we'd move the whole farm over, mind.",
    "Not saying we'd jump ship, really.",
    "Not saying the practice would change, just, you know.",
    "I'm not saying the school would go with them, just thinking out loud.",
    "Not that the charity is moving anywhere, is all.",
]
NOT_TAKEN_BACK = [
    "I'm not saying they can't, I'm saying they'll moan for a month.",
    "Not saying we'd switch, just that they're half your price.",
    "Not that we'd ever pay that much.",
    "Not saying we'd go there, but their price is half yours.",
    "Are you saying we'd have to move everything?",
]


@pytest.mark.parametrize("turn", PRAISE, ids=[b for _, b in PRAISE])
def test_praise_and_courtesy_settle_it(turn: tuple[str, str]) -> None:
    assert settles_it(turn[1])


@pytest.mark.parametrize("sentence", NOT_PRAISE)
def test_praise_turned_or_beside_a_worry_does_not(sentence: str) -> None:
    assert not settles_it(sentence)


@pytest.mark.parametrize("sentence", TAKEN_BACK)
def test_a_hint_taken_back_is_told(sentence: str) -> None:
    assert takes_back_a_hint(sentence)


@pytest.mark.parametrize("sentence", NOT_TAKEN_BACK)
def test_a_hint_that_says_more_is_not(sentence: str) -> None:
    assert not takes_back_a_hint(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_no_objection(detector: RuleEmbeddingDetector) -> None:
    turns = [*PRAISE, *(("Who else are you looking at?", said) for said in TAKEN_BACK)]
    found = kinds_after_the_rep(detector, turns)
    assert {said: kind for said, kind in found.items() if kind == "objection"} == {}


STILL_OBJECTIONS = [
    ("Why did you decide to hold off?", "It's not you, it's the price."),
    ("Who else are you looking at?", "Not saying we'd switch, just that they're half your price."),
    ("And that's the family portal.", "It looks lovely, but our families won't use a portal."),
]


def test_a_courtesy_beside_a_worry_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, STILL_OBJECTIONS)
    assert {said: kind for said, kind in found.items() if kind != "objection"} == {}
