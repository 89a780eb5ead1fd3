"""``LazyPattern`` answers as the pattern ``re.compile`` gives, compiling it on first use."""

from __future__ import annotations

import re

import pytest

from pipeline.detect.rules import alternation
from pipeline.lazy_regex import LazyPattern, lazy_compile

# A cue lexicon's shape (groups, a look-behind, optional words), on three trades' calls.
_FRAGMENTS = [
    r"(?<!not )too (expensive|dear|pricey)",
    r"(can'?t|cannot) (afford|justify) (it|that|the \w+)",
    r"over (our|the) budget",
]
_TEXTS = [
    "honestly the chair software is too expensive for a two-chair dental practice.",
    "we can't justify the upgrade, and the scaffolding quote was over our budget too.",
    "not too pricey, but we cannot afford it before the freight season ends. too dear!",
    "nothing here names a price at all",
]


def _both() -> tuple[LazyPattern, re.Pattern[str]]:
    lazy = alternation(_FRAGMENTS)
    return lazy, re.compile(lazy.pattern)


@pytest.mark.parametrize("text", _TEXTS)
def test_every_method_answers_as_the_compiled_pattern(text: str) -> None:
    lazy, plain = _both()
    for _ in range(2):  # before and after the first use compiled it
        assert [m.regs for m in lazy.finditer(text)] == [m.regs for m in plain.finditer(text)]
        assert lazy.findall(text) == plain.findall(text)
        assert lazy.sub("#", text) == plain.sub("#", text)
        assert lazy.subn(lambda m: m.group(0).upper(), text, 1) == plain.subn(
            lambda m: m.group(0).upper(), text, 1
        )
        assert lazy.split(text) == plain.split(text)
        for start in (0, 9, 20):
            for method in ("search", "match", "fullmatch"):
                new, old = getattr(lazy, method)(text, start), getattr(plain, method)(text, start)
                assert (new and new.regs) == (old and old.regs)
        assert lazy.groups == plain.groups


def test_nothing_is_compiled_before_the_first_match() -> None:
    built: list[str] = []

    def source() -> str:
        built.append("source")
        return r"\bleak\w*"

    lazy = LazyPattern(source, re.IGNORECASE)
    assert built == [] and not lazy.is_compiled
    assert lazy.pattern == r"\bleak\w*"  # the source, for a bigger pattern, without compiling
    assert not lazy.is_compiled
    assert lazy.search("The roof LEAKED again") is not None
    assert lazy.is_compiled and lazy.compiled().flags & re.IGNORECASE
    assert lazy.findall("leaks, leaking, a leak") == ["leaks", "leaking", "leak"]
    assert built == ["source"]  # built once, however often it is used


def test_lazy_compile_keeps_the_flags() -> None:
    lazy = lazy_compile(r"^invoice (\d+)$", re.IGNORECASE | re.MULTILINE)
    text = "Freight\nINVOICE 42\ninvoice 7"
    assert lazy.findall(text) == ["42", "7"]
    assert lazy.compiled().flags == re.compile(r"x", re.I | re.M).flags


def test_a_bad_lexicon_is_refused_where_it_is_defined() -> None:
    with pytest.raises(ValueError, match="lower-cased"):
        alternation(["Too Expensive"])
