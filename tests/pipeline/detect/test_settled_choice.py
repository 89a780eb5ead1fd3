"""A choice settled after a look at several (issue 16): "We tried two vendors and settled on
Acme." tells what the buyer runs today, a set-up with the rival tagged, not a competitor
objection (nor other); several tried none of which worked is a pain; the choice said with why
they are not looking ("We already settled on Acme, so we're not looking.") stays an objection.
Accounting, rota, haulage, salon, vet and farm calls, through the real detector where the kind
is the point."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.settled_choice import settled_choice_kind
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ("Acme", "Rotaly", "BookIt", "VetLoop")


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("We tried two vendors and settled on Acme.", "current_setup"),
        ("We looked at three tools and went with Rotaly.", "current_setup"),
        ("We trialled a couple and ended up with BookIt.", "current_setup"),
        ("The practice demoed a few systems and chose VetLoop in the end.", "current_setup"),
        ("We shopped around and opted for a local payroll bureau.", "current_setup"),
        ("We tried two vendors and neither worked.", "pain"),
        ("We trialled a few apps for the milk records and none of them did the job.", "pain"),
        ("We already settled on Acme, so we're not looking.", None),  # no look at several
        ("We tried two vendors and settled on Acme, so we're not looking.", None),
        ("We looked at three and went with Rotaly over you.", None),  # us weighed: a loss
        ("Did you look at a few before you went with BookIt?", None),
        ("We went with Rotaly last week.", None),  # a choice with no look at several
        ("We compared three quotes and went with Acme two weeks ago.", None),  # news: a loss
        ("The yard looked at a few and picked BookIt on Monday.", None),
        ("We tried two of their templates and the clients liked them.", None),
    ],
)
def test_a_settled_choice_and_none_that_worked(sentence: str, kind: str | None) -> None:
    assert settled_choice_kind(sentence) == kind


def _verdict(detector: RuleEmbeddingDetector, sentence: str) -> tuple[str, str | None, list[str]]:
    """The sentence's kind, category and the rivals tagged on it, said after a rep's question."""
    lines = [Line(0, "rep", "What are you using for that today?"), Line(1, "buyer", sentence)]
    found = detector.detect_utterances(lines, competitors=RIVALS)[1]
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    return kind.kind, kind.category, [d.competitor or "" for d in found if d.kind == "competitor"]


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("We tried two vendors for billing and settled on Acme.", "Acme"),
        ("We looked at three tools and went with Rotaly.", "Rotaly"),
        ("We trialled a couple and ended up with BookIt.", "BookIt"),
        ("The practice demoed a few systems and chose VetLoop.", "VetLoop"),
    ],
)
def test_a_settled_choice_is_the_set_up_with_the_rival_tagged(
    detector: RuleEmbeddingDetector, sentence: str, rival: str
) -> None:
    assert _verdict(detector, sentence) == ("current_setup", None, [rival])


def test_several_tried_none_worked_is_a_pain(detector: RuleEmbeddingDetector) -> None:
    assert _verdict(detector, "We tried two vendors and neither worked.")[0] == "pain"


@pytest.mark.parametrize(
    "sentence",
    [
        "We already settled on Acme, so we're not looking.",
        "We looked at three tools and went with Rotaly, so we're not really looking.",
    ],
)
def test_a_choice_with_why_they_are_not_looking_stays_an_objection(
    detector: RuleEmbeddingDetector, sentence: str
) -> None:
    assert _verdict(detector, sentence)[0] == "objection"
