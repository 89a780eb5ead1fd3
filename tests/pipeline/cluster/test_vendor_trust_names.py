"""A theme of buyers doubting the vendor itself (its years, size, survival, customers like them
to call) is named for that, in any trade; it had been named "Setup time" ("How long have you
guys been around?") or "Staff adoption"."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters

THEMES = [
    [
        "How long have you guys been around? I can't move sixty vans onto something new.",
        "You're a team of twelve, what happens to our clients' books if you fold?",
        "Our last practice software company went bust and the records were stuck for weeks.",
        "Will you still be here in three years when the salon's lease comes up?",
    ],
    [
        "Can you give me a couple of references, other landscapers who run it every day?",
        "I'd want to talk to another dental practice that's been using it a while.",
        "Who else like us actually uses this?",
    ],
]


@pytest.mark.parametrize("quotes", THEMES)
def test_a_vendor_trust_theme_is_named_for_the_vendor(quotes: list[str]) -> None:
    [name] = name_clusters([quotes], [[0.9] * len(quotes)], categories=["vendor_trust"])
    assert not name.lower().startswith(("setup time", "staff adoption")), name
    assert name.startswith("Vendor track record"), name
