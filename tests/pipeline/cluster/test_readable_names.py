"""A theme's name reads on its own: never a filler ("Though?", "Maybe?"), never the tail of a
question whose opening was cut ("Talk to LedgerLeaf?"), never a numbered neutral name
("Problems buyers raise (2)"): with no phrase that holds, its most representative quote read
whole ("Everyone hates the book"); no two themes share a name. Quotes from several trades."""

from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import centralities, name_clusters
from pipeline.cluster.name_shape import (
    a_question_fragment,
    reads_alone,
    without_filler_edges,
    without_filler_tail,
)
from pipeline.cluster.topic_names import unnamed_theme
from pipeline.embed import Embedder, normalise

NUMBERED = re.compile(r"\(\d+\)$")


def _weights(quotes: list[str]) -> list[float]:
    return [1.0 - 0.05 * j for j in range(len(quotes))]


@pytest.mark.parametrize(
    "name", ["Though?", "Maybe?", "Really?", "Actually", "Just, honestly", "Anyway though"]
)
def test_a_filler_reads_as_no_name(name: str) -> None:
    assert not reads_alone(name)


@pytest.mark.parametrize(
    "name",
    ["Price per seat", "Setup takes too long", "Does it talk to Xero?", "What about payroll?"],
)
def test_a_phrase_or_a_whole_question_reads_alone(name: str) -> None:
    assert reads_alone(name)


@pytest.mark.parametrize(
    "name", ["Not after Kennelo", "Not until the new year", "Never with the old vendor"]
)
def test_a_bare_denial_reads_as_no_name(name: str) -> None:
    """ "Not after <rival>" had named a theme of long contracts: it denies what the sentence
    before said, and says nothing of it."""
    assert not reads_alone(name)


@pytest.mark.parametrize(
    "name", ["Can I jump in", "Could I ask you something?", "Let me just chime in"]
)
def test_asking_for_the_floor_reads_as_no_name(name: str) -> None:
    """ "Can I jump in" (a CFO cutting in) had named a question theme: it asks about nothing."""
    assert not reads_alone(name)


@pytest.mark.parametrize(
    "name",
    [
        "Not enough time",
        "Not in our budget",
        "Not worth it",
        "Can I add vets later?",
        "Can I ask for a discount on the kegs?",
    ],
)
def test_a_negated_thing_reads_alone(name: str) -> None:
    assert reads_alone(name)


def test_a_theme_is_never_named_by_a_bare_denial() -> None:
    groups = [
        [
            "Not after Kennelo.",
            "I won't sign a two-year term for the kennels.",
            "Annual contracts are a no for us.",
        ],
        [
            "Never with the old vendor.",
            "A three-year lock-in at the surgery was a nightmare.",
            "We don't do multi-year terms on dental software.",
        ],
        [
            "Not until the new year.",
            "We can't take on a new till before the busy season at the brewery.",
            "The timing is bad, we're mid-harvest.",
        ],
    ]
    names = name_clusters(groups, [_weights(g) for g in groups], competitors=["Kennelo"])
    assert not any(n.lower().startswith(("not ", "never ")) for n in names), names


@pytest.mark.parametrize(
    "name", ["Talk to LedgerLeaf?", "Managers approve swaps from their phone?", "Top up?"]
)
def test_a_question_cut_from_its_opening_is_a_fragment(name: str) -> None:
    assert a_question_fragment(name) and not reads_alone(name)


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("Does it work offline, though?", "Does it work offline?"),
        ("What about the card fee, though?", "What about the card fee?"),
        ("Is the data hosted in the UK, really?", "Is the data hosted in the UK?"),
        ("Can I ask, how much?", "Can I ask, how much?"),
    ],
)
def test_a_question_ends_without_its_filler(said: str, kept: str) -> None:
    assert without_filler_tail(said) == kept


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Staffly too", "Staffly"),
        ("Probably Harvest", "Harvest"),
        ("Too much admin", "Too much admin"),
    ],
)
def test_a_name_loses_the_fillers_at_its_edges(name: str, kept: str) -> None:
    assert without_filler_edges(name) == kept


# Per trade, a question whose comma sets off a filler: the clause after it names nothing.
FILLER_TAILS = [
    "Does it work offline, though?",
    "Can the vets see it on the iPad, though?",
    "Will the harbour office get the alerts, though?",
    "Is the audit trail kept for seven years, really?",
    "Can parents pay by card, though?",
]


@pytest.mark.parametrize("quote", FILLER_TAILS)
def test_the_clause_of_a_question_with_a_filler_tail_is_the_question(quote: str) -> None:
    clause = quote_clause(quote)
    assert reads_alone(clause) and clause.endswith("?"), clause


@pytest.mark.parametrize("quote", FILLER_TAILS)
def test_a_question_with_a_filler_tail_never_names_its_theme_by_the_filler(quote: str) -> None:
    [name] = name_clusters([[quote]], [[1.0]], kind="question")
    assert reads_alone(name), name
    assert name.rstrip("?").lower() not in {"though", "really", "maybe"}, name


