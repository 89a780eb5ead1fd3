"""A lone letter after a lower-case word, before a sentence opener, ends a sentence ("past row
F. If the boys are…" had been one sentence); a name's initial never does. A shortening written
mid-sentence ("incl.", "excl.", "approx.") ends none before a lower-case word, a number or an
acronym ("On Keyroster incl. their gate module." had been cut after "incl."). Places, people
and tools invented."""

from __future__ import annotations

import pytest

from pipeline.detect.sentences import split_sentences

SPLIT = [
    ("The spare keys are in locker D. We never label them.",
     ["The spare keys are in locker D.", "We never label them."]),
    ("Park by gate B. If it's shut, ring the office.",
     ["Park by gate B.", "If it's shut, ring the office."]),
    ("We moved the kilns to shed K. It's cooler there.",
     ["We moved the kilns to shed K.", "It's cooler there."]),
    ("The stock lives past aisle Q. Then the forklift bay.",
     ["The stock lives past aisle Q.", "Then the forklift bay."]),
    ("Freight is on trailer incl. The fee is separate.",
     ["Freight is on trailer incl.", "The fee is separate."]),
    ("The books go to T. Byrne. He files them monthly.",
     ["The books go to T. Byrne.", "He files them monthly."]),
]  # fmt: skip

KEPT_WHOLE = [
    "J. Okoro signs the purchase orders.",
    "Our head chef is Mary K. Jones and she wants the app.",
    "Dr. A. Patel runs the second clinic.",
    "We're on Rotaline incl. their payroll add-on.",
    "Prices excl. VAT start at forty a month.",
    "The van holds approx. 300 parcels on a good day.",
    "It covers the ovens, e.g. the deck oven, and vs. the old one it's quiet.",
    "We keep gate codes, tenant notes etc. in the same sheet.",
]


@pytest.mark.parametrize(("text", "sentences"), SPLIT)
def test_a_lone_letter_or_shortening_before_a_sentence_opener_ends_one(
    text: str, sentences: list[str]
) -> None:
    assert [sentence for _, _, sentence in split_sentences(text)] == sentences


@pytest.mark.parametrize("text", KEPT_WHOLE)
def test_initials_and_mid_sentence_shortenings_end_no_sentence(text: str) -> None:
    assert [sentence for _, _, sentence in split_sentences(text)] == [text]
