"""What a buyer says of a rival that is no worry about us (``pipeline/detect/rival_remarks.py``):
review 22j had filed "we looked at <rival> but it's really built for the agronomist not the
farmer" as a competitor objection that named the rival's theme and was printed under "When
<rival> is the better fit", and "our agronomist puts recommendations into <rival>, but we don't
actually record in it" as a competitor objection. A rival weighed against us, run by the buyer
as a reason not to move, or asked about stays the model's."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.competitors import CompetitorHit
from pipeline.detect.rival_remarks import rival_remark
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVAL = "Crewboard"


def _hits(sentence: str, relation: str) -> list[CompetitorHit]:
    start = sentence.index(RIVAL)
    return [CompetitorHit(RIVAL, start, start + len(RIVAL), relation, True)]


CRITICISED = [
    "we looked at Crewboard but it's really built for the agronomist not the farmer",
    "We trialled Crewboard last year and it kept crashing on the older phones.",
    "Crewboard felt clunky when we saw it at the expo.",
    "A mate tried Crewboard and said their support was useless.",
    "We had a demo of Crewboard, honestly it looked dated.",
    "Crewboard is built for big hospital groups, not a two-surgery practice like ours.",
    "We tried Crewboard for a month and the lads hated it.",
    "We looked at Crewboard in 2023 and it was far too complicated for the front desk.",
    "Crewboard was a total mess when we looked at it.",
    "Honestly Crewboard seemed really fiddly on a tablet.",
    "We gave Crewboard a go at the Galway site and it kept logging us out.",
    "Crewboard is aimed at franchises, not independents.",
]
RUN_BY_OTHERS = [
    "And our agronomist puts recommendations into Crewboard, but we don't actually record in it.",
    "Our accountant uses Crewboard for the payroll, we never touch it.",
    "Head office runs Crewboard, but we don't use it at the branch.",
    "Our managing agents keep the rota in Crewboard, not us.",
    "The bookkeeper enters everything into Crewboard, I don't actually look at it.",
    "Our consultant is on Crewboard but we've never used it.",
]
WEIGHED = [
    "Crewboard is clunky but it's half your price.",
    "Crewboard is clunky, and you're just as clunky.",
    "We looked at Crewboard and it was better than yours for rotas.",
    "Also our agronomist has us all on Crewboard already, so I'd need to see why we'd double up.",
    "Is Crewboard clunky compared to you?",
    "We use Crewboard and the team love it.",
    "Our accountant uses Crewboard and wants us on it too.",
]


@pytest.mark.parametrize("sentence", CRITICISED)
def test_a_rival_criticised_from_a_look_is_no_objection(sentence: str) -> None:
    assert rival_remark(sentence, _hits(sentence, "evaluated")) == "other"


def test_the_buyers_own_rival_criticised_is_a_pain() -> None:
    sentence = "Crewboard's intake is clunky, and our receptionist retypes everything."
    assert rival_remark(sentence, _hits(sentence, "current")) == "pain"


@pytest.mark.parametrize("sentence", RUN_BY_OTHERS)
def test_a_rival_someone_else_runs_is_the_set_up(sentence: str) -> None:
    assert rival_remark(sentence, _hits(sentence, "mention")) == "current_setup"


@pytest.mark.parametrize("sentence", WEIGHED)
def test_a_rival_weighed_against_us_is_left_to_the_model(sentence: str) -> None:
    assert rival_remark(sentence, _hits(sentence, "current")) is None


def test_no_rival_no_remark() -> None:
    assert rival_remark("The old system was clunky.", []) is None


def test_the_detector_keeps_the_tag_and_drops_the_objection(embedder: Embedder) -> None:
    """After the rep's line, as in a call: the criticism is ``other``, the third party's use a
    set-up, each with the rival tagged; the rival weighed against us stays an objection."""
    detector = RuleEmbeddingDetector(embedder, competitors=[RIVAL])
    said = [
        (CRITICISED[0], "other"),
        (RUN_BY_OTHERS[0], "current_setup"),
        ("Crewboard quoted us half your price.", "objection"),
    ]
    lines: list[Line] = []
    for i, (text, _) in enumerate(said):
        lines += [
            Line(2 * i, "rep", "What else have you looked at?", call_id=i),
            Line(2 * i + 1, "buyer", text, call_id=i),
        ]
    found = detector.detect_utterances(lines)
    for i, (text, kind) in enumerate(said):
        kinds = [d.kind for d in found[2 * i + 1] if d.kind not in ("competitor", "why_now")]
        assert kinds == [kind], text
        tags = [d.competitor for d in found[2 * i + 1] if d.kind == "competitor"]
        assert tags == [RIVAL], text
