"""Ours said to be the better one, or better than what the buyer has, is praise, never an
objection (review 25a item 3: "Look, it's a better product for us, I can see that." had been a
price objection and "To be fair the diary on your app looks miles better than anything we've
used." an adoption one). Better said of a rival, denied, set on a condition, asked or turned to
a worry stays what the model reads (``asides.praises_us``)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import praises_us
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

RIVALS = ["LessonLoop", "Instructa", "Dentrix", "Procore", "Toastly"]
BETTER = [
    "Look, it's a better product for us, I can see that.",
    "To be fair the diary on your app looks miles better than anything we've used.",
    "Okay, that's better than my Google Calendar.",
    "Honestly, yours is the better system, no question.",
    "The rota screen is way better than what we've got now.",
    "I'll give you that, it's clearly a better fit for a clinic our size.",
    "The job board looks far better than anything we've tried on site.",
    "Your menu builder is so much better than our old spreadsheet.",
    "Credit where it's due, the tenant portal is better than what we use today.",
    "You've got the better platform, I'll give you that.",
    "The parent app is better than anything we've had before, to be fair.",
    "That's a much better setup than our current one.",
]
NOT_BETTER = [
    "Our current system is much better than what you showed us.",
    "It's not a better fit for us.",
    "If it's a better product we'd switch.",
    "LessonLoop is a better product for us.",
    "It's a better product, but the price is too high.",
    "Instructa looks miles better than anything we've used.",
    "Is it better than what we've got now?",
    "It's no better than our spreadsheet, honestly.",
    "Dentrix is better than anything we've tried for the front desk.",
    "It needs to be better than our old system before the partners sign.",
]


@pytest.mark.parametrize("sentence", BETTER)
def test_ours_said_better_is_praise(sentence: str) -> None:
    assert praises_us(sentence, RIVALS)


@pytest.mark.parametrize("sentence", NOT_BETTER)
def test_better_of_a_rival_denied_or_asked_is_no_praise(sentence: str) -> None:
    assert not praises_us(sentence, RIVALS)


def test_the_detector_reads_no_objection_in_them(embedder: Embedder) -> None:
    detector = RuleEmbeddingDetector(embedder, competitors=RIVALS)
    rep = "It's fifteen a month per user, and the first month is free."
    kinds = kinds_after_the_rep(detector, [(rep, said) for said in BETTER])
    assert {s: k for s, k in kinds.items() if k == "objection"} == {}
