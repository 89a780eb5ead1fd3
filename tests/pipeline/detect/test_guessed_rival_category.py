"""Only a configured rival (or one in the call's metadata) makes an objection a competitor
objection, as the README says; a name guessed from its frame stays a tag. Walk 6: "We're on
BigRoad for the ELDs ... whether you can even read BigRoad logs" (BigRoad: an import on our
roadmap, configured nowhere) had been an objection in the competitor category, naming BigRoad."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.competitors import GUESSED_RIVAL_CONFIDENCE
from pipeline.embed import Embedder

# Each names a system the buyer runs, guessed from "we're on X" / "we've got X", and asks
# whether ours can read it: the model's category was the competitor's.
ASKED = [
    ("We're on Loglane for the ELDs, all twenty trucks, and my first question is whether you "
     "can even read Loglane logs.", "Loglane"),  # trucking
    ("We've got Harvestly on every tractor, and I'm not sure your app can read Harvestly yield "
     "maps.", "Harvestly"),  # farming
    ("We're on Kitchentab in both restaurants, and my first question is whether you can read "
     "Kitchentab orders.", "Kitchentab"),  # restaurants
]  # fmt: skip


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(("sentence", "name"), ASKED)
def test_a_guessed_name_tags_but_does_not_make_a_competitor_objection(
    detector: RuleEmbeddingDetector, sentence: str, name: str
) -> None:
    found = detector.detect(sentence)
    kinds = {d.kind: d for d in found}
    assert kinds["objection"].category != "competitor"
    assert kinds["objection"].competitor is None
    tag = kinds["competitor"]
    assert (tag.competitor, tag.confidence) == (name, GUESSED_RIVAL_CONFIDENCE)


@pytest.mark.parametrize(("sentence", "name"), ASKED[:2])  # configured, the third reads as set-up
def test_a_configured_name_still_makes_one(
    detector: RuleEmbeddingDetector, sentence: str, name: str
) -> None:
    objection = next(
        d for d in detector.detect(sentence, competitors=[name]) if d.kind == "objection"
    )
    assert (objection.category, objection.competitor) == ("competitor", name)
