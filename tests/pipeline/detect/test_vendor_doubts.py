"""Us doubted in a question or a story (walk 7 snag 10): a question that takes our failing or
sale for granted, our customers asked after in doubt, a past supplier's failing told and our
sale or end feared after the move are ``vendor_trust`` objections (they had been plain
questions, pains, switching, setup time, adoption and integrations objections); whose the data
is once they leave us is a ``security`` objection (a plain question). Plain questions, a story
that goes on to today's way and a past tool's praise keep their kinds. Four trades: dental
practices, trucking dispatch, law-firm IT, restaurant POS."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.vendor_doubts import vendor_doubt
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

OURS = ["Dentabook", "Haulbase", "Lexdesk", "Tabletop"]
REP = {
    "dental": "Recalls go out by text a fortnight before.",
    "trucking": "Loads land on the board the moment a broker books them.",
    "law": "Matters open from the intake form in one click.",
    "restaurant": "Orders go from the table straight to the kitchen screen.",
}


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, ignore_names=OURS)


def _verdict(detector: RuleEmbeddingDetector, trade: str, said: str) -> tuple[str, str | None]:
    verdicts = buyer_verdicts(detector, [Line(1, "rep", REP[trade]), Line(2, "buyer", said)])
    return verdicts[said]


DOUBTS = [
    # our failing or sale presumed (plain questions)
    ("dental", "What happens to our patients' X-rays if Dentabook goes bust?"),
    ("trucking", "Where does that leave our dispatch board if you get bought out?"),
    ("trucking", "Will you lot still be around when our lease on the trucks is up?"),
    # our customers asked after in doubt (questions; small talk)
    ("law", "Be honest, how many firms are actually running this?"),
    ("restaurant", "Honestly, how many restaurants are actually on Tabletop?"),
    ("restaurant", "Seriously, does anyone actually use Tabletop in a kitchen this size?"),
    # a past supplier's failing told (switching, pain, setup time, pain)
    ("dental", "Our old practice software went under and we lost every patient's recall dates."),
    ("restaurant", "Our last POS company went bust and we lost every booking."),
    ("trucking", "We got burnt by our old dispatch provider when they folded overnight."),
    ("law", "The previous IT firm wouldn't hand back our own client files when we left."),
    # our sale or end feared after the move (switching, adoption, switching)
    (
        "trucking",
        "I won't move sixty trucks across and then find out you've been bought out.",
    ),
    ("restaurant", "I'd hate to retrain the floor staff and then find out you've shut down."),
    ("dental", "I'm not moving ten years of charts over only to find you've gone bust."),
]
# whose the data is once they leave us (plain questions)
DATA_ON_LEAVING = [
    ("law", "If we leave Lexdesk after the pilot, who owns the matter history?"),
    ("dental", "If we ever cancel, do we get to keep all our patient records?"),
    ("restaurant", "When we leave you, is the customer list still ours?"),
]


@pytest.mark.parametrize(("trade", "said"), DOUBTS)
def test_a_doubt_about_us_asked_or_told_is_vendor_trust(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    assert _verdict(detector, trade, said) == ("objection", "vendor_trust")


@pytest.mark.parametrize(("trade", "said"), DATA_ON_LEAVING)
def test_whose_data_once_they_leave_is_security(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    assert _verdict(detector, trade, said) == ("objection", "security")


@pytest.mark.parametrize(
    ("trade", "said"),
    [
        ("dental", "How long does setup take for a four-chair practice?"),
        ("restaurant", "Do you integrate with Xero?"),
        ("trucking", "How many trucks can one dispatcher see on the board?"),
        ("dental", "How many practices use Dentabook?"),  # asked, not doubted
        ("law", "How long have you been around?"),
        ("trucking", "What happens to the board if a driver calls in sick?"),
        ("restaurant", "Can we export everything to CSV whenever we like?"),
    ],
)
def test_a_plain_question_stays_a_question(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    assert _verdict(detector, trade, said)[0] == "question"


@pytest.mark.parametrize(
    ("trade", "said"),
    [
        ("restaurant", "Our old POS went bust, so now we're doing tickets on paper."),  # today's
        ("restaurant", "Our old till never let us down."),
        ("restaurant", "We got burnt on the last stocktake."),  # no supplier
        ("law", "If we cancel, do we have to pay out the rest of the year?"),  # no data
        ("trucking", "If we leave early, who owns the tablets in the cabs?"),  # no data
    ],
)
def test_no_doubt_about_us_is_no_vendor_trust_nor_security(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    assert _verdict(detector, trade, said)[1] not in ("vendor_trust", "security")


def test_our_name_reads_as_us_only_when_given() -> None:
    """Our name in "if Dentabook goes bust" is us only where Dentabook is ours: said of another
    company it asks after that company."""
    said = "What happens to our X-rays if Dentabook goes bust?"
    assert vendor_doubt(said, ["Dentabook"]) == "vendor_trust"
    assert vendor_doubt(said, ["Haulbase"]) is None
