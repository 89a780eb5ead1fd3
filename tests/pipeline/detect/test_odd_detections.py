"""The review queue samples confident detections that read oddly (review 24o items 1 and 3): a
competitor objection naming no rival, an objection carrying praise, small talk naming a price or
term right after the rep asked about them. They were above every doubt and never asked, so a
user who answered the whole queue still published them."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from pipeline.detect import learning as detections
from pipeline.detect.odd_detections import ODD_EVERY, Detected, interleave, odd_reason
from pipeline.store.models import Mention
from pipeline.workspace import Workspace

SURE = 0.5

NO_RIVAL_NAMED = [
    "The arrears module is honestly the thing my branch managers keep asking about.",
    "Our head chef wants the allergen matrix on the tablets.",
    "The drivers need it to work without signal in the valleys.",
    "Honestly it looks like a lot of clicks for the front desk.",
    "The partners will want a trial before they sign anything.",
    "We'd need it in Welsh for the two Cardiff sites.",
]
PRAISED = [
    "I love the dashboard, but the per-seat price is steep for thirty nurses.",
    "The route view is brilliant, though the drivers won't log in twice.",
    "The shift swap is exactly what our nurses have been asking for, if the price works.",
    "The demo was impressive, but the board meets quarterly.",
    "It's a fantastic tool, I just can't justify it for two vans.",
    "The table map is perfect, but the contract is three years.",
]
PLAIN_OBJECTIONS = [
    "The per-seat price is steep for thirty nurses.",
    "The board only meets quarterly, so nothing happens before June.",
    "I can't see the drivers learning another app.",
    "We're locked into our current contract until 2027.",
]
# (the rep's question, the buyer's sentence filed as small talk)
AFTER_A_PRICE_QUESTION = [
    ("Was price the main factor?", "Partly, the monthly fee more than anything."),
    ("Is the cost a problem?", "The setup fee, I suppose."),
    ("How did the price land with the partners?", "They went quiet at the per-user price."),
    ("Was it the contract length?", "A two-year term is a long time for us."),
    ("Is the annual commitment an issue?", "The upfront payment, mostly."),
    ("Did the price come up with your CFO?", "She said the budget's gone for this year."),
]
NOT_AFTER_A_PRICE_QUESTION = [
    ("How was the weekend?", "Spent it sorting the fees for the school trip."),
    ("The monthly fee covers everything.", "Right, the monthly fee, okay."),
    ("Was price the main factor?", "Honestly it was the timing."),
]


@pytest.mark.parametrize("sentence", NO_RIVAL_NAMED)
def test_a_competitor_objection_naming_no_rival_is_odd(sentence: str) -> None:
    assert odd_reason(Detected("objection", "competitor", sentence, 0.8, False), SURE)


@pytest.mark.parametrize("sentence", NO_RIVAL_NAMED[1:])
def test_a_competitor_objection_naming_its_rival_is_not(sentence: str) -> None:
    assert odd_reason(Detected("objection", "competitor", sentence, 0.8, True), SURE) is None


@pytest.mark.parametrize("sentence", PRAISED)
def test_an_objection_carrying_praise_is_odd(sentence: str) -> None:
    assert odd_reason(Detected("objection", "price", sentence, 0.9, False), SURE)


@pytest.mark.parametrize("sentence", PLAIN_OBJECTIONS)
def test_a_plain_objection_is_not(sentence: str) -> None:
    assert odd_reason(Detected("objection", "price", sentence, 0.9, False), SURE) is None


@pytest.mark.parametrize(("asked", "sentence"), AFTER_A_PRICE_QUESTION)
def test_small_talk_naming_terms_after_a_price_question_is_odd(asked: str, sentence: str) -> None:
    assert odd_reason(Detected("other", None, sentence, 0.99, False, asked), SURE)


@pytest.mark.parametrize(("asked", "sentence"), NOT_AFTER_A_PRICE_QUESTION)
def test_small_talk_elsewhere_is_not(asked: str, sentence: str) -> None:
    assert odd_reason(Detected("other", None, sentence, 0.99, False, asked), SURE) is None


def test_a_doubtful_detection_is_the_doubt_queues() -> None:
    detected = Detected("objection", "competitor", NO_RIVAL_NAMED[0], 0.4, False)
    assert odd_reason(detected, SURE) is None


def test_every_fifth_question_is_odd_counting_the_answers_given() -> None:
    doubts, odd = [f"d{i}" for i in range(20)], ["o1", "o2", "o3"]
    assert interleave(doubts, odd, 0, 10) == [*doubts[:4], "o1", *doubts[4:8], "o2"]
    assert interleave(doubts, odd, 3, 3) == ["d0", "o1", "d1"]
    assert interleave(doubts, odd, ODD_EVERY - 1, 1) == ["o1"]  # the review page: one at a time
    assert interleave(doubts[:2], odd, 0, 6) == ["d0", "d1", "o1", "o2", "o3"]
    assert interleave(doubts, [], 0, 5) == doubts[:5]


def test_the_queue_asks_a_sure_competitor_objection_naming_no_rival(ws: Workspace) -> None:
    """End to end on the analysed corpus: a sure objection filed as competitor with no rival
    named is asked in the first slot the rule gives, though sure of kind and category."""
    with ws.session() as session:
        mention = session.scalars(
            select(Mention)
            .where(
                Mention.kind == "objection", Mention.source != "user", Mention.competitor.is_(None)
            )
            .order_by(Mention.id)
        ).first()
        assert mention is not None
        session.execute(
            delete(Mention).where(
                Mention.kind == "competitor",
                Mention.utterance_id == mention.utterance_id,
                Mention.char_start == mention.char_start,
            )
        )
        session.execute(
            update(Mention)
            .where(Mention.id == mention.id)
            .values(category="competitor", confidence=0.999, category_margin=0.9)
        )
        odd_text = mention.text
        given = session.scalar(select(func.count(Mention.id)).where(Mention.source == "user")) or 0
        session.commit()
    slot = next(k for k in range(ODD_EVERY) if (given + k) % ODD_EVERY == ODD_EVERY - 1)
    with ws.session() as session:
        asked = [e.item.sentence for e in detections.review_queue(ws, session, slot + 1)]
    assert asked[slot] == odd_text
    assert odd_text not in asked[:slot]
