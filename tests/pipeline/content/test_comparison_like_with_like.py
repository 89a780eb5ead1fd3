"""A comparison compares like with like, and a deal lost to the rival says where it fits better:
a buyer's per-seat price of theirs is set beside our per-seat price, never beside a one-off fee
(``price_basis``); what the buyer who chose them said they already do is quoted under "When X
is the better fit", even where a roadmap fact of ours is near it in meaning (a thing we only
plan is no thing we have).

Why: a lift-maintenance walk's Servicio page set "One-off onboarding fee of £495" against
"Servicio is about twenty quid an engineer" and left out "£32 per engineer per month"; its
LiftPro Cloud page said "No evidence yet of where LiftPro Cloud fits better" while the lost
deal's buyer said "LiftPro Cloud already prints the Zurich format." Each rule is tried on three
other trades here (a dog groomer, a van fleet, a window cleaner)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.price_basis import price_basis
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.rival_claims import speaks_of
from pipeline.content.rival_fit import offers_something
from pipeline.content.types import Comparison


def _quote(n: int, text: str, rival: str, outcome: str = "open", kind: str = "objection") -> Quote:
    return Quote(
        id=n, text=text, role="buyer", kind=kind, call_id=n, utterance_id=n, mention_id=n,
        call_date=dt.date(2026, 3, n), account=f"Account {n}", outcome=outcome, speaker="Sam",
        cluster_id=None, competitor=rival, category="price",
    )  # fmt: skip


def _page(rival: str, quotes: list[Quote], profile: ProductProfile, **more: object) -> Comparison:
    evidence = Evidence(
        clusters=[], quotes=quotes, phrases=[], facts=[], competitor=rival, rival_forms=(rival,),
        product=profile.name, profile=profile_facts(profile), **more,  # type: ignore[arg-type]
    )  # fmt: skip
    return comparison(evidence)


# (rival, what a buyer said of their seat price, our seat price, our one-off fee)
SEATS = [
    (
        "Kennelo",
        "Honestly, Kennelo is about fifteen dollars a groomer and I won't pay more than that.",
        "Team plan: $24 per groomer per month.",
        "One-off setup fee of $300, which includes moving your client list.",
    ),
    (
        "FleetWise",
        "FleetWise charges about nine pounds a van and I'm not going above that.",
        "£14 per vehicle per month, billed monthly.",
        "One-off setup fee of £250 including the telematics import.",
    ),
    (
        "SquidgeCRM",
        "SquidgeCRM is about twenty quid a round and that's my limit.",
        "Standard: £30 per round per month; office logins are free.",
        "Onboarding fee of £195, paid once, which includes importing your round sheets.",
    ),
]


@pytest.mark.parametrize(("rival", "said", "seat", "fee"), SEATS)
def test_a_seat_price_of_theirs_is_set_beside_our_seat_price(
    rival: str, said: str, seat: str, fee: str
) -> None:
    """The one-off fee listed first (as a profile may) is not what the row compares."""
    page = _page(rival, [_quote(1, said, rival)], ProductProfile(name="Ours", pricing=[fee, seat]))
    [row] = [r for r in page.rows if said[:30] in r.them]
    assert row.us == seat


@pytest.mark.parametrize(("rival", "said", "seat", "fee"), SEATS)
def test_a_one_off_fee_alone_is_no_answer_to_a_seat_price(
    rival: str, said: str, seat: str, fee: str
) -> None:
    page = _page(rival, [_quote(1, said, rival)], ProductProfile(name="Ours", pricing=[fee]))
    [row] = [r for r in page.rows if said[:30] in r.them]
    assert fee not in row.us and row.us.startswith("To write")


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("Kennelo is about fifteen dollars a groomer.", "per_groomer"),
        ("£14 per vehicle per month, billed monthly.", "per_vehicle"),
        ("$120 a month for each location.", "per_location"),
        ("One-off setup fee of £250.", "once"),
        ("Onboarding fee of £195, paid once.", "once"),
        ("Passare quoted us ninety a month.", "per_period"),
        (
            "Your quote was eleven thousand a year and theirs was about seven and a half.",
            "per_period",
        ),
        ("Annual billing takes 15% off the monthly price.", None),
        ("We have twelve engineers and a van each.", None),
    ],
)
def test_price_basis(text: str, basis: str | None) -> None:
    assert price_basis(text) == basis


# (rival, what the buyer who chose them said they already do, our roadmap fact near it)
ALREADY = [
    (
        "Kennelo",
        "Kennelo already sends the vaccination reminders to owners.",
        "Vaccination reminders to owners are planned for Q4.",
    ),
    (
        "FleetWise",
        "FleetWise also prints the O-licence inspection sheet.",
        "An O-licence inspection sheet is planned for next spring.",
    ),
    (
        "SquidgeCRM",
        "SquidgeCRM already texts the customer the night before.",
        "Night-before texts to customers are on the roadmap.",
    ),
]


@pytest.mark.parametrize(("rival", "strength", "planned"), ALREADY)
def test_what_the_winner_already_does_is_where_they_fit_better(
    rival: str, strength: str, planned: str
) -> None:
    """A deal lost to them: the buyer's line on what they do fills the section, quoted and
    cited, though our nearest fact by meaning is one we only plan."""
    chose = _quote(1, f"We've decided to go with {rival}.", rival, "lost")
    line = _quote(2, strength, rival, "lost", kind="current_setup")
    line = dataclasses.replace(line, call_id=1)  # said on the same call
    profile = ProductProfile(
        name="Ours",
        features=["Jobs are booked from the phone.", "Invoices go out by email."],
        roadmap=[planned],
    )
    # Our roadmap fact stands out as nearest the strength in meaning; the features do not.
    planned_id = next(f.id for f in profile_facts(profile) if planned in f.text)
    near = {f.id: (0.9 if f.id == planned_id else 0.1) for f in profile_facts(profile)}
    far = dict.fromkeys(near, 0.1)
    page = _page(
        rival, [chose, line], profile,
        rival_won=frozenset({1}), rival_reasons=(1, 2), quote_closeness={1: far, 2: near},
    )  # fmt: skip
    better = [p for p in page.them_better_when if 2 in p.citations]
    assert better and strength in better[0].text


@pytest.mark.parametrize(("rival", "strength", "_planned"), ALREADY)
def test_an_adverb_before_the_rivals_verb_still_says_something_of_it(
    rival: str, strength: str, _planned: str
) -> None:
    assert speaks_of(strength, [rival]) and offers_something(strength)


@pytest.mark.parametrize(
    "text",
    ["They already told us no.", "We already use spreadsheets.", "We also talked to Kennelo."],
)
def test_no_thing_they_do(text: str) -> None:
    assert not offers_something(text)
