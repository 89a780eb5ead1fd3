"""Keywords and a card's "Buyers say" are words buyers said side by side, never a pair made
across a clause or a removed word, a bare figure, or a rep's note (review 19c: "afraid let",
"12 seats")."""

from __future__ import annotations

from pipeline.cluster.card_phrases import buyer_card_phrases
from pipeline.cluster.keywords import ctfidf_keywords, keyword_terms
from pipeline.cluster.stats import MentionRow


def test_a_keyword_pair_is_said_side_by_side_in_one_clause() -> None:
    terms = keyword_terms(
        "That's a deal-breaker for me, I'm afraid. Let me talk to the board. "
        "We've six dentists and three hygienists, so the seats add up."
    )
    assert "deal breaker" in terms
    assert not {"afraid let", "breaker afraid", "dentists hygienists"} & set(terms)


def test_a_bare_figure_is_no_keyword() -> None:
    groups = [["Signed 12 seats.", "We need 12 seats by March."], ["The price is too high."]]
    keywords = ctfidf_keywords(groups)[0]
    assert "seats" in keywords
    assert not [k for k in keywords if any(w.isdigit() for w in k.split())]


def _row(i: int, text: str, role: str) -> MentionRow:
    return MentionRow(i, text, i, i, None, None, None, None, "won", role=role)


def test_a_cards_phrases_are_the_buyers_words_only() -> None:
    rows = [
        _row(1, "Signed 12 seats.", "rep_note"),
        _row(2, "Signed 12 seats, rep notes.", "rep_note"),
        _row(3, "The board meets in February and nothing gets approved before that.", "buyer"),
        _row(4, "I'm afraid the partners decide.", "buyer"),
    ]
    phrases = buyer_card_phrases(
        rows, ["12", "12 seats", "seats", "afraid let", "board", "partners"]
    )
    assert phrases == ["board", "partners"]
    said = [*rows, _row(5, "Honestly the partners decide this one.", "buyer")]
    assert buyer_card_phrases(said, []) == ["partners decide"]
