"""A rep's question in a team chat or a note ("nice, did they say anything about price vs
RotaPro?") is the rep's, asked of colleagues: no buyer question. A Slack channel's rep line had
been clustered into the buyers' pricing questions."""

from __future__ import annotations

import pytest

from pipeline.detect import KINDS, RuleEmbeddingDetector, rules
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["RotaPro", "ClockBee"])


TEAM_CHAT = [
    "nice, did they say anything about price vs RotaPro?",
    "Did she mention the contract length at all?",
    "Has he signed the order form yet?",
    "did the client ask about SSO?",
    "Anyone know if they're still on ClockBee?",
    "Did you ask them about the per-seat price?",
    "hmm, have they looked at the integrations page?",
]
REPORTED = [
    "They asked about price vs RotaPro.",
    "She asked whether the contract can be monthly.",
    "Asked if we integrate with Xero.",
    "Can we export all our data if we leave?",
    "Will they actually use it on the warehouse floor?",
    "Does anyone on the floor need a licence?",
]


@pytest.mark.parametrize("line", TEAM_CHAT)
def test_a_reps_question_to_the_team(line: str) -> None:
    assert rules.asks_the_team(line)


@pytest.mark.parametrize("line", REPORTED)
def test_a_note_reporting_the_buyer_is_no_team_question(line: str) -> None:
    assert not rules.asks_the_team(line)


def test_team_chat_questions_count_nowhere_reported_ones_do(
    detector: RuleEmbeddingDetector,
) -> None:
    lines = [Line(i, "rep_note", text) for i, text in enumerate(TEAM_CHAT + REPORTED[:3], 1)]
    found = detector.detect_utterances(lines, competitors=["RotaPro", "ClockBee"])
    kinds = {d.text: d.kind for ds in found.values() for d in ds if d.kind in KINDS}
    assert {line: kinds[line] for line in TEAM_CHAT} == dict.fromkeys(TEAM_CHAT, "other")
    assert {line: kinds[line] for line in REPORTED[:3]} == dict.fromkeys(REPORTED[:3], "question")
