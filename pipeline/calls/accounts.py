"""Accounts: the calls that name one, and its industry (the segment a use case is written
for), set on every call of the account at once."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pipeline.calls.queries import call_reads
from pipeline.calls.schemas import CallRead
from pipeline.errors import NotFound
from pipeline.ingest.values import MAX_INDUSTRY, industry_name
from pipeline.store.models import Call


class AccountRead(BaseModel):
    """An account as its calls tell it: its industry (the most common among its calls)."""

    name: str
    industry: str | None
    calls: list[CallRead]


class AccountUpdate(BaseModel):
    """``industry``: blank or null clears it."""

    model_config = {"json_schema_extra": {"examples": [{"industry": "Dental clinic"}]}}

    industry: str | None = Field(default=None, max_length=MAX_INDUSTRY)


def _calls_of(db: Session, name: str) -> list[Call]:
    calls = list(
        db.scalars(
            select(Call)
            .where(func.lower(Call.account) == name.strip().lower())
            .order_by(Call.call_date.desc().nulls_last(), Call.id.desc())
        )
    )
    if not calls:
        raise NotFound(f"no calls for account {name!r}")
    return calls


def get_account(db: Session, name: str) -> AccountRead:
    calls = _calls_of(db, name)
    named = Counter(c.industry for c in calls if c.industry)
    return AccountRead(
        name=calls[0].account or name,
        industry=named.most_common(1)[0][0] if named else None,
        calls=call_reads(db, calls),
    )


def set_account_industry(db: Session, name: str, industry: str | None) -> AccountRead:
    """Give every call of the account this industry (None clears it)."""
    ids = [c.id for c in _calls_of(db, name)]
    db.execute(
        update(Call).where(Call.id.in_(ids)).values(industry=industry_name(industry)),
        execution_options={"synchronize_session": "fetch"},
    )
    db.flush()
    return get_account(db, name)


def known_industries(db: Session) -> list[str]:
    """Every industry named on a call, for filters and the use-case form."""
    rows = db.scalars(select(Call.industry).where(Call.industry.is_not(None)).distinct())
    return sorted({i for i in rows if i}, key=str.lower)
