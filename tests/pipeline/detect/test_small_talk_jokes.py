"""Small talk about a team or an event and jokes in banter are no objections (walk 8, issue 16):
the buyer's answer to "How are the Canadiens doing?" had been a status-quo objection and an FAQ
entry's only source; "He'll be devastated." (a nephew replaced) an adoption objection; "Dev,
they can't fix the blizzard either." a status-quo one. Bakery POS, fleet telematics and dental
software calls; short real objections in the same places stay objections."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.small_talk import asks_small_talk, jokes_about_someone, makes_small_talk
from pipeline.embed import Embedder
from tests.samples import Said, aside_then_worry, kinds_found


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(
    ("sentence", "small_talk"),
    [
        ("How are the Canucks doing this season?", True),
        ("Did the Jets win last night?", True),
        ("How was the marathon?", True),
        ("How did the tournament go?", True),
        ("How did the Maple Leafs do?", True),
        ("How are the drivers doing?", False),  # their staff
        ("How are the Dentrix reports looking?", False),  # a tool, no team
        ("Did the quote win?", False),
    ],
)
def test_a_team_or_an_event_asked_after_is_small_talk(sentence: str, small_talk: bool) -> None:
    assert asks_small_talk(sentence) is small_talk


@pytest.mark.parametrize(
    ("sentence", "joke"),
    [
        ("He'll be devastated.", True),
        ("She'll have to find a new hobby.", True),
        ("Ha, he'll have to wash his own van.", True),
        ("He'll need training.", False),  # set-up
        ("She'll never agree to it.", False),  # the offer, a worry
        ("He'll decide.", False),  # his say
        ("She'll say no.", False),
        ("He'll want references first.", False),
        ("That's too much for us.", False),
        ("My team won't use it.", False),
        ("The hygienists will moan.", False),  # staff, not a third person's fate
        ("She runs two bakeries in Leeds.", False),  # a fact told of her, not her fate
    ],
)
def test_a_joke_about_someone_names_nothing_of_the_sale(sentence: str, joke: bool) -> None:
    assert jokes_about_someone(sentence) is joke


@pytest.mark.parametrize(
    ("sentence", "small_talk"),
    [
        ("Priya, they can't fix the blizzard either.", True),
        ("Well, nobody can stop the hail.", True),
        ("Your engineers can't fix the blizzard either.", False),  # ours named
        ("The app can't stop the drivers skipping checks in a blizzard.", False),
    ],
)
def test_a_blizzard_or_hail_is_the_weather(sentence: str, small_talk: bool) -> None:
    assert makes_small_talk(sentence) is small_talk


CALLS = [  # (rep, buyer turn: small talk or a joke then nothing of the sale, a real objection)
    (
        "Your ovens look great. How are the Oilers doing this year?",
        "Oh, don't ask. It's a rebuilding year, again, like every year.",
        "Forty a month per till is too much for one shop.",
    ),
    (
        "We'd take the tracking off Marco's laptop and he'd stop being your IT guy.",
        "He'll be devastated. He'll have to buy his own coffee.",
        "My drivers won't use another app.",
    ),
    (
        "Did the Flames win last night?",
        "Barely. Three periods of nonsense, like every game.",
        "The monthly fee is steep for a two-chair practice.",
    ),
]


@pytest.mark.parametrize(("rep", "banter", "worry"), CALLS)
def test_banter_is_no_objection_and_the_worry_after_it_is(
    detector: RuleEmbeddingDetector, rep: str, banter: str, worry: str
) -> None:
    call = aside_then_worry(rep, banter, worry, "Fair enough. What would stop you moving?")
    found = kinds_found(detector, call)
    said = [text for text in found if text in banter]
    assert said and all(found[text] != "objection" for text in said), found
    assert found[worry] == "objection", found


def test_a_buyer_joking_to_a_colleague_about_the_weather(detector: RuleEmbeddingDetector) -> None:
    call = [
        Said(0, "rep", "Our engineers sit in Leeds and Bristol.", "Sam Rep"),
        Said(
            1,
            "buyer",
            "So when the depot's cut off in a blizzard, nobody comes out to the vans.",
            "Priya",
        ),
        Said(2, "buyer", "Priya, they can't fix the blizzard either.", "Tom Hale"),
    ]
    assert kinds_found(detector, call)["Priya, they can't fix the blizzard either."] != "objection"
