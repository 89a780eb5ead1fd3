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

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.rival_names import squashed
from pipeline.store.models import ProductProfileVersion, TeamMember

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


def our_brands(session: Session, our_company: str | None) -> tuple[str, ...]:
    """Our company (the setting, the roster's companies), our product (the current profile's
    name) and their short forms: never a rival. "Decided to go with LedgerLoop" in a won deal's
    note had been stored as a competitor objection naming our own company."""
    companies = session.scalars(select(TeamMember.company).distinct())
    profile = session.scalar(
        select(ProductProfileVersion.data).order_by(ProductProfileVersion.version.desc()).limit(1)
    )
    product = profile.get("name") if isinstance(profile, dict) else None
    named = [our_company, *companies, product]
    return tuple(sorted(brand_forms(n for n in named if isinstance(n, str))))


def not_ours(competitors: Iterable[str], ours: Iterable[str]) -> list[str]:
    """The competitors but our own names (a CRM's competitor column or a flag naming us)."""
    mine = {squashed(name) for name in brand_forms(ours)}
    return [name for name in competitors if squashed(name) not in mine]