# Questions whose shared phrase comes after their opening ("Can I | top up by bank transfer?").
CUT_QUESTIONS: dict[str, list[str]] = {
    "bank": [
        "Can I top up by bank transfer?",
        "Can I top up by bank transfer from another bank?",
        "Can I top up by bank transfer?",
        "How long does a top up take?",
    ],
    "accounting": [
        "Does it talk to Xero?",
        "Does it talk to Xero?",
        "And does it talk to Xero properly, like the tracking categories?",
        "Is there an API?",
    ],
    "clinic": [
        "Can patients book online?",
        "Can patients book online after hours?",
        "So can patients book online?",
        "What does the patient see?",
    ],
    "warehouse": [
        "Can pickers scan from their phone?",
        "Can pickers scan from their phone?",
        "And can the team leads scan from their phone?",
        "Do we need handhelds?",
    ],
}


@pytest.mark.parametrize("trade", sorted(CUT_QUESTIONS))
def test_a_question_theme_is_named_by_a_whole_question(trade: str) -> None:
    quotes = CUT_QUESTIONS[trade]
    [name] = name_clusters([quotes], [_weights(quotes)], kind="question")
    assert not a_question_fragment(name), name
    assert reads_alone(name), name


# Themes of pains that share no phrase, one per trade: each is told by its central quote.
SCATTERED_PAINS: dict[str, list[str]] = {
    "cafe": [
        "Everyone hates the rota book.",
        "It's chaos.",
        "Sometimes you can't read it.",
        "Which happened.",
    ],
    "dental": [
        "Last month we billed a patient twice for one check-up.",
        "That was bad.",
        "Twice.",
        "Nobody noticed until she rang.",
    ],
    "haulage": [
        "The drivers' logbooks come back soaked.",
        "Every day.",
        "Like, constantly.",
        "Half the time the tacho printout is missing.",
    ],
    "school": [
        "Parents never get the trip letters.",
        "Three hours.",
        "Minimum.",
        "The office prints them all by hand.",
    ],
}


def test_themes_nothing_holds_for_get_their_central_quote_not_a_number() -> None:
    groups = [SCATTERED_PAINS[t] for t in sorted(SCATTERED_PAINS)]
    names = name_clusters(groups, [_weights(g) for g in groups], kind="pain")
    assert len(set(names)) == len(names), names
    for name, quotes in zip(names, groups, strict=True):
        assert not NUMBERED.search(name) and name != unnamed_theme("pain"), names
        assert reads_alone(name), names
        assert name.lower() in quotes[0].lower(), names


def test_the_occasion_a_quote_opens_on_is_left_out_of_its_name() -> None:
    [name] = name_clusters([SCATTERED_PAINS["dental"]], [[1.0, 0.9, 0.8, 0.7]], kind="pain")
    assert name == "We billed a patient twice for one check-up", name


def test_a_rival_phrase_ending_on_a_filler_names_the_rival() -> None:
    quotes = [
        "I've been looking at Harvest too.",
        "We're talking to Harvest too.",
        "Harvest is cheaper for us.",
        "Honestly Harvest does the invoices as well.",
    ]
    [name] = name_clusters(
        [quotes], [_weights(quotes)], competitors=["Harvest"], categories=["competitor"],
        kind="objection",
    )  # fmt: skip
    assert not name.lower().endswith(" too"), name


# Customers' questions in a bank's and a home assistant's words, several per intent.
INTENTS: dict[str, list[str]] = {
    "activate card": [
        "How do I activate my new card?",
        "Where do I go to activate my card?",
        "Can I activate the card in the app?",
        "My card came, how do I activate it?",
    ],
    "exchange rate": [
        "What exchange rate do you use?",
        "Is the exchange rate fixed when I pay abroad?",
        "What's the exchange rate for euros?",
        "How is the exchange rate worked out?",
    ],
    "failed transfer": [
        "Why did my transfer fail?",
        "My transfer failed, what happened?",
        "The transfer to my landlord didn't go through.",
        "Why was the transfer declined?",
    ],
    "alarm": [
        "Set an alarm for six tomorrow.",
        "Can you wake me up at seven?",
        "Cancel my morning alarm.",
        "What alarms do I have set?",
    ],
    "weather": [
        "Will it rain this afternoon?",
        "Do I need an umbrella today?",
        "What's the weather like in Leeds this weekend?",
        "Is it going to be cold tonight?",
    ],
}


def test_intents_embedded_for_real_get_names_that_read_alone_and_differ(
    embedder: Embedder,
) -> None:
    groups = [INTENTS[i] for i in sorted(INTENTS)]
    flat = [t for g in groups for t in g]
    vectors = embedder.encode(flat)
    members = [list(range(4 * i, 4 * i + 4)) for i in range(len(groups))]
    centroids = normalise(np.vstack([vectors[m].sum(axis=0) for m in members]))
    names = name_clusters(groups, centralities(vectors, members, centroids), kind="question")
    assert len({n.casefold() for n in names}) == len(names), names
    for name in names:
        assert reads_alone(name), names
        assert not NUMBERED.search(name) and name != unnamed_theme("question"), names
