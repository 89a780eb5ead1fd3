"""A help-desk ticket's row (Freshdesk, Zendesk, Help Scout): its description is the first
message, written by the requester, a contact on the buyer's side; the agent answering is ours.

Why: a Freshdesk pre-sales ticket's description, the buyer's own questions and objections, had
been stored as the rep's notes, its signature ("Thanks, Moira Dunn Dunmore Coaches") among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.email_parts import WROTE, domain, writer_name
from pipeline.ingest.email_thread import message_words, split_thread
from pipeline.ingest.names import name_matches
from pipeline.ingest.txt import parse_text


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


# A reply column's header naming whose replies it holds ("Agent replies", "Customer reply").
_OUR_COLUMN = re.compile(r"\b(?:agent|staff|support|our|responder|assignee)s?\b", re.IGNORECASE)
_THEIR_COLUMN = re.compile(r"\b(?:customer|requester|contact|client|end user)s?\b", re.I)


def column_side(header: str) -> str:
    """The side a reply column's name gives all its replies, else ``unknown``."""
    if _THEIR_COLUMN.search(header):
        return "buyer"
    return "rep" if _OUR_COLUMN.search(header) else "unknown"


def reply_words(
    cell: str, side: str, writer: str, requester: str, ours: Sequence[str]
) -> list[ParsedUtterance]:
    """A ticket's replies column (Freshdesk "Conversations", "Latest reply", "Agent replies") as
    each reply's writer's words: the requester's the buyer's, an agent's ours, a writer at the
    requester's email domain the buyer's; otherwise the column's side (``column_side``), else
    unknown for the roster to settle. Writers are read from email headers in the cell ("From:
    Name <address>", "On ... wrote:"), from labelled lines ("Name (2026-03-02 11:04): text"),
    else ``writer`` (a "Latest reply by" column) writes the whole cell.

    Why: a Freshdesk ticket's conversation, the agent's answers and the buyer's later
    objections, had been left out or would all have been the buyer's."""
    words: list[tuple[str, ParsedUtterance]] = []  # (the writer as written, their words)
    lines = cell.split("\n")
    labelled = parse_text(cell, "csv", kind="transcript").utterances
    if any(WROTE.match(line) or line.lstrip().casefold().startswith("from:") for line in lines):
        for message in split_thread(lines, writer):
            name = writer_name(message.writer) if message.writer else None
            words += [(message.writer, u) for u in message_words(message.lines, name)]
    elif any(utterance.speaker for utterance in labelled):
        words = [(utterance.speaker or "", utterance) for utterance in labelled]
    else:
        name = requester_name(writer) if writer else None
        words = [(writer, u) for u in message_words(lines, name)]
    for author, utterance in words:
        utterance.company = None  # a labelled line's bracket is the reply's time, no company
        utterance.role = _writer_side(author, requester, ours) or side
        utterance.role_from_source = utterance.role != "unknown"
    return [utterance for _author, utterance in words]


def _writer_side(author: str, requester: str, ours: Sequence[str]) -> str | None:
    """The requester (by name or address) or a colleague at their domain: the buyer; one of our
    agents: the rep; anyone else: not known from the ticket."""
    name = requester_name(author) if author else None
    if name and any(name_matches(name, our) for our in ours):
        return "rep"
    wanted = requester_name(requester)
    if name and wanted and name_matches(name, wanted):
        return "buyer"
    theirs = domain(requester) if "@" in requester else ""
    return "buyer" if theirs and "@" in author and domain(author) == theirs else None
