"""A must-have said as the deal's condition, with what happens otherwise
(``blockers.required_or_else``, ``must``/``if_not``/``otherwise``/``dismissal`` in ``[blocker]``):
an objection on what it asks, as the README promises of conditions on signing. Review 26:
"Whatever we bring in has to post invoices into Sage, or it's dead in the water, frankly." had
been today's set-up (0.82). A duty of the buyer's own work with its consequence is none."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.blockers import blocks_the_deal, required_or_else
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_kinds

# The sentence, what it asks, the topic the detector files it under ("" where no topic word
# settles one and the model's category stands).
MUST_OR_ELSE = [
    (
        "Whatever we bring in has to post invoices into Sage, or it's dead in the water, frankly.",
        "post invoices into sage",
        "integrations",
    ),
    ("It has to talk to Xero, otherwise forget it.", "talk to xero", "integrations"),
    ("It's got to sync with QuickBooks or we're not interested.", "sync with quickbooks", ""),
    ("If it can't sync with our EHR, it's a non-starter.", "sync with our ehr", ""),
    (
        "Unless it exports to our payroll, we won't touch it.",
        "it exports to our payroll",
        "",
    ),
    ("Any new system must take card payments at the door, or it's no use to us.", "", ""),
    ("The new app needs to work with no signal in the top fields, or we walk.", "", ""),
    ("It has to handle Gift Aid declarations, otherwise it's a waste of time.", "", ""),
    ("Whatever we pick has to print death certificates, or it's not happening.", "", ""),
    ("Your portal must let clients approve designs, or there's no point.", "", ""),
    ("If it doesn't do GDPR-compliant consent forms, it's a no from me.", "", "security"),
    ("The software has to post to Sage, or the partners will bin it.", "", "integrations"),
]
# A duty or deadline of their own with its consequence, a condition of the weather: no blocker.
NOT_OURS = [
    "It has to be done by Friday or the client walks.",
    "We have to file by the 31st or we get fined.",
    "If it rains, the whole day is dead in the water.",
    "It has to be signed by Friday, that's done.",
    "The crop has to be in by June, otherwise the buyers walk.",
    "We need to get the ewes in before the weather turns or we lose lambs.",
]
NOT_OURS_READ = {
    "It has to be done by Friday or the client walks.": "other",
    "We have to file by the 31st or we get fined.": "pain",
    "If it rains, the whole day is dead in the water.": "other",
}


@pytest.mark.parametrize(("sentence", "asked", "topic"), MUST_OR_ELSE)
def test_a_must_have_with_its_dismissal_blocks_the_deal(
    sentence: str, asked: str, topic: str
) -> None:
    said = required_or_else(sentence)
    assert said is not None and said == (asked or said)
    assert blocks_the_deal(sentence)


@pytest.mark.parametrize("sentence", NOT_OURS)
def test_a_duty_of_their_own_is_not(sentence: str) -> None:
    assert required_or_else(sentence) is None
    assert not blocks_the_deal(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_an_objection_on_what_it_asks(
    detector: RuleEmbeddingDetector,
) -> None:
    sentences = [sentence for sentence, _, _ in MUST_OR_ELSE]
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(sentences)])
    for i, (sentence, _, topic) in enumerate(MUST_OR_ELSE):
        said = next(d for d in found[i] if d.kind not in ("competitor", "why_now"))
        assert said.kind == "objection", sentence
        assert said.confidence >= 0.9, sentence
        assert said.category == (topic or said.category), sentence


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(NOT_OURS_READ)) == NOT_OURS_READ
