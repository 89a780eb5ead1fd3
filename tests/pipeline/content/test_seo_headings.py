"""An SEO brief's H2s and link anchors read as a reader's headings: a theme named by its
category's analyst wording ("Status quo", "Decision authority") is headed in a reader's words,
while the theme keeps its name everywhere else.

Why: a brief's H2 had read "Status quo" (of the category "Status quo (spreadsheets, paper,
doing nothing)"), an analyst's word no reader searches or scans for."""

from __future__ import annotations

import pytest

from pipeline.content.theme_names import reader_heading
from tests.pipeline.content.test_seo_brief import Theme, _brief, _evidence

# Themes named by their category's wording, in three trades, each with worries its H3s cite.
TRADES = {
    "vets": (
        "Appointments and vaccine reminders for vet practices.",
        (
            Theme(
                "Status quo",
                "status_quo",
                (
                    "The paper appointment book does the job for our two vets.",
                    "We've always done the reminders by postcard and clients are used to it.",
                ),
            ),
            Theme(
                "Staff adoption",
                "adoption",
                (
                    "Our nurses will not learn another system this year.",
                    "The vet nurses barely use the system we have.",
                ),
            ),
        ),
    ),
    "warehousing": (
        "Warehouse management software for 3PLs.",
        (
            Theme(
                "Decision authority: head office",
                "authority_timing",
                (
                    "Head office has to approve any new software for the warehouse.",
                    "Our operations director signs off anything over ten thousand.",
                ),
            ),
            Theme(
                "Switching effort",
                "switching",
                (
                    "Moving ten years of stock history over sounds like a nightmare.",
                    "Switching systems in the middle of the year would hurt us.",
                ),
            ),
        ),
    ),
    "salons": (
        "Booking software for hair salons.",
        (
            Theme(
                "Status quo (spreadsheets, paper, doing nothing)",
                "status_quo",
                (
                    "The paper diary on the front desk works for us.",
                    "We've managed with a spreadsheet for years.",
                ),
            ),
            Theme(
                "Colour appointment deposits",
                "price",
                (
                    "Deposits for colour appointments would cost us clients.",
                    "A deposit for a colour appointment puts older clients off.",
                ),
            ),
        ),
    ),
}
JARGON = ("status quo", "decision authority", "switching effort", "staff adoption")


@pytest.mark.parametrize("trade", TRADES)
def test_h2s_and_anchors_read_as_a_readers_headings(trade: str) -> None:
    pitch, themes = TRADES[trade]
    evidence = _evidence(pitch, themes)
    brief = _brief(evidence)
    headings = [s.h2 for s in brief.outline] + [link.anchor for link in brief.internal_links]
    assert headings, brief
    assert not [h for h in headings if any(j in h.lower() for j in JARGON)], headings
    assert [c.name for c in evidence.clusters] == [t.name for t in themes]  # names unchanged


def test_a_readers_heading_keeps_what_sets_a_theme_apart() -> None:
    assert reader_heading("Status quo") == "Sticking with what works now"
    assert reader_heading("Decision authority: partners") == "Sign-off and timing: partners"
    assert reader_heading("Price") == "Price"  # reads well as it is
    assert reader_heading("Integrations: double entry") == "Integrations: double entry"
    assert reader_heading("Colour appointment deposits") == "Colour appointment deposits"
