"""The one shape every format parser returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParsedUtterance:
    text: str
    speaker: str | None = None
    start_seconds: float | None = None
    role: str = "unknown"  # buyer|rep|unknown|rep_note
    company: str | None = None  # "Name (Company)" or JSON affiliation, when the source says
    # The file itself stated the role (callmine JSON ``role``, an internal/external affiliation, a
    # rep's note, a buyer's words quoted in it): ``assign_roles`` keeps it instead of inferring one.
    role_from_source: bool = False
    # Words quoted inside a note or a quote column: a buyer quote, not a turn of the call (the
    # ingest summary had counted a named one as a turn and told "1 buyer quote" for 2).
    quoted: bool = False
    # A note under a recap's bare label ("**Giles:**" over a list): whose words it holds, for
    # ``quotes.quote_buyers`` to settle (the label had been a note of its own, saying nothing).
    said_by: str | None = None
    # A recap's ``>`` quote: the heading it sits under ("## Hal on the money"), for
    # ``quotes.quote_buyers`` to give the quote to the attendee the heading names.
    heading: str | None = None
    # The kind the rep's own label in a note gave these words ("Pain:" -> "pain", "Next steps:"
    # -> "plan"): the label is the rep's, not the buyer's words, so it is kept here, not in the
    # text, for the detector to follow (``inline_labels``).
    note_kind: str | None = None
    # The objection category the label's qualifier names ("Price objection:" -> "price"), for
    # an objection or a question: the rep's category, followed by the detector.
    note_category: str | None = None


@dataclass
class Person:
    """Someone the file names outside the speech: an attendee, a participant, a CRM contact."""

    name: str
    company: str | None = None
    role: str | None = None  # "rep" or "buyer" when the file says which side they are on

    def as_json(self) -> dict[str, str]:
        values = {"name": self.name, "company": self.company, "role": self.role}
        return {key: value for key, value in values.items() if value}


@dataclass
class ParsedCall:
    """One call (or one CRM note) as read from a file, before it is stored."""

    format: str
    raw_text: str
    utterances: list[ParsedUtterance]
    title: str | None = None
    call_date: dt.date | None = None
    account: str | None = None
    deal_id: str | None = None
    deal_stage: str | None = None
    industry: str | None = None
    outcome: str | None = None
    our_speakers: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Set when the record holds nothing to store (a CRM row with deal fields but no text).
    skip_reason: str | None = None
    # What the reader could not place, told with the upload's result (not stored): "no date
    # column recognised; unused columns: 'Done Date' ...".
    unplaced: Unplaced | None = None
    # Anything else the user should hear with the result: a summary kept aside, labels left
    # inside the text.
    notice: str | None = None
    # Speakers renamed after reading (an opaque id shown as "Speaker 2"): new label -> the label
    # as read, so the content hash, and with it duplicate detection, is the file's (not stored).
    read_speakers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Unplaced:
    """A table's fields no column was recognised for, and its columns left unused: told for
    the fields the call still lacks once the upload's own metadata (``--account``) is in."""

    fields: tuple[str, ...]
    columns: tuple[str, ...]
