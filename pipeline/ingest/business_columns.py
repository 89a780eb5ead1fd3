"""The account column a trade's CRM names after its customers' kind of business: a gym
software's "Studio", a dental one's "Practice", a caterer's "Venue", a wholesaler's "Store".

A column read by its name alone may hold anything, so it is the account only when no account
column was recognised and its values read as names ("Kowhai Pilates Café"), not as numbers,
dates, yes/no, places or sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.csv_columns import column_key
from pipeline.ingest.values import parse_date
from pipeline.market_evidence import names_a_place

# Kinds of business a customer is, across trades; each also read plural or with "name".
# Place words ("location", "branch", "region") name where, not whom, and "Client name" or
# "Customer" may hold a person's: none is here (the plain "Customer" is an account column).
BUSINESS_KINDS = frozenset(
    (
        "studio", "gym", "club", "venue", "practice", "clinic", "surgery", "pharmacy",
        "hospital", "salon", "spa", "barbershop", "restaurant", "cafe", "café", "bar", "pub",
        "hotel", "motel", "bakery", "brewery", "winery", "kitchen", "store", "shop", "retailer",
        "merchant", "dealership", "dealer", "garage", "workshop", "farm", "nursery", "daycare",
        "school", "college", "academy", "university", "centre", "center", "firm", "agency",
        "office", "site", "property", "facility", "plant", "factory", "warehouse", "lab",
        "laboratory", "church", "charity", "council", "employer", "brand", "franchise",
        "franchisee", "business", "company", "organisation", "organization",
    )
)  # fmt: skip
_NAMED = re.compile(r"^(?P<kind>.+?)(?:\s+name)?$")
_MOST_WORDS = 7  # "Saint Brigid's Catholic Primary School Parents Association" is a sentence
_SHARE = 0.8  # of a column's filled cells that must read as names
_NOT_NAMES = frozenset(("yes", "no", "y", "n", "true", "false", "x", "n/a", "na", "none", "-"))
_SENTENCE = re.compile(r"[.!?;:]\s|[?!]$|@|://|^www\.", re.IGNORECASE)
# "12 Harbour St", "3/45 King Road": where, not whom ("24 Hour Fitness" is a name)
_ADDRESS = re.compile(
    r"^\d+[a-z]?(?:/\d+)?\s.*\b(?:st|street|rd|road|ave|avenue|lane|ln|drive|dr|way|parade"
    r"|pde|highway|hwy|blvd|boulevard|court|ct|place|pl|terrace|tce|crescent|cres)\b\.?$",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"^[-+#]?[$€£¥]?\s*[\d,./-]+%?$")


def business_kind(header: str) -> str | None:
    """The kind of business a header names ("Studio", "Gym name", "Practices"), else None."""
    match = _NAMED.match(column_key(header))
    kind = match.group("kind") if match else ""
    for word in (kind, kind.removesuffix("s"), kind.removesuffix("es")):
        if word in BUSINESS_KINDS:
            return word
    return None


def reads_as_a_name(value: str) -> bool:
    """A business's name ("Red Gum CrossFit", "7 Day Fitness Co"), not an id, amount, date,
    yes/no, place, address, email, link or sentence."""
    text = " ".join(value.split())
    words = text.split()
    if not words or len(words) > _MOST_WORDS or text.casefold() in _NOT_NAMES:
        return False
    if _AMOUNT.match(text) or _SENTENCE.search(text) or not re.search(r"[^\W\d_]", text):
        return False
    if _ADDRESS.search(text):
        return False
    capitalised = sum(word[0].isupper() or word[0].isdigit() for word in words)
    return capitalised * 2 >= len(words) and parse_date(text) is None and not names_a_place(text)


def business_account_column(
    names: Sequence[str], rows: Sequence[Sequence[str]], taken: set[int]
) -> int | None:
    """The index of the column to read as the account, when no account column was found: one
    named for a kind of business whose filled cells mostly read as names; of several, the one
    whose cells read so most often, then the first."""
    best: tuple[float, int] | None = None
    for index, name in enumerate(names):
        if index in taken or business_kind(name) is None:
            continue
        cells = [row[index] for row in rows if index < len(row) and row[index].strip()]
        if not cells:
            continue
        share = sum(reads_as_a_name(cell) for cell in cells) / len(cells)
        if share >= _SHARE and (best is None or share > best[0]):
            best = (share, index)
    return best[1] if best else None


def with_business_account(
    names: Sequence[str], rows: Sequence[Sequence[str]], columns: dict[str, list[int]]
) -> dict[str, list[int]]:
    """``columns`` with a business-kind column as the account where none was recognised (nor
    a typed record column that gives it); a gym CRM's "Studio" column had been left
    unread and the calls had no account."""
    if columns.get("account") or columns.get("records"):
        return columns
    taken = {index for indexes in columns.values() for index in indexes}
    found = business_account_column(names, rows, taken)
    return columns if found is None else {**columns, "account": [found]}
