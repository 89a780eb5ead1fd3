"""Buyer phrases worth listing: never function words with one weak word, never a phrase said
only around contact details, and never an example quote with a buyer's phone number in it."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.cluster.phrase_shape import says_little
from pipeline.cluster.phrases import SourceText, extract_phrases
from tests.conftest import make_settings
from tests.plugins.stored_calls import buyer_calls

SAY_LITTLE = [
    "he's not",
    "because i'm not",
    "it takes",
    "we've got",
    "they'd have",
    "she doesn't",
    "it just seems",
    "because it’s not",
]
SAY_SOMETHING = [
    "too much admin",
    "staff won't use it",
    "office line",
    "takes ages",
    "it takes forever",
    "monthly fee",
    "too much work",
    "because of the price",
]


@pytest.mark.parametrize("phrase", SAY_LITTLE)
def test_function_words_and_one_weak_word_say_little(phrase: str) -> None:
    assert says_little(phrase.split())


@pytest.mark.parametrize("phrase", SAY_SOMETHING)
def test_a_word_of_substance_or_two_weak_ones_say_something(phrase: str) -> None:
    assert not says_little(phrase.split())


JUNK_SOURCES = [
    SourceText(1, 1, "He's not the one who signs. Because I'm not sure it takes less time."),
    SourceText(2, 2, "Well he's not around. It takes a while, because I'm not in the office."),
    SourceText(3, 3, "We've got too much admin and it takes all week, he's not wrong."),
    SourceText(4, 4, "We've got too much admin, because I'm not a bookkeeper."),
]


def test_junk_shapes_are_not_listed_and_real_phrases_stay() -> None:
    found = [p.phrase for p in extract_phrases(JUNK_SOURCES)]
    assert any("too much admin" in p for p in found), found
    assert not any(says_little(p.split()) for p in found), found
    assert not {"he's not", "because i'm not", "it takes", "we've got"} & set(found)


CONTACT_SOURCES = [
    SourceText(1, 1, "You can reach me on my office line, (520) 555-0147."),
    SourceText(2, 2, "Ring the office line on 0161 496 0000 if I'm out."),
    SourceText(3, 3, "Text my mobile, +44 7700 900123. The rota is a nightmare."),
    SourceText(4, 4, "Email me on dana@brightside.example or my mobile 07700 900456."),
    SourceText(5, 5, "The rota is a nightmare every Sunday."),
]


def test_a_phrase_said_only_beside_contact_details_is_no_phrase() -> None:
    found = [p.phrase for p in extract_phrases(CONTACT_SOURCES)]
    assert "office line" not in found and "my mobile" not in found
    assert "rota is a nightmare" in found  # the same utterance's other sentence still counts


def test_the_same_phrase_said_as_a_pain_is_listed() -> None:
    sources = [
        *CONTACT_SOURCES,
        SourceText(6, 6, "Nobody answers the office line after five."),
        SourceText(7, 7, "The office line rings out all lunchtime."),
    ]
    [office] = [p for p in extract_phrases(sources) if p.phrase == "office line"]
    assert office.count == 2  # the contact lines are not counted
    assert all("555" not in q.text and "0161" not in q.text for q in office.examples)


PII_LINES = [
    "The office manager wants callbacks, call me on (520) 555-0147 about the rota app.",
    "The rota app is clunky, email dana@brightside.example and the office manager agrees.",
    "The rota app charged card 4111 1111 1111 1111 twice, the office manager saw it.",
]


def _calls_with(workspace: Any, lines: list[str]) -> None:
    with workspace.session() as db:
        buyer_calls(db, lines)


def test_example_quotes_are_redacted(workspace: Any) -> None:
    from pipeline.cluster.phrases import list_phrases

    _calls_with(workspace, PII_LINES)
    with workspace.session() as db:
        for settings in (None, workspace.settings):
            found = list_phrases(db, settings=settings)
            quotes = [q["text"] for p in found for q in p["examples"]]
            assert quotes and {p["phrase"] for p in found} >= {"rota app", "office manager"}
            shown = " ".join(quotes)
            assert "[phone]" in shown and "[email]" in shown and "[card]" in shown
            assert not any(pii in shown for pii in ("555-0147", "dana@", "4111 1111"))


def test_redaction_follows_the_settings(workspace: Any, tmp_path: Any) -> None:
    from pipeline.cluster.phrases import list_phrases

    _calls_with(workspace, PII_LINES)
    kept = make_settings(tmp_path / "other", redact_pii=False)
    with workspace.session() as db:
        quotes = [q["text"] for p in list_phrases(db, settings=kept) for q in p["examples"]]
    assert any("555-0147" in q for q in quotes)


def test_the_api_shows_redacted_examples(workspace: Any, client: Any) -> None:
    _calls_with(workspace, PII_LINES)
    for url in ("/api/phrases", "/phrases"):
        response = client.get(url)
        assert response.status_code == 200, response.text
        assert "555-0147" not in response.text and "dana@brightside" not in response.text
        assert "rota app" in response.text
