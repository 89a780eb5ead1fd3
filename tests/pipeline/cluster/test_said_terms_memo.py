"""``said_terms`` is remembered per text (naming weighs every quote's terms once per option):
the remembered answer is the one worked out afresh, and no caller can change it."""

from __future__ import annotations

import pytest

from pipeline.cluster.representative import quotes_saying, said_terms

QUOTES = [
    "The vet's recall cards go out late every month.",
    "Our receptionists re-type every recall reminder into the PMS by hand.",
    "Half our pickers re-key each order into the WMS, twice on Mondays.",
    "Cycle counts on the night shift never match what the scanners say.",
    "Clients’ no-shows cost the salon about $400 a week in empty chairs.",
    "Our stylists can't see tomorrow's bookings on their phones.",
    "Month-end close at the practice takes us four days of chasing receipts.",
    "Partners won't sign anything longer than twelve months, full stop.",
    "",
    "Price, price, price.",
]


@pytest.mark.parametrize("text", QUOTES)
def test_remembered_terms_are_the_fresh_ones(text: str) -> None:
    fresh = said_terms.__wrapped__(text)  # type: ignore[attr-defined]
    assert said_terms(text) == fresh
    assert said_terms(text) == fresh  # the second read comes from the memo


def test_no_caller_can_change_the_remembered_terms() -> None:
    terms = said_terms(QUOTES[0])
    assert isinstance(terms, frozenset)
    assert "recall card" in terms
    assert quotes_saying("recall cards", QUOTES) == 1
    assert quotes_saying("order", QUOTES) == 1
