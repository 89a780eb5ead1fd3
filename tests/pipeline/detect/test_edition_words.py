"""An edition's word or a kind of software on its own is no rival: "moving off Desktop" after
"QuickBooks Online" is QuickBooks Desktop, kept for accounting (review 24o item 5: "Desktop"
had been a guessed rival on the dashboard, the filters and a theme page). The variants are
other tools and trades, with invented names; real rivals in the same frames are still guessed.
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors

RIVALS = ["Kestrel", "TillTrack"]  # configured in every case below: none of them is said


def names(sentence: str) -> list[str]:
    return [hit.name for hit in find_competitors(sentence, RIVALS)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Does it sync with QuickBooks Online, because we're moving off Desktop in the fall?",
        "We're still on Desktop for the books, the accountant won't budge.",
        "Honestly we're fed up with Online, it logs us out every hour.",
        "We moved everything off Server last year and it took months.",
        "Sage is fine but we're stuck on Cloud until the contract ends.",
        "We've been using Mobile for the engineers and it crashes in basements.",
        "The office is happy with Premium, it's the drivers who struggle.",
        "We're currently on Enterprise and the price jumped again.",
        "We renew Essentials every March and nobody reads the invoice.",
        "We looked at Professional but it was too much for four chairs.",
        "We're switching off Classic before the support runs out.",
        "Our Payroll contract runs to the end of the tax year.",
        "We use Portal for the tenants and it's clunky.",
        "Still on Legacy in two of the depots, the rest moved.",
    ],
)
def test_an_edition_word_alone_is_no_rival(sentence: str) -> None:
    assert names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("We're moving everything off Lettbase Desktop in the autumn.", "Lettbase Desktop"),
        ("We're currently on RotaCloud and the drivers hate it.", "RotaCloud"),
        ("We've been using ClinicPro for six years now.", "ClinicPro"),
        ("We looked at Harbourview last year but it was clunky.", "Harbourview"),
        ("We're fed up with Vantly, it logs us out every hour.", "Vantly"),
    ],
)
def test_a_product_with_an_edition_word_is_still_guessed(sentence: str, rival: str) -> None:
    assert rival in names(sentence)
