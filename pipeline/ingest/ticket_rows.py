"""A help-desk ticket's row (Freshdesk, Zendesk, Help Scout): its description is the first
message, written by the requester, a contact on the buyer's side; the agent answering is ours.

Why: a Freshdesk pre-sales ticket's description, the buyer's own questions and objections, had
been stored as the rep's notes, its signature ("Thanks, Moira Dunn Dunmore Coaches") among them.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.email_parts import writer_name
from pipeline.ingest.email_thread import message_words
from pipeline.ingest.names import name_matches


def requester_name(requester: str) -> str | None:
    """The requester's name from a name column or an address ("Moira Dunn <moira@...>"); a
    bare address names no one."""
    if "@" not in requester:
        return " ".join(requester.split()) or None
    name = writer_name(requester)
    return name if name and "@" not in name else None


def is_ours(requester: str, ours: Sequence[str]) -> bool:
    """A ticket one of ours raised (an agent logging a call for a customer): its words are
    ours, not the buyer's."""
    name = requester_name(requester)
    return name is not None and any(name_matches(name, our) for our in ours)


def requester_message(text: str, requester: str, account: str | None) -> ParsedCall:
    """The ticket's description as the requester's written words, the buyer's: one utterance
    per paragraph or list item, greeting and signature left out."""
    words = message_words(text.split("\n"), requester_name(requester), account, role="buyer")
    return ParsedCall(format="csv", raw_text=text, utterances=words)
