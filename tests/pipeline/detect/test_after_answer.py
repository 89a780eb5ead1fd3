"""A need the buyer says right after the rep answered their question takes its sense from the
answer and its topic from the question (issue 16): after a no ("Not yet.", "That's on the
roadmap."), "That's the one thing I'd need." or "Then it's a no for us." is an objection about
the thing asked, in any trade (facilities, salons, warehousing, plumbing, vets); after a yes it
is a need met. A rep's note says the same in one turn ("Asked about X - not yet. Said it's
essential.")."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.after_answer import rep_answer
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _last_verdict(detector: RuleEmbeddingDetector, lines: list[Line]) -> tuple[str, str]:
    """The kind and category of the last sentence of the last line (tags aside)."""
    found = detector.detect_utterances(lines)[lines[-1].id]
    last = [d for d in found if d.kind not in ("competitor", "why_now")][-1]
    return last.kind, last.category or ""


def _exchange(asked: str, answer: str, said: str) -> list[Line]:
    return [
        Line(1, "rep", "So that's how the jobs reach the team each morning."),
        Line(2, "buyer", asked),
        Line(3, "rep", answer),
        Line(4, "buyer", said),
    ]


# (the buyer's question, the rep's no, what the buyer says next, its category)
AFTER_A_NO = [
    (  # facilities maintenance: a need said of what was asked
        "Does it work offline in the basement plant rooms?",
        "Not yet.",
        "That's the one thing I'd need.",
        "missing_feature",
    ),
    (  # salons: the purchase given up
        "Can it take deposits at the point of booking?",
        "Not at the moment.",
        "Then it's a no for us.",
        "missing_feature",
    ),
    (  # warehousing: a blocker whose topic is only in the question
        "Will it track batch numbers on dispatch?",
        "That's on the roadmap for later this year.",
        "That's a deal-breaker.",
        "missing_feature",
    ),
    (  # plumbing: a sale that would have been
        "Does the app handle recurring boiler service plans?",
        "No, sorry.",
        "Shame, we'd have signed today.",
        "missing_feature",
    ),
    (  # vets: a system to connect stays integrations
        "Does it sync with VetSoft?",
        "We don't integrate with them yet.",
        "That's the only thing that matters to us.",
        "integrations",
    ),
]


# A term of the deal asked for, not a thing the product does: a contract (paying monthly or
# quarterly, a trial, a shorter term), in three trades.
AFTER_A_NO += [
    (  # gyms: paying monthly
        "Can we pay monthly?",
        "Not at the moment.",
        "That's the one thing I'd need.",
        "contract",
    ),
    (  # dental clinics: paying by the quarter
        "Could we pay you quarterly instead of up front?",
        "Not yet, sorry.",
        "That's the one thing we'd need.",
        "contract",
    ),
    (  # logistics: a trial
        "Do you do a thirty-day trial for the depots?",
        "Not at the moment, no.",
        "Then it's a no for us.",
        "contract",
    ),
    (  # salons: a shorter term
        "Could we sign for a shorter term, like six months?",
        "We don't offer that yet.",
        "That's the one thing I'd need.",
        "contract",
    ),
]


@pytest.mark.parametrize(("asked", "answer", "said", "category"), AFTER_A_NO)
def test_a_need_after_the_reps_no_is_an_objection_on_what_was_asked(
    detector: RuleEmbeddingDetector, asked: str, answer: str, said: str, category: str
) -> None:
    assert _last_verdict(detector, _exchange(asked, answer, said)) == ("objection", category)


AFTER_A_YES = [
    ("Does it work offline in the basement plant rooms?", "Yes, it does."),
    ("Can it take deposits at the point of booking?", "Yep, card or bank transfer."),
    ("Will it track batch numbers on dispatch?", "Absolutely, on every pick."),
]


@pytest.mark.parametrize(("asked", "answer"), AFTER_A_YES)
def test_the_same_need_after_a_yes_is_met(
    detector: RuleEmbeddingDetector, asked: str, answer: str
) -> None:
    said = "That's the one thing I'd need."
    assert _last_verdict(detector, _exchange(asked, answer, said)) == ("other", "")


# A rep's note: the question, the answer and the need in one turn, in two sentences or one.
NOTES_AFTER_A_NO = [
    "Asked about offline mode for the plant rooms - not yet. Said it's essential.",
    "Call w/ Dana. Asked re deposits at booking - not yet. Says it's a must-have.",
    "Asked about batch tracking on dispatch - on the roadmap, deal-breaker for them.",
]


@pytest.mark.parametrize("note", NOTES_AFTER_A_NO)
def test_a_notes_need_after_a_no_is_a_missing_feature(
    detector: RuleEmbeddingDetector, note: str
) -> None:
    assert _last_verdict(detector, [Line(1, "rep_note", note)]) == (
        "objection",
        "missing_feature",
    )


def test_a_notes_need_after_a_yes_is_met(detector: RuleEmbeddingDetector) -> None:
    note = "Asked about offline mode for the plant rooms - yes. Said it's essential."
    assert _last_verdict(detector, [Line(1, "rep_note", note)])[0] != "objection"


@pytest.mark.parametrize(
    ("answer", "read"),
    [
        ("Not yet.", "no"),
        ("Ah, no, sadly.", "no"),
        ("It's on the roadmap for spring.", "no"),
        ("We don't, sorry.", "no"),
        ("Yes, it does.", "yes"),
        ("Sure, out of the box.", "yes"),
        ("No problem, it does that.", None),
        ("Let me check with the team.", None),
    ],
)
def test_the_reps_answer_is_read_from_its_start(answer: str, read: str | None) -> None:
    assert rep_answer(answer) == read
