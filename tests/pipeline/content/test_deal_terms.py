"""A rival's fact and one of our profile's stating a term of a deal opposite ways (a commission,
a set-up fee, a long commitment, a price per user, a charge per case used): our fact answers
that fact's row.

Why: review 26 (marinas) left "<rival> charges marinas a commission of 8% on each visitor
booking." to write although the profile said visitors book "with no booking commission"."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.deal_terms import opposed_terms
from pipeline.content.evidence import Evidence, Fact, Quote
from pipeline.content.profile import ProductProfile, profile_facts

OPPOSED = [
    # (industry, the rival's fact, ours, the term)
    ("Pest control", "BugBase charges a $299 setup fee for every new account.",
     "There is no setup fee.", "setup_fee"),
    ("Funeral homes", "Farewell Pro requires a three-year contract.",
     "Monthly plan: cancel any time, no long-term contract.", "long_commitment"),
    ("Software agencies", "Sprintly is priced per user at $15 a seat.",
     "One flat monthly price with unlimited users.", "per_user"),
    ("Farms", "HarvestHub takes a 5% commission on every sale through its marketplace.",
     "Farm shop orders are commission-free; you keep every sale.", "commission"),
    ("Charities", "GiveDesk keeps 3% of each donation as a platform fee.",
     "Donations are passed on in full with no platform fee.", "commission"),
    ("Clinics", "ClinicPulse charges a one-off implementation fee of $1,500.",
     "Implementation is free for every clinic.", "setup_fee"),
    ("Restaurants", "TableTap takes 10% of every booking.",
     "No booking commission on any table.", "commission"),
    ("Gyms", "GymFlow is sold on a 24-month minimum term.",
     "Rolling monthly plan with 30 days' notice.", "long_commitment"),
    ("Law firms", "Clio charges per user.", "Unlimited users on every plan.", "per_user"),
    ("Dentists", "DentalDesk charges an onboarding fee.",
     "Onboarding and data import are included at no charge.", "setup_fee"),
    ("Schools", "Arbor moves schools onto annual subscriptions from next year.",
     "Month-to-month billing; leave whenever you like.", "long_commitment"),
]  # fmt: skip


# Review 27 (funeral homes): "<rival> group agreements run for three years and charge per case
# above a yearly threshold" was left to write beside "no multi-year contract" and "no per-case
# charges"; "its licence renews yearly in April" beside "plans roll month to month".
LONG_AND_PER_USE = [
    ("Funeral homes", "Farewell Pro group agreements run for three years.",
     "Monthly plans roll month to month; there is no multi-year contract.", "long_commitment"),
    ("Pest control", "PestPac contracts last two years from go-live.",
     "Rolling monthly plan, cancel any time.", "long_commitment"),
    ("Schools", "SchoolBase licences are for three years at a time.",
     "Month-to-month billing; leave whenever you like.", "long_commitment"),
    ("Marinas", "HarbourDesk's licence renews yearly in April.",
     "Plans roll month to month.", "long_commitment"),
    ("Clinics", "ClinicPulse subscriptions auto-renew annually.",
     "Cancel any time with 30 days' notice.", "long_commitment"),
    ("Software agencies", "Sprintly bills for annual renewals on the signing date.",
     "Pay month by month; no annual contract.", "long_commitment"),
    ("Funeral homes", "Farewell Pro charges per case above a yearly threshold.",
     "Flat price per location; no per-case charges.", "per_use"),
    ("Field services", "JobLoop charges $2 per job after the first hundred.",
     "Unlimited jobs on every plan.", "per_use"),
    ("Clinics", "ClinicPulse charges a fee for each appointment booked by text.",
     "Appointment reminders with no per-message charges.", "per_use"),
    ("Charities", "GiveDesk adds overage fees above 5,000 supporter records.",
     "No usage charges, however many calls or records you keep.", "per_use"),
    ("Farms", "HarvestHub is priced per shipment through its courier link.",
     "Courier labels with no per-shipment charges.", "per_use"),
    ("Logistics", "HaulBase charges per load tracked.",
     "One monthly price with unlimited loads.", "per_use"),
    ("Payments", "TillPoint charges 30p per transaction.",
     "Card payments at no per-transaction charge.", "commission"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("theirs", "ours", "term"),
    [c[1:] for c in [*OPPOSED, *LONG_AND_PER_USE]],
    ids=[c[0] for c in [*OPPOSED, *LONG_AND_PER_USE]],
)
def test_a_term_stated_opposite_ways_is_found(theirs: str, ours: str, term: str) -> None:
    assert opposed_terms(theirs, ours) == {term}


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        # No term of a deal in theirs.
        ("PestPac is Windows software installed on an office PC.", "Rolling monthly plan."),
        ("Passare's families app includes a livestream.", "There is no setup fee."),
        # The same term the same way.
        ("TableTap charges a commission of 8%.", "We charge a 2% commission on card payments."),
        ("Cliniko has no setup fee.", "There is no setup fee."),
        ("Clio charges per user.", "$30 per user a month."),
        # Another term.
        ("Clio charges per user.", "There is no setup fee."),
        ("GymFlow requires a three-year contract.", "Annual billing gives two months free."),
        # A term of a year or less said after the word, a price for each site, a sum per year.
        ("JobLoop contracts run for twelve months.", "Rolling monthly plan."),
        ("HaulBase charges per depot.", "Unlimited loads on every plan."),
        ("Farewell Pro charges per case.", "Flat price per location, quoted."),
        ("ClinicPulse renews its price list yearly.", "There is no setup fee."),
        ("PestPac runs a yearly threshold on service visits.", "No per-visit charges."),
    ],
)
def test_no_term_stated_opposite_ways(theirs: str, ours: str) -> None:
    assert opposed_terms(theirs, ours) == set()


def _page(rival: str, facts: list[str], profile: ProductProfile) -> list[tuple[str, str]]:
    """(our side, theirs) of each fact row of the offline comparison with ``rival``."""
    said = Quote(
        id=1, text=f"We looked at {rival} last spring and it was too slow.", role="buyer",
        kind="objection", call_id=1, utterance_id=1, mention_id=1,
        call_date=dt.date(2026, 4, 1), account="Acme", outcome="open", speaker="Jo",
        cluster_id=None, competitor=rival, category="competitor",
    )  # fmt: skip
    entered = [Fact(n, n, rival, text, None) for n, text in enumerate(facts, 1)]
    page = comparison(
        Evidence(
            clusters=[], quotes=[said], phrases=[], facts=entered, competitor=rival,
            rival_forms=(rival,), product=profile.name, profile=profile_facts(profile),
        )
    )  # fmt: skip
    return [(row.us, row.them) for row in page.rows if row.facts]


@pytest.mark.parametrize(
    ("industry", "theirs", "ours", "term"), [*OPPOSED[:6], *LONG_AND_PER_USE[::3]]
)
def test_a_rivals_fact_row_is_answered_by_our_opposite_term(
    industry: str, theirs: str, ours: str, term: str
) -> None:
    profile = ProductProfile(
        name="Ourapp",
        pricing=["$40 a month for each site."],
        plans=["Annual billing gives two months free."],
        features=[f"Built for {industry.lower()}: one screen for the day's work.", ours],
    )
    rival = theirs.split()[0]
    other = f"{rival} is Windows software installed on an office PC."
    assert _page(rival, [other, theirs], profile) == [
        ("To write: how we compare on this.", other),
        (ours, theirs),
    ]
