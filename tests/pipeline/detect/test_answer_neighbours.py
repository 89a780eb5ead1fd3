"""A user's answers teach their near neighbours (``neighbours.py``): a sentence worded almost as
an answered one takes the answer's kind after the re-fit; sentences about other things keep
theirs. Real embedder, real re-fit on the answers (walk 5, issue 16)."""

from __future__ import annotations

import numpy as np

from pipeline.config import Settings
from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.labels import LabelledSentence, record_user_label
from pipeline.detect.neighbours import NO_BAR, agreement_bar, bar_and_far, typical_nearest
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# Four trades' routines a user answered as today's set-up after "how do you run things today?",
# each with a sentence from another call saying the same in other words after a rep's question
# about headaches (the re-fit alone left them pains, objections or other).
ASKED = "How do you run things today?"
REP = "What's the biggest headache in your week right now?"
ANSWERED = {
    "The ovens are fired at four every morning.": "The ovens get fired at four each morning.",
    "The mowers go out in pairs on big lawns.": "Big lawns get two mowers each.",
    "The recall cards go out by post every March.": "Every March we post out the recall cards.",
    "We still log every delivery in a spreadsheet.": (
        "Every delivery still gets logged in a spreadsheet."
    ),
}
UNRELATED = (
    "That is a lot of money for a small practice like ours.",
    "Half our trucks sit idle on Mondays.",
    "Our drivers won't bother opening yet another app.",
)


def _kind(detector: RuleEmbeddingDetector, text: str) -> str:
    """The kind of ``text`` said by a buyer after the rep's ``REP``."""
    found = detector.detect_utterances([Line(1, "rep", REP), Line(2, "buyer", text)])[2]
    return next(d.kind for d in found if d.kind not in ("competitor", "why_now"))


def test_answers_move_their_near_neighbours_and_nothing_else(
    settings: Settings, embedder: Embedder
) -> None:
    before = RuleEmbeddingDetector.from_settings(settings, embedder)
    assert {_kind(before, n) for n in ANSWERED.values()} != {"current_setup"}  # the old reading
    for call, text in enumerate(ANSWERED, start=1):
        said = SentenceInput(text, text, ASKED)
        answer = LabelledSentence(said, "current_setup", "", f"call-{call}")
        record_user_label(settings.data_dir, answer, utterance=str(call))
    after = RuleEmbeddingDetector.from_settings(settings, embedder)  # re-fits on the answers
    for neighbour in ANSWERED.values():
        assert _kind(after, neighbour) == "current_setup", neighbour
    assert [_kind(after, t) for t in UNRELATED] == [_kind(before, t) for t in UNRELATED]


def test_the_bar_is_where_neighbours_from_other_calls_agree() -> None:
    # Two calls; the near pairs (cosine 0.99) agree, the far ones (0.6) do not.
    angles = np.array([0.0, 0.14, 1.0, 1.14, 2.0, 2.0 + 0.93])
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    vectors = np.repeat(vectors, 10, axis=0)
    kinds = np.repeat([0, 0, 1, 1, 2, 3], 10)
    calls = [("a", "b", "a", "b", "a", "b")[i // 10] for i in range(60)]
    bar = agreement_bar(vectors, kinds, calls)
    assert 0.6 < bar <= float(np.cos(0.14)) + 1e-6
    assert agreement_bar(vectors, kinds, ["one call"] * 60) == NO_BAR


# Three trades, four calls each way of saying a worry: the bar and the far cosine from one pass.
TRADES = [
    "The per-seat price is too steep for a clinic with six vets.",
    "Our vets already book surgeries in a paper diary and it works.",
    "How long would it take to move the client records across?",
    "Drivers won't put up with another app on their phones.",
    "We plan routes on a whiteboard every morning at the depot.",
    "Does it talk to the telematics boxes in the vans?",
    "A twelve-month contract is a non-starter for a school our size.",
    "Teachers keep the timetable in a shared spreadsheet today.",
    "Where is the pupils' data stored, and who can see it?",
]


def test_the_bar_and_the_far_cosine_come_from_one_pass(embedder: Embedder) -> None:
    vectors = embedder.encode(TRADES * 4)
    kinds = [i % 3 for i in range(len(TRADES))] * 4
    calls = [f"call-{i // len(TRADES)}" for i in range(len(TRADES) * 4)]
    bar = agreement_bar(vectors, kinds, calls)
    assert bar < NO_BAR  # the same sentence in another call agrees: there is a bar
    assert bar_and_far(vectors, kinds, calls) == (
        bar,
        min(bar, typical_nearest(vectors, calls)),
    )
    assert bar_and_far(vectors, kinds, ["one call"] * len(vectors)) == (NO_BAR, NO_BAR)
