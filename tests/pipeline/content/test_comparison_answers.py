"""Our side of a comparison row is a profile fact on the row's own topic, else a gap to write: a
price row gets the plan the buyers' size fits (a plan bounded to a size only where they give
one in it), a row on sites or support a fact naming that topic or of a list written for it, and
a strength of theirs no topic names a fact saying the same in two words.

Why: review 26 (marinas) answered every buyer's price row with the Group plan for three or more
sites, "each site has its own copy" with "Storm haul-out priority lists", and "<rival> brings us
the boats" with a berth-plan feature sharing "boats"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.types import Comparison


def _page(rival: str, said: list[str], profile: ProductProfile) -> Comparison:
    """The offline comparison with ``rival`` from buyer lines ``said`` (no vectors)."""
    quotes = [
        Quote(
            id=n,
            text=text,
            role="buyer",
            kind="objection",
            call_id=n,
            utterance_id=n,
            mention_id=n,
            call_date=dt.date(2026, 3, n),
            account=f"Account {n}",
            outcome="open",
            speaker="Sam",
            cluster_id=None,
            competitor=rival,
            category="competitor",
        )  # fmt: skip
        for n, text in enumerate(said, 1)
    ]
    return comparison(
        Evidence(
            clusters=[], quotes=quotes, phrases=[], facts=[], competitor=rival,
            rival_forms=(rival,), product=profile.name, profile=profile_facts(profile),
        )
    )  # fmt: skip


def _ours(page: Comparison, said: str) -> str:
    """Our side of the row quoting ``said``."""
    [row] = [row for row in page.rows if said[:30] in row.them]
    return row.us


def _profile(pricing: Sequence[str] = (), features: Sequence[str] = ()) -> ProductProfile:
    return ProductProfile(name="Ourapp", pricing=list(pricing), features=list(features))


# (rival, the plan for every buyer, the plan bounded to a size, a price line with no count, one
# giving a count in the bound)
PLANS = [
    (
        "PestPac",
        "$30 per technician a month.",
        "Multi-branch plan for three or more branches: $26 per technician a month.",
        "PestPac came in at forty a seat.",
        "We run four branches and PestPac came in at forty a seat.",
    ),
    (
        "Passare",
        "$120 a month for each location.",
        "Group plan for 5+ locations: $95 a month each.",
        "Passare quoted us ninety a month.",
        "We have six locations and Passare quoted us ninety a month.",
    ),
    (
        "Harvest",
        "$15 per user a month.",
        "Studio plan for 10 or more users: $12 per user a month.",
        "Harvest came in at eight a seat.",
        "We're twenty staff and Harvest came in at eight a seat.",
    ),
    (
        "Agrimaster",
        "$40 a month for the farm.",
        "Estate plan for three or more sites: $35 a month per site.",
        "Agrimaster quoted us fifty a month.",
        "We farm four sites and Agrimaster quoted us fifty a month.",
    ),
    (
        "Blackbaud",
        "$25 a month per shop.",
        "Retail plan for ten or more shops: $18 a month per shop.",
        "Blackbaud came in at thirty a month.",
        "We've twelve shops and Blackbaud came in at thirty a month.",
    ),
    (
        "Cliniko",
        "$49 per practitioner a month.",
        "Group plan for three or more clinics: $39 per practitioner a month.",
        "Cliniko charges twenty-five a seat.",
        "We have five clinics and Cliniko charges twenty-five a seat.",
    ),
    (
        "TableTap",
        "$59 a month per venue.",
        "Group plan for 4+ venues: $45 a month per venue.",
        "TableTap came in at forty a month.",
        "We've six venues and TableTap came in at forty a month.",
    ),
    (
        "Vetstream",
        "$99 a month per surgery.",
        "Group plan for three or more surgeries: $79 a month per surgery.",
        "Vetstream quoted 2,800 for the year.",
        "We have four surgeries and Vetstream quoted 2,800.",
    ),
    (
        "GymFlow",
        "$80 a month per gym.",
        "Chain plan for 5+ gyms: $65 a month per gym.",
        "GymFlow came in at fifty a month.",
        "We run seven gyms, and GymFlow came in at fifty a month.",
    ),
    (
        "Arbor",
        "$300 a month per school.",
        "Trust plan for three or more schools: $250 a month per school.",
        "Arbor came in at two thousand flat.",
        "The trust has four schools and Arbor came in at two thousand flat.",
    ),
]


@pytest.mark.parametrize(("rival", "base", "group", "bare", "counted"), PLANS)
def test_a_price_row_gets_the_plan_its_buyers_size_fits(
    rival: str, base: str, group: str, bare: str, counted: str
) -> None:
    profile = _profile(pricing=[group, base])  # the group plan listed first
    assert _ours(_page(rival, [bare], profile), bare) == base
    assert _ours(_page(rival, [counted], profile), counted) == group


@pytest.mark.parametrize(
    ("rival", "base", "group", "said"),
    [
        (PLANS[1][0], PLANS[1][1], PLANS[1][2], "We have two locations; Passare quoted us ninety."),
        (
            PLANS[5][0],
            PLANS[5][1],
            PLANS[5][2],
            "We're one clinic and Cliniko charges forty a seat.",
        ),
    ],
)
def test_a_size_outside_a_plans_bound_gets_the_plan_for_every_buyer(
    rival: str, base: str, group: str, said: str
) -> None:
    assert _ours(_page(rival, [said], _profile(pricing=[group, base])), said) == base


# (rival, a line on a topic its words name, a fact sharing another word of it but not the topic)
OFF_TOPIC = [
    ("PestPac", "Each branch has its own copy of PestPac, with its own customer list.",
     "Treatment lists are printed for every van before the season."),
    ("Passare", "Passare's support desk takes two days to answer the arrangers.",
     "Arrangers see the day's services on one screen."),
    ("Harvest", "Every office keeps its own copy of Harvest, with its own timesheets.",
     "Timesheets are approved by the project lead."),
    ("Agrimaster", "Agrimaster's support line is in another time zone, so the herd manager waits.",
     "The herd manager sees every calving on the dashboard."),
    ("Blackbaud", "Each shop keeps its own copy of Blackbaud for the gift aid forms.",
     "Gift aid forms are filled from the donor record."),
    ("Cliniko", "Cliniko's support team takes a week to answer the front desk.",
     "The front desk books patients from one calendar."),
    ("TableTap", "Every location runs its own copy of TableTap, with its own menu.",
     "Menus are printed with allergens."),
    ("Vetstream", "Vetstream's support team never picks up on a Saturday morning.",
     "Saturday clinics are booked online."),
    ("GymFlow", "Each location keeps its own copy of GymFlow, with its own member list.",
     "Member lists can be exported to CSV."),
    ("Arbor", "Arbor's help desk takes a week, so the office waits on every timetable change.",
     "Timetable changes reach parents by text."),
]  # fmt: skip


@pytest.mark.parametrize(("rival", "said", "decoy"), OFF_TOPIC)
def test_a_fact_off_the_rows_topic_leaves_it_to_write(rival: str, said: str, decoy: str) -> None:
    assert "To write" in _ours(_page(rival, [said], _profile(features=[decoy])), said)


@pytest.mark.parametrize(
    ("rival", "said", "fact"),
    [
        (
            OFF_TOPIC[0][0],
            OFF_TOPIC[0][1],
            "One account covers every branch, with one customer list.",
        ),
        (OFF_TOPIC[1][0], OFF_TOPIC[1][1], "Arrangers reach our support team by phone all week."),
        (OFF_TOPIC[8][0], OFF_TOPIC[8][1], "One member list for every location, synced hourly."),
    ],
)
def test_a_fact_naming_the_rows_topic_answers_it(rival: str, said: str, fact: str) -> None:
    assert _ours(_page(rival, [said], _profile(features=[fact])), said) == fact


# (rival, a strength of theirs no topic names, a fact sharing one word of it)
STRENGTHS = [
    ("PestPac", "PestPac sends us the leads.", "Leads are tagged by postcode."),
    ("Passare", "Passare fills the chapel diary for us.", "The chapel can be booked by families."),
    ("Harvest", "Harvest brings in the retainer clients.", "Retainer hours roll over."),
    (
        "Agrimaster",
        "Agrimaster finds us the buyers for the lambs.",
        "Lamb weights go in at the crush.",
    ),
    ("GiveDesk", "GiveDesk brings us the regular donors.", "Regular gifts are thanked by e-mail."),
    ("Cliniko", "Cliniko sends us the referrals.", "Referral letters are written from a template."),
    ("TableTap", "TableTap fills the Tuesday tables.", "Tables are merged with a drag."),
    ("Vetstream", "Vetstream brings the farm clients.", "Farm visits are planned on a map."),
    ("GymFlow", "GymFlow brings us the new members.", "Members sign up on a tablet."),
    ("Arbor", "Arbor pulls in the supply teachers.", "Supply cover is logged against each lesson."),
]


@pytest.mark.parametrize(("rival", "said", "decoy"), STRENGTHS)
def test_a_strength_sharing_one_word_with_a_fact_is_left_to_write(
    rival: str, said: str, decoy: str
) -> None:
    assert "To write" in _ours(_page(rival, [said], _profile(features=[decoy])), said)


def test_what_the_rival_lacks_is_still_met_by_a_fact_on_it() -> None:
    said = "PestPac just has one address per customer."
    fact = "Each customer can have a second address for the garden."
    assert _ours(_page("PestPac", [said], _profile(features=[fact])), said) == fact
