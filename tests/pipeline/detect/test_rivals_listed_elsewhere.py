"""A rival other calls' records list is found in a call that has no record of its own: a CRM
note's "Still on Anchor Desk + paper logbook." is tagged as a transcript's mention is.

Why: a CRM export's notes (no manifest row, no competitor column) named "Requiem Desk" twice
and neither was tagged: the comparison said buyers named it on 4 calls where 6 did (review 27).
"""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# (role, what the note or its quoted buyer says, the rival it names)
NOTES = [
    ("rep_note", "Still on FieldRoutes Operations + paper route sheets.", "FieldRoutes Operations"),
    ("buyer", "we've had Anchor Desk for ten years and it's never once let us down", "Anchor Desk"),
    ("rep_note", "Uses Teamwork Projects for time tracking, renewal in May.", "Teamwork Projects"),
    ("buyer", "why would we pay double when Harvest Profit does most of it", "Harvest Profit"),
    ("rep_note", "Beacon CRM holds 4,000 donor records, export is the worry.", "Beacon CRM"),
    ("buyer", "we've been on Willow Clinic Manager since we opened", "Willow Clinic Manager"),
    ("rep_note", "Compass School Manager contract ends in July.", "Compass School Manager"),
    ("buyer", "Mindbody takes a cut of every class booking and it adds up", "Mindbody"),
    ("rep_note", "Toast POS on all six tills, owner happy enough with it.", "Toast POS"),
    ("buyer", "the partners like Dentally Pro because the recalls just work", "Dentally Pro"),
    ("rep_note", "AppFolio renewal is up in March, board wants three quotes.", "AppFolio"),
    ("buyer", "eighteen vans on Verizon Connect, the exit fee is the blocker", "Verizon Connect"),
]  # fmt: skip
RIVALS = sorted({rival for _, _, rival in NOTES})


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)  # no rival configured: the records list them


def _rivals(detector: RuleEmbeddingDetector, elsewhere: list[str]) -> dict[str, set[str]]:
    lines = [Line(n, role, text, call_id=n) for n, (role, text, _) in enumerate(NOTES)]
    found = detector.detect_utterances(lines, elsewhere=elsewhere)
    return {
        text: {d.competitor for d in found[n] if d.kind == "competitor" and d.competitor}
        for n, (_, text, _) in enumerate(NOTES)
    }


def test_a_note_naming_a_rival_another_call_lists_is_tagged(
    detector: RuleEmbeddingDetector,
) -> None:
    tagged = _rivals(detector, RIVALS)
    assert {text: tagged[text] for _, text, _ in NOTES} == {
        text: {rival} for _, text, rival in NOTES
    }


def test_a_common_short_form_counts_only_where_the_calls_record_lists_it(
    detector: RuleEmbeddingDetector,
) -> None:
    said = [Line(0, "buyer", "I'd rather keep Anchor for the billing, to be fair.")]

    def tags(competitors: list[str], elsewhere: list[str]) -> list[str | None]:
        found = detector.detect_utterances(said, competitors=competitors, elsewhere=elsewhere)
        return [d.competitor for d in found[0] if d.kind == "competitor"]

    assert tags(["Anchor Desk"], []) == ["Anchor Desk"]
    assert tags([], ["Anchor Desk"]) == []  # another call's rival: "Anchor" is a word


@pytest.mark.parametrize(
    "text",
    [
        "Front desk is swamped, wants the demo after Easter.",  # the word of a rival's name
        "Harvest starts in August, call back in October.",
        "Happy with the compass we gave them at the show.",
    ],
)
def test_a_word_of_a_listed_rival_is_no_tag(detector: RuleEmbeddingDetector, text: str) -> None:
    found = detector.detect_utterances([Line(0, "rep_note", text)], elsewhere=RIVALS)[0]
    assert not [d.competitor for d in found if d.kind == "competitor"]
