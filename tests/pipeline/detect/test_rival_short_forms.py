"""A configured rival said by a short form is that rival: its first word where that is no
English word, on any call ("Housecall" for "Housecall Pro"), and where it is one, on the calls
whose record lists the rival, capitalised inside a sentence ("keep Arbor" for "Arbor FD"). A
product word alone ("desk", "Pro") or a common word in lower case or opening a sentence is none.

Why: a buyer whose call lists "Arbor FD" said "Arbor's fine, honestly" and "keep Arbor where it
is"; neither was tagged and the rival's comparison quoted one remark of six (review 27, B3).
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors
from pipeline.detect.rival_short_forms import short_forms


def tagged(sentence: str, known: list[str], listed: list[str] | None = None) -> list[str]:
    """The known rivals the sentence names, with ``listed`` as the call's record."""
    hits = find_competitors(sentence, known, listed=known if listed is None else listed)
    return [h.name for h in hits if h.known]


# A first word that is no English word: the rival on any call, in any case.
DISTINCT = [
    ("We've been on FieldRoutes for six years.", "FieldRoutes Operations"),  # pest control
    ("Dockwa takes a cut of every booking.", "Dockwa Marinas"),  # marinas
    ("Scoro's reporting is better than yours.", "Scoro Software"),  # software agencies
    ("agriwebb does the paddock maps already", "AgriWebb Pro"),  # farms, a caption
    ("We moved the donors off Donorbox last year.", "Donorbox HQ"),  # charities
    ("The physios like Cliniko, to be honest.", "Cliniko App"),  # clinics
    ("Schoolbase sends the reports home.", "Schoolbase Systems"),  # schools
    ("We run every retainer in Jetpack Workflow.", "Jetpack Workflow App"),  # accountants
    ("Verizon quoted us thirty a truck.", "Verizon Connect"),  # fleets
]


@pytest.mark.parametrize(("sentence", "rival"), DISTINCT)
def test_a_distinct_short_form_is_the_rival_on_any_call(sentence: str, rival: str) -> None:
    assert tagged(sentence, [rival], listed=[]) == [rival]


# A first word that is an English word: the rival where the call's record lists it.
COMMON = [
    ("I'd rather keep Anchor for the billing, to be fair.", "Anchor Desk"),  # marinas
    ("We've done the books in Harvest for years.", "Harvest Profit"),  # farms
    ("Everything lives in Beacon at the moment.", "Beacon CRM"),  # charities
    ("The front desk books everything in Willow.", "Willow Clinic Manager"),  # clinics
    ("Parents get the notes through Compass.", "Compass School Manager"),  # schools
    ("Our old timesheets are in Meadow, sadly.", "Meadow HQ"),  # software agencies
    ("Honestly, Orchard's fine for the spraying records.", "Orchard Systems"),  # farms
    ("Because Summit charges us per truck over fifty, I can forecast it.", "Summit Pro"),
    ("From my side, Pioneer's fine, honestly.", "Pioneer FD"),  # pest control
    ("We're eighteen months into a three-year deal with Lighthouse.", "Lighthouse Cloud"),
]


@pytest.mark.parametrize(("sentence", "rival"), COMMON)
def test_a_common_short_form_is_the_rival_where_the_call_lists_it(
    sentence: str, rival: str
) -> None:
    assert tagged(sentence, [rival]) == [rival]
    assert tagged(sentence, [rival], listed=[]) == []  # another call's rival: a common word


def test_a_guessed_opener_is_no_second_rival_beside_the_short_form() -> None:
    sentence = "Because Summit charges us per truck over fifty, I can forecast it."
    hits = find_competitors(sentence, ["Summit Pro"], listed=["Summit Pro"])
    assert [(h.name, h.known) for h in hits] == [("Summit Pro", True)]


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("The front desk is always the bottleneck.", "Anchor Desk"),  # a product word
        ("We'd go Pro if the price were right.", "Summit Pro"),
        ("The anchor chain snapped in the storm.", "Anchor Desk"),  # lower case
        ("Harvest starts in August and runs to October.", "Harvest Profit"),  # a sentence's start
        ("Lunch first. Compass points north, obviously.", "Compass School Manager"),
        ("We bank with Sunlight Financial.", "Financial Cents"),  # the end of a longer name
        ("Verizon Wireless is our phone carrier.", "Verizon Connect"),  # the start of one
        ("We drove past Anchor Bay on the way.", "Anchor Desk"),
    ],
)
def test_a_common_word_or_a_product_word_alone_is_no_rival(sentence: str, rival: str) -> None:
    assert tagged(sentence, [rival]) == []


def test_a_short_form_two_rivals_share_is_neither() -> None:
    rivals = ["Microsoft Teams", "Microsoft Dynamics"]
    assert tagged("We're a Microsoft shop, top to bottom.", rivals) == []
    assert [s.form for s in short_forms(tuple(rivals))] == []


def test_the_full_name_is_still_found_as_configured() -> None:
    assert tagged("Two of the yards are on Anchor Desk.", ["Anchor Desk"], listed=[]) == [
        "Anchor Desk"
    ]


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Arbor FD", ["Arbor"]),
        ("Jetpack Workflow App", ["Jetpack Workflow", "Jetpack"]),
        ("Sage 50", ["Sage"]),
        ("Pro Crew Schedule", []),  # a product word first
        ("The Booking Software", []),  # a function word first
        ("Jobber", []),  # one word: nothing shorter
    ],
)
def test_the_short_forms_of_a_name(name: str, forms: list[str]) -> None:
    assert [s.form for s in short_forms((name,))] == forms
