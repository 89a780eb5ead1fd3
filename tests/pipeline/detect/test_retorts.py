"""A buyer waving a worry off, mocking the pitch or answering a colleague back is no objection
(``pipeline/detect/retorts.py``, walk 7 snag 5): "Honestly the money's not my issue." had been a
price objection, "Oh, a sales guy waiving fees, never heard that one before." price evidence, and
"They'd cope, Renee. They coped with <rival>." / "Barely!" adoption and setup-time objections.
A worry that holds in the same shape still objects. All through the real detector."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.samples import Said


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kinds(detector: RuleEmbeddingDetector, call: list[Said]) -> dict[str, str]:
    found = detector.detect_utterances(call)
    return {
        d.text: d.kind
        for ds in found.values()
        for d in ds
        if d.kind not in ("competitor", "why_now")
    }


def _after_rep(rep: str, buyer: str) -> list[Said]:
    return [Said(0, "rep", rep, "Sam Rep"), Said(1, "buyer", buyer, "Jo Buyer")]


WAVED_OFF = [
    ("It's forty pounds a month per chair.", "Honestly the price isn't my issue."),  # salon
    ("It's a twelve month term.", "Look, the contract's not our problem."),  # plumbing
    (
        "And we'd throw in the crew training for free.",
        "Oh, a rep throwing in free training, never heard that one before.",
    ),  # landscaping
    ("There are no hidden costs, ever.", "No hidden costs, famous last words."),  # vet practice
    (
        "Unlimited drivers for the same price.",
        "Unlimited drivers at that price, pull the other one.",
    ),  # couriers
]
STILL_OBJECTS = [
    ("It's forty pounds a month per chair.", "Honestly the money is my issue."),
    ("It's a twelve month term.", "The price isn't my issue, it's the contract length."),
    (
        "It's forty pounds a month per chair.",
        "Yeah right, that's far too expensive for a two-chair salon.",
    ),
    ("Unlimited drivers for the same price.", "Pull the other one, it's still too dear."),
]


@pytest.mark.parametrize(("rep", "buyer"), WAVED_OFF)
def test_a_worry_waved_off_or_the_pitch_mocked_is_no_objection(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    assert _kinds(detector, _after_rep(rep, buyer))[buyer] == "other"


@pytest.mark.parametrize(("rep", "buyer"), STILL_OBJECTS)
def test_a_worry_that_holds_in_the_same_shape_objects(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    assert _kinds(detector, _after_rep(rep, buyer))[buyer] == "objection"


# (colleague's worry, the reply by name, the colleague's comeback): bakery, dental, gym
ANSWERED_BACK = [
    (
        "The bakers won't take to a tablet, they've got flour on their hands all day.",
        "They'd manage, Tom. They learnt the new ovens in a week.",
        "Barely! Anyway, we'd also need it to print the labels.",
    ),
    (
        "The nurses will hate another login.",
        "They'd be fine, Priya. They picked up the X-ray software in a day.",
        "Hardly. The committee will still say no to the monthly fee.",
    ),
    (
        "The instructors are going to be the hard bit, we've got older teachers.",
        "They'll cope, Renee. They coped with the old booking app.",
        "As if! And the members will want the waitlist before we move.",
    ),
]


@pytest.mark.parametrize(("worry", "reply", "comeback"), ANSWERED_BACK)
def test_a_buyer_answering_a_colleagues_worry_back_is_no_objection(
    detector: RuleEmbeddingDetector, worry: str, reply: str, comeback: str
) -> None:
    names = {"The bakers": "Tom", "The nurses": "Priya", "The instru": "Renee"}
    colleague = names[worry[:10]]
    call = [
        Said(0, "rep", "The app runs on any phone or tablet.", "Sam Rep"),
        Said(1, "buyer", worry, f"{colleague} Hale"),
        Said(2, "buyer", reply, "Ana Cole"),
        Said(3, "buyer", comeback, f"{colleague} Hale"),
    ]
    kinds = _kinds(detector, call)
    replied = [text for text in kinds if text in reply]
    retort = next(text for text in kinds if text in comeback)
    assert kinds[worry] == "objection"
    assert all(kinds[text] != "objection" for text in replied), kinds
    assert kinds[retort] == "other", kinds


def test_a_worry_of_its_own_after_the_reply_still_objects(
    detector: RuleEmbeddingDetector,
) -> None:
    call = [
        Said(0, "rep", "The app runs on any phone or tablet.", "Sam Rep"),
        Said(1, "buyer", "The bakers won't take to a tablet.", "Tom Hale"),
        Said(2, "buyer", "They'd manage, Tom. But the price is too high for us.", "Ana Cole"),
    ]
    assert _kinds(detector, call)["But the price is too high for us."] == "objection"
