"""A buying topic named as the problem (``pipeline/detect/named_problem.py``,
``[named_problem]`` in ``cues.toml``): "<topic> is the problem", "the issue is <topic>", "it's a
<topic> thing", "bad timing". An objection of that topic: held-out calls had filed timing named
so as price (the category head, and a price the sentence says is not the problem) or set-up
time, and the kind head had read "problem" as a pain. A problem of their own operation ("our
problem is ...", "the problem is the drivers never ring in") names no buying topic."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.named_problem import named_problem
from pipeline.detect.plain_topics import plain_topic
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

TIMING_NAMED = [
    "The problem is the timing with the haul-out season.",
    "Honestly the issue is timing, we're in the middle of exams.",
    "It's a timing thing with the new tap room opening.",
    "Timing's the sticking point for us, not the software.",
    "It's just bad timing with peak season coming.",
    "The real issue is timing, the lab's moving premises in June.",
    "It's more a timing issue than anything, we're mid-refit.",
    "Timing is the problem, not the price.",
    "The thing is the timing, the marina's half empty till April.",
    "It's really bad timing for the school with the inspection due.",
    "Problem is timing.",
]
OTHER_TOPICS_NAMED = {
    "The problem is the budget, not the product.": "price",
    "It's a money thing for the brewery this year.": "price",
    "The issue is the contract length, not the app.": "contract",
    "The issue is training, the stylists are all part-time.": "setup_time",
    "The problem is security, the lab's clients are all hospitals.": "security",
    "The issue is integration with our practice software.": "integrations",
    "The sticking point is the migration, not the price.": "switching",
    "It's an adoption thing, the drivers have three apps already.": "adoption",
}
NO_TOPIC_NAMED = [
    "Our problem is integration, nothing talks to each other.",
    "The problem is the drivers never ring in.",
    "The issue is our stylists can't see the diary from home.",
    "The problem isn't the timing.",
    "It's not a timing thing.",
    "Is the problem the timing?",
    "The timing's great for us actually.",
    "The problem is the timing of our deliveries.",
    "The thing is the price is fine.",
    "The problem is time, nobody has an hour spare.",
]


@pytest.mark.parametrize("sentence", TIMING_NAMED)
def test_timing_named_as_the_problem_is_authority_and_timing(sentence: str) -> None:
    assert named_problem(sentence) == "authority_timing"
    assert plain_topic(sentence, "price") == "authority_timing"


@pytest.mark.parametrize(("sentence", "category"), OTHER_TOPICS_NAMED.items())
def test_the_topic_named_settles_the_category(sentence: str, category: str) -> None:
    assert named_problem(sentence) == category


@pytest.mark.parametrize("sentence", NO_TOPIC_NAMED)
def test_no_buying_topic_named_settles_nothing(sentence: str) -> None:
    assert named_problem(sentence) is None


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_each_topic_named(detector: RuleEmbeddingDetector) -> None:
    expected = dict.fromkeys(TIMING_NAMED, "authority_timing") | OTHER_TOPICS_NAMED
    said = buyer_verdicts(detector, [Line(i, "buyer", t) for i, t in enumerate(expected)])
    wrong = {t: k for t, k in said.items() if k != ("objection", expected[t])}
    assert wrong == {}


def test_timing_after_a_price_is_still_timing(detector: RuleEmbeddingDetector) -> None:
    lines = [
        Line(0, "rep", "For the two yards it comes to $480 a month, billed annually."),
        Line(1, "buyer", "Honestly it's a timing thing, we're mid-refit."),
        Line(2, "rep", "It's nine pounds per chair per month."),
        Line(3, "buyer", "The problem is the timing with the new salon."),
    ]
    assert set(buyer_verdicts(detector, lines).values()) == {("objection", "authority_timing")}
