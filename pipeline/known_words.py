"""Words no one is called in text from some calls: what redaction never takes for an unknown name.

Why: a capitalised word where a person could stand ("Kowhai's front desk", "ask Physio") is
hidden as a name unless it is an English word or one of these: the words of the brands,
accounts and our people, the calls' industries, the product profile's words (its plans,
integrations, data sources) and every word the calls write in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.person_positions import said_lowercase
from pipeline.store.models import Call, ProductProfileVersion, Utterance


def _strings(value: Any) -> Iterable[str]:
    """Every string inside a JSON-like value (the profile's nested tables and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def words_of(texts: Iterable[str]) -> set[str]:
    """The case-folded words of ``texts``."""
    return {w.casefold() for text in texts for w in re.findall(r"[^\W\d_]+", text)}


def known_words(session: Session, call_ids: Sequence[int], names: Iterable[str]) -> frozenset[str]:
    """Case-folded words that name no one in text from ``call_ids``: every word of ``names``
    (brands, accounts, our people), the calls' industries, the latest product profile's words,
    and the words the calls' utterances write in lower case."""
    known = words_of(names)
    industries = session.scalars(select(Call.industry).where(Call.id.in_(call_ids)).distinct())
    known |= words_of(i for i in industries if i)
    profile = session.scalars(
        select(ProductProfileVersion.data).order_by(ProductProfileVersion.version.desc()).limit(1)
    ).first()
    known |= words_of(_strings(profile))
    for text in session.scalars(select(Utterance.text).where(Utterance.call_id.in_(call_ids))):
        known |= said_lowercase(text or "")
    return frozenset(known)
