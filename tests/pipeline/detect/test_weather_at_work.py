"""The weather, the journey or the holidays as the circumstance of the buyer's work or of a
question to us is no small talk (review 26: "Like when a storm's coming and we have to pull forty
boats in two days?", the storm haul-out question, had been ``other`` because it names a storm).
Small talk needs the whole sentence to be about the world; the real small talk keeps its
reading."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.small_talk import asks_small_talk, makes_small_talk
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_kinds

ASKED_AT_WORK = [
    "Like when a storm's coming, can it text everyone?",
    "When it snows, can it tell the parents we're shut?",  # nursery
    "If the traffic's bad, will it warn the customer the technician is late?",  # pest control
    "If a flight's delayed, does it rebook the travellers on its own?",  # travel agency
    "Whenever there's a storm warning, can it move the graveside services indoors?",  # funeral
    "On a bank holiday weekend, can it still take bookings for the surgery?",  # clinic
    "When the kids are off sick, can parents cancel the session themselves?",  # tutoring
    "Can it message the pickers if the forecast says rain?",  # farm
    "During a heatwave, could it ping the volunteers to check on the elderly clients?",  # charity
    "If it's pouring, can the crew push the job to the next dry day?",  # landscaping
    "Can it alert the drivers about the traffic on the ring road?",  # couriers
]
SAID_AT_WORK = [
    "Whenever it rains we have to reschedule every outdoor spray job.",  # pest control
    "During a heatwave we need to double the wasp callouts.",
    "Every time it snows our drivers have to ring every customer on the round.",
    "Over the long weekend we've got to cover twice the bookings with half the staff.",  # gym
    "When a storm's forecast our volunteers need to phone two hundred donors.",  # charity
    "When the forecast says frost, the growers have to fleece the whole field.",  # farm
    "On a bank holiday our staff have to open the chapel for viewings.",  # funeral home
    "When the traffic's bad, our engineers have to call ahead to every client.",
    "If the flights are cancelled we have to rebook forty students by hand.",  # school trips
    "When it's freezing the clinic has to move the morning appointments.",
]
STILL_SMALL_TALK = [
    "Lovely weather today, isn't it?",
    "Did you get much snow up in Calgary?",
    "Is it still raining in Galway?",
    "How was your flight?",
    "Can you believe this weather?",
    "Does it ever stop raining up there?",
    "Do you get much snow in Denver?",
    "It's been pouring all week in Dublin.",
    "If the weather holds, we're off to the coast this weekend.",
    "My kids were up at five this morning.",
    "Will the traffic be bad on the way back, do you think?",
]


@pytest.mark.parametrize("sentence", ASKED_AT_WORK)
def test_a_question_about_the_work_in_the_weather_is_no_small_talk(sentence: str) -> None:
    assert not asks_small_talk(sentence)


@pytest.mark.parametrize("sentence", SAID_AT_WORK)
def test_the_work_done_in_the_weather_is_no_small_talk(sentence: str) -> None:
    assert not makes_small_talk(sentence)


@pytest.mark.parametrize("sentence", STILL_SMALL_TALK)
def test_talk_of_the_world_alone_stays_small_talk(sentence: str) -> None:
    assert makes_small_talk(sentence) or asks_small_talk(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_the_storm_question_as_a_question(
    detector: RuleEmbeddingDetector,
) -> None:
    """The second question of a buyer's turn, as in the call it was found in."""
    rep = "Totally fair. Can I send you the roadmap and a reference at a club your size?"
    turn = (
        "Oh and, uh, does it do the hurricane haul-out list? Like when a storm's coming and we"
        " have to pull forty boats in two days?"
    )
    found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", turn)])[1]
    assert [d.kind for d in found if d.kind not in ("competitor", "why_now")] == [
        "question",
        "question",
    ]
    assert buyer_kinds(detector, ["Lovely weather today, isn't it?"]) == {
        "Lovely weather today, isn't it?": "other"
    }
