"""A canned category name holds only where its quotes bear it out: "Happy with a competitor" of
quotes naming no rival gives way to a name a share of them say or their central quote read whole,
and still names quotes that stay with one (review 27, item 4)."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.topic_names import unnamed_theme
from tests.pipeline.cluster.name_checks import (
    a_central_quote_read_whole,
    held_by_a_share,
    weights,
)

# Quotes the detector filed under "competitor" that name no rival and say no staying with one.
NO_RIVAL: dict[str, list[str]] = {
    "pest control": [
        "Then I'm entering every callout twice, which is already my whole evening.",
        "Honestly the paper route sheets have been less bother.",
        "The lads would rather text me the jobs.",
    ],
    "marina": [
        "Then I'm reconciling two sets of berth invoices into one ledger.",
        "The harbour master likes the big diary on the wall.",
        "We get by with the radio and a notepad.",
    ],
    "software agency": [
        "Then we're keeping two time systems in step by hand.",
        "Our designers hate logging hours at all.",
        "Clients ask for a PDF anyway.",
    ],
    "arable farm": [
        "Then I'm copying the spray records into the grant forms.",
        "The agronomist sends everything as photos.",
        "My father still writes yields in the back of a diary.",
    ],
    "charity": [
        "Then the finance volunteer keys every donation in again.",
        "The shop managers prefer the cash book.",
        "Trustees only read printed papers.",
    ],
    "clinic": [
        "Then reception types every recall into two places.",
        "The nurses keep their own lists on the ward.",
        "Patients still post their forms back.",
    ],
    "school": [
        "Then the office copies every absence into the register twice.",
        "Teachers want to keep their mark books.",
        "Parents mostly reply on paper slips.",
    ],
    "brewery": [
        "Then the cellar team counts every keg on two sheets.",
        "The brewer keeps recipes in his head.",
        "Pubs still phone their orders in.",
    ],
    "dental practice": [
        "Then I'm matching every plan payment to the ledger by hand.",
        "The hygienists book their own slots in a diary.",
        "Most patients pay at the desk anyway.",
    ],
    "removals": [
        "Then the office rekeys every survey into the quote sheet.",
        "The crews prefer a printed job list.",
        "Customers send photos of their rooms by text.",
    ],
}
RIVALS = ["RotaPro", "Slipway", "Harvest", "FieldMargin", "Donorbox", "Cliniko"]


@pytest.mark.parametrize("industry", sorted(NO_RIVAL))
def test_happy_with_a_competitor_needs_most_quotes_to_name_one(industry: str) -> None:
    quotes = NO_RIVAL[industry]
    [name] = name_clusters(
        [quotes], [weights(quotes)], competitors=RIVALS, categories=["competitor"],
        kind="objection",
    )  # fmt: skip
    assert name != "Happy with a competitor", name
    assert held_by_a_share(name, quotes) or a_central_quote_read_whole(name, quotes), name


@pytest.mark.parametrize("industry", sorted(NO_RIVAL))
def test_happy_with_a_competitor_no_longer_holds_for_quotes_naming_none(industry: str) -> None:
    label = "Happy with a competitor"
    assert not still_fits(label, NO_RIVAL[industry], RIVALS, label, category="competitor")
    rivals = ["We already use Cliniko.", "Cliniko is fine.", NO_RIVAL[industry][0]]
    assert still_fits(label, rivals, RIVALS, label, category="competitor")


@pytest.mark.parametrize(
    "quotes",
    [
        ["We're on RotaPro, it does the job.", "RotaPro is fine for us.", "Managers use it."],
        ["Slipway already does our berths.", "We're happy with Slipway.", "It's the same price."],
        ["We already use Harvest.", "Harvest does the timesheets.", "The team likes it."],
        ["We're happy enough with what we've got.", "We already have a system.", "It's fine."],
    ],
)
def test_happy_with_a_competitor_still_names_quotes_that_stay_with_one(quotes: list[str]) -> None:
    [name] = name_clusters(
        [quotes], [weights(quotes)], competitors=RIVALS, categories=["competitor"],
        kind="objection",
    )  # fmt: skip
    assert name != unnamed_theme("objection"), name
