"""A need theme is named by the thing its buyers cannot do without ("Missing feature: timesheet
export"), never by the absence ("Without a timesheet export") nor by its label alone when the
sentence saying it is too long to name ("There's no way we go live without online booking for
the evening slots." had named "Missing feature"; "without online booking" had been read as
"online booking" negated, so the name dropped "online")."""

from __future__ import annotations

import pytest

from pipeline.cluster.category_names import needed_thing
from pipeline.cluster.label import name_clusters

# trade -> (a need theme's quotes, the name the thing gives it)
THEMES = {
    "payroll": (
        [
            "We can't run payroll without a timesheet export.",
            "Without the timesheet export my bookkeeper retypes every shift.",
            "Honestly, without a timesheet export it's a non-starter.",
        ],
        "Missing feature: timesheet export",
    ),
    "dental": (
        ["There's no way we go live without online booking for the evening slots."],
        "Missing feature: online booking",
    ),
    "courier": (
        ["I can't dispatch the vans without proof of delivery photos on the app."],
        "Missing feature: proof of delivery photos",
    ),
    "accounting": (
        ["We simply cannot invoice clients without a time tracking export."],
        "Missing feature: time tracking export",
    ),
}


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_need_theme_is_named_by_the_thing_needed(trade: str) -> None:
    texts, expected = THEMES[trade]
    names = name_clusters(
        [texts], [[1.0 - j / 10 for j in range(len(texts))]], categories=["missing_feature"],
        kind="objection",
    )  # fmt: skip
    assert names == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Can the tablets work without wifi in the cold store?",  # doing without is the ask
        "Is there no way to run the kiosk without a card reader?",
        "We mostly manage without a bookkeeper these days.",  # no need said
    ],
)
def test_doing_without_a_thing_is_no_need_of_it(text: str) -> None:
    assert needed_thing(text) == ""
