"""How a quote opens decides whether it reads alone (``pipeline.quote_shape``): "Also, ...",
"Plus ...", "Oh and ..." carry on a thought started before, so no such quote heads a document's
entry; a filler ("I mean, ...", "Well, ...", "Honestly, ...") is skipped, so the quote reads
alone when what follows it does ("I mean, three days at most." does not)."""

from __future__ import annotations

import pytest

from pipeline.content.quote_text import heading_line
from pipeline.quote_shape import after_filler, continues, stands_alone, without_opening

CARRY_ON = [
    "Also, the pallet labels print in the wrong aisle order.",  # warehousing
    "Plus the audit trail is missing for every manual journal.",  # accounting
    "Oh and the kennel cards never match the bookings at all.",  # vets
    "On top of that the card reader drops out twice a day.",  # salons
    "What's more, my direct debits bounce at every month end.",  # banking wording
    "Well, also the colour bookings overlap every single Saturday.",  # a filler, then a join
]


@pytest.mark.parametrize("quote", CARRY_ON)
def test_a_quote_that_carries_on_a_thought_does_not_read_alone(quote: str) -> None:
    assert continues(quote)
    assert not stands_alone(quote)


SHORT_AFTER_A_FILLER = [
    "I mean, three days at most.",  # banking: how long a transfer takes
    "Honestly, twice a week, easily.",  # salons: how often clients cancel
    "Well, about forty minutes, roughly.",  # vets: how long a clinic takes
    "To be honest, every single month end.",  # accounting
]


@pytest.mark.parametrize("quote", SHORT_AFTER_A_FILLER)
def test_a_filler_counts_no_words_of_a_quote(quote: str) -> None:
    """Five words with the filler, fewer without: the quote does not read alone."""
    assert len(quote.split()) >= 5
    assert not stands_alone(quote)


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        ("I mean, the kennel rota is a mess every weekend.", "the kennel rota is a mess every "
         "weekend."),
        ("Well, the stock count never matches the system.", "the stock count never matches the "
         "system."),
        ("Honestly the client portal is far too slow for us.", "the client portal is far too "
         "slow for us."),
        ("Look, the card fees add up every single month.", "the card fees add up every single "
         "month."),
        # no filler: a verb, an adverb, a hyphenated word
        ("Look at the rota for next week first, please.", None),
        ("Right now we keep every invoice in a paper folder.", None),
        ("Well-being checks take the nurses all morning long.", None),
    ],
)  # fmt: skip
def test_a_quote_after_its_filler_reads_alone_when_the_rest_does(
    quote: str, said: str | None
) -> None:
    assert after_filler(quote) == (said or quote)
    assert stands_alone(quote)


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        ("Plus the vans never arrive on time.", "the vans never arrive on time."),
        ("Oh and, um, the groomers double book.", "the groomers double book."),
        ("I mean, also the bank feed drops out.", "the bank feed drops out."),
        ("That's the bit I dread.", "That's the bit I dread."),  # a clause's join is kept
        ("Well, I mean,", "Well, I mean,"),  # nothing would be left
    ],
)
def test_a_name_drops_what_a_quote_opens_on(quote: str, said: str) -> None:
    assert without_opening(quote) == said


def test_a_documents_entry_is_headed_by_a_line_that_reads_alone() -> None:
    """A line opening "Also, ..." carries on: the next one that reads alone heads the entry."""
    quote = "Also, the direct debits bounce. Matching the debits takes our team two full days."
    assert heading_line(quote) == "Matching the debits takes our team two full days."
    assert heading_line("Plus the vans are late. Oh and the drivers never ring ahead.") is None
