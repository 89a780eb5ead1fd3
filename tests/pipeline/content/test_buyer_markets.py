"""Where a buyer is, read from what their calls say: a place they are in (a country, a state,
province or county, a city with no better-known namesake), their money, a phone or postcode of
one country. A language is no place ("half our clients only speak Spanish" is no Spanish
buyer), a trip or a supplier's country is not theirs, and a name shared by two places
("Georgia", "Victoria") or a currency several markets use (plain dollars) says no one market
alone.

Why: held-out funeral-home calls had a US buyer's "Spanish-speaking families" read as a Spain
buyer, and US buyers who named only their state ("Louisiana EDRS") or city read as of no
market, while a British buyer's pounds made them British: the UK buyer got the UK price and the
US buyer none of theirs."""

from __future__ import annotations

import pytest

from pipeline.content.offers import buyer_of
from pipeline.content.scope import audience, regions_named, speaks_to

US, UK = frozenset({"United States"}), frozenset({"United Kingdom"})
NONE: frozenset[str] = frozenset()
DOLLAR_MARKETS = frozenset({"United States", "Canada", "Australia", "New Zealand", "Singapore"})


@pytest.mark.parametrize(
    "said",
    [
        "Half our clients only speak Spanish, so reminders have to go out in Spanish.",  # vets
        "Can the job sheets print in French for the night crew?",  # cleaning
        "The recipe cards from the old brewer are all in German.",  # brewery
        "A lot of our summer berth holders are Dutch-speaking, can the app do Dutch?",  # marina
        "Forty percent of our lessons are taught in Welsh.",  # school
        "The parents' letters go out in Irish as well as English.",  # school
        "Does the client portal come in Japanese?",  # veterinary
        "Our technicians write half the case notes in Polish and Portuguese.",  # dental lab
        "Is there a Spanish version of the owner app?",  # marina
        "We have Mandarin and Arabic speakers on every shift.",  # cleaning
    ],
)
def test_a_language_is_no_market(said: str) -> None:
    assert buyer_of([said]).markets == NONE


@pytest.mark.parametrize(
    ("said", "markets"),
    [
        # A language beside US places: the buyer is American, not Spanish.
        (["Half our families are Spanish-speaking.", "We're a vet clinic in Tucson, Arizona."],
         US),
        (["We send recall cards in Spanish and English.", "Most of our labs are in Texas."], US),
        # The language's country named as where they operate: that market.
        (["Our Spanish sites are on a separate contract."], frozenset({"Spain"})),
        (["We run the French office out of Lyon."], frozenset({"France"})),
        (["We're a Dutch company with two marinas."], frozenset({"Netherlands"})),
        (["We're based in Madrid, three cleaning crews."], frozenset({"Spain"})),
    ],
)  # fmt: skip
def test_a_language_country_counts_only_as_where_they_operate(
    said: list[str], markets: frozenset[str]
) -> None:
    assert buyer_of(said).markets == markets


@pytest.mark.parametrize(
    ("said", "markets"),
    [
        # US: a state, a city, a state's ZIP, a region's name that is no other country's.
        ("We've got three marinas down on the Florida Keys.", US),
        ("We ship crowns to dentists all over Ohio.", US),
        ("Our taproom is in Asheville, North Carolina.", US),
        ("We're a charter school in Texas, about 600 kids.", US),
        ("The office is at 12 Harbor Road, Annapolis, MD 21403.", US),
        ("Most of our cleaning contracts are in New Jersey.", US),
        ("We're a two-doctor practice outside Paris, Texas.", US),
        ("Dental labs across New England all use the same courier.", US),
        ("We're a brewery in Santa Fe, New Mexico.", US),
        ("Our school district is just outside Chicago.", US),
        # UK, the same way.
        ("We're in Yorkshire, six cleaning vans.", UK),
        ("Ring me on 0113 496 0732 after four.", UK),
        ("The lab's at LS1 4AB, round the back.", UK),
        ("Our school is in Belfast, Northern Ireland.", UK),
        # Other markets' provinces and states are theirs, not the UK's.
        ("Our vet clinic is in British Columbia.", frozenset({"Canada"})),
        ("Our marina is in New South Wales.", frozenset({"Australia"})),
        ("Our brewery is in Melbourne, Victoria.", frozenset({"Australia"})),
    ],
)
def test_a_place_the_buyer_is_in_names_its_market(said: str, markets: frozenset[str]) -> None:
    assert buyer_of([said]).markets == markets


