"""The short forms buyers say a configured rival by: its first word ("Housecall" for "Housecall
Pro", "Arbor" for "Arbor FD") or its name less a product word at its end ("Field Nation" for
"Field Nation App").

Why: a buyer said "Arbor's fine, honestly" and "keep Arbor where it is" of the rival the call's
record names "Arbor FD"; neither was tagged, and the rival's comparison quoted one remark of six.
A short form that is no English word is the rival wherever it is said; one that is ("Requiem",
"Harvest", "Square") only where the call's own record lists the rival, capitalised and inside
a sentence ("Harvest starts in August" is no rival). A product word alone ("Desk", "Pro") never
is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.brand_names import short_form
from pipeline.language import opens_a_clause
from pipeline.person_positions import english_words, is_english
from pipeline.rival_names import squashed

# Words a product's name ends in that say what kind of thing it is, not whose.
_PRODUCT_WORDS = frozenset(
    "app apps software system systems desk pro hq cloud online suite hub crm erp pos platform "
    "portal manager go plus one live web mobile connect".split()
)
# An abbreviation or a number at a name's end: "Arbor FD", "Sage 50", "Office 365".
_CODE = re.compile(r"^(?:[A-Z]{1,4}|\d+)$")
# A capitalised word after the form: the start of a longer name ("Verizon Wireless"), not "I".
_LONGER_NAME = re.compile(r"\s+(?!I\b)[A-Z]")
# A capitalised word before it: the end of a longer name ("Sunlight Financial" is no
# "Financial Cents"), unless the word opens the clause ("Because Arbor charges us...").
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[A-Z][\w&'’.-]*)\s+$")
# Where a sentence or a line opens: a common word there is capitalised whatever it names.
_OPENING = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[-*•]\s+)[\"'“‘(]*$")


@dataclass(frozen=True)
class ShortForm:
    """One short form of a configured rival, whether it is an English word, and how it is
    written: as configured for an English word, in any case for any other."""

    form: str
    name: str
    common: bool
    pattern: re.Pattern[str]


def _short_form(form: str, name: str) -> ShortForm:
    common = _common(form)
    words = r"\s+".join(map(re.escape, form.split()))
    flags = 0 if common else re.IGNORECASE
    return ShortForm(form, name, common, re.compile(rf"(?<![\w'’-]){words}(?![\w-])", flags))


@functools.cache
def short_forms(names: tuple[str, ...]) -> tuple[ShortForm, ...]:
    """Each name's short forms that stand for it alone: none that is another of the names or
    the short form of two of them ("Microsoft" of "Microsoft Teams" and "Microsoft Dynamics")."""
    given = {squashed(n) for n in names}
    found: dict[str, set[str]] = {}
    for name in names:
        for form in _forms_of(name):
            found.setdefault(form, set()).add(name)
    return tuple(
        _short_form(form, next(iter(owners)))
        for form, owners in found.items()
        if len(owners) == 1 and squashed(form) not in given
    )


def _forms_of(name: str) -> list[str]:
    """The name less the product words and codes at its end, and its first word."""
    words = name.split()
    kept = list(words)
    while len(kept) > 1 and (kept[-1].casefold() in _PRODUCT_WORDS or _CODE.match(kept[-1])):
        kept.pop()
    forms = [" ".join(kept)] if len(kept) < len(words) else []
    forms += [f for f in [short_form(name)] if f]
    return [f for f in dict.fromkeys(forms) if _can_stand_alone(f)]


def _can_stand_alone(form: str) -> bool:
    """A form that names a brand: not a product word ("Pro"), a function word ("The") or a code."""
    first = form.split()[0]
    return (
        form.casefold() not in _PRODUCT_WORDS
        and not opens_a_clause(first)
        and not _CODE.match(form)
        and first[:1].isupper()
    )


def _common(form: str) -> bool:
    """Every word of the form is an English word (or there is no vocabulary to tell by)."""
    vocabulary = english_words()
    return not vocabulary or all(is_english(w, vocabulary) for w in form.split())


def short_forms_said(
    text: str, forms: Sequence[ShortForm], listed: Sequence[str]
) -> Iterator[tuple[ShortForm, re.Match[str]]]:
    """Where ``text`` says a rival by a short form: a form no English word in any case, an
    English one as written inside a sentence where ``listed`` (the call's record) has it."""
    record = {squashed(n) for n in listed}
    for short in forms:
        if short.common and squashed(short.name) not in record:
            continue
        for match in short.pattern.finditer(text):
            if _LONGER_NAME.match(text, match.end()) or _name_before(text[: match.start()]):
                continue
            if short.common and _OPENING.search(text[: match.start()]):
                continue
            yield short, match


def _name_before(before: str) -> bool:
    """Whether a capitalised word that opens no clause ends ``before``: a longer name's."""
    word = _WORD_BEFORE.search(before)
    return word is not None and word["word"] != "I" and not opens_a_clause(word["word"])
