"""How much work the detector's rules do for a sentence, outputs aside: each text is lowered
once however many rules read it, a sentence's cue scores are worked out once, and the
competitor frames with words before a name are not run on a sentence with no name after a
space.

Why: a profile of a 20k-note upload put 28 % of the analysis in these rules (0.8 ms a
sentence): some 50 rules lowered each sentence again, and 17 competitor frames tried their
words at every position of sentences that name no product.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from re import Match, Pattern

import numpy as np
import pytest

from pipeline.detect import RuleEmbeddingDetector, competitors, rules
from pipeline.detect.train import similarities_by_row
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# A call each from a vet practice, a warehouse, a salon and an accounting firm.
CALLS = [
    [
        Line(0, "rep", "How do you send vaccine reminders today?"),
        Line(1, "buyer", "Reception rings every owner by hand. It eats two mornings a week."),
        Line(2, "rep", "That's a lot of phone time."),
    ],
    [
        Line(3, "rep", "What would stop you moving this quarter?"),
        Line(4, "buyer", "Peak starts in October, so we can't retrain the pickers before then."),
    ],
    [
        Line(5, "rep", "What are you using for bookings?"),
        Line(6, "buyer", "We switched to Fresha last spring, but the fees keep going up."),
    ],
    [
        Line(7, "rep", "Anything else on your mind?"),
        Line(8, "buyer", "Honestly the price is fine. Is there an export to Xero?"),
    ],
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["Fresha"])


def test_each_text_is_lowered_once(
    detector: RuleEmbeddingDetector, monkeypatch: pytest.MonkeyPatch
) -> None:
    lowered: Counter[str] = Counter()
    plain = rules.normalise_quotes

    def counted(text: str) -> str:
        lowered[text] += 1
        return plain(text)

    monkeypatch.setattr(rules, "normalise_quotes", counted)
    rules.lowered.cache_clear()  # type: ignore[attr-defined]
    for call in CALLS:
        found = detector.detect_utterances(call)
        assert all(found[line.id] for line in call if line.role == "buyer")
    assert lowered and max(lowered.values()) == 1


def test_a_sentences_cue_scores_are_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: Counter[str] = Counter()

    class Counted:
        def __init__(self, pattern: Pattern[str]) -> None:
            self.pattern = pattern

        def finditer(self, text: str) -> Iterator[Match[str]]:
            scanned[text] += 1
            return self.pattern.finditer(text)

    cues = [(Counted(pattern), weight) for pattern, weight in rules.CONCERN_CUES]
    monkeypatch.setattr(rules, "CONCERN_CUES", cues)
    rules._cue_scores.cache_clear()  # type: ignore[attr-defined]
    sentence = "I'm worried the team won't use it and the price is a stretch for us."
    first = rules.cue_scores(sentence)
    first.categories["price"] = 99  # the caller's own dict
    second = rules.cue_scores(sentence)
    assert second.concern == first.concern > 0
    assert second.categories["price"] == 1
    assert rules.cue_scores(rules.lowered(sentence).strip()) == second  # as the note rules ask
    assert sum(scanned.values()) == len(cues)


def test_group_similarities_by_row_are_each_sentences_own_floats() -> None:
    sims = {
        "objection:price": np.array([0.25, 0.5, 0.125], dtype=np.float32),
        "pain": np.array([0.9, 0.8, 0.7], dtype=np.float32),
        "objection:security": np.array([0.1, 0.2, 0.3], dtype=np.float32),
        "why_now:deadline": np.array([0.4, 0.6, 0.2], dtype=np.float32),
    }
    rows = similarities_by_row(sims, "objection:", 3)
    assert rows[1] == {"price": 0.5, "security": float(np.float32(0.2))}
    assert all(type(v) is float for row in rows for v in row.values())
    assert [list(row) for row in rows] == [["price", "security"]] * 3
    assert similarities_by_row(sims, "why_now:", 3)[2] == {"deadline": float(np.float32(0.2))}
    none = similarities_by_row(sims, "missing:", 2)
    none[0]["x"] = 1.0  # each sentence's own dict
    assert none == [{"x": 1.0}, {}]


def test_frames_before_a_name_skip_a_sentence_with_no_name_after_a_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scanned: list[tuple[str, str]] = []

    class Counted:
        def __init__(self, pattern: Pattern[str], spaced: bool) -> None:
            self.pattern, self.kind = pattern, "before" if spaced else "after"

        def finditer(self, text: str) -> Iterator[Match[str]]:
            scanned.append((self.kind, text))
            return self.pattern.finditer(text)

    frames = tuple(
        replace(frame, pattern=Counted(frame.pattern, frame.spaced))  # type: ignore[arg-type]
        for frame in competitors._FRAMES
    )
    monkeypatch.setattr(competitors, "_FRAMES", frames)
    unnamed = [
        "we still book every grooming slot on paper and it eats my sunday.",
        "Stock counts are off by a few pallets every single week.",
        "Honestly the month-end close takes us four days.",
    ]
    for sentence in unnamed:
        assert competitors.find_competitors(sentence, []) == []
    assert {kind for kind, _ in scanned} == {"after"}
    named = {
        "We switched to Vetsmart last spring.": ("Vetsmart", "current"),
        "We looked at Pallet Pilot but it was clunky.": ("Pallet Pilot", "evaluated"),
        "Fresha quoted us forty a chair.": ("Fresha", "evaluated"),
    }
    for sentence, (name, relation) in named.items():
        hits = competitors.find_competitors(sentence, [])
        assert [(h.name, h.relation) for h in hits] == [(name, relation)]
