"""A turn moving on to a topic named alone ("The other thing is the recall letters.") and a
remark to a colleague by name that gives no reason not to buy ("Kate, the old diary only goes
back to March anyway.") are no objections (``side_remarks.announces_a_topic``, ``said_aside``):
walk 6 had them as switching, security and integrations objections. The sentence after an
announcement keeps its objection, and so does a worry said to a colleague ("Kate, this costs
more than the two of us make in a week."). Dental, kitchen, landscaping, salon, kennel and
funeral-home calls."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.side_remarks import announces_a_topic, said_aside
from pipeline.embed import Embedder
from tests.samples import Said


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(
    ("sentence", "announces"),
    [
        ("The other thing is the recall letters.", True),  # dental
        ("Second thing, the chair price.", True),  # salon
        ("Now, about the contract.", True),
        ("Which brings me to the stock counts.", True),  # kitchen
        ("Okay, last thing, the Xero link.", True),
        ("Moving on to the training.", True),
        ("Then there's the winter months.", True),  # landscaping
        ("The other thing is the ridiculous setup fee.", False),  # a judgement
        ("And the other problem is the price.", False),  # a complaint said as one
        ("And the other thing is we're retyping every invoice by hand.", False),  # a clause
        ("The other thing is the price is too high.", False),
        ("Here's my thing on price.", False),
        ("Now, about the contract?", False),
    ],
)
def test_an_announcement_names_a_topic_alone(sentence: str, announces: bool) -> None:
    assert announces_a_topic(sentence) is announces


# An announcement, the objection it announced, and the same topic judged (a complaint): (the
# rep's turn, announcement, objection, complaint)
ANNOUNCED = [
    (  # dental
        "The plan covers all three clinics.",
        "The other thing is the recall letters.",
        "We'd never get the front desk to switch off the old system for those.",
        "The other thing is the ridiculous setup fee.",
    ),
    (  # salon
        "Pricing is per chair.",
        "Second thing, the chair price.",
        "Forty a chair is more than we pay for the whole booking tool.",
        "And the other problem is the price.",
    ),
    (  # kitchen
        "We sync with the till every night.",
        "Which brings me to the stock counts.",
        "If it can't read our supplier invoices, it's no use to us.",
        "The other thing is the ridiculous setup fee.",
    ),
    (  # landscaping
        "Crews clock in from the app.",
        "The other thing is the winter months.",
        "Half the crews are laid off from December, and I'm not paying for idle seats.",
        "And the other problem is the price.",
    ),
    (  # kitchen
        "We can import the menus.",
        "Another thing is the allergen sheets.",
        "The inspector wants them on paper and your app can't print them.",
        "The other thing is the ridiculous setup fee.",
    ),
    (  # dental
        "The plan covers all three clinics.",
        "Moving on to the training.",
        "Our hygienists are part-time and we can't pull them off the chairs for a day.",
        "And the other problem is the price.",
    ),
]


@pytest.mark.parametrize(("rep", "announcement", "objection", "complaint"), ANNOUNCED)
def test_an_announcement_is_other_and_the_objection_after_it_stays(
    detector: RuleEmbeddingDetector, rep: str, announcement: str, objection: str, complaint: str
) -> None:
    """The announcement is other, the sentence after it objects; a topic judged, or named to
    end the turn, keeps the model's objection."""
    said = [f"{announcement} {objection}", f"{complaint} {objection}", f"Okay. {announcement}"]
    calls = [[Said(0, "rep", rep, "Rep"), Said(1, "buyer", turn, "Ana")] for turn in said]
    announced, judged, last = (_kinds(detector, call) for call in calls)
    assert (announced[announcement], announced[objection]) == ("other", "objection")
    assert (judged[complaint], last[announcement]) == ("objection", "objection")


