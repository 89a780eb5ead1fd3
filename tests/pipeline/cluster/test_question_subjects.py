"""Questions that share no thing and no topic are two FAQ entries ("Can it do split shifts?" and
"does it do the room bookings?" had shared a theme: close, and both "missing feature" asks);
questions on one subject stay one, by a shared word or a shared topic. Real embedder."""

from __future__ import annotations

import pytest

from pipeline.cluster.question_groups import question_subjects, refine_question_groups
from pipeline.cluster.questions import question_topic, worded_topic
from pipeline.embed import Embedder

# One cut of each trade's "can it do X?" questions, each X its own feature.
_FEATURE_ASKS = [
    ["Can it do recall reminders?", "Does it do the x-ray storage?"],  # dental
    ["Can it do boiler service reminders?", "Does it do the van tracking?"],  # plumbing
    ["Can it do conflict checks?", "Does it do the trust accounting?"],  # law firm
]


def _refined(embedder: Embedder, questions: list[str]) -> list[list[str]]:
    vectors = embedder.encode(questions)
    topics = [question_topic(q) for q in questions]
    groups = refine_question_groups(
        vectors,
        topics,
        [list(range(len(questions)))],
        worded=[worded_topic(q) is not None for q in questions],
        subjects=[question_subjects(q) for q in questions],
    )
    return sorted(sorted(questions[row] for row in group) for group in groups)


@pytest.mark.parametrize("questions", _FEATURE_ASKS)
def test_feature_questions_on_different_things_are_different_themes(
    embedder: Embedder, questions: list[str]
) -> None:
    assert _refined(embedder, questions) == sorted([q] for q in questions)


@pytest.mark.parametrize(
    "questions",
    [
        ["What does it cost?", "Is it per location?", "And the price for two vans?"],
        ["Can I approve swaps from my phone?", "Can managers approve swaps on their phone?"],
        ["When could we start?", "And when could we start?"],
    ],
)
def test_questions_on_one_subject_stay_one_theme(embedder: Embedder, questions: list[str]) -> None:
    assert _refined(embedder, questions) == [sorted(questions)]


def test_a_question_is_about_its_things_and_its_topic() -> None:
    assert "booking" in question_subjects("sorry, can I ask, does it do the room bookings?")
    assert "topic:price" in question_subjects("Is it per location?")
    # a verb names what a question is about only when it names no thing
    assert "handle" not in question_subjects("Does it handle people who aren't on payroll?")
    assert question_subjects("When could we start?") == frozenset({"start"})
