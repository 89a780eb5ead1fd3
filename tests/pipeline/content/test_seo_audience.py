"""An SEO brief targets our category as the page's buyers search it: "booking software pricing"
had been the target of a page whose every call was a driving school's; "driving school booking
software" is what they type. Unchanged where the calls span several industries."""

from __future__ import annotations

import pytest

from pipeline.content.evidence import ClusterEvidence, Evidence
from pipeline.content.seo_brief import keywords
from pipeline.content.seo_keywords import pitch_audience


def _theme(n: int, industries: frozenset[str]) -> ClusterEvidence:
    return ClusterEvidence(
        id=n, name="It's the money", kind="objection", category="price", size=3, calls=2,
        call_ids=[n], accounts=2, outcomes={}, keywords=[], quote_ids=[], answer_ids=[],
        first_seen=None, last_seen=None, industries=industries,
    )  # fmt: skip


def _target(*industries: frozenset[str], audience: str | None = None) -> str:
    themes = [_theme(n, named) for n, named in enumerate(industries, start=1)]
    evidence = Evidence(
        clusters=themes, quotes=[], phrases=[], facts=[],
        product_category="booking software", audience=audience,
    )  # fmt: skip
    return keywords(evidence)[0]


@pytest.mark.parametrize("industry", ["Driving school", "Dental clinic", "Recruitment agency"])
def test_the_target_names_the_industry_the_calls_share(industry: str) -> None:
    one = frozenset({industry})
    assert _target(one, one, frozenset()) == f"{industry.lower()} booking software"


def test_the_target_is_unchanged_when_the_calls_span_several_industries() -> None:
    several = (frozenset({"Driving school"}), frozenset({"Dental clinic"}))
    assert _target(*several, audience="driving instructor") == "booking software pricing"


@pytest.mark.parametrize(
    ("pitch", "audience"),
    [
        ("Booking and payments for independent driving instructors and driving schools.",
         "driving instructor"),
        ("Rotas and payroll for small cafes, bars and restaurants.", "small cafe"),
        ("Scheduling software that your team will love.", None),
    ],
)  # fmt: skip
def test_with_no_industry_known_the_pitch_says_whom(pitch: str, audience: str | None) -> None:
    assert pitch_audience(pitch) == audience
    expected = f"{audience} booking software" if audience else "booking software pricing"
    assert _target(frozenset(), audience=pitch_audience(pitch)) == expected
