"""A quote that points back at what it does not name ("that", "those", "them", "the online
one") is shown with the sentence before it in the same turn, and is never read as standing on
its own.

Why: a one-pager and a use case were headed "We never moved to the online one." (the turn had
said "Does it work with QuickBooks Desktop?" first) and the one-pager's "Why now" was "We got
a complaint about that in the summer.", cut from the sentence saying what "that" was."""

from __future__ import annotations

import pytest

from pipeline.detect.antecedents import bare_denial, leans_back
from pipeline.detect.sentences import quote_text

LEANING = [
    # a demonstrative as the object, then nothing that could be its noun
    "We got a complaint about that in the summer.",
    "The harbour master will never sign off on that before the boat show.",
    "Our growers already pay for that through the co-op.",
    "We're keeping Tidely for those for now, the nurses know the screens.",
    "I'd need to see that on paper.",
    # a demonstrative as the subject, or asked of
    "That's a fair bit more than we pay for the spraying software.",
    "Yeah, that's a big one for the trustees.",
    "I think that's too much for a marina our size.",
    "Those are the two things the governors will ask about.",
    "Is that included in the per-vehicle price?",
    "How long does that take for a herd of two hundred?",
    # asked of "that" inside the clause: the one-pager's "I don't know if that's true, their
    # sales guy would tell me the sky is green" had said nothing of what "that" was
    "I don't know if that's true, their sales guy would tell me anything.",
    "Not sure whether that's in the grooming plan or extra.",
    "I'm not sure those are covered for the second clinic.",
    # a bare denial: of what the sentence before said
    "Not after Kennelo.",
    "Never again, not with a vet practice our size.",
    "Not until the brewery's busy season is over.",
    "Never again.",
    "Not after TruckBase.",
    "Not before the harvest.",
    # "them" with nothing before it to be
    "We'd have to train them all over again before the school term.",
    "Half of them never open the app between jobs.",
    # "one" standing for a thing named before
    "We never moved to the online one.",
    "The pest techs all went back to the old one.",
    "Honestly that one is a deal breaker for the clinic.",
]

STANDING = [
    "I'll be honest though, a lot of our families are older, they're not going to log in.",
    "we don't have time to set this up during the busy season",
    "We need something that works offline in the orchards.",
    "I think that in the spring we could look at it again.",
    "It's not that expensive for what it does for the kennels.",
    "All that paperwork goes to the county every month.",
    "The price list lives in a Word doc, and we got a complaint about that in the summer.",
    "Our parents hate apps, half of them won't download one.",
    "So that we can bill the fuel berth the same day.",
    "No one here reads the donation receipts.",
    "The one thing we need is offline mode on the boats.",
    "The spreadsheet that we use breaks every spring.",
    "Does it work with QuickBooks Desktop? We never moved to the online one.",
    "Our board said that the budget is frozen until April.",
    "We'd want to avoid that up-front fee for the pilot.",
    "I don't know if that price holds for the winter berths.",
    "Check whether that spreadsheet matches the till every night.",
]

# A denial that says what it objects to: a clause after it, a verb, or a thing of four words.
SAYS_ITS_OBJECTION = [
    "Not without SSO, our IT won't allow it.",
    "Not with the budget we have this year.",
    "Never again will we sign a three-year deal.",
    "Never with a three year contract.",
    "Not without the pallet scanner, the warehouse floor runs on it.",
    "Never with a salon our size, the stylists book on paper.",
]


@pytest.mark.parametrize("text", LEANING)
def test_a_line_pointing_back_leans_on_the_one_before(text: str) -> None:
    assert leans_back(text)


@pytest.mark.parametrize("text", STANDING)
def test_a_line_naming_what_it_speaks_of_stands_on_its_own(text: str) -> None:
    assert not leans_back(text)


@pytest.mark.parametrize("text", SAYS_ITS_OBJECTION)
def test_a_denial_saying_what_it_objects_to_is_not_bare(text: str) -> None:
    assert not bare_denial(text)
    assert not leans_back(text)


# (the sentence before, the detected sentence that leans on it): the quote shows both.
WITH_THE_ONE_BEFORE = [
    ("Does it work with QuickBooks Desktop?", "We never moved to the online one."),
    (
        "Right now the price list lives in a Word doc on the office PC.",
        "We got a complaint about that in the summer.",
    ),
    ("The berth holders pay by standing order.", "The harbour master set that up in 2019."),
    ("Our vets use the paper day sheets.", "We'd have to train them all over again."),
    ("The pest techs tried a tablet app last year.", "They all went back to the old one."),
    ("We send the Gift Aid claims in April.", "Our treasurer does those by hand for now."),
    ("The dairy has two milking parlours.", "Is that included in the per-site price?"),
    ("The governors meet in March.", "Nothing gets signed before that, whatever the price."),
    ("We run the website on Squarespace.", "The agency built that for us in 2021."),
    ("Every clinic keeps its own diary.", "We'd have to merge those before the spring."),
    ("I won't sign a two-year term for the kennels.", "Not after Kennelo."),
    ("We can't switch tills at the brewery now.", "Not until the busy season is over."),
]

# (the sentence before, a detected sentence): quoted alone, as before.
ALONE = [
    ("Right.", "The harbour master will want the berth list in writing."),
    ("We liked the demo.", "Our growers won't type anything into a phone in the field."),
    ("Good.", "The trustees meet quarterly, so nothing is signed before March."),
    # the sentence before too long to show with it: the quote would be clipped to it
    (
        "We run four clinics across two counties and each of them has its own diary, its own "
        "reception team, its own way of booking the surgical slots and its own spreadsheet of "
        "who owes what for the vaccinations we did over the winter months.",
        "We got a complaint about that in the summer.",
    ),
]


def _quoted(before: str, sentence: str) -> str:
    turn = f"{before} {sentence}"
    start = turn.index(sentence)
    return quote_text(turn, sentence, start, start + len(sentence))


@pytest.mark.parametrize(("before", "sentence"), WITH_THE_ONE_BEFORE)
def test_a_leaning_quote_is_shown_with_what_it_leans_on(before: str, sentence: str) -> None:
    assert _quoted(before, sentence) == f"{before} {sentence}"


@pytest.mark.parametrize(("before", "sentence"), ALONE)
def test_a_quote_standing_alone_or_with_a_long_lead_is_shown_alone(
    before: str, sentence: str
) -> None:
    assert _quoted(before, sentence) == sentence
