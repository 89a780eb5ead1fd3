"""A worry whose own words settle its topic keeps that topic when a rival is only mentioned
beside it, the rival keeping its tag; a rival used, weighed or compared stays the topic. And a
buyer's polite close ("please reach out in the fall") is no objection unless it states a worry
(review 21e items 6 and 7)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, rules
from pipeline.detect.competitors import find_competitors
from pipeline.detect.verdict import topic_beside_a_rival
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["ShipHero", "Logiwa", "Deposco", "Extensiv", "RotaPro", "Crewboard", "PalletPilot"]
BESIDE_A_RIVAL = [
    ("Worried about retraining 25 seasonal pickers before Black Friday, ShipHero did it for them",
     "adoption"),
    ("Concerned about retraining the night crew, Logiwa did theirs last year", "adoption"),
    ("Nervous about the per-seat fees for 30 temps; Deposco came up too", "price"),
    ("Worried about moving ten years of SKU history out of the old system - Extensiv came up as"
     " well", "switching"),
    ("Concern: the screens in French for the Montreal site, Deposco has a rep there", "adoption"),
    ("Worried about the NetSuite sync, RotaPro came up with their IT lead", "integrations"),
    ("Hesitant about the SOC 2 report; Logiwa sent theirs in a week", "security"),
    ("Wary of idle seats in the off-season, Crewboard came up too", "price"),
    ("Worried go-live lands in their Black Friday peak, PalletPilot said the same",
     "authority_timing"),
    ("Worried about training 40 temps every November, ShipHero called them about it", "adoption"),
    ("Main concern is the Spanish screens for the night shift; Extensiv came up briefly",
     "adoption"),
    ("Concerns: the hardware cost of new scanners, and RotaPro came up", "price"),
]  # fmt: skip
# The rival is the point: used, compared, priced, offered or preferred; or no topic is said.
RIVAL_IS_THE_POINT = [
    "Worried about per-order pricing compared to ShipHero",
    "Concern: ShipHero is cheaper per order",
    "Worried that ShipHero quoted half our per-order price",
    "Still on Logiwa and worried about the retraining",
    "Concern: Extensiv offered a bigger discount on the per-seat fees",
    "Worried about the per-seat fees; Deposco is cheaper",
    "Worried about the retraining, they'd rather stay with Deposco",
    "Worried about the NetSuite sync, Logiwa already has one",
    "Nervous about Crewboard's contract, it renews in June",
    "Worried about retraining pickers; they use RotaPro today",
]


@pytest.mark.parametrize(("sentence", "topic"), BESIDE_A_RIVAL)
def test_a_rival_only_mentioned_leaves_the_worry_its_topic(sentence: str, topic: str) -> None:
    assert topic_beside_a_rival(sentence, find_competitors(sentence, RIVALS)) == topic


@pytest.mark.parametrize("sentence", RIVAL_IS_THE_POINT)
def test_a_rival_used_or_weighed_stays_the_topic(sentence: str) -> None:
    assert topic_beside_a_rival(sentence, find_competitors(sentence, RIVALS)) is None


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def test_a_reported_worry_beside_a_rival_is_filed_under_its_topic(
    detector: RuleEmbeddingDetector,
) -> None:
    """Review 21e: the seasonal pickers had been a competitor objection (ShipHero)."""
    lines = [Line(i, "rep_note", said) for i, (said, _) in enumerate(BESIDE_A_RIVAL)]
    found = detector.detect_utterances(lines)
    for i, (said, topic) in enumerate(BESIDE_A_RIVAL):
        kinds = [(d.kind, d.category) for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert kinds == [("objection", topic)], said
        assert any(d.kind == "competitor" for d in found[i]), said  # the rival keeps its tag


# A note whose other line names the rival the buyer runs: the reported worry keeps its topic.
RIVAL_ELSEWHERE_IN_THE_NOTE = [
    ("Currently on ShipHero, contract runs until end of Q3.",
     "Worried about retraining 25 seasonal pickers before Black Friday.", "adoption"),
    ("They run Logiwa in both buildings.",
     "Concerned about the per-seat fees for their 30 temps.", "price"),
    ("Still on Deposco for now.",
     "Nervous about moving ten years of SKU history out of the old system.", "switching"),
    ("Extensiv is their current WMS.",
     "Worried the Montreal pickers need the screens in French.", "adoption"),
    ("RotaPro runs their rotas today.",
     "Worried about the NetSuite sync.", "integrations"),
]  # fmt: skip


def test_a_reported_worry_keeps_its_topic_when_the_note_names_a_rival_elsewhere(
    detector: RuleEmbeddingDetector,
) -> None:
    """Review 21e: Kestrel's note named ShipHero a line before the seasonal pickers, and the
    pickers had been a competitor objection."""
    lines = [Line(i, "rep_note", f"{first}\n{worry}") for i, (first, worry, _) in
             enumerate(RIVAL_ELSEWHERE_IN_THE_NOTE)]  # fmt: skip
    found = detector.detect_utterances(lines)
    for i, (_, worry, topic) in enumerate(RIVAL_ELSEWHERE_IN_THE_NOTE):
        kinds = [(d.kind, d.category) for d in found[i] if d.text.strip() == worry]
        assert kinds == [("objection", topic)], worry


def test_a_sentence_naming_no_rival_has_none_beside_it_unless_a_reported_worry() -> None:
    worry = "Worried about retraining 25 seasonal pickers before Black Friday."
    assert topic_beside_a_rival(worry, [], reported_worry=True) == "adoption"
    assert topic_beside_a_rival(worry, []) is None


CLOSES = [
    "If anything changes on CAD billing or French, please reach out in the fall.",
    "Keep us posted.",
    "Feel free to check back in Q3.",
    "Get back to us after the holidays.",
    "Please reach out again in the new year.",
    "Just keep me updated.",
    "Keep us in the loop, thanks.",
    "Check back in a couple of months.",
    "If the new reporting module ships, get in touch.",
    "You can reach out once the Spanish screens are live.",
    "Please check in with us after harvest.",
    "If your roadmap moves, please get back to me in spring.",
]
# A close that states a worry, or someone else to be reached: not settled.
NOT_CLOSES = [
    "We are worried about the CAD billing, so please keep us posted.",
    "Check back in Q3, we're locked into ShipHero until September.",
    "I'll reach out to our IT team about SOC 2.",
    "Please reach out to your security team, we need the SOC 2 report before we sign.",
    "Keep us posted, but we can't commit to a three-year term.",
    "Get back to us when the per-user fee comes down, it's too expensive for our temps.",
    "Please reach out in the fall, though honestly I doubt the board will approve it.",
    "We can't go live before January, so check back then.",
    "Reach out in spring if you can fix the NetSuite sync, right now it's a dealbreaker.",
    "I'm nervous about the French screens, keep me posted.",
    # a level said to be wrong, then the door left open
    "It's too high for us right now, but keep us posted.",
    "The per-seat price is a bit much for a firm our size, keep us posted.",
    "Honestly the fee is on the high side, so check back in spring.",
    "Your quote came in too high, get back to us if that changes.",
    # the next step put off to a season or a year: a timing objection
    "Send me something for next spring and we'll talk then.",
    "Send us the pricing for next year and we'll pick it up then.",
    "Keep us posted, but nothing happens until next financial year.",
    "We'll talk again after next season.",
]


@pytest.mark.parametrize("sentence", CLOSES)
def test_a_polite_close_settles_it(sentence: str) -> None:
    assert rules.settles_it(sentence)


@pytest.mark.parametrize("sentence", NOT_CLOSES)
def test_a_close_with_a_worry_is_not_settled(sentence: str) -> None:
    assert not rules.settles_it(sentence)


def test_the_detector_reads_a_polite_close_as_other(detector: RuleEmbeddingDetector) -> None:
    """Review 21e: the fall close had been a security objection the FAQ cited."""
    lines = [
        Line(0, "rep", "We'll have CAD billing on the roadmap by autumn."),
        *(Line(i + 1, "buyer", said) for i, said in enumerate(CLOSES)),
    ]
    found = detector.detect_utterances(lines)
    for i, said in enumerate(CLOSES):
        kinds = [d.kind for d in found[i + 1] if d.kind not in ("competitor", "why_now")]
        assert kinds == ["other"], said
