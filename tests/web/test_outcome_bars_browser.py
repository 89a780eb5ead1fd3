"""The won/lost bars in Debian's Chromium: mentions in calls with no outcome given are their own
segment and label, in the shares ``/api/clusters`` and the CLI give.

Why (review 23n #7): the home page's card said "won 0% lost 10% open 90%" where the CLI said
0/1/7 of 10 mentions and ``cluster-show`` "unknown 30%": unknown had been counted as open, and a
marketer read the deals as still live."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from pipeline.analysis.flow import analyse_calls
from tests.insights_corpus import THEMES, add_call
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Six calls raising every theme: one won, one lost, one open and three nobody gave an outcome.
OUTCOMES = ("won", "lost", "open", "unknown", "unknown", "unknown")


def _legend(bar: object) -> dict[str, str]:
    """Each legend entry's outcome and percent as drawn ("unknown" -> "50%")."""
    entries = bar.locator(".legend span").all_inner_texts()  # type: ignore[attr-defined]
    return dict(entry.rsplit(" ", 1) for entry in entries)


def _widths(bar: object) -> dict[str, float]:
    """Each segment's drawn width, as a percent of the bar."""
    whole = bar.locator(".split").bounding_box()["width"]  # type: ignore[attr-defined]
    segments = bar.locator(".split span")  # type: ignore[attr-defined]
    return {
        segments.nth(i).get_attribute("class"): 100
        * segments.nth(i).bounding_box()["width"]
        / whole
        for i in range(segments.count())
    }


def test_unknown_outcomes_are_their_own_segment_not_open(
    live_server: LiveServer, page: object
) -> None:
    ids = [
        add_call(
            live_server.workspace,
            [sentences[i] for sentences in THEMES.values()],
            key=f"bar-call-{i}",
            outcome=outcome,
            account=f"Bistro {i}",
            day=dt.date(2026, 3, 2) + dt.timedelta(days=7 * i),
        )
        for i, outcome in enumerate(OUTCOMES)
    ]
    analyse_calls(live_server.workspace, ids)
    listed = httpx.get(live_server.url + "/api/clusters").json()
    themes = [theme for theme in listed if not theme["uncertain_only"]]  # drawn folded away
    assert themes, listed
    p = page
    for theme in themes:
        shares = {o: round(100 * theme["outcomes"].get(o, 0.0)) for o in OUTCOMES[:4]}
        assert shares["unknown"] > 0, theme["outcome_counts"]
        for url, bar in (
            (f"/?kind={theme['kind']}", f".cluster-card:has(#cluster-{theme['id']}-name)"),
            (f"/clusters/{theme['id']}", "section[aria-labelledby=stats-title]"),
        ):
            p.goto(live_server.url + url)  # type: ignore[attr-defined]
            drawn = p.locator(bar).first  # type: ignore[attr-defined]
            assert _legend(drawn) == {o: f"{share}%" for o, share in shares.items()}, url
            widths = _widths(drawn)
            assert abs(widths["unknown"] - 100 * theme["outcomes"]["unknown"]) < 1.5, url
            assert abs(widths["open"] - 100 * theme["outcomes"].get("open", 0.0)) < 1.5, url
            label = drawn.locator(".split").get_attribute("aria-label")
            counts = theme["outcome_counts"]
            assert f"{counts.get('unknown', 0)} with no outcome given" in label, label
    assert p.dialogs == []  # type: ignore[attr-defined]
