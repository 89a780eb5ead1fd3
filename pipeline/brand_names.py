"""Names of businesses and products that redaction must never take for people's first names.

Why: a rival called "Aurora Solar" that buyers call "Aurora" (a configured alias) had been
redacted as a woman's first name, "We're on [name] and we signed...", on every page. Rivals
(configured, their aliases, those stored on calls or guessed from them), our company and our
product are brands; each brand's short form (its first word: "Aurora" of "Aurora Solar") too.
An account's name is kept whole elsewhere but has no short form: "Reyes" of "Reyes Heating &
Air" may be its owner's surname.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.config import Settings

MIN_SHORT_FORM = 3  # "GE" of "GE Digital" is too short to be anyone's name or a brand's form


def short_form(name: str) -> str | None:
    """A brand's first word, the way buyers shorten it ("Aurora" for "Aurora Solar")."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].strip(".,'’-")
    return first if len(first) >= MIN_SHORT_FORM and first[:1].isupper() else None


def brand_forms(names: Iterable[str]) -> set[str]:
    """Each brand name and its short form."""
    forms: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        forms.add(name)
        short = short_form(name)
        if short:
            forms.add(short)
    return forms


def configured_brands(settings: Settings) -> tuple[str, ...]:
    """The brands the settings name: competitors, every alias and what it stands for, our
    company."""
    return (
        *settings.rival_names.spellings(),
        *([settings.our_company] if settings.our_company else []),
    )
