"""Who said what in a table row: its notes are written by the row's one user of ours
(Pipedrive's "Note - User"), a buyer-quote column (Airtable's "Buyer quote", "Customer said",
"Verbatim") is the buyer's own words, not the rep's notes, and a next-steps column the rep's plan;
a free-text column no field read is named in the upload's result, so that nothing a row says is
dropped without a word."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.ingest.asides import step_notes
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.record_ids import is_record_id
from pipeline.ingest.values import html_to_text, parse_date
from pipeline.redact import gives_contact

_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3  # "Open", "Ops manager" are values; a sentence of three words is text
_QUOTE_MARKS = "\"'“”‘’«» "


def add_buyer_quotes(call: ParsedCall, cells: list[str]) -> None:
    """The quote cells as the buyer's words, said by the row's one buyer contact when it
    names one (else by no one named); the role is the file's, not guessed."""
    buyers = [person.name for person in call.people if person.role == "buyer"]
    speaker = buyers[0] if len(buyers) == 1 else None
    for cell in cells:
        text = " ".join(html_to_text(cell).split()).strip(_QUOTE_MARKS)
        if any(char.isalnum() for char in text):
            call.utterances.append(
                ParsedUtterance(text, speaker, None, "buyer", None, True, quoted=True)
            )


def add_steps(call: ParsedCall, cells: list[str]) -> None:
    """A next-steps column's cells as the rep's plan (``asides.step_notes``, one note per line
    or ";"-separated item) and the call's action items: our side's to-do, no buyer's words. A
    date alone (a "Follow up" column's) is no step."""
    items = [
        item.strip()
        for cell in cells
        for item in re.split(r"[;\n]", html_to_text(cell))
        if any(char.isalpha() for char in item) and parse_date(item.strip()) is None
    ]
    if items:
        call.utterances += step_notes(items)
        call.extra.setdefault("action_items", []).extend(items)


def sign_notes(call: ParsedCall) -> None:
    """The row's notes are its one rep's (the note's user or owner); they had no speaker. A
    row naming several of ours leaves them unsigned: which one wrote is not said."""
    if len(call.our_speakers) != 1:
        return
    for utterance in call.utterances:
        if utterance.role == "rep_note" and utterance.speaker is None:
            utterance.speaker = call.our_speakers[0]


def is_free_text(value: str) -> bool:
    """Words someone wrote, not a value: an id, a date, a number, a link or an address."""
    value = value.strip()
    if _URL.search(value) or gives_contact(value) or is_record_id(value):
        return False
    if parse_date(value) is not None:
        return False
    return len(_WORD.findall(value)) >= _MIN_WORDS


def unread_notice(unused: Mapping[str, str]) -> str | None:
    """``not read: Buyer quote (…)``: the row's free-text cells no column field took, why (no
    field goes by that column's name) and the map that reads the first one, as the account
    when it holds a name ("Brandt & Lowe PLLC"), else as notes. A bare "not read: X" had left
    the user guessing why."""
    unread = {name.strip(): value for name, value in unused.items() if is_free_text(value)}
    if not unread:
        return None
    first, value = next(iter(unread.items()))
    field = "account" if _a_name(value) else "text"
    return (
        f"not read: {', '.join(unread)} (no field callmine reads goes by that column name; "
        f'map it with a column map, {{"{field}": "{first}"}})'
    )


_NAME_WORDS = 6
_JOINTS = frozenset({"&", "and", "of", "the", "de", "du", "des", "la", "le", "von", "van", "y"})


def _a_name(value: str) -> bool:
    """A company's or a person's name, not a sentence: a few words, each capitalised (or a
    joint, "&"), no stop at its end ("Brandt & Lowe PLLC", "Fernhill Dairy Ltd")."""
    words = value.split()
    return (
        len(words) <= _NAME_WORDS
        and not value.rstrip().endswith((".", "!", "?"))
        and all(word[:1].isupper() or word[:1].isdigit() or word in _JOINTS for word in words)
    )
