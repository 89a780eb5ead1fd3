"""A handful of answers moves only the sentences near them (``answer_reach.py``): five answers
on objections from three trades' calls, the detector re-fit on them as a redetect builds it, and
the pains and small talk of those trades far from every answer keep their kinds and scores
(walk 7 snag 6: five answers had turned failed-payment pains into objections and set-ups)."""

from __future__ import annotations

import numpy as np

from pipeline.config import Settings
from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.answer_reach import reach
from pipeline.detect.classify import KINDS, SentenceInput
from pipeline.detect.labels import LabelledSentence, record_user_label
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REP = "So where does that leave you?"
# What three trades' buyers said that a user answered as objections (a dental group's recall
# software, a bakery's ordering, a landscaper's job app), with their categories: the model had
# read most of them as pains and set-ups.
ANSWERED = {
    "The thing I keep coming back to is the recall letters.": "switching",
    "Our nurses chase the recalls by phone every week.": "status_quo",
    "We lose a morning a week re-keying the flour orders.": "integrations",
    "Mowing rounds get planned on a whiteboard in the shed.": "status_quo",
    "The patients' records are all still in the old system.": "switching",
}
# The same trades' pains and small talk, far from every answer (nearer none than unrelated
# sentences typically are: ``neighbours.typical_nearest``); five answers had moved their P(kind)
# by up to 0.14.
PAINS = (
    "Every Friday I'm ringing round patients who missed their hygiene appointment.",
    "Half my Monday goes on chasing invoices the council still hasn't paid.",
    "We're chasing about twenty unpaid quotes a month by hand.",
    "Jo spends most of Tuesday ringing customers whose cards declined.",
)
OTHER = (
    "Our hygienist is off on maternity leave from June.",
    "Sorry, I'm in the van, the signal's patchy out here.",
    "Most of our patients book by phone on a Monday.",
)
FAR = PAINS + OTHER


def _turns(texts: tuple[str, ...]) -> list[Line]:
    """Each text a buyer's answer to the rep's ``REP`` (buyer turn ``2 * i + 1``)."""
    return [
        line
        for i, text in enumerate(texts)
        for line in (Line(2 * i, "rep", REP), Line(2 * i + 1, "buyer", text))
    ]


def _scores(detector: RuleEmbeddingDetector, texts: tuple[str, ...]) -> list[dict[str, float]]:
    scores, _, _ = detector.score(detector.sentences(_turns(texts)))
    return [s.probabilities for s in scores]


def _kinds(detector: RuleEmbeddingDetector, texts: tuple[str, ...]) -> list[str]:
    found = detector.detect_utterances(_turns(texts))
    return [
        next(d.kind for d in found[2 * i + 1] if d.kind not in ("competitor", "why_now"))
        for i in range(len(texts))
    ]


def test_five_answers_leave_far_pains_and_small_talk_as_they_were(
    settings: Settings, embedder: Embedder
) -> None:
    before = RuleEmbeddingDetector.from_settings(settings, embedder)
    assert _kinds(before, FAR) == ["pain"] * len(PAINS) + ["other"] * len(OTHER)
    for call, (text, category) in enumerate(ANSWERED.items(), start=1):
        said = SentenceInput(text, text, REP)
        answer = LabelledSentence(said, "objection", category, f"call-{call}")
        record_user_label(settings.data_dir, answer, utterance=str(call))
    after = RuleEmbeddingDetector.from_settings(settings, embedder)  # re-fits on the answers
    assert after.model.key != before.model.key
    answered = embedder.encode(list(ANSWERED))
    assert float((embedder.encode(list(FAR)) @ answered.T).max()) < 0.55  # far from all
    assert _kinds(after, FAR) == _kinds(before, FAR)
    for old, new in zip(_scores(before, FAR), _scores(after, FAR), strict=True):
        assert max(abs(old[k] - new[k]) for k in KINDS) < 0.01
    assert _kinds(after, tuple(ANSWERED)) == ["objection"] * len(ANSWERED)  # taught still


def test_reach_runs_from_unrelated_to_the_bar_and_grows_with_the_answers() -> None:
    similarity = np.array([0.1, 0.6, 0.7, 0.8, 0.95])
    assert np.allclose(reach(similarity, 0.6, 0.8), [0.0, 0.0, 0.5, 1.0, 1.0])
    assert reach(similarity, 0.9, 0.9).tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert np.allclose(reach(similarity, 0.6, 0.8, answers=15), [0.25, 0.25, 0.5, 1.0, 1.0])
    assert reach(similarity, 0.6, 0.8, answers=60).tolist() == [1.0] * 5
