"""A joke about how someone will fare opens with a first name or "they" as often as with "he"
(walk 8, issue 16): "Kyle will be devastated.", "Maria's going to need a bigger desk, ha." and
"They'll have to find a new lunch spot." had stayed objections. Plumbing, veterinary and
catering calls; the same openings with the offer, a refusal, a demand or the day's work in them
stay objections."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.small_talk import jokes_about_someone
from pipeline.embed import Embedder
from tests.samples import aside_then_worry, kinds_found


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyle will be devastated.",  # plumbing: the nephew who did the books
        "Maria's going to need a bigger desk, ha.",  # vets: the spare screen goes to her
        "They'll have to find a new lunch spot.",  # catering: the depot moves
        "Oh, Tony's gonna be gutted.",
        "The guys will be gutted.",
        "They're going to need a bigger van, lol.",
        "The team will have to find somewhere else to nap.",
    ],
)
def test_a_joke_about_a_named_person_or_a_group(sentence: str) -> None:
    assert jokes_about_someone(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyle will never agree to it.",  # the offer, a refusal
        "They'll need training.",  # set-up
        "Maria won't use another app.",
        "They won't pay for that.",
        "Maria's going to need a bigger desk.",  # a demand, no laugh
        "They'll have to log each job on a tablet.",  # the day's work
        "The guys will have to update the rota twice.",
        "Dmitri will have to re-enter every booking.",
        "They'll moan.",  # their people against the change
        "The team will struggle with the switch.",
        "Will that be ready by Monday?",  # no one's name
        "Monday will be busy.",
    ],
)
def test_the_same_opening_with_the_sale_or_the_work_is_no_joke(sentence: str) -> None:
    assert not jokes_about_someone(sentence)


CALLS = [  # (rep, the buyer's joke, a real objection later in the call)
    (
        "With the job app your apprentice wouldn't be keying in the dockets any more.",
        "Kyle's going to have to find a new hobby.",
        "Kyle will never go for it.",
    ),
    (
        "The dashboard goes on the second screen at reception.",
        "Maria's going to need a bigger desk, ha.",
        "Maria won't use another app.",
    ),
    (
        "If you move the prep kitchen to the new unit, the drivers load from there.",
        "They'll have to find a new lunch spot.",
        "They won't pay for that.",
    ),
]


@pytest.mark.parametrize(("rep", "joke", "worry"), CALLS)
def test_the_joke_is_no_objection_and_the_worry_is(
    detector: RuleEmbeddingDetector, rep: str, joke: str, worry: str
) -> None:
    call = aside_then_worry(rep, joke, worry, "Fair enough. What would hold you back?")
    found = kinds_found(detector, call)
    assert found.get(joke, "other") != "objection", found
    assert found[worry] == "objection", found
