"""A user's category answer reaches the objections worded almost as the answered one on other
calls (``neighbours.Answered.with_categories``), over the rules' reading: three trades' missing
features called deal breakers (a studio's family class packs, a courier firm's cash on
delivery, a salon's colour notes) answered on one call, their near twins on another; objections
about other things after the same turns keep theirs. Real embedder, real re-fit on the answers
(walk 7 snag 3)."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.labels import LabelledSentence, record_user_label
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# A thing called a deal breaker after the rep's turn named another topic (the contract, the
# set-up time, a system to connect), which the rules had lent it: answered as missing features
# on one call, each with its near twin from another call after the same rep's turn.
TWINS = {
    "Class packs shared across a family, that's a deal breaker for us.": (
        "Class packs shared across the whole family, that's a deal breaker for us."
    ),
    "Cash on delivery for our drops, that's a deal breaker for us.": (
        "Cash on delivery for the drops, that's a deal breaker for us."
    ),
    "Colour formula notes on each client card, that's a deal breaker for us.": (
        "Colour formula notes on every client card, that's a deal breaker for us."
    ),
}
REPS = (
    "The plans are twelve months, billed monthly.",
    "Most firms are set up within two weeks.",
    "It syncs with Xero every night.",
)
# Objections about something else after the same turns.
UNRELATED = (
    "Twelve months is too long a lock-in for us, that's a deal breaker.",
    "Honestly the price is the problem for us, not the timing.",
    "Our stylists won't learn another app, they barely use the one they have.",
)


def _verdict(detector: RuleEmbeddingDetector, rep: str, text: str) -> tuple[str, str]:
    lines = [Line(1, "rep", rep, call_id=2), Line(2, "buyer", text, call_id=2)]
    found = detector.detect_utterances(lines)[2]
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    return kind.kind, kind.category or ""


def test_a_category_answer_moves_its_near_twins_and_nothing_else(
    settings: Settings, embedder: Embedder
) -> None:
    before = RuleEmbeddingDetector.from_settings(settings, embedder)
    read = {
        twin: _verdict(before, rep, twin) for twin, rep in zip(TWINS.values(), REPS, strict=True)
    }
    assert all(category != "missing_feature" for _, category in read.values())  # the old reading
    unrelated = [_verdict(before, rep, text) for text, rep in zip(UNRELATED, REPS, strict=True)]
    for call, (text, rep) in enumerate(zip(TWINS, REPS, strict=True), start=1):
        said = SentenceInput(text, text, rep)
        answer = LabelledSentence(said, "objection", "missing_feature", f"call-{call}")
        record_user_label(settings.data_dir, answer, utterance=str(call))
    after = RuleEmbeddingDetector.from_settings(settings, embedder)
    for twin, rep in zip(TWINS.values(), REPS, strict=True):
        assert _verdict(after, rep, twin) == ("objection", "missing_feature"), twin
    assert [
        _verdict(after, rep, text) for text, rep in zip(UNRELATED, REPS, strict=True)
    ] == unrelated
