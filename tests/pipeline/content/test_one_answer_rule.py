"""One rule for which profile fact answers a quote, on every page: the one-pager and the use
case answer a worry under the question the FAQ heads it with (``theme_asks``).

Why: a managed-IT FAQ answered "everything stays in Canada ... a company with an office in
Denver sees our files" with where the data is stored, while the one-pager and the use case left
the same quote "To write": without the question, "stays" never met "stored". Three trades."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.drafts import one_pager
from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.use_cases import use_case
from tests.pipeline.content.one_theme import one_theme_evidence

# (a data-location worry, the hosting fact answering it)
TRADES = [
    (
        "For us everything stays in Germany, we can't have a company in Texas see our files.",
        "German customers' data are stored in Germany (Frankfurt data centre).",
    ),
    (
        "Our patient files have to stay in Australia, the board won't budge on that.",
        "Australian practices' data are stored in Australia (Sydney region).",
    ),
    (
        "Everything has to stay in the UK, our clients insist on it before we use anything.",
        "UK customers' data are stored in the UK (London data centre).",
    ),
]


@pytest.mark.parametrize(("said", "fact"), TRADES)
def test_every_page_answers_a_worry_with_the_same_fact(said: str, fact: str) -> None:
    evidence, cluster = one_theme_evidence("Theme", "security", [said])
    lists = {k: [] for k in ("pricing", "plans", "features", "integrations", "onboarding")}
    profile = ProductProfile(
        name="Ours",
        security=[fact],
        proof_points=[],
        roadmap=[],
        **lists,  # type: ignore[arg-type]
    )
    evidence = replace(evidence, clusters=[cluster], profile=profile_facts(profile))
    [item] = objection_faq(evidence).items
    assert item.profile, item.answer
    assert one_pager(evidence).objections[0].profile == item.profile
    industry = replace(evidence, industry="Trade")
    assert use_case(industry).objections[0].profile == item.profile