@pytest.mark.parametrize(
    ("said", "markets"),
    [
        # Plain dollars, or a North American phone number: a dollar market, not a pound one.
        ("It's about four hundred dollars a month on the old system.", DOLLAR_MARKETS),
        ("That's $300 a month, which is a lot for a brewery our size.", DOLLAR_MARKETS),
        ("Call me back on (614) 555-0187.", frozenset({"United States", "Canada"})),
        ("$89 a month, and my cell is 416-555-0199.", frozenset({"United States", "Canada"})),
        # Beside a place: that place's market.
        ("It's $300 a month for our two Ontario clinics.", frozenset({"Canada"})),
        ("It's $300 a month and we're a small school in Georgia.", US),
    ],
)
def test_money_several_markets_use_names_them_all(said: str, markets: frozenset[str]) -> None:
    assert buyer_of([said]).markets == markets


@pytest.mark.parametrize(
    ("said", "markets"),
    [
        # A name two places share, alone: no market (Georgia the country, Victoria in Canada,
        # Jersey the island, Paris in Texas).
        (["We're a small dental lab in Georgia."], NONE),
        (["Our brewery is in Victoria."], NONE),
        (["We've got two cleaning crews on Jersey."], NONE),
        (["We opened a second clinic in Paris last spring."], NONE),
        # Two such names that agree: their common market.
        (["The crematory is in Macon, Georgia.", "The other home is at Dublin."], US),
        # A trip, a supplier's or a rival's country, where data is hosted: not the buyer's.
        (["We were in Spain last week for the boat show."], NONE),
        (["I just got back from France, so sorry for the delay."], NONE),
        (["Our bearers' numbers would go to a US-based SMS provider."], NONE),
        (["Is the data hosted in the US?"], NONE),
        (["RotaPro is a UK company, but we're in Ohio."], US),
        (["They're a German firm, the old lab software people."], NONE),
        (["We moved here from Ireland, but the clinic is in Boston."], US),
    ],
)  # fmt: skip
def test_what_is_not_where_the_buyer_is(said: list[str], markets: frozenset[str]) -> None:
    assert buyer_of(said).markets == markets


def test_a_page_is_for_the_market_most_of_its_calls_are_in() -> None:
    """A page drawn from calls that name US states and one Spanish-speaking US buyer speaks to
    US buyers, not to Spain's."""
    calls = [
        "Our two marinas are in Maryland.",
        "Half our berth holders speak Spanish. We're on Lake Travis, Texas.",
        "We're a boatyard in Rhode Island.",
    ]
    assert audience(calls) == US
    assert audience(["Half our families only speak Spanish.", "plain", "also plain"]) == NONE


@pytest.mark.parametrize(
    ("fact", "markets"),
    [
        ("Family portal in English and Spanish.", NONE),
        ("Reminder texts can be sent in Welsh.", NONE),
        ("Invoices print in French or German.", NONE),
        ("UK: £95 a month per branch.", UK),
        ("Spanish clinics: €79 a month per clinic.", frozenset({"Spain", "Europe"})),
    ],
)
def test_a_fact_in_a_language_is_for_any_market(fact: str, markets: frozenset[str]) -> None:
    assert regions_named(fact) == markets


@pytest.mark.parametrize(
    ("fact", "markets", "speaks"),
    [
        ("Spain: €89 a month per clinic.", US, False),
        ("Spain: €89 a month per clinic.", frozenset({"Spain"}), True),
        ("Irish marinas: €120 a month per marina.", UK, False),
        ("Portal in Spanish: €10 a month extra.", US, False),  # euros, whatever the language
        ("Family portal in English and Spanish.", US, True),
    ],
)
def test_a_market_in_its_regions_money_is_one_market(
    fact: str, markets: frozenset[str], speaks: bool
) -> None:
    """A price for Spain in euros is for Spain, not a fact written for two markets."""
    assert speaks_to(fact, markets) is speaks
