"""Does a text read as a conversation or a note, and what was understood in it.

A transcript has speaker turns; a rep's CRM note is short prose, often a few words a line. What
is neither (``hello there this is not a transcript``) is refused with a clear reason instead of
being stored as a call: a text file needs speaker turns, a header (date, account, attendees), or
a note of at least two sentences or ``MIN_NOTE_WORDS`` words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.calendar_words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.label_shapes import SPELLED_TIME
from pipeline.wording import plural

MIN_NOTE_WORDS = 12
CHECKED_FORMATS = (
    "txt",
    "md",
    "docx",
    "pdf",
    "html",
    "rtf",
)  # free text; structured formats carry their own shape
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)(?=\s|$)")
_NAME = r"[A-Z][\w'’.-]*(?:,?[ \t]+[A-Z][\w'’.-]*){0,3}(?:[ \t]+\([^()\n]{1,60}\))?"
_CLOCK = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?"
# A speaker label left inside the text after a sentence: "… today? Okafor, Janet (Fleet
# Services) 0:11 Hi Hannah." A reader that missed the label shape glues every turn together.
_RUN_ON_LABEL = re.compile(rf"[.!?…][\"'”’)\]]*\s+(?P<label>{_NAME}[ \t]+{_CLOCK})\s+(?=\S)")
# A timed label opening a note: "01:31 Rita Ferreira: …", "Lena Hofer 0 minutes 34 seconds
# But …". A transcript read as notes, one per turn, the labels kept in each.
_OPENING_LABEL = re.compile(
    rf"^(?P<label>{_CLOCK}[ \t]+(?:[-–—|][ \t]+)?{_NAME}[ \t]*:"
    rf"|{_NAME}[ \t]+(?:{_CLOCK}|{SPELLED_TIME})(?:[ \t]+[-–—|:])?)(?=\s|$)"
)
_RUN_ON_MIN = 2  # one "Monday 10:30" in speech is no label
_CALENDAR = frozenset((*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS))
# A heading or a rule: a document's structure, not a note's words ("# Call notes", "---").
_STRUCTURE = re.compile(r"^\s*(?:#|[-*_=]{3,}\s*$)")


@dataclass(frozen=True)
class Understood:
    """What a call's text was read as: distinct speakers, their turns, the rep's notes (signed
    or not; ``notes_written``), buyer quotes (named or not) and speech of no known speaker
    (captions without speakers had been told as "16 notes", as if the rep had written them)."""

    speakers: int
    turns: int
    notes: int
    quotes: int = 0
    unspoken_for: int = 0

    def describe(self) -> str:
        parts = []
        if self.turns:
            parts += [plural(self.speakers, "speaker"), plural(self.turns, "turn")]
        if self.notes:
            parts.append(plural(self.notes, "note"))
        if self.quotes:
            parts.append(plural(self.quotes, "buyer quote"))
        if self.unspoken_for:
            parts.append(f"{plural(self.unspoken_for, 'passage')}, speaker unknown")
        return ", ".join(parts) or "nothing"


def _read_as(utterance: ParsedUtterance) -> str:
    """A quote (a buyer's words in a note or quote column, or a buyer's with no name), speech of
    no known speaker, a note (the rep's, signed by its CRM owner or not), or a turn."""
    if utterance.role == "buyer" and (utterance.quoted or not utterance.speaker):
        return "quote"
    if not utterance.speaker and utterance.role == "unknown" and not utterance.role_from_source:
        return "unspoken_for"
    if utterance.role == "rep_note" or not utterance.speaker:
        return "note"
    return "turn"


def notes_written(kinds: Sequence[str]) -> int:
    """The notes as the rep wrote them: a note's paragraphs, the labels before its quotes
    ("Sue:") and those quotes are one note, not one each (each row of a CRM export, one note
    with three quotes, had read "5 notes, 3 buyer quotes", as if it told the file's five)."""
    runs = itertools.groupby(kinds, key=lambda kind: kind in ("note", "quote"))
    return sum(1 for written, run in runs if written and "note" in run)


def understood(utterances: Sequence[ParsedUtterance]) -> Understood:
    kinds = [_read_as(u) for u in utterances]
    turns = [u for u, kind in zip(utterances, kinds, strict=True) if kind == "turn"]
    return Understood(
        speakers=len({u.speaker for u in turns}),
        turns=len(turns),
        notes=notes_written(kinds),
        quotes=kinds.count("quote"),
        unspoken_for=kinds.count("unspoken_for"),
    )


def _named_speakers(utterances: Sequence[ParsedUtterance]) -> int:
    return len({u.speaker for u in utterances if u.speaker})


def run_on_labels(utterances: Sequence[ParsedUtterance]) -> str | None:
    """A warning when a call read as one speaker (or none) holds what look like other speakers'
    timestamped labels in its text, after a sentence or opening most of its notes: the turns
    were not told apart, and the ingest had only said "created" and "1 speaker" (or "1 note")."""
    if _named_speakers(utterances) > 1:
        return None
    found = (_OPENING_LABEL.match(u.text) for u in utterances)
    opening = [m.group("label") for m in found if m and _names_someone(m.group("label"))]
    if len(opening) * 2 < len(utterances):  # most of the notes, else a note naming a time
        opening = []
    labels = opening + [
        m.group("label") for u in utterances for m in _RUN_ON_LABEL.finditer(u.text)
    ]
    if len(labels) < _RUN_ON_MIN:
        return None
    return (
        f"warning: {plural(len(labels), 'speaker label')} left inside the text (e.g. "
        f'"{labels[0]}"): the turns were not split, check the speakers'
    )


def _names_someone(label: str) -> bool:
    """A label's first word is no day or month: a log of "Monday 10:30 call booked" is notes."""
    first = re.sub(r"^[\W\d_]+", "", label).split(maxsplit=1)
    return bool(first) and first[0].strip(",.").casefold() not in _CALENDAR


def sentences(text: str) -> int:
    """Sentence ends, and a last sentence without one."""
    ends = len(_SENTENCE_END.findall(text))
    tail = _SENTENCE_END.split(text)[-1] if ends else text
    return ends + (1 if tail.strip() else 0)


def _has_header(call: ParsedCall) -> bool:
    return bool(call.call_date or call.account or call.people or call.deal_id or call.outcome)


def check_readable(call: ParsedCall, filename: str) -> None:
    """``BadInput`` when a free-text call has no speaker turns, no header and too little prose
    to be a note; structured formats and CRM rows are not judged here."""
    if call.format not in CHECKED_FORMATS or _has_header(call):
        return
    if _named_speakers(call.utterances):
        _check_lone_line(call, filename)
        return
    text = " ".join(u.text for u in call.utterances)
    words = len(text.split())
    if words >= MIN_NOTE_WORDS or sum(sentences(u.text) for u in call.utterances) >= 2:
        return
    raise _too_little(words, filename)


def _check_lone_line(call: ParsedCall, filename: str) -> None:
    """A file of one speaker's line is held to a note's length, label and all: it is a turn
    now ("Dana (Buyer): ..." had been the rep's note), and "Dana: too pricey" is no call."""
    lines = [line for line in call.raw_text.split("\n") if line.strip()]
    if len(lines) != 1 or len(call.utterances) != 1:
        return
    words = len(lines[0].split())
    if words >= MIN_NOTE_WORDS or sentences(call.utterances[0].text) >= 2:
        return
    raise BadInput(
        f"this does not read as a conversation or a note: one speaker's line only, "
        f"{plural(words, 'word')} in one sentence. Paste the whole transcript with every "
        f"speaker's turns, or a note of at least two sentences or {MIN_NOTE_WORDS} words",
        filename=filename,
    )


def too_short(calls: Sequence[ParsedCall], filename: str) -> BadInput | None:
    """The reason a free-text file that gave no utterances at all is refused, when it is too
    little text to be a note: a file of "Thanks!" had been told it had "no utterances" (its one
    line, a pleasantry, is no note), as if nothing in it could be read."""
    if not calls or any(c.format not in CHECKED_FORMATS or _has_header(c) for c in calls):
        return None
    lines = (line for call in calls for line in call.raw_text.split("\n"))
    text = " ".join(line for line in lines if not _STRUCTURE.match(line))
    words = sum(1 for word in text.split() if any(char.isalnum() for char in word))
    if not words or words >= MIN_NOTE_WORDS or sentences(text) >= 2:
        return None
    return _too_little(words, filename)


def _too_little(words: int, filename: str) -> BadInput:
    if not words:  # "[inaudible]", "...": nothing said ("only 0 words in one sentence" before)
        return BadInput(
            "no words in it to read: only noise marks (inaudible, crosstalk), timestamps or "
            "punctuation. Upload the transcript with what was said",
            filename=filename,
        )
    return BadInput(
        f"this does not read as a conversation or a note: no speaker turns "
        f'("Name: what they said"), no header (Date:, Account:) and only '
        f"{plural(words, 'word')} in one sentence. Paste a transcript with speaker names, or a "
        f"note of at least two sentences or {MIN_NOTE_WORDS} words",
        filename=filename,
    )
