"""What the buyer liked in what we showed, a part that alone would sell it and a third party that
took our work as it was are praise, never an objection (review 23m item 4: "But I like that
you're only doing patching and doing it properly." had been a set-up objection and a won deal's
"the CVE report alone would sell it" a security one). A liking turned to a worry, wished for or
of a rival stays what the model reads."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, asides
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

RIVALS = ["Rotaly", "FleetHub"]
PRAISE = [
    "But I like that you only do rostering and do it properly.",
    "I really like how the route planner shows every driver on one screen.",
    "We liked the way your dashboard groups the jobs by site.",
    "I did like the stock report, to be fair, it's much cleaner than what FleetHub showed us.",
    "I love that the reminders go out by text without anyone lifting a finger.",
    "Honestly, I appreciate that you didn't try to upsell us on the demo.",
    "We really liked the booking page, the guests could use it without help.",
    "Okay, at that rate it works, and the audit trail alone would sell it to our partners.",
    "The compliance pack alone would justify it for the board.",
    "Our landlord's surveyor accepted the report as-is, which never happens.",
    "The council accepted the plans first time, no questions.",
    "The auditors accepted it without a single query.",
]
# A liking turned to a worry, denied or of a rival: objections.
WORRIES = [
    "I like it but it's too expensive for a practice our size.",
    "I don't like that you charge per seat for part-timers.",
    "I like the Rotaly timesheets better, to be honest.",
    "We liked the dashboard, but the migration looks like a lot of work.",
]
# ... and a wish, a condition or a denial: no praise either.
NOT_PRAISE = [
    *WORRIES,
    "I'd like the reports in French for the Montreal office.",
    "I'd love it if the app worked offline in the basement car parks.",
    "The auditor never accepted it as-is.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


@pytest.mark.parametrize("sentence", PRAISE)
def test_a_liking_or_a_part_that_sells_it_is_praise(sentence: str) -> None:
    assert asides.praises_us(sentence, RIVALS)


@pytest.mark.parametrize("sentence", NOT_PRAISE)
def test_a_liking_turned_wished_or_of_a_rival_is_no_praise(sentence: str) -> None:
    assert not asides.praises_us(sentence, RIVALS)


def test_the_detector_reads_no_objection_in_praise(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, PRAISE)
    assert {text: kind for text, kind in kinds.items() if kind == "objection"} == {}


def test_objections_beside_a_liking_stay_objections(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, WORRIES)
    assert {text: kind for text, kind in kinds.items() if kind != "objection"} == {}
