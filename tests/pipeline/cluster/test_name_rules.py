"""Theme names a marketer can keep (``pipeline/cluster/name_rules.py``), on the real embedder:
a name says what the quotes share, not one buyer's figure or proper name, and no two names of
one list say the same words."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import centralities, name_clusters
from pipeline.cluster.name_rules import details_held, keep_apart, name_words, too_close
from pipeline.embed import Embedder, normalise

# Themes from new users' calls (letting agents, recruitment, breweries) and other industries:
# one quote carries a figure, a date or a proper name the others do not say.
ONE_BUYERS_DETAIL = {
    "recruitment contract": (
        "contract",
        [
            "I'm not sure we'd actually log into another system.",
            "Being honest though, we're locked into Bullhorn until next August.",
            "We signed a three-year deal in 2024.",
            "Breaking that early would cost us a fortune, so anything we do starts next summer.",
            "We're also tied into Vincere until the end of March, and it auto-renews.",
            "So if we don't give notice by Christmas we're stuck for another year.",
            "We're locked into Staffora through June and the early exit fee is two months.",
        ],
    ),
    "letting contract": (
        "contract",
        [
            "The problem is we signed a three-year deal with Alto, so we're locked in until 2028.",
            "Our Yardi contract runs until 2029, so we'd be running two systems side by side.",
            "Says they're locked into Lettmate for another 18 months and the exit fee is £6k.",
            "Concern: AppFolio contract auto-renews in August, 3 year term.",
        ],
    ),
    "letting price": (
        "price",
        [
            "The board liked it, but they won't pay for two systems while the Alto contract runs.",
            "At two pounds forty a unit across three thousand units, it's more than we pay now.",
            "That's about what we make on a one-bed.",
            "Our fee is ten percent, and on some of the older flats that's ninety pounds a month.",
            "Your pricing is per unit with a fifty-unit minimum, and that's more than we pay.",
            "They came in cheaper per unit for a portfolio our size.",
            "Paying for fifty units when I've only got thirty flats does sting a bit.",
            "$1.75 a door is fine but 180 doors plus the setup fee blows our budget this year.",
        ],
    ),
    "brewery migration": (
        "switching",
        [
            "My worry is the duty return.",
            "Our whole year's production happens in about ten weeks in autumn.",
            "Six weeks of migration in our busy season is not happening.",
            "Worried about training three drivers on new software.",
        ],
    ),
    "brewery pains": (
        None,
        [
            "The TTB report eats a whole Sunday every month because I add up barrels by hand.",
            "The problem is stock.",
            "Month end is a nightmare because I split ingredient costs across clients by hand.",
            "We distribute in Ohio, Kentucky and Indiana, and each state wants its own filing.",
            "Your TTB report doesn't do the Kentucky and Indiana state returns.",
            "Our drivers plan the delivery routes on their phones every morning.",
            "Our sales reps still print route sheets because the delivery app crashes.",
        ],
    ),
    "dental seats": (
        "price",
        [
            "At £25 a seat for our nine dentists it adds up quickly.",
            "Paying per seat for part-time hygienists feels unfair.",
            "The per-seat price is more than our current software costs.",
            "We can't pay per seat for locums who are in once a month.",
        ],
    ),
    "logistics history": (
        "switching",
        [
            "The thing is we've twelve years of delivery history in the old system.",
            "Moving all our customer records across worries me.",
            "The last migration lost half our notes.",
            "Migrating the route data would take our team weeks.",
        ],
    ),
    "software edition": (
        "integrations",
        [
            "Does it work with the Recruiter Lite version of LinkedIn?",
            "We need it to sync with our CRM or it's no use.",
            "Without a proper CRM integration we'd be re-keying everything.",
            "It has to connect to the CRM our sales team lives in.",
        ],
    ),
}

# Negatives: a figure or a proper name most quotes say is the theme's, and stays in its name.
SHARED_DETAIL = {
    "twelve months": (
        "contract",
        [
            "We're locked into twelve months with them.",
            "Another twelve months of contract is too long.",
            "Twelve months is a big commitment for us.",
            "I can't sign up for twelve months.",
        ],
        "twelve",
    ),
    "xero": (
        "integrations",
        [
            "It has to post straight into Xero.",
            "Without a Xero sync the team would re-key invoices.",
            "Needs it to post to Xero before anything else.",
            "Our accountant lives in Xero.",
        ],
        "xero",
    ),
}


def _named(embedder: Embedder, quotes: list[str], category: str | None, kind: str) -> str:
    vectors = embedder.encode(quotes)
    centroid = normalise(vectors.sum(axis=0))
    [name] = name_clusters(
        [quotes],
        centralities(vectors, [range(len(quotes))], centroid),
        categories=[category],
        kind=kind,
    )
    return name


@pytest.mark.parametrize("theme", sorted(ONE_BUYERS_DETAIL))
def test_a_name_never_quotes_one_buyers_figure_or_proper_name(
    embedder: Embedder, theme: str
) -> None:
    category, quotes = ONE_BUYERS_DETAIL[theme]
    name = _named(embedder, quotes, category, "pain" if category is None else "objection")
    assert name and details_held(name, quotes), name


@pytest.mark.parametrize("theme", sorted(SHARED_DETAIL))
def test_a_figure_or_name_most_quotes_say_may_name_the_theme(
    embedder: Embedder, theme: str
) -> None:
    category, quotes, word = SHARED_DETAIL[theme]
    assert details_held(word.capitalize() + " " + word, quotes)
    name = _named(embedder, quotes, category, "objection")
    assert word in name.lower(), name


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Contract lock-in", "Locked into contract"),
        ("Price too high", "Price is too high"),
        ("Staff won't use it", "Staff will not use it"),
        ("Chasing timesheets", "Chase timesheets"),
        ("Keys go missing", "Missing keys"),
        ("Integration with Xero", "Xero integrations"),
        ("Per-keg fee", "Fee per keg"),
    ],
)
def test_names_that_say_the_same_words_are_too_close(first: str, second: str) -> None:
    assert too_close(first, second) and too_close(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Staff won't use it", "Drivers won't use it"),
        ("Staff won't use it", "Staff won't use it on their phones"),
        ("Price is too high", "Price too high (seat)"),
        ("Price", "Per-seat price"),
        ("Can't justify it", "Can justify it"),
        ("Where is the data stored?", "Who can see the data?"),
        ("Locked into a contract", "Setup takes too long"),
        ("Chasing timesheets", "Chasing invoices"),
    ],
)
def test_names_that_differ_in_meaning_are_not(first: str, second: str) -> None:
    assert not too_close(first, second)


def test_keep_apart_gives_the_later_name_its_own_themes_word() -> None:
    names = ["Price is too high", "Price too high", "Locked into contract", "Contract lock-in"]
    keywords = [
        ["price", "budget"],
        ["price", "seat", "part time"],
        ["contract", "renewal"],
        ["contract", "exit fee"],
    ]
    apart = keep_apart(names, keywords, [False, False, True, False])
    assert apart[0] == "Price is too high" and apart[2] == "Locked into contract"
    assert apart[1] == "Price too high (seat)" and apart[3] == "Contract lock-in (exit fee)"
    assert not any(too_close(a, b) for i, a in enumerate(apart) for b in apart[i + 1 :])
    # A name the user set holds even where it came later.
    assert keep_apart(names[:2], keywords[:2], [False, True])[1] == "Price too high"


# Pairs of themes of one list whose buyers say one thing two ways (and a third theme apart).
SAID_ALIKE = {
    "price": (
        ["Price is too high.", "The price is too high.", "Honestly price is too high."],
        ["Price too high.", "Price too high for us.", "Price too high, sorry."],
    ),
    "timesheets": (
        [
            "Chasing timesheets every week.",
            "We're chasing timesheets.",
            "Always chasing timesheets.",
        ],
        [
            "We chase timesheets by text.",
            "I chase timesheets on Mondays.",
            "Managers chase timesheets.",
        ],
    ),
    "contract": (
        ["We're locked into the contract.", "Locked into the contract till May.", "Locked in."],
        ["Contract lock-in.", "The contract lock-in is the problem.", "Contract lock-in, yeah."],
    ),
    "keys": (
        ["Keys go missing all the time.", "Keys go missing between jobs.", "The keys go missing."],
        [
            "Missing keys are a nightmare.",
            "We have missing keys every week.",
            "Missing keys again.",
        ],
    ),
}
APART = ["Does it post into Xero?", "We need a Xero link.", "Xero sync is a must."]


@pytest.mark.parametrize("topic", sorted(SAID_ALIKE))
def test_names_of_one_list_never_say_the_same_words(embedder: Embedder, topic: str) -> None:
    groups = [*SAID_ALIKE[topic], APART]
    vectors = [embedder.encode(g) for g in groups]
    centrality = [list(v @ normalise(v.sum(axis=0))[0]) for v in vectors]
    names = name_clusters(groups, centrality)
    assert all(names) and len({name_words(n) for n in names}) == len(names), names
    assert not any(too_close(a, b) for i, a in enumerate(names) for b in names[i + 1 :]), names
