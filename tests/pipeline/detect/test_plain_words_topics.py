"""Objection categories settled by plain words (reviews 22h item 2, 22j items 1 and 7, 22k item
8): money words and who pays are price, payback is price, a budget approved later is timing,
staff taking up one more app is adoption, no signal where the work happens is adoption (as the
labelled sets file it), and the busy season as the reason to wait is timing."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.model import KindScore
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.topics import (
    calls_the_price_high,
    needs_it_offline,
    reason_topic,
)
from pipeline.detect.verdict import STATEMENT_SURE, sentence_verdict
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

PRICE_IN_PLAIN_WORDS = [
    "Still a fair whack for a small clinic like ours.",
    "It's a hefty whack for a booking page.",
    "Honestly that's a bit steep for four vans.",
    "Twelve hundred a year is on the dear side for a salon.",
    "The card readers cost an arm and a leg last time.",
    "We've got nine casual tutors over the term, so that adds up.",
    "With thirty kennels on the system, it all adds up.",
    "If head office picks up the bill we're in.",
    "The landlord won't pay a penny towards the install.",
    "Our members would foot the bill, and they won't.",
    "Why would we pay you twelve dollars a room when the channel manager is free?",
    "Forty quid a locker is more than the caretakers will wear.",
    "My finance director wants payback inside eighteen months.",
    "I'd need to see the payback period before I take it to our owners.",
    "The return on investment has to be there in year one.",
    "We need to break even on it by the second season.",
    "The card fee on top is what bothers me.",
    "Transaction fees are the sticking point for a charity our size.",
    "The groundworks quote would be $40k before a single charger goes in.",
    "Rewiring the old wing would cost 25 grand.",
    "We're not paying for another app on top of the EHR.",
    "Members won't pay per farm on top of co-op fees.",
]

BUDGET_LATER = [
    "Budget won't be signed off until the new financial year in April.",
    "The training budget isn't released until September.",
    "Funding only opens after the trustees meet in July.",
    "Our capex gets approved in the spring, not before.",
    "The budget for this only opens in April.",
    "Budget approval doesn't happen until next quarter.",
    "There's no spend approved before the school year ends.",
    "The council's budget is set in March, so nothing before then.",
    "Department budgets are confirmed at the start of the fiscal year.",
    "Our marketing budget is signed off in January.",
]

THE_BUSY_SEASON = [
    "Our busiest season starts in November, so we can't train six drivers on a new app before"
    " January.",
    "Harvest season is six weeks away and we won't take on anything new until it's done.",
    "Wedding season runs to October, so there's no way we can start a new system before then.",
    "We can't train the temps on anything new during the Christmas rush.",
    "Tax season is when nobody here can learn anything new.",
    "Lambing season starts next week so I can't look at this till May.",
    "We won't be onboarding anyone during the flu season.",
    "Summer season's our peak, the crew can't get used to a new tool then.",
    "We can't introduce a new booking screen during the ski season.",
    "Calving season is on us, so we won't start anything until it's over.",
]

ONE_MORE_APP = [
    "Our residents already use the building's app for everything, so a second app is a"
    " non-starter.",
    "Drivers won't download an app just to charge a van.",
    "Another login for the nurses is the last thing they want.",
    "The carers already juggle three apps on their phones.",
    "Asking parents to install a separate app won't fly.",
    "Our stewards won't learn a new app for one match a month.",
    "It means training forty cleaners on a new app.",
    "One more password for the chefs and they'll stop using it.",
    "The volunteers won't carry two apps around.",
    "A separate portal for the tenants is a hard sell.",
]

NO_SIGNAL_WHERE_THEY_WORK = [
    "There's no coverage at all down by the bog fields.",
    "There's nothing past the woolshed, back paddocks are dead.",
    "Half our jobs are in basements with no signal.",
    "The vineyard blocks up the hill have zero reception.",
    "Mobile coverage is patchy across the whole estate.",
    "The quarry floor is a dead zone for phones.",
    "Our put-in has no mobile coverage at all, so if check-in needs internet we're stuffed.",
    "If your app needs internet to write a record, it's useless to me.",
    "Whatever we use has to check people in offline, no exceptions.",
    "What happens if the internet goes down in the middle of service?",
    "The wifi in the cold store is rubbish.",
    "Signal's dead in the back of the warehouse.",
    "Out on the boats we're out of range most of the day.",
    "The hill farms are all black spots.",
    "Poor signal in the plant rooms means the engineers lose their notes.",
]


@pytest.mark.parametrize("sentence", PRICE_IN_PLAIN_WORDS)
@pytest.mark.parametrize("category", ["setup_time", "security", "contract", "adoption"])
def test_money_in_plain_words_is_price(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "price"


@pytest.mark.parametrize("sentence", BUDGET_LATER)
@pytest.mark.parametrize("category", ["price", "contract", "setup_time"])
def test_a_budget_approved_later_is_timing(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "authority_timing"


@pytest.mark.parametrize("sentence", THE_BUSY_SEASON)
@pytest.mark.parametrize("category", ["security", "setup_time", "adoption"])
def test_the_busy_season_as_the_reason_to_wait_is_timing(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "authority_timing"


@pytest.mark.parametrize("sentence", ONE_MORE_APP)
@pytest.mark.parametrize("category", ["price", "integrations", "setup_time"])
def test_one_more_app_for_staff_is_adoption(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "adoption"


@pytest.mark.parametrize("sentence", NO_SIGNAL_WHERE_THEY_WORK)
@pytest.mark.parametrize("category", ["security", "status_quo", "setup_time"])
def test_no_signal_where_the_work_happens_is_adoption(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "adoption"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # same words, another topic: each keeps the model's category
        (
            "I honestly don't know when we'd find the time to train nine people on a new system.",
            "setup_time",
        ),
        ("The dates in the rollout plan don't add up for a May opening.", "setup_time"),
        ("All that double entry time adds up to two days a month.", "setup_time"),
        ("It's a steep learning curve for the older drivers.", "adoption"),
        ("I can't be switching systems in the middle of peak season either.", "switching"),
        (
            "We'd need sign-off from the board before anything touches the ledger.",
            "authority_timing",
        ),
        ("The app has to connect to Xero or it's no use.", "integrations"),
        ("Our partners will want a say on the contract length.", "contract"),
        ("Signing a three-year term before the audit isn't happening.", "contract"),
        ("Moving ten years of job history across is the scary part.", "switching"),
        ("There's no connection to our accounting package.", "integrations"),
        ("The old team never used the last app we bought.", "status_quo"),
        ("Our data has to stay in Australia.", "security"),
        ("The drivers won't put up with yet more paperwork.", "adoption"),
        ("We won't spend hours retyping jobs into two systems.", "integrations"),
        ("Our members are fine with what the co-op pays for now.", "status_quo"),
    ],
)
def test_the_same_words_about_something_else_keep_their_category(
    sentence: str, category: str
) -> None:
    assert plain_topic(sentence, category) == category


@pytest.mark.parametrize(
    "sentence",
    [
        "That's a fair whack for a spray diary.",
        "Mate, I reckon it's a fair whack of money for something the whiteboard does for free.",
        "It's a bit steep for a two-chair salon.",
        "Daylight robbery for a rota, honestly.",
        "Eighty a month is on the dear side for us.",
        "It's pretty pricey for what we'd use.",
    ],
)
def test_the_price_called_high_is_said_as_such(sentence: str) -> None:
    assert calls_the_price_high(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "It's not a bit steep at all for what it does.",
        "That's a steep learning curve for the drivers.",
        "The hill up to the top paddock is pretty steep.",
        "We're fine on price.",
        "Thanks, dear.",
    ],
)
def test_no_high_price_said_is_none(sentence: str) -> None:
    assert not calls_the_price_high(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "no signal in half the irrigation bays, wants offline.",
        "No cover on most of the farm, needs offline.",
        "Zero reception in the cellars, needs it to work offline.",
        "Patchy signal on the building sites, wants an offline mode.",
        "No wifi in the marquee so check-in has to work without internet.",
        "Dead zones all over the estate, asked for offline.",
    ],
)
def test_no_signal_and_a_need_for_offline_is_the_requirement(sentence: str) -> None:
    assert needs_it_offline(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wants offline mode for the trade show.",  # no signal said
        "No signal in the lift, otherwise fine.",  # nothing needed
        "Loved the offline mode in the demo.",
    ],
)
def test_only_half_of_it_is_no_requirement(sentence: str) -> None:
    assert not needs_it_offline(sentence)


def _in_turn(turn: str, text: str) -> SentenceInput:
    return SentenceInput(text, turn)


@pytest.mark.parametrize(
    ("turn", "text", "topic"),
    [
        (
            "Would the contractors need to pay for their own logins? Because they won't.",
            "Because they won't.",
            "price",
        ),
        ("Does each site pay per user? 'Cause they won't.", "'Cause they won't.", "price"),
        ("Is there a SOC 2 report? Because legal will ask.", "Because legal will ask.", "security"),
        ("Can it sync with Xero? Since we live in it.", "Since we live in it.", "integrations"),
    ],
)
def test_a_bare_reason_takes_the_topic_before_it(turn: str, text: str, topic: str) -> None:
    assert reason_topic(_in_turn(turn, text)) == topic


@pytest.mark.parametrize(
    ("turn", "text"),
    [
        ("Would they pay per seat? They won't use it though.", "They won't use it though."),
        ("Because they won't.", "Because they won't."),  # nothing before it
        (
            "It costs per seat. Because the crews rotate every week and the supervisors forget.",
            "Because the crews rotate every week and the supervisors forget.",
        ),
    ],
)
def test_other_sentences_take_no_topic_from_before(turn: str, text: str) -> None:
    assert reason_topic(_in_turn(turn, text)) is None


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _objections(
    detector: RuleEmbeddingDetector, lines: list[Line]
) -> dict[str, tuple[str, str | None, float]]:
    found = detector.detect_utterances(lines)
    return {
        d.text.strip(): (d.kind, d.category, d.confidence)
        for line in lines
        for d in found[line.id]
        if d.kind not in ("competitor", "why_now")
    }


def test_reviewed_sentences_take_their_plain_topic(detector: RuleEmbeddingDetector) -> None:
    """Reviews 22h, 22j and 22k: each had been missed or filed under another category."""
    expected = {
        "That's a fair whack for a spray diary.": "price",
        "Still a fair whack for a small herd like ours.": "price",
        "If the co-op picks up the bill we're in.": "price",
        "There's no coverage at all down by the bog fields.": "adoption",
        "My CFO wants payback under two years or it doesn't happen.": "price",
        "Why would I pay you eighteen bucks a port every month when the hardware is free?": (
            "price"
        ),
        "Our busiest season starts in November, so we can't train six drivers on a new app"
        " before January.": "authority_timing",
    }
    got = _objections(detector, [Line(i, "buyer", t, i) for i, t in enumerate(expected)])
    assert {t: got[t][:2] for t in expected} == {t: ("objection", c) for t, c in expected.items()}


def test_a_note_of_no_signal_and_offline_is_an_objection(detector: RuleEmbeddingDetector) -> None:
    notes = [
        "no signal in half the irrigation bays, wants offline.",
        "No cover on most of the farm, needs offline.",
    ]
    got = _objections(detector, [Line(i, "rep_note", t, i) for i, t in enumerate(notes)])
    for note in notes:
        kind, category, confidence = got[note]
        assert (kind, category) == ("objection", "adoption") and confidence >= STATEMENT_SURE


def test_a_price_question_and_its_reasons(detector: RuleEmbeddingDetector) -> None:
    """Review 22j: "Because they won't." had been adoption (0.99) and "so that adds up" set-up
    time."""
    lines = [
        Line(1, "rep", "Contractors could log straight into the block."),
        Line(
            2,
            "buyer",
            "Would the contractors need to pay for their own logins? Because they won't.",
        ),
        Line(
            3,
            "rep",
            "They'd be extra users on your account, a hundred and fifty dollars each a year.",
        ),
        Line(
            4,
            "buyer",
            "Yeah, that's where it gets tricky. We've got six spray contractors over the"
            " season, so that adds up.",
        ),
    ]
    got = _objections(detector, lines)
    assert got["Because they won't."][:2] == ("objection", "price")
    adds_up = "We've got six spray contractors over the season, so that adds up."
    assert got[adds_up][:2] == ("objection", "price")


def test_a_rival_named_before_leaves_our_fee_price() -> None:
    """Review 22h: "the payment fee on top is what bothers me" had been a competitor objection
    because the sentence before it named a rival; its own words are about our fee."""
    turn = (
        "We also spoke with PlugHaus. Their price was lower. Your per-port price is fine, but"
        " the payment fee on top is what bothers me."
    )
    text = "Your per-port price is fine, but the payment fee on top is what bothers me."
    sentence = SentenceInput(text, turn, competitors=("PlugHaus",), index_in_turn=2, turn_size=3)
    score = KindScore("objection", "competitor", 0.71, 0.71, without_rival="contract")
    verdict = sentence_verdict(sentence, "buyer", score, {}, [])
    assert (verdict.kind, verdict.category) == ("objection", "price")


def test_an_on_topic_question_takes_the_topic_its_words_settle() -> None:
    """Review 22k: "Asked whether the app works offline in rural areas." had been a security
    question (no security in it)."""
    text = "Asked whether the app works offline in rural areas."
    score = KindScore("question", "security", 0.54, 0.2)
    verdict = sentence_verdict(SentenceInput(text, text), "rep_note", score, {"security": 0.5}, [])
    assert (verdict.kind, verdict.category) == ("question", "adoption")
