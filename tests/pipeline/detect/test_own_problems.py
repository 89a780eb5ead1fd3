"""Something of their own named as hurting (``named_problem.own_problem``,
``statements.names_its_own_problem``; ``[named_problem] hurts`` in ``cues.toml``): "What we do
have a problem with is the insurance certificates.", "Where it falls over is the handover between
shifts." A pain, as the labelled sets have "The problem is stock." and "The research side is
where it hurts."; the model had read the topic word ("insurance", "handover") as a security or
status-quo objection. A buying topic named so stays an objection of that topic ("The bit that
hurts is the price."), and so does a worry ("My worry is the contract length.")."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.named_problem import named_problem, own_problem
from pipeline.detect.statements import names_its_own_problem
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

# (the rep's turn before, the buyer's sentence): after a pitch as well as after a question
OWN_PROBLEMS = [
    (
        "Our platform keeps the whole compliance file for you.",
        "What we do have a problem with is the insurance certificates.",
    ),
    (
        "We can have the clinic live in two weeks.",
        "The bit that actually hurts is the recall letters.",
    ),
    (
        "Our app syncs with all the main payroll tools.",
        "Our real headache is the month-end stock count.",
    ),
    ("It logs every delivery in the app.", "Where it falls over is the handover between shifts."),
    (
        "Our reporting module does all of that.",
        "Where it all falls apart is the parents' evening bookings.",
    ),
    (
        "So what's the hardest part of running the practice?",
        "What we really struggle with is the VAT returns for the sole traders.",
    ),
    ("We can have you live in two weeks.", "What kills us is the cover for sick days."),
    (
        "We integrate with the main keg trackers.",
        "The part that really hurts is the cask returns from the pubs.",
    ),
    (
        "Our members app is very popular.",
        "What we do have a problem with is the membership freezes.",
    ),
    (
        "Our platform handles permits and inspections.",
        "The thing that actually hurts is the bin collection complaints.",
    ),
    ("We can set up the salon in a day.", "Our biggest nightmare is the no-shows on a Saturday."),
    (
        "Our dispatch board is live in a week.",
        "What we have a real problem with is the cross-docking paperwork.",
    ),
]
# Buying topics named as hurting, worries, things about us and questions: read as before.
NOT_OWN = {
    "The bit that hurts is the price.": ("objection", "price"),
    "What we do have a problem with is the contract length.": ("objection", "contract"),
    "The problem is the timing.": ("objection", "authority_timing"),
    "My worry is the contract length.": ("objection", "contract"),
    "What bothers me is your data being in the US.": ("objection", "security"),
    "The problem is the price.": ("objection", "price"),
}


@pytest.mark.parametrize(("before", "sentence"), OWN_PROBLEMS)
def test_something_of_their_own_named_as_hurting_is_told_as_a_pain(
    before: str, sentence: str
) -> None:
    assert named_problem(sentence) is None
    assert own_problem(sentence)
    assert names_its_own_problem(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        *NOT_OWN,
        "What we have a problem with is your data being in the US.",
        "The bit that hurts is getting the board to sign off.",
        "Where it falls over is the staff won't use another app.",
        "What we do have a problem with, is it the insurance certificates?",
        "The insurance certificates are in the filing cabinet.",
    ],
)
def test_a_buying_topic_a_worry_or_us_is_no_pain_of_their_own(sentence: str) -> None:
    assert not names_its_own_problem(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _said(
    detector: RuleEmbeddingDetector, turns: list[tuple[str, str]]
) -> dict[str, tuple[str, str | None]]:
    lines: list[Line] = []
    for i, (rep, buyer) in enumerate(turns):  # each a call of its own
        lines += [Line(2 * i, "rep", rep, call_id=i), Line(2 * i + 1, "buyer", buyer, call_id=i)]
    return buyer_verdicts(detector, lines)


def test_the_detector_reads_each_as_a_pain(detector: RuleEmbeddingDetector) -> None:
    said = _said(detector, OWN_PROBLEMS)
    assert {t: k for t, k in said.items() if k != ("pain", None)} == {}


def test_buying_topics_and_worries_stay_objections(detector: RuleEmbeddingDetector) -> None:
    turns = [("Our price is four hundred a month, on a two-year term.", t) for t in NOT_OWN]
    assert _said(detector, turns) == NOT_OWN
