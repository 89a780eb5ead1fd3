"""A complaint about the tool the buyer uses now is a pain, a reason to buy, also when the tool is
a named rival (walk 5: "We've been on <rival> for about three years and the engineers can't
stand it.", "the office can't see anything until the engineer gets back in signal, so we're
ringing round all day" and a note's quote "it logs them out every time they lose signal and
they lose the whole service sheet" were objections, filed as staff adoption). What they would
feel about ours stays an objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

TODAYS_TOOL = [
    # (rivals on the call's record, the rep's turn, the buyer's turn), one trade each; the first
    # sentence says who they are, the rest complain about the tool they use now
    (
        ("Fixline",),
        "Great. So what made you have a look at us?",
        "So we're Ridgeway Lifts, we're in Cardiff, eleven engineers. We've been on Fixline for"
        " about three years and the engineers can't stand it. Every time they're in a lift shaft"
        " the app loses the job and they have to start the service sheet again. And the office"
        " can't see anything until the engineer gets back in signal, so we're ringing round all"
        " day.",
    ),  # lift maintenance
    (
        ("Routely",),
        "Great. So what made you have a look at us?",
        "So we're Brightwash, we're in Leeds, nine vans. We've been on Routely for about two years"
        " and the drivers can't stand it. Every time a driver goes into a basement car park the"
        " app drops the round and they have to start the collection list again. And the office"
        " can't see anything until the driver gets back to the depot, so we're ringing round all"
        " day.",
    ),  # laundry collection
    (
        ("VetDesk",),
        "Thanks for making time. What made you get in touch?",
        "So we're Hillside Vets, three surgeries, about twenty nurses. We've been on VetDesk since"
        " 2021 and the nurses hate it. Every time the wifi drops in the consult room it kicks them"
        " out and they lose the whole consult note. And reception doesn't know which room is free"
        " until someone walks down the corridor, so they're phoning round the building all"
        " morning.",
    ),  # vets
]
# A rep's note that quotes the buyer (the quote is the buyer's own line, as a CRM export's
# quote is read): (the rival, the note's lines before the quote, the quote)
NOTE_QUOTES = [
    (
        "Fixline",
        "Engineers hate the Fixline app - Rob said",
        "it logs them out every time they lose signal and they lose the whole service sheet",
    ),  # lift maintenance
    (
        "VetDesk",
        "Nurses hate the VetDesk app - Ann said",
        "it kicks them out whenever the wifi drops and they lose the whole consult note",
    ),  # vets
    (
        "SiteSheet",
        "Supervisors hate the SiteSheet app - Gary said",
        "it logs them out every time they go up the tower and they lose the whole handover sheet",
    ),  # scaffolding
]
ABOUT_OURS = [
    "They'd hate a new app.",
    "We'd lose the whole history if we moved.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kinds(
    detector: RuleEmbeddingDetector, rivals: tuple[str, ...], rep: str, buyer: str
) -> dict[str, str]:
    found = detector.detect_utterances(
        [Line(0, "rep", rep), Line(1, "buyer", buyer)], competitors=rivals
    )[1]
    return {d.text: d.kind for d in found if d.kind not in ("competitor", "why_now")}


@pytest.mark.parametrize(("rivals", "rep", "buyer"), TODAYS_TOOL)
def test_a_complaint_about_todays_tool_is_a_pain(
    detector: RuleEmbeddingDetector, rivals: tuple[str, ...], rep: str, buyer: str
) -> None:
    kinds = _kinds(detector, rivals, rep, buyer)
    complaints = list(kinds.values())[1:]
    assert complaints == ["pain"] * 3, kinds


@pytest.mark.parametrize(("rival", "note", "quote"), NOTE_QUOTES)
def test_a_quote_in_a_note_about_todays_tool_is_a_pain(
    detector: RuleEmbeddingDetector, rival: str, note: str, quote: str
) -> None:
    lines = [
        Line(0, "rep_note", f"Call w/ the office manager. 14 staff, on {rival} since 2021."),
        Line(1, "rep_note", note),
        Line(2, "buyer", quote),
    ]
    found = detector.detect_utterances(lines, competitors=(rival,))[2]
    assert [d.kind for d in found if d.kind not in ("competitor", "why_now")] == ["pain"]


def test_what_they_would_feel_about_ours_stays_an_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    kinds = _kinds(detector, (), "Any concerns about moving across?", " ".join(ABOUT_OURS))
    assert set(kinds.values()) == {"objection"}, kinds
