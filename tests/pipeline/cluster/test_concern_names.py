"""A theme's name says the concern, never the scene-setting or a cut fragment (review 19c:
"If it can't handle", "We've six dentists and three hygienists", "I really can't have the front
desk")."""

from __future__ import annotations

from pipeline.cluster.clauses import names_a_concern, quote_clause
from pipeline.cluster.label import name_clusters


def test_a_name_never_stops_before_its_object() -> None:
    quote = "Half our patients are ACC, so if it can't handle that we're stuck with double entry."
    name = name_clusters([[quote]], [[1.0]])[0]
    assert not name.lower().startswith("if ")
    assert name.split()[-1].lower() not in {"handle", "can't", "the", "if", "that"}


def test_a_count_of_staff_sets_the_scene_and_names_nothing() -> None:
    assert not names_a_concern("We've six dentists and three hygienists")
    quotes = [
        "We've six dentists and three hygienists, so that's well over three hundred a month.",
        "The per-seat price is too high for a practice our size.",
    ]
    name = name_clusters([quotes], [[0.9, 0.8]])[0]
    assert "dentists" not in name.lower()


def test_a_long_clause_drops_words_said_in_passing_before_cutting() -> None:
    assert quote_clause(
        "I really can't have the front desk in training during the school holidays."
    ) == ("I can't have the front desk in training")
