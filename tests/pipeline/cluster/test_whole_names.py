"""Theme names end where a phrase ends: never cut by a word count ("The per-user fee for twelve
pickers plus"), inside a figure ("... we have 1" of "1,400") or before the noun a phrase always
goes on to ("Set this up during the busy"), and never a bare hedge ("Maybe next year")."""

from __future__ import annotations

import re

import pytest

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import name_clusters
from pipeline.cluster.label_checks import continuation
from pipeline.cluster.phrases import EDGE_WORDS, FUNCTION_WORDS

GROUPS: dict[str, list[str]] = {
    "warehouse price at peak": [
        (
            "At our volume, the per-user fee for twelve pickers plus the order tier is more than "
            "one extra warehouse guy would cost us."
        ),
        (
            "In November we ship four times our normal volume, so a per-order price basically "
            "punishes us for peak."
        ),
        "Per-order pricing at peak is going to hurt us.",
        "The per-order pricing doubles our bill in peak season.",
    ],
    "warehouse SKU migration": [
        (
            "I'm a little nervous about the SKU migration… we have 1,400 SKUs with seasonal "
            "variants and the names in Shopify don't match the bin labels."
        ),
        (
            "I don't trust a migration of twelve thousand SKUs and all our bin locations without "
            "someone on site."
        ),
        "The SKU migration is the scary part, we have 2,300 of them.",
    ],
    "retail go-live at peak": [
        (
            "Your six-to-ten-week implementation was also a problem, since our biggest client "
            "onboards in May and we can't run two systems during that."
        ),
        "We cannot go live anywhere between October and January, that's peak.",
        "A go-live in peak season would sink us.",
        "Go-live during peak season is off the table.",
    ],
    "gym setup in the busy season": [
        "We don't have time to set this up during the busy season.",
        "Honestly we can't set this up during the busy season, August is mad.",
        "Nobody will set this up during the busy season.",
    ],
    "timing next year": [
        "Maybe next year.",
        "Maybe next year, once the budget resets.",
        "The budget for a new system is gone until next year.",
        "Our budget is spent, so next year at the earliest.",
    ],
    "clinic integration sync": [
        (
            "The Shopify sync is the part I was nervous about because the last one broke at every "
            "month-end close and we lost a week."
        ),
        "Our practice system sync broke twice last year.",
        "If the sync with our practice system breaks, the front desk stops.",
    ],
    "construction data residency": [
        "Our client is a public body, so the data has to stay in the UK.",
        "Where the data is stored matters to every council we work for.",
        "We need the data kept in the UK, that's in the tender.",
    ],
    "restaurant staff adoption": [
        "My kitchen staff won't use another app.",
        "Half the staff are on their phones already, they won't use another app.",
        "Getting the staff to use a new app is the hard bit.",
    ],
    "salon cost over figures": [
        "It's £1,250.50 a year and the margins are terrible.",
        "With margins this thin I can't justify another subscription.",
        "The margins in a salon don't leave room for this.",
    ],
}
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _names() -> dict[str, str]:
    groups = list(GROUPS.values())
    centrality = [[1.0 - 0.05 * j for j in range(len(g))] for g in groups]
    return dict(zip(GROUPS, name_clusters(groups, centrality), strict=True))


NAMES = _names()


@pytest.mark.parametrize("group", list(GROUPS))
def test_a_name_ends_where_a_phrase_ends(group: str) -> None:
    name = NAMES[group]
    last = WORD.findall(name.lower())[-1]
    assert last not in EDGE_WORDS - {"it", "them", "us", "me", "that"}, name
    assert last not in {"plus", "busy", "part"}, name
    said = " ".join(GROUPS[group])
    for figure in re.findall(r"\d[\d,.]*\d|\d", name):  # every figure whole, as said
        assert re.search(rf"(?<![\d,.]){re.escape(figure)}(?![\d,]|\.\d)", said), name


# A clause saying the worry plainly ("We cannot go live ...") now comes before one that only
# names the topic ("implementation"), so the retail theme says what most quotes share too.
@pytest.mark.parametrize("group", list(GROUPS))
def test_a_name_says_a_word_most_of_its_quotes_share(group: str) -> None:
    name_words = set(WORD.findall(NAMES[group].lower())) - FUNCTION_WORDS
    quotes = [set(WORD.findall(q.lower())) for q in GROUPS[group]]
    shared = {
        w for w in name_words if 2 * sum(w in q or w + "s" in q for q in quotes) > len(quotes)
    }
    assert shared, NAMES[group]


def test_a_clause_is_never_cut_inside_a_figure_or_by_a_word_count() -> None:
    assert quote_clause(GROUPS["warehouse SKU migration"][0]) == (
        "I'm a little nervous about the SKU migration"
    )
    assert quote_clause(GROUPS["warehouse price at peak"][0]) == ""  # nowhere to cut it whole
    assert "1,250.50" in quote_clause("It's £1,250.50 a year, which is a lot.")


def test_a_name_goes_on_to_the_word_every_use_of_it_goes_on_to() -> None:
    assert continuation("busy", [" season.", " season, August is mad", " season"]) == ["season"]
    assert continuation("pricing", [" at peak", " doubles our bill"]) == []  # no one word
    assert continuation("RotaPro", [" is the worry", " is worth it"]) == []  # "is" finishes nothing
