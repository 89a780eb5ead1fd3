"""A purchase promised on a condition (``pipeline/detect/conditions.py``): what the condition
asks of us is an objection in its topic; a condition that is only the deal's next step, the
trial holding up or an approval the buyer says will come is a buying signal.

Why: "We'd pick you if the price came down." had been read as small talk (other 0.93), and "The
minute you have SSO we'll sign." as a commitment (other 0.99): the deal's blocker went uncounted.
"""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.conditions import promised_condition
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REP = "Okay, so that's the pricing and the rollout plan."


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kind(detector: RuleEmbeddingDetector, said: str, role: str = "buyer") -> tuple[str, str]:
    lines = [Line(1, "rep", REP), Line(2, role, said), Line(3, "rep", "Understood.")]
    found = detector.detect_utterances(lines)[2]
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    return kind.kind, kind.category or ""


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("We'd pick you if the price came down.", "price"),
        ("We'd sign if you did monthly billing.", ""),
        ("If you could get the per-seat price under $20 we'd move tomorrow.", "price"),
        ("We'll go ahead once you support Xero.", "integrations"),
        ("Happy to switch as soon as you have an Android app.", ""),
        ("If you did a month-to-month option we'd sign today.", ""),
        ("We'd switch in a heartbeat if you integrated with QuickBooks.", "integrations"),
        ("The minute you have SSO we'll sign.", ""),
        ("If the price was closer to ten dollars a user, we'd be in.", "price"),
        ("We would go with you if you dropped the annual contract.", "contract"),
        ("Once you've got a Sage connector we'll move over.", "integrations"),
        ("If you can match what we pay now, we'll switch.", ""),
        ("We'd buy it tomorrow if it had offline mode.", ""),
        ("As soon as you're SOC 2 certified we'll go ahead.", "security"),
        ("We'd roll it out to all the clinics if you could do a per-location price.", "price"),
        ("Get us a 12 month break clause and we'll sign.", "contract"),
        ("If it talked to our POS we'd be on board.", "integrations"),
        ("I'd sign today if you waived the setup fee.", "price"),
        ("If you could host the data in the UK we'd go ahead.", "security"),
        ("Knock 20 percent off and we'll sign.", ""),
        ("We'd commit if there was no minimum term.", ""),
        ("Provided you can import our job history, we'd switch.", "switching"),
        ("If you can do it for under five grand we're in.", ""),
        ("If you could get the per-seat price down that'd be great.", "price"),
    ],
)
def test_a_purchase_promised_on_what_we_lack_is_an_objection(
    detector: RuleEmbeddingDetector, said: str, category: str
) -> None:
    """The category is the condition's topic where it names one ("" : whatever the model
    reads; there is no feature category for an app or offline mode)."""
    kind, topic = _kind(detector, said)
    assert kind == "objection", said
    assert not category or topic == category, (said, topic)


def test_a_notes_report_of_the_buyers_condition_is_an_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    said = "Owner said she'd sign as soon as we support Xero."
    assert _kind(detector, said, "rep_note") == ("objection", "integrations")
    assert _kind(detector, "Buyer would sign if we did monthly billing.", "rep_note")[0] == (
        "objection"
    )


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        # a request or a step of the deal, the trial holding up: a buying signal
        ("If you could send the invoice to accounts that'd be great.", "other"),
        ("If it works like the demo we'll roll it out to all sites.", "other"),
        ("If you can send me the contract today I'll sign it tonight.", "other"),
        ("Once the paperwork's through we'll start in March.", "other"),
        ("If the trial goes like this we'll sign next week.", "other"),
        ("If you could loop in Sam from finance that'd help.", "other"),
        ("As soon as you send the order form we'll sign.", "other"),
        ("We'll go ahead once I'm back from leave.", "other"),
        ("If you can book the training for Monday we'll go live Tuesday.", "other"),
        # an approval the buyer says will come: no authority worry
        ("We'd go ahead if the board signs off Thursday, which they will.", "other"),
        ("We'll sign once legal has read it, that's just a formality.", "other"),
        # a question about going ahead
        ("If we go ahead, who runs onboarding?", "question"),
        ("If we sign this week, when could we go live?", "question"),
    ],
)
def test_a_purchase_promised_on_a_step_is_no_objection(
    detector: RuleEmbeddingDetector, said: str, kind: str
) -> None:
    assert _kind(detector, said)[0] == kind, said


@pytest.mark.parametrize(
    ("said", "condition"),
    [
        ("We'd pick you if the price came down.", "the price came down."),
        ("If you did monthly billing, we'd sign.", "you did monthly billing"),
        ("Knock 20 percent off and we'll sign.", "knock 20 percent off"),
        ("We'll sign.", None),
        ("If we go ahead, who runs onboarding?", None),
        ("If it rains we'll stay in.", None),
    ],
)
def test_the_condition_a_buyer_puts_on_buying(said: str, condition: str | None) -> None:
    assert promised_condition(said) == condition


@pytest.mark.parametrize(
    "said",
    [
        "If the price changes next year, I'd look again.",
        "If the price goes up, we'd leave.",
        "We'd reconsider if the fees went up.",
        "If your pricing changes, we'd look elsewhere.",
        "If the price increases we would walk away.",
        "If the cost doubles next year we'd reconsider.",
        "If the subscription price jumps, I'd cancel.",
        "If the per-booking fee changes, we'll look again.",
        "If the monthly fee goes up again, the clinic would look around.",
        "If the per-cover price climbs, we'd shop around.",
    ],
)
def test_a_condition_on_the_price_moving_is_a_price_objection(
    detector: RuleEmbeddingDetector, said: str
) -> None:
    """A look again or a leaving promised on the price moving is a price objection: "If the
    price changes next year, I'd look again." had been authority and timing (0.60)."""
    assert _kind(detector, said) == ("objection", "price"), said


@pytest.mark.parametrize(
    "said",
    [
        "If it rains on Saturday I'd look again at the route.",
        "If you send the proposal I'd look again.",
        "Once the trial goes well we'll sign.",
    ],
)
def test_looking_again_on_no_price_sets_no_price_condition(said: str) -> None:
    """Looking again on the weather or on the next step names no price."""
    from pipeline.detect.conditions import condition_topic

    assert condition_topic(said) != "price", said
