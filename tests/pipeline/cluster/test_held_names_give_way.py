"""An automatic name held across re-clusters gives way to one the namer now finds that covers
more of its quotes (walk 8: "Integrations: member" and "Without a proper waitlist" had survived
``cluster --rebuild``); a user's name never does, and one that covers as many holds."""

from __future__ import annotations

import pytest

from pipeline.cluster.held_names import held_name, names_kept, quotes_covered
from pipeline.cluster.label import ClusterLabel, name_clusters
from pipeline.store.models import Cluster

# (category, the name an early upload gave, the theme's quotes now): the namer now lists the
# systems asked about, or names the thing needed, where the old name says one buyer's words.
OUTGROWN = {
    "gym integrations": (
        "integrations",
        "Integrations: member",
        [
            "Does it sync member payments with Xero?",
            "Can member emails go to Mailchimp automatically?",
            "Will it import our member list from a CSV?",
            "We need Xero to get the invoices.",
        ],
    ),
    "salon need": (
        "missing_feature",
        "Without a proper waitlist",
        [
            "Without a proper waitlist we lose clients every week.",
            "The waitlist is just a paper sheet at the front desk.",
            "We really need a waitlist for the Saturday colour slots.",
            "Does it have a waitlist that texts clients?",
        ],
    ),
    "dental need": (
        "missing_feature",
        "No online recall booking",
        [
            "There's no online recall booking, patients ring us.",
            "Recall letters still go out by post.",
            "Patients want to book their recall on their phone.",
            "We need recall reminders by text.",
        ],
    ),
}
WEIGHTS = [1.0, 0.95, 0.9, 0.85]


def _held_and_fresh(trade: str, locked: bool = False) -> tuple[str, str, ClusterLabel]:
    category, old, quotes = OUTGROWN[trade]
    theme = Cluster(id=5, kind="objection", name=old, auto_name=old, name_locked=locked)
    every = set(range(len(quotes)))
    held = held_name(theme, {5: every}, every, quotes, WEIGHTS, [], category, kind="objection")
    [fresh] = name_clusters([quotes], [WEIGHTS], categories=[category], kind="objection")
    assert held == old  # the premise: the old name still fits, so it had held
    return old, fresh, ClusterLabel(fresh, [], quotes[0])


@pytest.mark.parametrize("trade", sorted(OUTGROWN))
def test_an_automatic_name_gives_way_to_one_covering_more_quotes(trade: str) -> None:
    old, fresh, label = _held_and_fresh(trade)
    quotes = OUTGROWN[trade][2]
    assert quotes_covered(fresh, quotes) > quotes_covered(old, quotes)
    [shown] = names_kept([label], [old], [False], [quotes])
    assert shown.name == fresh != old


@pytest.mark.parametrize("trade", sorted(OUTGROWN))
def test_a_users_name_never_gives_way(trade: str) -> None:
    old, _fresh, label = _held_and_fresh(trade, locked=True)
    [shown] = names_kept([label], [old], [True], [OUTGROWN[trade][2]])
    assert shown.name == old


# One quote's words for another's cover as many: the name a marketer learned holds.
AS_MANY = {
    "vets": (
        "Reminder letters come back undelivered",
        "Nobody can find the consent forms",
        [
            "Half our reminder letters come back undelivered.",
            "Nobody can find the consent forms when the surgeon asks.",
            "Locums never know where anything is in the system.",
        ],
    ),
    "warehousing": (
        "Returns sit on the dock for a week",
        "The forklift charger trips",
        [
            "Returns sit on the dock for a week before anyone books them in.",
            "The forklift charger trips every time the kettle goes on.",
            "Drivers leave without the signed delivery notes.",
        ],
    ),
    "salons": (
        "The card machine drops out",
        "Stylists swap shifts on WhatsApp",
        [
            "The card machine drops out when the dryers are on.",
            "Stylists swap shifts on WhatsApp and the diary never knows.",
            "Product orders arrive the day after we run out of toner.",
        ],
    ),
}


@pytest.mark.parametrize("trade", sorted(AS_MANY))
def test_a_name_covering_as_many_quotes_holds(trade: str) -> None:
    held, fresh, quotes = AS_MANY[trade]
    assert quotes_covered(fresh, quotes) <= quotes_covered(held, quotes)
    [shown] = names_kept([ClusterLabel(fresh, [], quotes[0])], [held], [False], [quotes])
    assert shown.name == held


@pytest.mark.parametrize(
    ("label", "quotes", "fresh"),
    [
        ("Security", ["Where is the data stored?", "Is the data encrypted?"], "Security: data"),
        (
            "Price",
            ["How much for five recruiters?", "What does it cost?"],
            "How much for five recruiters?",
        ),
        ("Integrations", ["Does it sync with Xero?", "Can it read Sage?"], "Integrations: Xero"),
    ],
)
def test_a_bare_category_label_covers_no_quote_and_holds(
    label: str, quotes: list[str], fresh: str
) -> None:
    """A label says what every quote is filed under: no quote's words, yet nothing gives way
    to one quote's question ("Price" had become "How much would it be for five recruiters")."""
    assert quotes_covered(label, quotes) == 0 < quotes_covered(fresh, quotes)
    [shown] = names_kept([ClusterLabel(fresh, [], quotes[0])], [label], [False], [quotes])
    assert shown.name == label
