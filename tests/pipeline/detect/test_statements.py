"""A buyer's words about how they work today, and plain questions, read after the kind model
(``pipeline/detect/statements.py``); and a reassurance that is no why-now trigger."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, rules, statements
from pipeline.detect.verdict import STATEMENT_SURE
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["RotaPro", "ClockBee"])


@pytest.mark.parametrize(
    ("sentence", "pain"),
    [
        ("Honestly the worst part is chasing tenants for their meter readings every month.", True),
        ("We still book the rooms by phone and it's painful.", True),
        ("Our biggest headache is the loading bay at the north site.", True),
        ("The problem is our nurses spend all day phoning patients to confirm slots.", True),
        ("The pain for them is quoting jobs on the islands:", True),  # a rep's note
        ("The problem is the price.", False),
        ("My worry is the switch in the middle of the season.", False),
        ("The worst part would be moving ten years of records over.", False),
        ("Our biggest headache is your contract length.", False),
    ],
)
def test_a_pain_said_as_one(sentence: str, pain: bool) -> None:
    assert statements.tells_a_pain(sentence) is pain


@pytest.mark.parametrize(
    ("sentence", "setup"),
    [
        ("At the moment it's a wall calendar plus a shared inbox per site.", True),
        ("We currently run the bookings through a mix of email and a paper diary.", True),
        ("Right now each manager keeps their own folder and nothing's shared.", True),
        ("Right now we're happy with what we have.", False),  # the status quo: an objection
        ("At the moment we can't afford a new system.", False),
        ("I still have to get the increase past the finance director.", False),
    ],
)
def test_todays_setup_described(sentence: str, setup: bool) -> None:
    assert statements.describes_the_setup(sentence) is setup


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Can we export all our bookings if we leave?", True),
        ("What happens if I add two temps for the summer only, do I pay for the whole year?", True),
        ("Does it read both kinds of scanner, or only one of them?", True),
        ("Will the cleaners actually use it, though?", False),
        ("Why would I pay more than I pay RotaPro now, when I'm not even sure it works?", False),
    ],
)
def test_a_question_asked_without_objecting(sentence: str, asks: bool) -> None:
    assert statements.asks_only(sentence) is asks


def test_pains_setups_and_questions_are_no_objections(detector: RuleEmbeddingDetector) -> None:
    """Each of these had been an objection (security, timing, switching ...) in a review."""
    said = {
        "Honestly the worst bit is chasing clients for their receipts every quarter.": "pain",
        "We still chase owners for signed forms by email and it's painful.": "pain",
        "The problem is our dispatchers spend all day ringing crews to ask where they are.": "pain",
        "At the moment it's a spreadsheet plus a shared drive folder per customer.": (
            "current_setup"
        ),
        "Can we export all our customer data if we leave?": "question",
    }
    lines = [Line(i, "buyer", text) for i, text in enumerate(said)]
    found = detector.detect_utterances(lines)
    for i, (text, kind) in enumerate(said.items()):
        got = [d.kind for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert got == [kind], text
    worry = detector.detect("My worry is the switch in the middle of our busy season.")
    assert [d.kind for d in worry if d.kind == "objection"] == ["objection"]


def test_a_rep_notes_narrative_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    """A rep's note that narrates (the buyer pleased, the deal's status, a to-do, a reported
    pain) is no objection; one reporting the buyer's concern still is."""
    note = (
        "Rafael was happy with the trial overall. Marked lost, revisit Q1 2027. "
        "She is going to record a video of their current set-up for Sam. "
        "The pain for them is quoting long jobs:\n"
        "They think it's too expensive for a team of four."
    )
    found = detector.detect_utterances([Line(1, "rep_note", note)])
    kinds = {d.text.strip(): d.kind for d in found[1] if d.kind not in ("competitor", "why_now")}
    assert kinds["Rafael was happy with the trial overall."] == "other"
    assert kinds["Marked lost, revisit Q1 2027."] == "other"
    assert kinds["She is going to record a video of their current set-up for Sam."] == "other"
    assert kinds["The pain for them is quoting long jobs:"] == "pain"
    assert kinds["They think it's too expensive for a team of four."] == "objection"


