"""A CRM row's deal name (HubSpot's "Associated Deal", Salesforce's "Opportunity Name"): the
account's name, or holds it ("Northgate Pharmacy - Renewal 2026", "Renewal 2026 - Hollis & Co").

Why: the column had been reported "not read", and a notes export with no company column left
every call with no account while each row named it in its deal.
"""

from __future__ import annotations

import re

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.values import parse_date

# Where a deal name's parts meet: "Acme - Renewal 2026", "Acme: WMS rollout", "Acme | Q3".
_PARTS = re.compile(r"\s+[–—|·-]\s+|\s*[|·]\s*|:\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Words of what the deal is, not whose: "New business", "Renewal 2026", "Upsell - 20 seats".
_DEAL_WORDS = frozenset(
    """new business renewal renewals upsell upgrade expansion deal deals opportunity opp pilot
    trial contract rollout roll-out add-on addon extension phase seats seat licences licenses
    licence license users sites vans annual monthly plan existing inbound outbound q1 q2 q3 q4
    h1 h2 fy""".split()
)


def read_deal_name(call: ParsedCall, deal_name: str) -> None:
    """Keep the row's deal name with the call, and take the account from it when the row
    names none."""
    name = " ".join(deal_name.split())
    if not name:
        return
    call.extra["deal_name"] = name
    call.account = call.account or deal_account(name)


def deal_account(name: str) -> str | None:
    """The first part of a deal's name that names whose deal it is: "Northgate Pharmacy" of
    "Northgate Pharmacy - Renewal 2026"; None when every part says what the deal is."""
    for part in _PARTS.split(_BRACKETED.sub(" ", name)):
        part = part.strip(" .,;")
        if _whose(part):
            return part
    return None


def _whose(part: str) -> bool:
    """A part with a capitalised word that is no deal word, number or date."""
    if not part or parse_date(part) is not None:
        return False
    return any(
        word[:1].isupper() and word.casefold().strip(".,") not in _DEAL_WORDS
        for word in part.split()
    )
