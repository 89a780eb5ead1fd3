"""A refusal said outright is an objection ("I'm not having X", "we won't have X", "no way are we
X"; review 23l item 5: "I'm not having the kids' photos going off to some server in America."
had been small talk, 0.80), and data sent abroad is a security topic. A relief ("we won't have
to chase anyone") or a "not having any trouble" is none."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.blockers import blocks_the_deal
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REFUSALS = [
    "Also, I'm not having our patients' scans going off to some server in America.",
    "I'm not having the drivers tracked on their days off.",
    "We're not putting up with another system that drops orders at lunchtime.",
    "We won't have strangers logging into the tills after hours.",
    "I won't accept a tool that needs the tenants to download anything.",
    "No way are we putting the client files in someone else's cloud.",
    "There's no way we're paying per seat for the casual pickers.",
    "We're not letting a third party see the payroll figures.",
    "I'm just not having the vans' dashcam footage stored overseas.",
    "We refuse to have the members' bank details kept on a server in the US.",
    "Over my dead body are the site diaries going on a public link.",
]
NO_REFUSAL = [
    "We won't have to chase anyone for timesheets any more.",
    "I'm not having any trouble with the current scanner.",
    "We're not having much luck with the old booking page.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("sentence", REFUSALS)
def test_a_refusal_blocks_the_deal(sentence: str) -> None:
    assert blocks_the_deal(sentence)


@pytest.mark.parametrize("sentence", NO_REFUSAL)
def test_a_relief_or_no_trouble_is_no_refusal(sentence: str) -> None:
    assert not blocks_the_deal(sentence)


def _detected(detector: RuleEmbeddingDetector, sentences: list[str]) -> dict[str, tuple[str, str]]:
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(sentences)])
    return {
        text: next(
            (d.kind, d.category or "") for d in found[i] if d.kind not in ("competitor", "why_now")
        )
        for i, text in enumerate(sentences)
    }


def test_the_detector_reads_refusals_as_objections(detector: RuleEmbeddingDetector) -> None:
    kinds = _detected(detector, REFUSALS)
    assert {text: kind for text, (kind, _) in kinds.items() if kind != "objection"} == {}


def test_data_sent_abroad_is_a_security_refusal(detector: RuleEmbeddingDetector) -> None:
    abroad = [s for s in REFUSALS if "America" in s or "overseas" in s or "in the US" in s]
    assert {_detected(detector, abroad)[s] for s in abroad} == {("objection", "security")}


def test_close_wordings_keep_their_kind(detector: RuleEmbeddingDetector) -> None:
    kinds = _detected(detector, [*NO_REFUSAL, "I'm not sure the board will say okay."])
    assert kinds[NO_REFUSAL[0]][0] != "objection"  # a relief (the others are the model's)
    assert kinds["I'm not sure the board will say okay."][0] == "objection"
