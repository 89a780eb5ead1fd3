"""A card's "Buyers say" are words a marketer can reuse (review 23n item 5: "caf" from café, and
"let", "bigger", "bigger thing", "every order", "guys", "month" shown alone): a word is never cut
at an accented letter, and a chip says what buyers talk about, never only a function word, a
size, a time or a quantifier's tail."""

from __future__ import annotations

import pytest

from pipeline.cluster.card_phrases import buyer_card_phrases
from pipeline.cluster.phrases import extract_phrases
from pipeline.cluster.representative import says_what
from pipeline.cluster.stats import MentionRow


def _rows(*texts: str) -> list[MentionRow]:
    return [MentionRow(i, t, i, i, None, None, None, None, "open") for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "word"),
    [
        (["The café fills up at noon.", "Our café has one till."], "café"),
        (["The crèche closes at six.", "Every crèche we run is small."], "crèche"),
        (["Our Zürich office signs off.", "The Zürich office wants it."], "zürich office"),
        (["The façade job overran.", "Every façade job overruns."], "façade job"),
        (["We ship to Malmö weekly.", "Malmö depot runs late."], "malmö"),
    ],
)
def test_a_word_with_an_accent_is_kept_whole(texts: list[str], word: str) -> None:
    phrases = buyer_card_phrases(_rows(*texts), [])
    keywords = buyer_card_phrases(_rows(*texts), [word.split()[0]])
    assert any(word.split()[0] in p for p in phrases + keywords), (phrases, keywords)
    assert not any(p.startswith(word.split()[0][:-1]) and word.split()[0] not in p for p in phrases)


@pytest.mark.parametrize(
    "chip",
    ["let", "guys", "month", "bigger", "bigger thing", "every order", "other stuff",
     "each site", "last week", "some time", "better", "next year"],
)  # fmt: skip
def test_a_chip_that_says_no_what_is_left_out(chip: str) -> None:
    assert not says_what(chip)


@pytest.mark.parametrize(
    "chip",
    ["card fees", "kitchen screen", "locked into toast", "per endpoint", "café", "allergen menu",
     "won't use a screen", "payroll export", "crèche fees", "school holidays"],
)  # fmt: skip
def test_a_chip_that_says_what_stays(chip: str) -> None:
    assert says_what(chip)


def test_a_card_shows_no_vague_phrase_its_buyers_repeat() -> None:
    rows = _rows(
        "My guys won't look at a screen, the bigger thing is every order by phone.",
        "Let me think, my guys take every order by phone, that's the bigger thing.",
        "Let me check with the guys, every order by phone is a mess.",
    )
    phrases = buyer_card_phrases(rows, ["guys", "let", "bigger", "month", "phone"])
    assert phrases and all(says_what(p) for p in phrases), phrases
    assert not {"guys", "bigger thing", "every order", "let"} & set(phrases), phrases
    assert not [p for p in extract_phrases([r.text for r in rows]) if p.phrase == "caf"]


def _calls(*said: tuple[int, str]) -> list[MentionRow]:
    """Buyer rows, each with its call: (call id, text)."""
    return [
        MentionRow(i, text, call, i, None, None, None, None, "open")
        for i, (call, text) in enumerate(said)
    ]


# A card's keywords where one buyer's word of another language ranks (said on one call), beside
# a tool's name several calls say and no phrase repeated: a Quebec bakery's "caissières", a
# Texas clinic's "recepcionistas", a Swiss freight firm's "Disponenten".
OTHER_TONGUE = [
    ("caissières", "pos",
     [(1, "Our caissières are not at ease, they barely use the POS now."),
      (2, "Nobody likes a POS that freezes at lunch."),
      (3, "Cashiers want their old POS back, honestly.")],
     "The caissières close the till at six."),
    ("recepcionistas", "ehr",
     [(1, "Mis recepcionistas will not learn another EHR."),
      (2, "Every EHR we tried was slow at check-in."),
      (3, "Front desk staff already juggle one EHR.")],
     "Two recepcionistas quit last spring."),
    ("disponenten", "tms",
     [(1, "Die Disponenten don't trust a new TMS."),
      (2, "Dispatchers live in our TMS all day."),
      (3, "Switching TMS mid-season scares everyone.")],
     "Our Disponenten plan routes at dawn."),
]  # fmt: skip


@pytest.mark.parametrize(("foreign", "tool", "said", "more"), OTHER_TONGUE)
def test_a_word_of_no_english_list_said_on_one_call_is_no_card_phrase(
    foreign: str, tool: str, said: list[tuple[int, str]], more: str
) -> None:
    """ "adjointes", one Québec buyer's French, had been a top "Buyers say" (walk 8): a word no
    English word list knows stands only where two calls say it; the tool's name does."""
    phrases = buyer_card_phrases(_calls(*said), [foreign, tool, "cashiers", "dispatchers"])
    assert foreign not in phrases and tool in phrases, phrases
    again = _calls(*said, (4, more))
    assert foreign in buyer_card_phrases(again, [foreign, tool]), more
