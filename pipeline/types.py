"""Typed values every surface shares: row ids, paging, ISO dates, name lists.

Pydantic and FastAPI validate them where they arrive (a path, a query, a JSON body), so an id past
what the database can hold, a page past any result, or a number posing as a date is a 422 that
says so, never a crash further down. The limits are in the OpenAPI document too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field

# SQLite's INTEGER and PostgreSQL's BIGINT are signed 64-bit: a larger id cannot name a row.
MAX_ROW_ID = 2**63 - 1
# page * page_size must stay a 64-bit offset; no listing has a billion pages.
MAX_PAGE = 10**9


def _not_true_or_false(value: object) -> object:
    """JSON's true and false are no numbers: pydantic's lax int reads them as 1 and 0 (row 1,
    one theme), a request that breaks the schema answered as if it had asked for that."""
    if isinstance(value, bool):
        raise ValueError("a whole number, not true or false")
    return value


Whole = Annotated[int, BeforeValidator(_not_true_or_false)]
"""An integer from a path, a query or a JSON body; true/false is a 422."""
RowId = Annotated[Whole, Field(ge=1, le=MAX_ROW_ID, examples=[1])]
"""The id of a stored row (call, utterance, mention, cluster, document, version)."""
Offset = Annotated[Whole, Field(ge=0, le=MAX_ROW_ID)]
PageNumber = Annotated[Whole, Field(ge=1, le=MAX_PAGE)]
Count = Annotated[Whole, Field(ge=1, le=1_000_000)]
"""A count a caller asks for (a minimum number of calls, of quotes)."""

MAX_SHORT_TEXT = 255
ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT)]
"""A one-line value a user types (an account, a title, a deal stage, a name): longer text is a
422 where it arrives, since every later step (the contact-detail scan of a title, the spelling
match of an account) reads it again on each page that shows it."""

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` text (or a date) is a date: pydantic alone reads numbers such as
    ``1.5e-118`` as Unix times, i.e. 1970-01-01."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return dt.date.fromisoformat(value.strip())
    raise ValueError("a date must be written YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(examples=["2026-03-14"])]
