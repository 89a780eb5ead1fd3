"""Guarded alternations match exactly as the plain ones: same spans and the same groups, on
sentences made of the cue words themselves and on every example call and text fixture.

Bounded (a fixed number of examples, derandomized) so the property stays a few seconds.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.detect.rules import alternation, cue_lexicons, lowered
from pipeline.detect.statements import _PAIN
from pipeline.regex_guards import guarded_alternation
from tests.conftest import ROOT

BOUNDED = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


LEXICONS = list(cue_lexicons())


@cache
def _pair(index: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The lexicon as ``alternation`` compiled it before guards, and as it is now."""
    fragments = LEXICONS[index]
    plain = re.compile(r"\b(?=[\w'])(?:" + "|".join(fragments) + r")\b")
    return plain, re.compile(r"\b(?=[\w'])(?:" + guarded_alternation(fragments) + r")\b")


def _same(plain: re.Pattern[str], guarded: re.Pattern[str], text: str) -> None:
    assert [m.regs for m in guarded.finditer(text)] == [m.regs for m in plain.finditer(text)]
    assert guarded.sub("#", text) == plain.sub("#", text)
    for start in range(0, len(text), 7):
        old, new = plain.match(text, start), guarded.match(text, start)
        assert (new and new.regs) == (old and old.regs)


@cache
def _words(index: int) -> list[str]:
    """The words a lexicon's fragments are written with, and a few that end or join clauses."""
    found = {w for fragment in LEXICONS[index] for w in re.findall(r"[a-z0-9'-]+", fragment)}
    return sorted(found | {"so", "and", "the", "we", "it", "i'd", "really"})


@BOUNDED
@given(st.data())
def test_same_matches_on_sentences_of_cue_words(data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(LEXICONS) - 1))
    words = data.draw(st.lists(st.sampled_from(_words(index)), min_size=1, max_size=14))
    joins = data.draw(st.lists(st.sampled_from([" ", " ", " ", ", ", ". ", "'"]), min_size=14))
    text = "".join(word + join for word, join in zip(words, joins, strict=False))
    _same(*_pair(index), text)


def _example_texts() -> list[str]:
    folders = [ROOT / "examples" / "calls", ROOT / "tests" / "fixtures"]
    paths = sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in _TEXTUAL)
    return [lowered(p.read_text("utf-8", errors="replace")) for p in paths]


_TEXTUAL = {".txt", ".vtt", ".srt", ".eml"}  # calls and notes as written (the rest is data)


def test_same_matches_on_every_example_call_and_fixture() -> None:
    """The eight biggest lexicons (all of them, every line: bench/guarded_alternation.py)."""
    texts = _example_texts()
    assert len(texts) > 60  # 30 example calls, the rest fixtures
    big = sorted(range(len(LEXICONS)), key=lambda i: -sum(map(len, LEXICONS[i])))[:8]
    for index in big:
        plain, guarded = _pair(index)
        for text in texts:
            assert [m.regs for m in guarded.finditer(text)] == [
                m.regs for m in plain.finditer(text)
            ]


@pytest.mark.parametrize(
    ("fragments", "text", "span"),
    [
        # a bakery, a plumber, a dental practice: the first branch that matches still wins
        (["(the )?oven", "(the )?oven (is|was) (broken|down)"], "so the oven was down", (3, 11)),
        (
            ["(burst|leaking) pipes?", "(burst|leaking) pipe fittings?"],
            "two leaking pipe fittings",
            (4, 16),
        ),
        (["(?<!no )(missed|late) recalls?", "recalls?"], "no missed recalls today", (10, 17)),
    ],
)
def test_first_matching_branch_wins_as_before(
    fragments: list[str], text: str, span: tuple[int, int]
) -> None:
    pattern = alternation(fragments)
    found = pattern.search(text)
    assert found is not None and found.span() == span
    assert "(?=" in pattern.pattern  # the branches were guarded


@pytest.mark.parametrize(
    ("fragment", "guard"),
    [
        ("(not|never|isn'?t) (really )?worried", "(?=is|n[eo])"),  # a buyer's reassurance
        ("(?<!'d )(eats?|ate) (up )?hours", "(?=at|ea)"),  # a salon's lost hours
        ("(the )?(main )?problem", "(?=ma|pr|th)"),  # any trade's "the main problem"
        ("[a-z]+ (dough|batch)", None),  # a class first: re turns it down by itself
        ("never (match|tally)", None),  # a literal first: likewise
        (r"(\w+ )?fined", None),  # any word character first: nothing to guard with
        ("(a|b)?", None),  # can match empty
    ],
)
def test_guard_is_what_every_match_starts_with(fragment: str, guard: str | None) -> None:
    source = guarded_alternation([fragment])
    assert source == (fragment if guard is None else f"{guard}(?:{fragment})")


def test_neighbours_with_one_guard_share_it() -> None:
    source = guarded_alternation(["(nobody|no one) knows", "(no-one|nobody) checks", "(we) lost"])
    assert source == "(?=no)(?:(nobody|no one) knows|(no-one|nobody) checks)|(?=we)(?:(we) lost)"


def test_the_big_pain_lexicon_is_guarded() -> None:
    assert _PAIN.pattern.count("(?=") > 50


def test_fragments_that_are_no_regex_alone_are_joined_as_they_were() -> None:
    assert guarded_alternation(["(the )?(van", "lorry) broke"]) == "(the )?(van|lorry) broke"
