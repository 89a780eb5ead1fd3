"""A topic named alone before the turn tells what goes wrong with it (``side_remarks.topics_told``,
``names_a_topic_only``): the pain the next sentence tells. Review 27: "The paperwork from the
other directors." then "We get the green form ... and I'm chasing them the day before the
burial." had been a set-up (0.78); the labelled sets have "Oh, and permits.", "Thank-you
letters." and "And the waitlist." so. A size, a tool or a medium named, a nod, or a topic whose
turn tells no pain keeps its reading."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.side_remarks import names_a_topic_only
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import sentence_kinds

# topic: the pain told after it
TOLD = {
    "The change requests from clients.": "They come in by email and text and we lose half of them.",
    "The spray records.": "I'm typing them up by hand every Sunday night.",
    "The referral letters from other practices.": (
        "Half of them go missing between the fax and the scanner."
    ),
    "The cleaning logs.": "Nobody fills them in and it's a nightmare when the inspector comes.",
    "Oh, and the key handovers.": (
        "Tenants turn up and nobody knows who has the spare, it drives me mad."
    ),
    "The invoices from subcontractors.": (
        "They arrive in every format going and I'm retyping them all."
    ),
    "The timesheets from the casuals.": (
        "They come in on scraps of paper and I'm retyping them every Sunday."
    ),
    "The delivery notes from the suppliers.": (
        "Half of them go missing and we can't reconcile the invoices."
    ),
    "The volunteer rotas.": (
        "Every week somebody doesn't turn up and I'm ringing round at seven in the morning."
    ),
    "Our allergy records.": "Nobody trusts them and we check every child by hand at lunch.",
    "The harvest weights from the contractors.": (
        "We copy them in twice and the totals never match."
    ),
    "The callback requests.": "They sit in three inboxes and we miss half of them every week.",
}
# A medium or tool named, a size, a nod, a clause: no topic named alone.
NOT_TOPICS = [
    "Paper logbooks in the glovebox.",
    "Two depots.",
    "The spreadsheet.",
    "Exactly.",
    "ClockBee on my phone.",
    "The tenant sees the status.",
    "Always.",
    "Truro and Falmouth.",
    "The boss hates it.",
    "Thanks.",
]
# Turns whose first sentence keeps its reading: a medium, a size, a buying topic, a nod before a
# pain, and a topic with no pain after it.
KEPT = {
    "Paper logbooks in the glovebox.": "current_setup",
    "Two depots.": "current_setup",
    "The spreadsheet.": "current_setup",
    "Exactly.": "other",
    "The school trips.": "other",
}
KEPT_TURNS = [
    "Paper logbooks in the glovebox. They fill them in on a Friday from memory, which is a "
    "nightmare.",
    "Two depots. And the stock counts are off every single week.",
    "The spreadsheet. It's a mess and only Dave understands it.",
    "Exactly. We lose two days a month chasing timesheets.",
    "The school trips. We run about six a year.",
]


@pytest.mark.parametrize(("topic", "pain"), TOLD.items())
def test_a_topic_named_alone_is_told(topic: str, pain: str) -> None:
    assert names_a_topic_only(topic)
    assert not names_a_topic_only(pain)


@pytest.mark.parametrize("sentence", NOT_TOPICS)
def test_a_medium_a_size_a_nod_or_a_clause_is_no_topic_named_alone(sentence: str) -> None:
    assert not names_a_topic_only(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_the_topic_as_the_pain_told_after_it(
    detector: RuleEmbeddingDetector,
) -> None:
    kinds = sentence_kinds(detector, [f"{topic} {pain}" for topic, pain in TOLD.items()])
    assert {pain: kinds[pain] for pain in TOLD.values()} == dict.fromkeys(TOLD.values(), "pain")
    assert {topic: kinds[topic] for topic in TOLD if kinds[topic] != "pain"} == {}


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    kinds = sentence_kinds(detector, KEPT_TURNS)
    assert {first: kinds[first] for first in KEPT} == KEPT
