"""An account's industry shared by its calls as they are stored: a CRM note of an account whose
transcripts the manifest gave an industry had none of its own (shown "-", left out of
``dashboard --industry``), though the account page named one.

A call stored without an industry takes its account's (the one most of its calls name, as the
account page tells it); a call stored with one gives its account's to the earlier calls of that
account that have none. An industry a call has, from its file, a form or a correction, is never
changed. One read per stored batch, of the batch's accounts only (a 100k-row CRM export stores
500 rows a transaction), and at most one update.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from pipeline.ingest.values import account_key
from pipeline.store.models import Call

Row = dict[str, object]


def _text(row: Mapping[str, object], field: str) -> str | None:
    value = row.get(field)
    return value if isinstance(value, str) and value else None


def stored_industries(session: Session, accounts: Collection[str]) -> dict[str, str | None]:
    """``account_key`` -> the industry most of the account's stored calls name, None when none
    names one; only ``accounts`` (spelt as stored: an upload stores each account as first
    spelt, whatever its case) are read, by the account's index."""
    if not accounts:
        return {}
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    query = (
        select(Call.account, Call.industry, func.count())
        .where(Call.account.in_(sorted(accounts)))
        .group_by(Call.account, Call.industry)
    )
    for account, industry, count in session.execute(query):
        tally = tallies[account_key(str(account))]
        if industry:
            tally[str(industry)] += int(count)
    return {key: tally.most_common(1)[0][0] if tally else None for key, tally in tallies.items()}


def account_industries(
    rows: Sequence[Mapping[str, object]], stored: Mapping[str, str | None]
) -> dict[str, str]:
    """``account_key`` -> the industry of each account: its stored calls', else the first one
    a call of this batch names."""
    found = {key: industry for key, industry in stored.items() if industry}
    for row in rows:
        account, industry = _text(row, "account"), _text(row, "industry")
        if account and industry:
            found.setdefault(account_key(account), industry)
    return found


def named_in(rows: Sequence[Mapping[str, object]]) -> set[str]:
    """The accounts (by ``account_key``) a call of this batch names an industry for: only
    those are given to earlier calls (a call with none changes no other call)."""
    return {
        account_key(account)
        for row in rows
        if (account := _text(row, "account")) and _text(row, "industry")
    }


def with_industries(rows: Sequence[Row], industries: Mapping[str, str]) -> list[Row]:
    """The rows, each without an industry given its account's (when it has one)."""
    out = []
    for row in rows:
        account = _text(row, "account")
        if account and not _text(row, "industry") and account_key(account) in industries:
            row = {**row, "industry": industries[account_key(account)]}
        out.append(row)
    return out


def give_earlier(session: Session, industries: Mapping[str, str]) -> None:
    """One update: the stored calls of these accounts (spelt as stored -> industry) that have
    no industry take their account's; a call with one keeps it."""
    if not industries:
        return
    # "coalesce": no search of every call without an industry by its index (a workspace of
    # CRM notes has thousands), only the accounts' calls by theirs.
    session.execute(
        update(Call)
        .where(Call.account.in_(sorted(industries)), func.coalesce(Call.industry, "") == "")
        .values(industry=case(dict(industries), value=Call.account)),
        execution_options={"synchronize_session": False},
    )


def share_industries(session: Session, rows: Sequence[Row]) -> list[Row]:
    """The batch's call rows (``Call`` columns, accounts spelt as stored) with their accounts'
    industries, the account's earlier calls without one given it first."""
    spelt = {account_key(account): account for row in rows if (account := _text(row, "account"))}
    industries = account_industries(rows, stored_industries(session, spelt.values()))
    giving = {spelt[key]: industries[key] for key in named_in(rows) if key in industries}
    give_earlier(session, giving)
    return with_industries(rows, industries)