def test_a_reassurance_is_no_why_now(detector: RuleEmbeddingDetector) -> None:
    """ "The price is fine for three seats" had been a why-now (risk: "fine for")."""
    assert rules.why_now_cues("The price is fine for three seats, that's not the issue.") == {}
    found = detector.detect("The price is fine for five seats, that's not the issue.")
    assert [d for d in found if d.kind == "why_now"] == []
    assert rules.why_now_cues("We got a fine from the regulator last month.")


@pytest.mark.parametrize(
    ("sentence", "pain"),
    [
        # time or money lost to today's process
        ("Honestly the delivery notes alone are eating an hour of my week.", True),
        ("When a care plan goes missing we can lose half a morning finding who updated it.", True),
        ("It takes two days to find the right invoice when a client queries it.", True),
        ("Month end burns most of a Friday for the two of us.", True),
        ("We wasted three days last quarter reconciling the stock counts by hand.", True),
        ("The dispatchers spent a whole afternoon ringing round for the missing van.", True),
        ("Chasing timesheets swallows a couple of hours every Monday.", True),
        ("It took us ages to dig out the gas safety certificates for the landlord.", True),
        # a failure in an audit, inspection or visit
        ("We had a fire officer visit and couldn't find the extinguisher logbook.", True),
        ("We failed last year's food hygiene inspection over the fridge temperature logs.", True),
        ("The auditors flagged that half our training records had no signature.", True),
        ("We got fined after the regulator asked for the calibration records.", True),
        ("Last spring we were handed an improvement notice over the lifting plans.", True),
        # things going missing
        ("The signed consent forms go missing between the ward and the office.", True),
        ("Paper job sheets get lost in the vans all the time.", True),
        ("Site managers keep losing the latest drawing revisions.", True),
        ("We lose track of which tenant has had the boiler service.", True),
        # about us or buying: still objections
        ("Setting up your app would eat an hour of my week.", False),
        ("We'd lose half a morning training the crew on it.", False),
        ("If the permit app goes down we lose a day.", False),
        ("Moving the records over will take a week to sort out.", False),
        ("I couldn't find your pricing anywhere on the site.", False),
        ("Honestly the spreadsheet works fine for us, we don't lose any time.", False),
        ("Lost two weeks ago to a cheaper tool.", False),
    ],
)
def test_time_lost_a_failed_inspection_and_things_gone_missing_are_pains(
    sentence: str, pain: bool
) -> None:
    """Time lost to today's process, a failure in an inspection and things going missing are
    pains; the same said of us or of buying is no pain (review 20d item 5)."""
    assert statements.tells_a_pain(sentence) is pain


def test_a_works_permit_is_no_word_about_us() -> None:
    """ "hot works permit" names a document, not "it works" (the status quo)."""
    assert statements.tells_a_pain("When the hot works permit goes missing we lose a morning.")
    assert not statements.tells_a_pain("Our biggest headache is fine, what we have works.")


def test_reviewed_pains_are_no_objections(detector: RuleEmbeddingDetector) -> None:
    """Each had been an objection (switching, status quo) or other in review 20d."""
    said = [
        "we had an HSE visit last month and couldn't find a hot works permit for two days",
        "Honestly the toolbox talk sign-off sheets alone are eating an hour of my week.",
        "When the hot works permit goes missing we can lose half a morning finding who signed it.",
        "We had a food safety visit and couldn't find the cleaning rota for a week.",
    ]
    found = detector.detect_utterances([Line(i, "buyer", text) for i, text in enumerate(said)])
    for i, text in enumerate(said):
        kinds = [d for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert [d.kind for d in kinds] == ["pain"], text
        # said in so many words: confident, not left behind "show uncertain" (it had been 0.004)
        assert kinds[0].confidence >= STATEMENT_SURE, text
