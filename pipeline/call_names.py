"""A quote's call, named for a reader by what is known of it: its account, else its title, else
"call N"; and its deal's outcome only when one is known. A quote from an undated call with no
account had read "unknown account · unknown · in the call with unknown account" on each card,
and "buyer, unknown account, call 1, no date, unknown" in an export's sources."""

from __future__ import annotations

from pipeline.store.models import Outcome


def call_name(account: str | None, title: str | None, call_id: int) -> str:
    """``"Acme Dental"``; with no account, the call's title (``"Discovery call"``), on one line;
    with neither, ``"call 7"``."""
    for known in (account, title):
        said = " ".join((known or "").split())
        if said:
            return said
    return f"call {call_id}"


def known_outcome(outcome: str | None) -> str | None:
    """The deal's outcome, or None where nobody said (``unknown`` is no fact to print)."""
    return outcome if outcome and outcome != Outcome.unknown else None