# A colleague's worry, a remark to them by name with no reason not to buy, and one with a
# reason: (the rep's turn, worry, colleague, aside, objection)
ASIDES = [
    (  # kitchen: a fact for them
        "Setup is usually a week for a kitchen your size.",
        "We'd lose a whole week of prep on training, and the price is steep.",
        "Leo",
        "Leo, the inspector only looks at this year's fridge logs.",
        "Leo, we can't afford to shut the kitchen for a week, it's far too expensive.",
    ),
    (  # kitchen: a need denied for what it is for
        "Setup is usually a week for a kitchen your size.",
        "We'd lose a whole week of prep on training, and the price is steep.",
        "Leo",
        "Hang on, Leo, we don't need the menu import to run the fridge logs.",
        "Leo, we can't afford to shut the kitchen for a week, it's far too expensive.",
    ),
    (  # kennels
        "Boarding bookings move over from your old diary.",
        "I'm worried the old bookings won't come over and we'll double book the kennels.",
        "Kate",
        "Kate, the old diary only goes back to March anyway.",
        "Kate, this costs more than the two of us make in a week.",
    ),
    (  # dental clinic
        "We can import your patient list.",
        "I don't think the nurses will take to another app.",
        "Mia",
        "Hold on, Mia, you don't need the app to book a patient in.",
        "Mia, this is twice what we pay for the booking system now.",
    ),
    (  # landscaping
        "The crew app tracks hours by job.",
        "The guys won't touch another app, they barely use the one we've got.",
        "Dale",
        "Dale, the foreman fills in the hours for them on Fridays.",
        "Dale, we'd never get the older guys onto it.",
    ),
    (  # landscaping
        "The crew app tracks hours by job.",
        "The guys won't touch another app, they barely use the one we've got.",
        "Dale",
        "Wait, Dale, they don't need the app to clock in, the foreman does it.",
        "Dale, we'd never get the older guys onto it.",
    ),
]


@pytest.mark.parametrize(("rep", "worry", "colleague", "aside", "objection"), ASIDES)
def test_an_aside_to_a_colleague_is_no_objection_and_a_reason_said_to_one_is(
    detector: RuleEmbeddingDetector,
    rep: str,
    worry: str,
    colleague: str,
    aside: str,
    objection: str,
) -> None:
    assert _kinds(detector, _room(rep, worry, colleague, aside))[aside] != "objection"
    assert _kinds(detector, _room(rep, worry, colleague, objection))[objection] == "objection"


@pytest.mark.parametrize(
    ("sentence", "colleagues", "aside"),
    [
        ("Kate, the old diary only goes back to March anyway.", ("Kate",), True),
        (
            "Honestly, I don't mind the old menus, Leo, just start from the spring one.",
            ("Leo",),
            True,
        ),
        ("The old diary only goes back to March, Kate.", ("Kate",), True),
        ("Kate, the old diary only goes back to March anyway.", ("Sam",), False),  # not theirs
        ("Kate thinks the old diary only goes back to March.", ("Kate",), False),  # not called
        ("Dale, can you send her the timesheets?", ("Dale",), False),  # a question
        ("Dale, we don't need any of this.", ("Dale",), False),  # a need denied outright
        ("Mia, the contract with the old provider runs till June.", ("Mia",), False),  # a topic
    ],
)
def test_an_aside_calls_a_colleague_and_gives_no_reason(
    sentence: str, colleagues: tuple[str, ...], aside: bool
) -> None:
    assert (said_aside(sentence, colleagues) is not None) is aside


def test_the_rep_called_by_name_is_no_colleague(detector: RuleEmbeddingDetector) -> None:
    """A buyer turning to the rep by name speaks to the seller: the model's objection stands,
    where the same words to a colleague are an aside."""
    rep, worry, colleague, aside, _ = ASIDES[0]
    to_the_rep = [Said(0, "rep", rep, f"{colleague} Marsh"), Said(1, "buyer", worry, "Ana")]
    to_the_rep.append(Said(2, "buyer", aside, "Robin Hale"))
    assert _kinds(detector, to_the_rep)[aside] == "objection"
    assert _kinds(detector, _room(rep, worry, colleague, aside))[aside] != "objection"


def _room(rep: str, worry: str, colleague: str, remark: str) -> list[Said]:
    """A call: the rep's turn, the colleague's worry, the other buyer's remark."""
    return [
        Said(0, "rep", rep, "Rep"),
        Said(1, "buyer", worry, f"{colleague} Marsh"),
        Said(2, "buyer", remark, "Robin Hale"),
    ]


def _kinds(detector: RuleEmbeddingDetector, call: list[Said]) -> dict[str, str]:
    found = detector.detect_utterances(call)
    return {
        d.text: d.kind
        for said in call
        if said.role == "buyer"
        for d in found[said.id]
        if d.kind not in ("competitor", "why_now")
    }
