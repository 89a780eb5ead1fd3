"""A rival's theme one of whose quotes gives a reason is named by it, never "<Rival>: named, no
reason given": the name would contradict the quote the theme leads with.

Why: a lost deal's "Reason: they already had the PulseBook app rolled out to members and didn't
want to change apps." beside "Closed lost - went with PulseBook." had been "PulseBook: named, no
reason given", and "Ping me again ... closer to the FitLedger renewal." one of "FitLedger: named,
no reason given". Lines from a physio clinic, a plumbing firm and a wholesale bakery; named on
the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.rival_themes import NAMED, held_theme_name
from pipeline.embed import Embedder
from tests.pipeline.cluster.test_rival_reasons_named import rival_theme_name

RIVALS = ["ClinicPal", "TradeMate", "OrderLoaf"]
# rival -> (its theme's quotes, one reason-giving, the name it must take)
THEMES: dict[str, tuple[list[str], str]] = {
    "ClinicPal": (
        [
            "Reason: they already had the ClinicPal portal rolled out to patients and didn't "
            "want to change.",
            "Closed lost - went with ClinicPal.",
        ],
        "ClinicPal: already in use",
    ),
    "TradeMate": (
        ["Call me back closer to the TradeMate renewal in March.", "Lost to TradeMate."],
        "TradeMate: contract terms",
    ),
    "OrderLoaf": (
        ["OrderLoaf is a fair bit cheaper for us, to be honest.", "Deal went to OrderLoaf."],
        "OrderLoaf: price",
    ),
}


@pytest.mark.parametrize("rival", sorted(THEMES))
def test_one_quotes_reason_names_a_rival_theme(embedder: Embedder, rival: str) -> None:
    quotes, expected = THEMES[rival]
    assert rival_theme_name(embedder, quotes, RIVALS) == expected


@pytest.mark.parametrize("rival", sorted(THEMES))
def test_no_reason_given_gives_way_once_a_quote_gives_one(rival: str) -> None:
    quotes, _ = THEMES[rival]
    held = held_theme_name(f"{rival}: {NAMED}", quotes, RIVALS, category="competitor")
    assert not held
