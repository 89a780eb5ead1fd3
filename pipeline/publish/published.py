"""What a published export may say of where a quote came from, and of whom.

A document's sources name the account, the call, its date and the deal's outcome, which the
sales lead needs for the accuracy check and which the review page shows as they are. A
published page must not reveal whom we pitched or lost: its sources keep the speaker's role,
the account's industry and the month (``buyer, Trucking, June 2026``), and no account name
is left anywhere in its text, but for our own profile's facts (``profile_text``: a proof
point naming a customer is ours to publish). An internal export (``internal=True``) keeps
everything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.content.profile_text import outside_facts
from pipeline.content.scrub import account_pattern, blank_account
from pipeline.firm_names import call_accounts
from pipeline.store.models import Call

ACCOUNT = "[account]"
# A quote's source as ``Quote.source`` writes it (``content_templates/_sources.md.j2``):
# "buyer, Ridgeline Freight, call 18, 2026-06-23, lost" (or "rep's note", "rep Dana", "speaker
# unknown": a line whose speaker's side is unknown, as the brief lists it); an account (or a
# call's title) may hold commas; none is there when unknown, nor an outcome ("buyer, call 3, no
# date"), and documents made before still say "unknown account, call 3, no date, unknown".
_SOURCE_RE = re.compile(
    r"(?<=— )(?P<speaker>buyer|rep's note|speaker unknown|rep(?: [^,\n]+)?)"
    r"(?:, (?P<account>[^\n]*?))?, "
    r"call (?P<call>\d+), (?P<date>\d{4}-\d{2}-\d{2}|no date)(?:, (?P<outcome>[a-z_]+))?"
    r"(?=\s*$)",
    re.MULTILINE,
)


def public_source(speaker: str, industry: str | None, date: dt.date | None) -> str:
    """A quote's source for readers outside: the speaker's role (a rep's name is ours, but the
    reader needs only the role), the industry and the month; no account, call or outcome."""
    role = "rep" if speaker.startswith("rep ") else speaker
    parts = [role, *([industry] if industry else [])]
    if date is not None:
        parts.append(f"{dt.date(2000, date.month, 1):%B} {date.year}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Publisher:
    """Turns a document's internal text into the text a published export may carry."""

    industries: dict[int, str | None]
    accounts: re.Pattern[str] | None
    facts: Mapping[str, str] = field(default_factory=dict)  # our profile's, by label

    def text(self, text: str) -> str:
        """Sources reduced to role, industry and month; every account name blanked but in
        our profile's facts where the text cites them."""
        return outside_facts(text, self.facts, self._published)

    def _published(self, text: str) -> str:

        def source(match: re.Match[str]) -> str:
            said = match.group("date")
            date = None if said == "no date" else dt.date.fromisoformat(said)
            industry = self.industries.get(int(match.group("call")))
            return public_source(match.group("speaker"), industry, date)

        text = _SOURCE_RE.sub(source, text)
        return self.accounts.sub(ACCOUNT, text) if self.accounts is not None else text

    def data(self, node: Any) -> Any:
        """JSON-like data (JSON-LD, built from the published text, its citations dropped)
        with every account name blanked but in our profile's facts."""
        if isinstance(node, str):
            return outside_facts(
                node, self.facts, lambda t: blank_account(t, self.accounts, ACCOUNT), cited=False
            )
        if isinstance(node, list):
            return [self.data(item) for item in node]
        if isinstance(node, dict):
            return {key: self.data(value) for key, value in node.items()}
        return node


def publisher_for(
    session: Session, call_ids: Iterable[int] = (), facts: Mapping[str, str] | None = None
) -> Publisher:
    """The publisher for this workspace: every account any call names is blanked (a quote or
    an edit may name another account than its own call's) but in the document's profile
    ``facts`` (``cited_profile``), and the industries of the calls the text cites, found by
    the call number its sources give."""
    accounts = call_accounts(session)  # a title's firm too: "Morrow Baptiste LLP / Ours"
    ids = sorted(set(call_ids))
    rows = session.execute(select(Call.id, Call.industry).where(Call.id.in_(ids)))
    industries: dict[int, str | None] = {row.id: row.industry for row in rows}
    return Publisher(
        industries=industries, accounts=account_pattern(accounts), facts=dict(facts or {})
    )


def cited_calls(text: str) -> set[int]:
    """The call numbers the sources of ``text`` name."""
    return {int(match.group("call")) for match in _SOURCE_RE.finditer(text)}
