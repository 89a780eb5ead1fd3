"""A condition the buyer puts on whatever they would buy (``pipeline/detect/requirements.py``,
``[requirement]`` in ``cues.toml``): "It has to be learnable in an afternoon.", "Whatever we
buy has to talk to Xero.", "Single sign-on or nothing." An objection in the topic of what it
asks, as the labelled sets have "whatever we pick has to post straight into Xero"
(integrations) and "it has to stay in the UK" (security); the model had read such sentences as
today's set-up or small talk. Not a duty of today's work ("The till has to be cashed up by
six."), a denial or a question ("Does it have to be online?")."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.requirements import sets_a_requirement
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line as _Line
from tests.pipeline.detect.lines import buyer_kinds

REQUIREMENTS = {
    "It has to be learnable in an afternoon.": None,
    "It needs to work offline in the basement.": "adoption",
    "Whatever we buy has to talk to Xero.": "integrations",
    "Single sign-on or nothing.": "security",
    "Whatever we pick for the clinic has to sync with the practice software.": "integrations",
    "Any new system for the brewery must post the duty returns into Sage.": "integrations",
    "For the school, it has to be hosted in the UK.": "security",
    "So the app needs to work without signal in the cold store.": "adoption",
    "Whatever we end up with has to be simple enough for the Saturday girls in the salon.": None,
    "Anything we bring in for the depot has to cost under two grand a year.": "price",
    "We need something that works offline on the gritter routes.": "adoption",
    "I'd need it to talk to the council's finance system.": "integrations",
    "Offline mode or it's a no.": "adoption",
    "Look, the new system has to export straight to our accountant.": "integrations",
}
# Duties of today's work, denials, questions and praise: no condition on a purchase.
NOT_REQUIREMENTS = [
    "The till has to be cashed up by six.",
    "Does it have to be online?",
    "It doesn't have to be online.",
    "We have to track CPR certificates for the inspection.",
    "The kegs have to be back at the brewery by Friday.",
    "Every delivery note has to be signed by the driver.",
    "It has to be done before the auditors come in.",
    "The gym has to be unlocked by half five.",
    "Sorry if I have to run.",
    "That should work for us.",
    "It's three years or nothing now with our current provider.",
    "The dentist has to sign off every treatment plan.",
]


@pytest.mark.parametrize("sentence", REQUIREMENTS)
def test_a_condition_on_what_they_buy_is_set(sentence: str) -> None:
    assert sets_a_requirement(sentence)


@pytest.mark.parametrize("sentence", NOT_REQUIREMENTS)
def test_a_duty_a_denial_or_a_question_sets_none(sentence: str) -> None:
    assert not sets_a_requirement(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_each_as_an_objection_of_its_topic(
    detector: RuleEmbeddingDetector,
) -> None:
    found = detector.detect_utterances([_Line(i, "buyer", t) for i, t in enumerate(REQUIREMENTS)])
    said = {
        d.text: (d.kind, d.category)
        for ds in found.values()
        for d in ds
        if d.kind not in ("competitor", "why_now")
    }
    wrong = {
        t: said[t]
        for t, category in REQUIREMENTS.items()
        if said[t][0] != "objection" or (category is not None and said[t][1] != category)
    }
    assert wrong == {}


def test_a_question_or_a_denial_stays_as_it_was(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, ["Does it have to be online?", "It doesn't have to be online."])
    assert kinds == {
        "Does it have to be online?": "question",
        "It doesn't have to be online.": "other",
    }
