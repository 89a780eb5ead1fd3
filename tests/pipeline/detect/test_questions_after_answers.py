"""Answers teach the detector without overturning clear questions and buying signals (review
25a item 5: after 30 queue answers and a re-fit, "How long does it take to set up, though?"
had become a setup objection, "And GDPR, where's it all kept?" a security one and "I'll do the
monthly one to start, and if it's as good as it looks I'll switch to the annual." a contract
one). A question for a fact asks, "though" or a topic put first or not; a purchase promised on
the product living up to the demo is a buying signal; a sentence the user labelled keeps the
user's verdict (``statements.asks_only``, ``conditions.promises_on_a_step``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pipeline.detect import KINDS, RuleEmbeddingDetector
from pipeline.detect.conditions import promises_on_a_step
from pipeline.detect.statements import asks_only
from pipeline.embed import Embedder
from tests.conftest import make_settings
from tests.pipeline.detect.lines import Line

FACT_QUESTIONS = [
    "How long does it take to set up, though?",
    "And GDPR, where's it all kept?",
    "What does it cost, though?",
    "Payroll, does it talk to Sage?",
    "The contract, is it annual only?",
    "How many users can we add, though?",
    "And the patient notes, where are they stored?",
    "Where's the data hosted, though?",
    "So the rota, can managers swap shifts from their phones?",
    "When would the crews get their logins, though?",
    "Which card readers does it take, though?",
    "How much is the onboarding, though?",
]
DOUBTS = [
    "Will the writers actually use it, though?",
    "How are the cleaners going to feel about that, though?",
    "What if it doesn't work for us, though?",
    "Why would I switch, though?",
    "Do the members have to download another app though?",
    "Still ninety degrees in November, can you believe that?",
]
PLANS_ON_PROOF = [
    "I'll do the monthly one to start, and if it's as good as it looks I'll switch to the annual.",
    "We'll start on the small plan, and if it lives up to the demo we'll add the other two sites.",
    "If it's as good as you say, we'd sign for all nine clinics.",
    "We'll take the starter plan, and if it's what you said we'll roll it out to the vans.",
    "If the app is as good as it looks, I'd switch the whole team over in spring.",
    "If the system lives up to the trial we'll go ahead with the other kitchens.",
    "If it turns out as good as the demo, we'll commit for the year.",
    "If the platform is what you promised, we'll move the other branches across.",
    "Let's do monthly first, and if it's as good as it sounds we'll go annual.",
    "If it lived up to the pilot, we'd sign the three-year deal.",
]
NOT_PLANS_ON_PROOF = [
    "If it's as cheap as the other one, we'd sign.",
    "If you had a Xero sync, we'd switch tomorrow.",
    "We'd go annual if the price came down.",
]
# The user's answers: objections, most of them, as the queue asks near the threshold.
ANSWERS = [
    ("objection", "price", "That's more than we pay for the old system, to be honest."),
    ("objection", "price", "Nineteen a month plus fees is a lot for a one-man band."),
    ("objection", "contract", "We got burned by a two-year auto-renew last time."),
    ("objection", "setup_time", "I haven't got a weekend spare to type in forty clients."),
    ("objection", "security", "Where the kids' records live is the big one for the board."),
    ("objection", "status_quo", "Why would I pay for this when the calendar is free?"),
    ("objection", "adoption", "The older instructors won't touch another app."),
    ("objection", "authority_timing", "I'm not changing anything until after Christmas."),
    ("objection", "competitor", "He'll want to see it side by side with the other one."),
    ("objection", "integrations", "If it doesn't post to QuickBooks it's no good to us."),
    ("objection", "price", "The card fee on top is what kills it for me."),
    ("objection", "switching", "Moving three thousand records over scares me."),
    ("pain", "", "I spend every Sunday night matching bank transfers to lessons."),
    ("question", "", "Can pupils book themselves in from their phones?"),
    ("other", "", "Lovely weather for a Tuesday, isn't it."),
]


@pytest.mark.parametrize("sentence", FACT_QUESTIONS)
def test_a_question_for_a_fact_asks(sentence: str) -> None:
    assert asks_only(sentence)


@pytest.mark.parametrize("sentence", DOUBTS)
def test_a_doubt_asked_is_left_to_the_model(sentence: str) -> None:
    assert not asks_only(sentence)


@pytest.mark.parametrize("sentence", PLANS_ON_PROOF)
def test_a_purchase_on_the_product_living_up_is_a_buying_signal(sentence: str) -> None:
    assert promises_on_a_step(sentence)


@pytest.mark.parametrize("sentence", NOT_PLANS_ON_PROOF)
def test_a_purchase_on_a_change_of_ours_is_no_buying_signal(sentence: str) -> None:
    assert not promises_on_a_step(sentence)


REP = "It's fifteen a month per instructor, and your pupils book from their phones."


def _kinds(detector: RuleEmbeddingDetector, said: list[str]) -> dict[str, str]:
    lines: list[Line] = []
    for text in said:
        lines += [Line(len(lines), "rep", REP), Line(len(lines) + 1, "buyer", text)]
    found = detector.detect_utterances(lines)
    return {
        text: next(d.kind for d in found[2 * i + 1] if d.kind in KINDS)
        for i, text in enumerate(said)
    }


def test_answers_leave_questions_and_buying_signals_as_they_are(
    tmp_path: Path, memo_embedder: Embedder
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    labelled = "How long does it take to get going, though?"  # the user's own verdict stands
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["label", "category", "text", "context"])
    writer.writerows(ANSWERS)
    writer.writerow(["objection", "setup_time", labelled, REP])
    (data_dir / "objection_labels.csv").write_text(out.getvalue())
    taught = RuleEmbeddingDetector.from_settings(make_settings(data_dir), memo_embedder)
    kinds = _kinds(taught, [*FACT_QUESTIONS, *PLANS_ON_PROOF[:3], labelled])
    assert {t: k for t, k in kinds.items() if t in FACT_QUESTIONS and k != "question"} == {}
    assert {t: k for t, k in kinds.items() if t in PLANS_ON_PROOF and k == "objection"} == {}
    assert kinds[labelled] == "objection"
