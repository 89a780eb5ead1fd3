"""A category name's suffix is a phrase some quote says: two of one phrase's words joined by
"and" read as two topics no quote says (walk 8: "Security: canada and stays" of "the data must
stay in Canada" and "everything stays in Canada", reused as an SEO heading)."""

from __future__ import annotations

import pytest

from pipeline.cluster.category_names import apart, shared_name
from pipeline.cluster.keywords import ctfidf_keywords

OTHER = ["Unrelated words about nothing in particular.", "Another sentence on tea."]

ONE_PHRASE = {
    "vet records": (
        "security",
        [
            "Also, for us the records must stay in Australia, it is a rule of the board.",
            "For us, it's important that everything stays in Australia, no office in Texas.",
        ],
        "Security: Australia",
    ),
    "payroll": (
        "security",
        [
            "For us the payslips must stay in Germany, the works council decides.",
            "It matters that everything stays in Germany, no server in Ohio.",
        ],
        "Security: Germany",
    ),
    "clinic scans": (
        "security",
        [
            "The scans must remain in Ontario, that's provincial law for us.",
            "It is important that everything remains in Ontario, no American cloud.",
        ],
        "Security: Ontario",
    ),
    "brewery margins": (
        "price",
        [
            "Our distributor margins must drop before we pay more.",
            "Everything drops to the distributor margins in the end.",
        ],
        "Price: distributor margins",
    ),
}


@pytest.mark.parametrize("theme", sorted(ONE_PHRASE))
def test_one_phrases_words_are_not_joined_as_two_topics(theme: str) -> None:
    category, quotes, expected = ONE_PHRASE[theme]
    keywords = ctfidf_keywords([quotes, OTHER])[0]
    assert shared_name(quotes, keywords, category=category, kind="objection") == expected


def test_terms_said_a_few_words_apart_are_one_phrase() -> None:
    quotes = ["Our client files have to sit on servers in Canada.", "Servers in Canada, please."]
    assert apart(["Canada", "servers"], quotes) == ["Canada"]


def test_two_topics_said_apart_are_both_kept() -> None:
    quotes = [
        "Do you support SSO with Okta?",
        "Our SSO policy is strict, and the data must be encrypted.",
        "We need SSO, and who sees the data?",
        "Where is the data hosted?",
    ]
    assert apart(["data", "SSO"], quotes) == ["data", "SSO"]
    keywords = ctfidf_keywords([quotes, OTHER])[0]
    assert shared_name(quotes, keywords, category="security") == "Security: data and SSO"
