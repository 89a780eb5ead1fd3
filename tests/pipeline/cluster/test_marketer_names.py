"""Theme names a marketer can use (reviews 22h, 22i, 22j): a category's label only on a theme of
that kind and category ("Price: signatures" had named a pain, "Decision authority: partners" a
loss to a rival), a "Category: word" name only with a word most quotes say ("Security: bar"),
and never a quote that points back ("That's the problem", "That would save me heaps"), cuts off
its point ("We don't have a problem", "Wants to know") or is the odd one out of its theme."""

from __future__ import annotations

import pytest

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import name_clusters
from pipeline.cluster.label_checks import refers_back

LABELS: tuple[str, ...] = ("Price", "Contract", "Switching", "Setup", "Integrations", "Security")
LABELS += ("Decision", "Adoption", "Status quo", "Competitor")


def _name(quotes: list[str], category: str | None = None, kind: str | None = None) -> str:
    centrality = [[1.0 - 0.05 * j for j in range(len(quotes))]]
    return name_clusters([quotes], centrality, categories=[category], kind=kind)[0]


PAINS = {
    "clinic chasing signatures": [
        "I spend a lot of my week chasing patients for signatures on the consent form.",
        "Our biggest headache is that patients send documents in five different ways.",
        "we chase every patient for signatures, it's embarrassing",
        "We also lose track of which patients still owe us deposits.",
    ],
    "cold storage billing": [
        "Two chillers were offline for nine days and nobody told us.",
        "Every month my team exports the readings and we bill tenants by hand.",
        "That can take two or three months.",
        "30 sites on a FrostLink plan through 2027, can't break it without a penalty.",
        "Right now billing is a mess.",
        "The rival pitched our regional team a lower per-site price.",
    ],
    "haulage paperwork": [
        "Our drivers waste an hour a day hunting for the right paperwork.",
        "The depot pays detention fees when the paperwork goes missing.",
        "We lose track of which loads still owe us a signed delivery note.",
        "Dispatch chases drivers for signatures every evening.",
    ],
}


@pytest.mark.parametrize("theme", list(PAINS))
def test_a_pain_theme_takes_no_objection_categorys_label(theme: str) -> None:
    name = _name(PAINS[theme], kind="pain")
    assert ":" not in name, name  # "Price: signatures", "Status quo: port"


RIVAL_LOSSES = {
    "law firm": [
        "TrialDesk told us they have court rules calendaring built in.",
        "Well, we've decided to go with TrialDesk.",
        "The partners won't change how they work, they've used CaseLoft for a decade.",
        "Per Joan, the partners are worried about moving years of matters out of CaseLoft.",
    ],
    "farm": [
        "We've gone with PaddockHub, their vet records module sealed it.",
        "PaddockHub had the mob moves built in already.",
        "The owners want to stay where the agronomist already logs in.",
    ],
    "gym": [
        "We signed with FitLedger last week.",
        "FitLedger already does the class waitlists we asked you about.",
        "My manager won't sign off on two systems.",
    ],
}


@pytest.mark.parametrize("theme", list(RIVAL_LOSSES))
def test_a_competitor_theme_is_never_named_after_another_category(theme: str) -> None:
    name = _name(RIVAL_LOSSES[theme], category="competitor", kind="objection")
    assert not any(name.startswith(f"{label}") for label in LABELS if label != "Competitor")
    assert ":" not in name, name


def test_a_category_word_two_of_six_quotes_say_names_nothing() -> None:
    """ "Security: bar" (the state bar, in two of six security quotes)."""
    quotes = [
        "The state bar is strict about trust accounts and I won't risk client funds.",
        "I'd worry about patient records sitting on someone else's servers.",
        "Our clients are nervous about sharing passport scans online.",
        "Our insurer wants to know where client data is stored.",
        "My concern was that the bar auditor wouldn't accept reports from a new vendor.",
        "We can't risk the other party ever seeing a client's address.",
    ]
    name = _name(quotes, category="security", kind="objection")
    assert name.lower() not in {"security: bar", "security: bar and client"}, name
    assert not name.lower().startswith("security: bar"), name


