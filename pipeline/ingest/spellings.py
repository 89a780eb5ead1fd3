"""How the stored calls spell each account: "Calder Valley Tippers Ltd" and "Calder Valley
Tippers" are one account, shown as first stored, whichever way a later upload or correction
writes it (a correction had stored its own spelling, a second account of the same firm)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.ingest.values import account_key
from pipeline.store.models import Call


def known_spellings(
    session: Session,
    except_call: int | None = None,
    *,
    after: int = 0,
    spellings: dict[str, str] | None = None,
) -> dict[str, str]:
    """``account_key`` -> the account's name as first stored (``except_call``'s own left out:
    the call being corrected). ``after`` and ``spellings``: only the calls stored since that
    id, joining the spellings read before them."""
    query = select(Call.account).where(Call.account.is_not(None)).order_by(Call.id)
    if except_call is not None:
        query = query.where(Call.id != except_call)
    if after:
        query = query.where(Call.id > after)
    spellings = {} if spellings is None else spellings
    for name in session.scalars(query):
        if name:
            spellings.setdefault(account_key(name), name)
    return spellings


def spelt_as_stored(session: Session, name: str, call_id: int | None = None) -> str:
    """``name`` as another call already spells its account ("X Ltd" for "X"), else as given."""
    return known_spellings(session, call_id).get(account_key(name), name)
