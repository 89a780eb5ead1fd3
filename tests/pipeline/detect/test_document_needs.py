"""What a document the product makes must look like (its layout, template, logo or language) is
a missing feature, not security (walk 5: an insurer's inspection report "in their own layout"
and a certificate "with their own logo" were filed as security and shared a theme with a
data-residency worry). Security stays data protection, access and where data lives; a system
named to connect stays integrations."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.plain_topics import plain_topic
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

DOCUMENT_NEEDS = [
    # gas engineers
    "Our insurer wants every gas safety certificate in their own layout, and that's a sticking"
    " point for us.",
    # commercial cleaning
    "Our biggest client insists the cleaning checklists go out on their letterhead, so if we"
    " can't do that it's a problem.",
    # vets
    "The referral letters have to be in our house style, not some generic template, or the"
    " partners won't sign.",
    # driving school, a language
    "The council wants the pupil progress reports in Welsh as well, and I can't see that in yours.",
    # hauliers
    "Our customers want the delivery notes with their own logo on them, otherwise it's a no.",
]
STILL_SECURITY = [
    "The council's framework says the data has to stay in the UK, so where are you hosted?",
    "I'd worry about who can see the client files.",
]


@pytest.mark.parametrize("sentence", DOCUMENT_NEEDS)
def test_how_a_document_must_look_is_a_missing_feature(sentence: str) -> None:
    assert plain_topic(sentence, "security") == "missing_feature"


@pytest.mark.parametrize("sentence", STILL_SECURITY)
def test_data_and_access_stay_security(sentence: str) -> None:
    assert plain_topic(sentence, "security") == "security"


def test_a_system_named_to_connect_stays_integrations() -> None:
    said = "Our accountant wants the invoices in a format Xero can read."
    assert plain_topic(said, None) == "integrations"


def test_a_screen_layout_is_no_document() -> None:
    said = "We're worried about the layout of the app, the drivers find it confusing."
    assert plain_topic(said, "adoption") == "adoption"


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_files_document_needs_apart_from_data(
    detector: RuleEmbeddingDetector,
) -> None:
    """As in the calls: an inspection report's layout, a certificate's logo in a rep's note, and a
    data-residency worry in the same deal (lift maintenance, and a pest-control firm's)."""
    lines = [
        Line(0, "rep", "What would stop you moving across?"),
        Line(1, "buyer", "Our insurer wants the annual inspection report in their own layout."),
        Line(
            2,
            "buyer",
            "And the council's framework says the data has to stay in the UK.",
        ),
        Line(
            3,
            "rep_note",
            "Wants the treatment certificate to look like the one they issue now, with their own"
            " logo.",
            call_id=2,
        ),
    ]
    found = detector.detect_utterances(lines)
    verdicts = {
        d.text: (d.kind, d.category)
        for line in lines[1:]
        for d in found[line.id]
        if d.kind not in ("competitor", "why_now")
    }
    assert verdicts == {
        "Our insurer wants the annual inspection report in their own layout.": (
            "objection",
            "missing_feature",
        ),
        "And the council's framework says the data has to stay in the UK.": (
            "objection",
            "security",
        ),
        "Wants the treatment certificate to look like the one they issue now, with their own"
        " logo.": ("objection", "missing_feature"),
    }