POINTING_BACK = [
    "That's the problem.",
    "That would save me heaps",
    "Reckon that's the big one for us.",
    "Yeah, that's where it gets tricky.",
    "This is a dealbreaker for us.",
    "That sounds like a lot of work for the crew.",
    "I think that's too much for a clinic our size.",
    "Those are the sticking points.",
    "That makes it hard to justify.",
    "Oh, that'd be a nightmare at harvest.",
]


@pytest.mark.parametrize("quote", POINTING_BACK)
def test_a_quote_that_points_back_never_names_a_theme_others_can(quote: str) -> None:
    theme = [
        quote,
        "She'll be right, we've managed for twenty years.",
        "Yeah, the old way works fine.",
    ]
    assert refers_back(quote_clause(quote) or quote)
    name = _name(theme, category="status_quo", kind="objection")
    assert not refers_back(name), name
    assert name == "The old way works fine", name


@pytest.mark.parametrize(
    "quote",
    [
        "It's too expensive for a two-chair salon.",
        "That contract is too long for us.",
        "Those fees add up fast.",
        "The Teagasc one is free.",
    ],
)
def test_a_name_about_the_product_or_a_thing_named_stands(quote: str) -> None:
    assert not refers_back(quote)


@pytest.mark.parametrize(
    ("quote", "whole"),
    [
        (
            "we don't have a problem that needs solving right now",
            "We don't have a problem that needs solving right now",
        ),
        (
            "Honestly we don't have anyone who can run the rota on weekends",
            "We don't have anyone who can run the rota on weekends",
        ),
        (
            "We've never had a system that the drivers actually use",
            "We've never had a system that the drivers use",
        ),
    ],
)
def test_a_negation_keeps_the_relative_clause_that_says_what_is_missing(
    quote: str, whole: str
) -> None:
    assert quote_clause(quote) == whole


@pytest.mark.parametrize(
    "quote",
    [
        "Wants to know if it does nitrates records too.",
        "Asked whether it can split invoices by site.",
        "She's wondering if the app works offline.",
        "Not sure if the board will go for it.",
    ],
)
def test_a_reported_question_is_never_cut_before_what_is_asked(quote: str) -> None:
    clause = quote_clause(quote)
    last = clause.rstrip("?").split()[-1].lower() if clause else ""
    assert last not in {"know", "whether", "wondering", "sure", "asked"}, clause


def test_a_note_with_a_spaced_dash_is_two_clauses() -> None:
    """ "Cluster (bag)": a question note with a dash had no clause short enough to name it."""
    name = _name(
        ["asked re grain storage - can it track what's in each silo bag?"], kind="question"
    )
    assert not name.startswith("Cluster"), name


def test_a_contract_theme_is_named_by_a_contract_statement() -> None:
    """ "My CFO wants payback under two years" had named a contract theme (review 22h)."""
    quotes = [
        "We're a small shop, I can't sign a 24 month contract for a pilot.",
        "My CFO wants payback under two years or it doesn't happen.",
        "Our investors won't sign anything longer than twelve months for a pilot.",
        "We'd need a rolling monthly contract.",
        "The last vendor wanted a five-year contract, and the board will never sign that.",
    ]
    name = _name(quotes, category="contract", kind="objection")
    assert "payback" not in name.lower(), name


@pytest.mark.parametrize(
    "quote",
    [
        "Like who was this Tuesday, why does this say nine hours.",
        "So it's, where was this van on Monday, why is the log blank.",
        "Honestly, why does this invoice say forty hours.",
    ],
)
def test_a_question_echoed_without_its_mark_names_no_theme(quote: str) -> None:
    """Someone else's question read out ("who was this Tuesday") is a fragment, not a name."""
    assert quote_clause(quote) == ""


@pytest.mark.parametrize(
    ("quote", "clause"),
    [
        ("Why does it cost so much?", "Why does it cost so much?"),
        ("Where is the data stored?", "Where is the data stored?"),
        ("The painful thing is payroll.", "The painful thing is payroll"),
    ],
)
def test_a_real_question_or_statement_still_names(quote: str, clause: str) -> None:
    assert quote_clause(quote) == clause
