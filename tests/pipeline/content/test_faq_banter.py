"""Small talk or a joke filed in an objection theme is never its only source: no FAQ entry and
no one-pager worry stands on "He'll be devastated." alone (walk 8 snag 3: a hockey answer had
been the only quote of "Why change when what we do now works?"). Bakery, fleet and dental."""

from __future__ import annotations

import pytest

from pipeline.content.drafts import answered_worry
from pipeline.content.faq import faq_entry
from tests.pipeline.content.one_theme import one_theme_evidence

# (category, banter filed in the theme, a line that states the worry)
TRADES = [
    ("adoption", "He'll be devastated.", "Half our bakers won't learn another app on the till."),
    (
        "status_quo",
        "Priya, they can't fix the hail either.",
        "Our paper run sheets work fine, I don't see why we'd change.",
    ),
    (
        "price",
        "She'll have to find a new hobby.",
        "Ninety a month is steep for a two-chair practice.",
    ),
]


@pytest.mark.parametrize(("category", "banter", "_worry"), TRADES)
def test_banter_alone_makes_no_entry(category: str, banter: str, _worry: str) -> None:
    evidence, cluster = one_theme_evidence("Theme", category, [banter])
    assert faq_entry(evidence, cluster, set(), set(), keep=True) is None
    assert answered_worry(evidence, cluster, set()) is None


@pytest.mark.parametrize(("category", "banter", "worry"), TRADES)
def test_the_worry_is_cited_before_banter(category: str, banter: str, worry: str) -> None:
    evidence, cluster = one_theme_evidence("Theme", category, [banter, worry])
    entry = faq_entry(evidence, cluster, set(), set(), keep=True)
    assert entry is not None
    assert evidence.quote(entry.citations[0]).text == worry
    answer = answered_worry(evidence, cluster, set())
    assert answer is not None and evidence.quote(answer.citations[0]).text == worry
