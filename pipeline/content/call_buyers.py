"""What the quoted calls show of their buyers (``offers.Buyer``), read from every call of the
buyer's account: a CRM note names no market where the call before it said "pounds a month per
branch", and the account's name says what it is ("... Burial Ground")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from pipeline.content.offers import Buyer, buyer_of
from pipeline.market_evidence import markets_shown
from pipeline.store.models import Call


def buyers_of_calls(session: Session, call_ids: Iterable[int]) -> dict[int, Buyer]:
    """Call id -> its buyer: the lines of its account's calls no rep said (a rep's note about
    the buyer counts), the account, titles and industries, and the markets those calls show
    most often (``markets_shown``; a rep's price in pounds too): a British group's e-mail about
    "a US-based SMS provider" makes it no American buyer."""
    ids = set(call_ids)
    if not ids:
        return {}
    quoted = session.scalars(select(Call.account).where(Call.id.in_(ids))).all()
    accounts = {a for a in quoted if a}
    calls = session.scalars(
        select(Call)
        .where(or_(Call.id.in_(ids), Call.account.in_(accounts)))
        .options(selectinload(Call.utterances))
    ).all()
    by_account: dict[str, list[Call]] = defaultdict(list)
    for call in calls:
        if call.account:
            by_account[call.account].append(call)
    return {
        call.id: _buyer(by_account[call.account] if call.account else [call])
        for call in calls
        if call.id in ids
    }


def _buyer(calls: list[Call]) -> Buyer:
    texts = [u.text for call in calls for u in call.utterances if u.role != "rep"]
    texts += [t for call in calls for t in (call.account, call.title) if t]
    industries = [call.industry for call in calls if call.industry]
    return buyer_of(texts, markets_shown(call.raw_text for call in calls), industries)
