"""A theme's name holds for most of its quotes (review 20d: a data residency and SSO theme was
named "Our client is a public body", an adoption theme of gloves, no signal and flip phones
"The union rep will go mental"; review 19c: a price theme "We've six dentists..."). One quote's
clause names a theme only when it is central and says the theme's topic or words most quotes say;
else the theme goes by its category and the words its quotes share."""

from __future__ import annotations

import re

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.representative import (
    holds_for_most,
    names_the_topic,
    said_terms,
    shared_terms,
)
from pipeline.embed import Embedder, normalise

# Each theme: its category, and its quotes with the off-topic one first, said most surely.
THEMES = {
    "security": [
        "Our client is a public body and they'll ask.",
        "Our legal team needs all project data stored in the US.",
        "We need SSO with Azure AD before anyone logs in.",
        "The data residency thing, your US hosting wasn't going to fly with the council.",
        "We require SAML SSO with Okta for every user.",
    ],
    "adoption": [
        "The union rep will go mental if the app tracks where the lads are.",
        "My lads won't be taking gloves off to tap a phone in February.",
        "The guys won't use it with gloves on.",
        "Subbies won't download another app just for one client.",
        "Half our site managers still use a flip phone, they won't touch an app.",
    ],
    "integrations": [
        "My brother-in-law set up our books years ago.",
        "If it doesn't talk to McLeod we'd be double keying every load.",
        "Does it pull loads from our TMS or do we key them in again?",
        "We need the invoices to sync to QuickBooks, not be keyed in twice.",
        "Our dispatchers won't key every load in twice.",
    ],
    "contract": [
        "My husband runs the books for both salons.",
        "We can't commit to a twelve month contract right now.",
        "An annual contract is a non-starter for us.",
        "Is there a monthly option instead of an annual contract?",
    ],
}
OFF_TOPIC = {category: quotes[0] for category, quotes in THEMES.items()}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


@pytest.fixture(scope="module")
def weighted(embedder: Embedder) -> list[list[float]]:
    """Each quote's closeness to its theme's centre times the detector's confidence, as the
    re-cluster weighs them: the off-topic quote is the surest (0.95, the rest 0.6)."""
    out = []
    for quotes in THEMES.values():
        vectors = embedder.encode(quotes)
        centre = normalise(vectors.sum(axis=0, keepdims=True))[0]
        out.append([float(v @ centre) * (0.95 if i == 0 else 0.6) for i, v in enumerate(vectors)])
    return out


def test_one_quotes_off_topic_clause_never_names_a_theme(weighted: list[list[float]]) -> None:
    groups = list(THEMES.values())
    names = name_clusters(groups, weighted, categories=list(THEMES))
    for name, (category, quotes) in zip(names, THEMES.items(), strict=True):
        assert not _words(name) & (_words(OFF_TOPIC[category]) - _words(" ".join(quotes[1:]))), (
            category,
            name,
        )
        # What the name says, most of the theme's quotes say (or it is its category's topic).
        said = sum(bool(said_terms(name) & said_terms(q)) for q in quotes)
        assert 2 * said > len(quotes) or names_the_topic(name, category), name


def test_without_the_detectors_category_the_topic_words_decide(
    weighted: list[list[float]],
) -> None:
    names = name_clusters(list(THEMES.values()), weighted)
    assert "public body" not in names[0].lower() and "union rep" not in names[1].lower(), names


def test_a_clause_most_quotes_share_words_with_holds_and_a_lone_one_does_not() -> None:
    quotes = THEMES["adoption"]
    assert not holds_for_most("The union rep will go mental", quotes)
    assert holds_for_most("Subbies won't download another app", quotes)
    assert holds_for_most("Where is the data stored", ["Where is the data stored?", "A free one?"])


def test_shared_words_leave_out_fillers_quantities_rivals_and_the_category() -> None:
    quotes = [
        "Hmm, half the price of Procore is still a price.",
        "Hmm. Half the seats, and Procore charges per seat.",
        "Per seat pricing for half the crew, hmm.",
    ]
    assert shared_terms(quotes, [], ["Procore"], besides="Price") == ["seats"]


# Questions and worries of three trades that share "how long" and nothing else of what.
HOW_LONG = [
    [
        "How long have you guys been around?",
        "How long does the kennel setup take?",
        "Is there a long wait for onboarding?",
    ],
    [
        "How long is the dental rollout going to be?",
        "How long have you been in business?",
        "Will it take long to move our patient records?",
    ],
    [
        "How long before the brewery is live?",
        "How long does training take for the taproom staff?",
        "Long setup is a worry for us.",
    ],
]


@pytest.mark.parametrize("kind", ["question", "objection"])
def test_how_long_is_no_topic_of_a_theme(kind: str) -> None:
    """ "Setup time: long" had named questions of how long a vendor had been around: "long"
    says how long, never what, as "hours" and "half" do."""
    weights = [[1.0 - 0.05 * j for j in range(len(g))] for g in HOW_LONG]
    names = name_clusters(HOW_LONG, weights, kind=kind, categories=["setup_time"] * 3)
    assert not any(n.lower().endswith(": long") for n in names), names
