"""Praise of what the buyer runs today put to us as the reason to stay (``status_quo.py``,
``[status_quo]`` in ``cues.toml``): a status-quo objection, with the rival's tool named or not, as
the labelled sets have "We're on FareHarbor and honestly it works fine for us.". Review 26: "We've
been on MarinaDesk since 2008 and it's never once lost us a penny, so you've got to give me a
reason." had been a pain (0.90). Praise then a complaint is a pain; a tenure alone is the set-up."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.status_quo import defends_what_they_have
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_kinds

DEFENDED = [
    "We've been on Fieldworks since 2008 and it's never once lost us a penny, so you've got to "
    "give me a reason.",
    "We've used PestPro for twelve years and it's never let us down, so I'd need a very good "
    "reason to move.",
    "Our spreadsheet has run the funeral bookings for fifteen years without a single mix-up, so "
    "why would we change?",
    "Honestly, the old diary has never missed a callback for us in ten years, so convince me.",
    "The practice system's been rock solid since 2011, so what's the argument for changing?",
    "We've had FarmBooks for nine years and it's never lost a record, so you'll have to do "
    "better than that.",
    "Our rota book has worked for the clinic for twenty years, I don't see why we'd change it.",
    "Donorbox has never lost us a single donation, so tell me why we'd move.",
    "Jira's done everything we need since 2015, give me one reason to change.",
    "The paper diary works fine for us, so what would we gain?",
    "We're perfectly happy with our accountant's spreadsheet, so you'd have to convince me.",
]
# Praise turned into a complaint, a tenure alone, praise of us: not defended, and read as before
# (said one after another in a call; no status-quo category is forced on them).
NOT_DEFENDED = {
    "Fieldworks was great for years, but since the update it crashes every morning.": "pain",
    "We've been on Xero since 2014.": "current_setup",
    "Your app never crashed once in the trial, so why would we look elsewhere?": "objection",
    "It's never let us down, but the reporting is a nightmare.": "objection",
}


@pytest.mark.parametrize("sentence", DEFENDED)
def test_praise_put_to_us_as_a_challenge_is_told(sentence: str) -> None:
    assert defends_what_they_have(sentence)


@pytest.mark.parametrize("sentence", list(NOT_DEFENDED))
def test_praise_turned_or_ours_is_not(sentence: str) -> None:
    assert not defends_what_they_have(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _read(detector: RuleEmbeddingDetector, sentences: list[str]) -> dict[str, tuple[str, str]]:
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(sentences)])
    return {
        text: next(
            (d.kind, d.category or "") for d in found[i] if d.kind not in ("competitor", "why_now")
        )
        for i, text in enumerate(sentences)
    }


def test_the_detector_reads_a_status_quo_objection(detector: RuleEmbeddingDetector) -> None:
    said = _read(detector, DEFENDED)
    assert {t: k for t, k in said.items() if k != ("objection", "status_quo")} == {}


def test_a_named_rival_defended_is_the_status_quo(detector: RuleEmbeddingDetector) -> None:
    sentence = DEFENDED[0]
    found = detector.detect(sentence, competitors=["Fieldworks"])
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    assert (kind.kind, kind.category) == ("objection", "status_quo")
    assert [d.competitor for d in found if d.kind == "competitor"] == ["Fieldworks"]


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(NOT_DEFENDED)) == NOT_DEFENDED
