"""A theme's name is in its quotes' language (review 23m items 1 and 9: an English theme named
"Pero where is the data stored", and "Staff adoption: los and en" at a finer grain): another
language's function words are never keywords, shared words or a name's opening."""

from __future__ import annotations

import pytest

from pipeline.cluster.category_names import shared_name
from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.keywords import ctfidf_keywords, keyword_terms
from pipeline.cluster.label import name_clusters
from pipeline.language import foreign_words

# Each: an English theme with one buyer's mixed-language quote first, the most central.
MIXED = {
    "adoption": [
        "El problema es que los conductores casi nunca están en la oficina, so they skip training.",
        "Los técnicos están en la calle, the crews won't sit through training.",
        "Our nurses won't sit through another training session.",
        "The warehouse team won't use another app after the training.",
    ],
    "security": [
        "Alors, c'est pas clair, where do you host the patient files?",
        "Est-ce que les données sont en France, our DPO asks where the files are hosted.",
        "Our auditor wants the files hosted in the EU.",
        "Where are the files hosted, and who can read them?",
    ],
    "integrations": [
        "Also, das ist wichtig, does it sync with our Lexware ledger?",
        "Und die Lager, the stock has to sync with the ledger every night.",
        "If it doesn't sync with the ledger we key it all twice.",
        "Our ledger sync breaks every month-end.",
    ],
    "price": [
        "Olha, o preço é muito alto para nós, the per-seat fee is too steep.",
        "Mas também, the per-seat fee for forty tutors is too much.",
        "The per-seat fee doesn't work for a school our size.",
        "A per-seat fee hurts when half the tutors are part-time.",
    ],
}


def _weights(groups: list[list[str]]) -> list[list[float]]:
    return [[1.0 - 0.1 * j for j in range(len(g))] for g in groups]


@pytest.mark.parametrize("category", list(MIXED))
def test_an_english_themes_name_carries_no_other_languages_words(category: str) -> None:
    groups = [MIXED[category]]
    [name] = name_clusters(groups, _weights(groups), categories=[category])
    assert name and not foreign_words(name), name


@pytest.mark.parametrize("category", list(MIXED))
def test_no_keyword_or_shared_word_is_another_languages_function_word(category: str) -> None:
    quotes = MIXED[category]
    keywords = ctfidf_keywords([quotes, ["Something else entirely, about parking."]])[0]
    assert not [k for k in keywords if foreign_words(k)], keywords
    assert not foreign_words(shared_name(quotes, keywords, category=category))


@pytest.mark.parametrize(
    ("quote", "opening"),
    [
        ("Vale, pero where is the invoice sent from, we need it in Spain?", "pero"),
        ("Mais bon, the per-seat fee is too steep for us.", "mais"),
        ("Aber ehrlich, the training takes too long for my crew.", "aber"),
        ("Maar goed, our drivers won't use a second app.", "maar"),
    ],
)
def test_a_clause_drops_the_other_languages_opening(quote: str, opening: str) -> None:
    clause = quote_clause(quote)
    assert clause and not clause.lower().startswith(opening), clause


def test_an_english_word_is_never_read_as_foreign() -> None:
    text = "The van and the car need a SIM so the OS can log EST times for the EU team."
    assert foreign_words(text) == []
    assert "van" in keyword_terms(text) and "car" in keyword_terms(text)


def test_a_spanish_theme_keeps_its_spanish_name() -> None:
    groups = [["¿Tenéis los informes en español?", "Necesitamos los informes en español."]]
    [name] = name_clusters(groups, _weights(groups))
    assert "informes" in name.lower(), name
