"""Banter read as objections and objections said in hedges, walk 8 snag 4: a herald of the
point to come ("Look, my concern is simple."), a bare "Nobody." leading a turn and a colleague
teased ("You're the worst of them.") are no objections; a change said not worth it ("I don't
think it justifies tearing everything up."), a contract said to run until a date, a worry closed
by a tag ("..., it's a lot, non?") and the buyer's own thrift owned in jest are. Kennel, dental,
bakery, landscaping, funeral-home and salon calls; the same shapes that say otherwise stay as
they were. Through the real detector where the kind is the point."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.blockers import blocks_the_deal
from pipeline.detect.doubts import worries_with_a_tag
from pipeline.detect.heralds import heralds_a_point
from pipeline.detect.side_remarks import is_bare_fragment
from pipeline.detect.status_quo import not_worth_the_change
from pipeline.detect.topics import calls_the_price_high
from pipeline.embed import Embedder
from tests.samples import Said


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _found(detector: RuleEmbeddingDetector, call: list[Said]) -> dict[str, tuple[str, str | None]]:
    return {
        d.text: (d.kind, d.category)
        for ds in detector.detect_utterances(call).values()
        for d in ds
        if d.kind not in ("competitor", "why_now")
    }


@pytest.mark.parametrize(
    ("sentence", "heralds"),
    [
        ("Look, my concern is simple.", True),
        ("Here's my worry.", True),
        ("Okay, let me be blunt.", True),
        ("My question is simple.", True),
        ("My concern is the price.", False),  # names its point
        ("Here's my worry: the contract.", False),
        ("My concern is simple?", False),
    ],
)
def test_a_herald_names_no_point(sentence: str, heralds: bool) -> None:
    assert heralds_a_point(sentence) is heralds


HERALDED = [  # (the rep's turn, the buyer's turn: a herald, then the worry it announced)
    ("It's nine pounds a dog a night.", "Look, my concern is simple. Our regulars won't pay more."),
    ("We'd move your recall letters over.", "Here's my worry. The front desk won't learn it."),
    ("The ovens log to the cloud.", "Let me be blunt. Forty a month is too much for one shop."),
]


@pytest.mark.parametrize(("rep", "buyer"), HERALDED)
def test_a_herald_is_no_objection_but_the_worry_after_it_is(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    herald, worry = buyer.split(". ", 1)
    found = _found(detector, [Said(0, "rep", rep), Said(1, "buyer", buyer)])
    assert found[herald + "."][0] == "other", found
    assert found[worry][0] == "objection", found


def test_a_bare_nobody_leans_on_its_turn() -> None:
    assert is_bare_fragment("Nobody.")
    assert is_bare_fragment("Nobody would.")
    assert not is_bare_fragment("Nobody uses it.")
    assert not is_bare_fragment("Too expensive.")


def test_nobody_leading_a_story_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    call = [
        Said(0, "rep", "Nobody told you the grave plots were double-booked?"),
        Said(1, "buyer", "Nobody. A family turned up and found another stone there."),
    ]
    assert _found(detector, call)["Nobody."][0] != "objection"


TEASED = [  # (a worry, a colleague teasing its speaker, the colleague's name)
    ("Half the groomers won't touch a tablet, and I'm one of them.", "You're the worst of them."),
    ("The older dentists won't use another login.", "Says you."),
    ("The crew leads will never fill in an app at the end of the day.", "You're one to talk!"),
]


@pytest.mark.parametrize(("worry", "tease"), TEASED)
def test_a_colleague_teased_is_no_objection(
    detector: RuleEmbeddingDetector, worry: str, tease: str
) -> None:
    call = [
        Said(0, "rep", "Staff log in with their phones.", "Sam Rep"),
        Said(1, "buyer", worry, "Glen Hale"),
        Said(2, "buyer", tease, "Ana Cole"),
    ]
    found = _found(detector, call)
    assert found[worry][0] == "objection", found
    assert found[tease][0] == "other", found


def test_a_worry_said_back_to_a_colleague_still_objects(detector: RuleEmbeddingDetector) -> None:
    call = [
        Said(0, "rep", "Staff log in with their phones.", "Sam Rep"),
        Said(1, "buyer", "The older dentists won't use another login.", "Glen Hale"),
        Said(2, "buyer", TOLD_BACK, "Ana Cole"),
    ]
    assert _found(detector, call)[TOLD_BACK][0] == "objection"


TOLD_BACK = "You're the one who said the monthly fee is too expensive."


@pytest.mark.parametrize(
    ("sentence", "objects"),
    [
        ("I don't think it justifies tearing everything up.", True),
        ("One late delivery doesn't justify changing supplier.", True),
        ("It's not worth switching for a few missed bookings.", True),
        ("Is it worth switching?", False),
        ("It's worth switching, honestly.", False),
        ("I don't think that justifies the price.", False),  # a price worry, not the change
    ],
)
def test_a_change_said_not_worth_it(sentence: str, objects: bool) -> None:
    assert not_worth_the_change(sentence) is objects


@pytest.mark.parametrize(
    ("sentence", "locked"),
    [
        ("Our contract with them runs until next September, so I'm really just looking.", True),
        ("The lease on the scanners goes till 2027.", True),
        ("Our agreement with Kareo lasts until the end of next year.", True),
        ("Our contract runs out in June.", False),  # a reason to act, not a lock-in
        ("The term runs until July.", False),  # a school term
        ("The deal goes through procurement.", False),
    ],
)
def test_a_contract_said_to_run_until_a_date_binds_them(sentence: str, locked: bool) -> None:
    assert blocks_the_deal(sentence) is locked


@pytest.mark.parametrize(
    ("sentence", "worries"),
    [
        ("And the onboarding fee, for seven people it's a lot, non?", True),
        ("Two years is a long time to be tied in, isn't it?", True),
        ("That's a hefty setup fee for a two-van business, eh?", True),
        ("It syncs with Xero, right?", False),  # a fact checked
        ("The setup is included, non?", False),
        ("It's not a lot, right?", False),
    ],
)
def test_a_worry_closed_by_a_tag(sentence: str, worries: bool) -> None:
    assert worries_with_a_tag(sentence) is worries


TAGGED = [  # (the rep's turn, a worry closed by a tag, a fact checked with one)
    ("Setup is nine hundred dollars.", "Nine hundred for setup, for one salon it's a lot, non?",
     "The setup includes the import, right?"),
    ("It's a two-year term.", "Two years is a long contract for a kennel, eh?",
     "The two years start in March, don't they?"),
]  # fmt: skip


@pytest.mark.parametrize(("rep", "worry", "asked"), TAGGED)
def test_a_tagged_worry_objects_and_a_tagged_fact_asks(
    detector: RuleEmbeddingDetector, rep: str, worry: str, asked: str
) -> None:
    found = _found(detector, [Said(0, "rep", rep), Said(1, "buyer", worry)])
    assert found[worry][0] == "objection", found
    found = _found(detector, [Said(0, "rep", rep), Said(1, "buyer", asked)])
    assert found[asked][0] == "question", found


@pytest.mark.parametrize(
    ("sentence", "high"),
    [
        ("Please do, though I'll warn you I'm the cheapest person in this building.", True),
        ("I'm notoriously tight with money.", True),
        ("I'm not cheap, I just want it to work.", False),
        ("We're the cheapest groomer in town.", False),  # their own prices
        ("I'm tight on time this week.", False),
    ],
)
def test_the_buyers_own_thrift_warns_of_the_price(sentence: str, high: bool) -> None:
    assert calls_the_price_high(sentence) is high


def test_hedged_objections_get_their_topic(detector: RuleEmbeddingDetector) -> None:
    call = [
        Said(0, "rep", "What do you use for the bakery today?"),
        Said(1, "buyer", "One late delivery doesn't justify changing supplier."),
        Said(2, "rep", "When could you move?"),
        Said(
            3, "buyer", "Our contract with Crumbworks runs until next March, so I'm just looking."
        ),
        Said(4, "rep", "I'll send the pricing."),
        Said(5, "buyer", "Please do, though I'll warn you I'm the cheapest person in this shop."),
    ]
    found = _found(detector, call)
    assert found["One late delivery doesn't justify changing supplier."] == (
        "objection",
        "status_quo",
    ), found
    assert found["Our contract with Crumbworks runs until next March, so I'm just looking."] == (
        "objection",
        "contract",
    ), found
    assert found["Please do, though I'll warn you I'm the cheapest person in this shop."] == (
        "objection",
        "price",
    ), found
