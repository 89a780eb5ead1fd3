"""An FAQ entry is never sourced by a fragment alone: a line that carries on the turn before it
("Yes, but next time maybe we are not so lucky.") is cited only beside one that reads alone.

Why: a managed-IT FAQ headed "Does it work with the tools we already use?" over that line only,
said after a phishing story: it proves nothing of integrations. Three trades each."""

from __future__ import annotations

import pytest

from pipeline.content.faq import faq_entry
from tests.pipeline.content.one_theme import one_theme_evidence

# (category, a fragment leaning on the turn before, a line that states the worry alone)
TRADES = [
    (
        "integrations",
        "Yes, but next time maybe we won't be so lucky.",
        "Our dispatch board has to sync with Samsara or nobody will use it.",
    ),
    (
        "security",
        "But then again, that was only the one time.",
        "Patient records have to stay on servers in Ireland for our regulator.",
    ),
    (
        "adoption",
        "And after that nobody touched it again.",
        "Half our bakers won't learn another app on top of the till.",
    ),
]


@pytest.mark.parametrize(("category", "fragment", "_alone"), TRADES)
def test_a_fragment_alone_makes_no_entry(category: str, fragment: str, _alone: str) -> None:
    evidence, cluster = one_theme_evidence("Theme", category, [fragment])
    assert faq_entry(evidence, cluster, set(), set(), keep=True) is None


@pytest.mark.parametrize(("category", "fragment", "alone"), TRADES)
def test_a_fragment_is_cited_after_a_line_that_reads_alone(
    category: str, fragment: str, alone: str
) -> None:
    evidence, cluster = one_theme_evidence("Theme", category, [fragment, alone])
    entry = faq_entry(evidence, cluster, set(), set(), keep=True)
    assert entry is not None
    assert evidence.quote(entry.citations[0]).text == alone
