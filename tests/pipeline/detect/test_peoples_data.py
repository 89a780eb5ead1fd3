"""Data about people (students, minors, patients, candidates, tenants) and their age is privacy,
so a security objection, when no other topic settles it (review 25a item 6: "My bigger worry is
the student data." had been integrations and "Some of our pupils are seventeen." after a GDPR
question adoption). Moving or syncing that data stays the switch or the integration, and data
that is about no one keeps the model's category (``plain_topics.plain_topic``)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.plain_topics import plain_topic
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

PEOPLES_DATA = [
    "My bigger worry is the student data.",
    "Some of our pupils are seventeen.",
    "The thing that bothers me is the patient records.",
    "These are minors, we hold their permit numbers and dates of birth.",
    "Honestly my concern is the candidates' personal details.",
    "I'm nervous about the tenants' bank details.",
    "Most of the kids are under 16, so the parents would need to agree.",
    "The children's photos are the sticking point for the governors.",
    "We hold applicants' passport numbers, that's what worries me.",
    "It's the residents' medical histories I'd worry about.",
    "Half of our learners are fifteen.",
    "The families' contact details can't just go anywhere.",
]
# (sentence, the category it keeps: its own topic, or the model's when it names none)
NOT_PEOPLES_DATA = [
    ("And moving three thousand pupil records over from Dentrix scares me.", "switching"),
    ("The patient data has to sync with Cliniko every night.", "integrations"),
    ("We can't justify the cost of the student records module.", "price"),
    ("My bigger worry is the stock data.", "integrations"),
    ("The job data is the sticking point.", "adoption"),
    ("The students are all adults, mostly career changers.", "adoption"),
    ("Re-training the staff on the candidate screens is the worry.", "adoption"),
]
REP = "We host everything on AWS, and support only opens an account with your permission."


@pytest.mark.parametrize("sentence", PEOPLES_DATA)
def test_peoples_data_is_privacy(sentence: str) -> None:
    assert plain_topic(sentence, "integrations") == "security"


@pytest.mark.parametrize(("sentence", "kept"), NOT_PEOPLES_DATA)
def test_data_moved_synced_or_about_no_one_keeps_its_topic(sentence: str, kept: str) -> None:
    assert plain_topic(sentence, kept) == kept
    assert plain_topic(sentence, None) != "security"


def test_the_detector_files_worries_about_peoples_data_as_security(embedder: Embedder) -> None:
    detector = RuleEmbeddingDetector(embedder)
    lines: list[Line] = []
    for said in PEOPLES_DATA:
        lines += [Line(len(lines), "rep", REP), Line(len(lines) + 1, "buyer", said)]
    found = detector.detect_utterances(lines)
    objections = {
        said: d.category
        for i, said in enumerate(PEOPLES_DATA)
        for d in found[2 * i + 1]
        if d.kind == "objection"
    }
    assert len(objections) >= len(PEOPLES_DATA) // 2, objections
    assert {s: c for s, c in objections.items() if c != "security"} == {}
