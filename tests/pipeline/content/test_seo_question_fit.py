"""An SEO brief's H3 that asks a question cites only the quotes that bear on it: a question
asking when cites lines that say when, never a sign-off line that names no time.

Why: a van-tracking brief's "When is the right time to buy live van tracking software?" had
cited "Finance and basically co-owner. She'll want to see the payback in black and white."."""

from __future__ import annotations

import pytest

from pipeline.content.evidence import ClusterEvidence, Evidence
from pipeline.content.seo_brief import section_questions
from pipeline.content.topics import speaks_of_question
from tests.pipeline.content.one_theme import one_theme_evidence

# Sign-off worries of three trades, none naming a time, then one that does.
SIGN_OFF = {
    "vets": (
        "vet practice software",
        [
            "The clinical director signs off anything over five hundred pounds.",
            "Our practice manager has to take it to the partners.",
            "Our co-owner will want the payback in black and white.",
            "The partners won't look at it before the spring.",
        ],
    ),
    "warehousing": (
        "warehouse management software",
        [
            "Anything like this goes through head office procurement.",
            "I'd need our ops director to approve it.",
            "The finance director will want the payback on one page.",
            "Nothing gets signed until after peak.",
        ],
    ),
    "salons": (
        "salon booking software",
        [
            "My business partner has the final say on software.",
            "I'd have to run it by the owner of the other salon.",
            "My husband has to see the numbers first.",
            "We'll look at it again after the wedding season.",
        ],
    ),
}


def _evidence(category: str, said: list[str]) -> tuple[Evidence, ClusterEvidence]:
    evidence, cluster = one_theme_evidence("Decision authority", "authority_timing", said, month=5)
    evidence.product_category = category
    return evidence, cluster


@pytest.mark.parametrize("trade", SIGN_OFF)
def test_a_question_asking_when_cites_only_lines_that_say_when(trade: str) -> None:
    category, said = SIGN_OFF[trade]
    evidence, cluster = _evidence(category, said)
    headings = section_questions(evidence, cluster, set())
    cited = {h.text: h.citations for h in headings}
    when = [text for text in cited if text.startswith("When")]
    assert when, cited
    assert cited[when[0]] == [4], cited  # the line naming a time, none of the sign-off ones


@pytest.mark.parametrize("trade", SIGN_OFF)
def test_no_question_asking_when_without_a_line_that_says_when(trade: str) -> None:
    category, said = SIGN_OFF[trade]
    evidence, cluster = _evidence(category, said[:3])
    headings = section_questions(evidence, cluster, set())
    assert not [h for h in headings if h.text.startswith("When")], headings
    assert sorted(i for h in headings for i in h.citations) == [1, 2, 3]  # still cited once


def test_a_line_speaks_of_a_question_asking_when_only_where_it_says_when() -> None:
    question = "When is the right time to buy fleet tracking software?"
    assert not speaks_of_question(question, "My co-owner wants the payback in writing.")
    assert speaks_of_question(question, "Nothing happens before the next financial year.")
    assert speaks_of_question(question, "We'll revisit it after harvest.")
