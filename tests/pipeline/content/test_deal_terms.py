"""A rival's fact and one of our profile's stating a term of a deal opposite ways (a commission,
a set-up fee, a long commitment, a price per user): our fact answers that fact's row.

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


@pytest.mark.parametrize(
    ("theirs", "ours", "term"), [c[1:] for c in OPPOSED], ids=[c[0] for c in OPPOSED]
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


@pytest.mark.parametrize(("industry", "theirs", "ours", "term"), OPPOSED[:6])
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
