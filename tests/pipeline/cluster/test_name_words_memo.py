"""``name_words`` is remembered per text (``keep_apart`` compares every pair of names): the
remembered words are the ones worked out afresh, no caller can change them, and a theme's quotes
read one by one say the same words as read joined (``still_fits`` reads them so)."""

from __future__ import annotations

import pytest

from pipeline.cluster.name_rules import name_words, still_fits

TEXTS = [
    "Locked into a three-year contract with the crematorium",  # funeral homes
    "Contract lock-in",
    "We won't re-key orders into the WMS; it's £25.50 a seat",  # warehousing
    "Clients’ no-shows cost the salon $400 a week",  # salons, curly apostrophe
    "Price is too high (seat)",
    "Not worth 20% more for the vet's recall cards",  # vet clinics
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_remembered_words_are_the_fresh_ones(text: str) -> None:
    fresh = name_words.__wrapped__(text)  # type: ignore[attr-defined]
    assert name_words(text) == fresh
    assert name_words(text) == fresh  # the second read comes from the memo
    assert isinstance(name_words(text), frozenset)  # no caller can change the memo's answer


def test_quotes_one_by_one_say_what_they_say_joined() -> None:
    joined = name_words.__wrapped__(" ".join(TEXTS))  # type: ignore[attr-defined]
    assert joined == frozenset().union(*map(name_words, TEXTS))
    assert {"not", "lock", "contract"} <= joined


def test_a_name_fits_the_quotes_that_say_its_words() -> None:
    quotes = ["We're locked into our contract until June.", "The contract locks us in for years."]
    assert still_fits("Locked into contract", quotes, [])
    assert not still_fits("Booking no-shows", quotes, [])
