"""Does a text read as a conversation or a note, and what was understood in it.

A transcript has speaker turns; a rep's CRM note is short prose, often a few words a line. What
is neither (``hello there this is not a transcript``) is refused with a clear reason instead of
being stored as a call: a text file needs speaker turns, a header (date, account, attendees), or
a note of at least two sentences or ``MIN_NOTE_WORDS`` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
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
# A speaker label left inside the text after a sentence: "… today? Okafor, Janet (Fleet
# Services) 0:11 Hi Hannah." A reader that missed the label shape glues every turn together.
_RUN_ON_LABEL = re.compile(
    r"[.!?…][\"'”’)\]]*\s+(?P<label>[A-Z][\w'’.-]*(?:,?[ \t]+[A-Z][\w'’.-]*){0,3}"
    r"(?:[ \t]+\([^()\n]{1,60}\))?[ \t]+\d{1,2}:\d{2}(?::\d{2})?)\s+(?=\S)"
)
_RUN_ON_MIN = 2  # one "Monday 10:30" in speech is no label


@dataclass(frozen=True)
class Understood:
    """What a call's text was read as: distinct speakers, their turns, unattributed notes,
    buyer quotes with no name, and speech of no known speaker (captions without speakers had
    been told as "16 notes", as if the rep had written them)."""

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


def understood(utterances: Sequence[ParsedUtterance]) -> Understood:
    turns = [u for u in utterances if u.speaker]
    unnamed = [u for u in utterances if not u.speaker]
    quotes = sum(1 for u in unnamed if u.role == "buyer")
    unspoken_for = sum(1 for u in unnamed if u.role == "unknown" and not u.role_from_source)
    return Understood(
        speakers=len({u.speaker for u in turns}),
        turns=len(turns),
        notes=len(unnamed) - quotes - unspoken_for,
        quotes=quotes,
        unspoken_for=unspoken_for,
    )


def run_on_labels(utterances: Sequence[ParsedUtterance]) -> str | None:
    """A warning when a call read as one speaker (or none) holds what look like other speakers'
    timestamped labels in its text: the turns were not told apart, and the ingest had only
    said "created" and "1 speaker"."""
    if understood(utterances).speakers > 1:
        return None
    labels = [m.group("label") for u in utterances for m in _RUN_ON_LABEL.finditer(u.text)]
    if len(labels) < _RUN_ON_MIN:
        return None
    return (
        f"warning: {plural(len(labels), 'speaker label')} left inside the text (e.g. "
        f'"{labels[0]}"): the turns were not split, check the speakers'
    )


def sentences(text: str) -> int:
    """Sentence ends, and a last sentence without one."""
    ends = len(_SENTENCE_END.findall(text))
    tail = _SENTENCE_END.split(text)[-1] if ends else text
    return ends + (1 if tail.strip() else 0)


def check_readable(call: ParsedCall, filename: str) -> None:
    """``BadInput`` when a free-text call has no speaker turns, no header and too little prose
    to be a note; structured formats and CRM rows are not judged here."""
    if call.format not in CHECKED_FORMATS or understood(call.utterances).turns:
        return
    if call.call_date or call.account or call.people or call.deal_id or call.outcome:
        return
    text = " ".join(u.text for u in call.utterances)
    words = len(text.split())
    if words >= MIN_NOTE_WORDS or sum(sentences(u.text) for u in call.utterances) >= 2:
        return
    raise BadInput(
        f"this does not read as a conversation or a note: no speaker turns "
        f'("Name: what they said"), no header (Date:, Account:) and only '
        f"{plural(words, 'word')} in one sentence. Paste a transcript with speaker names, or a "
        f"note of at least two sentences or {MIN_NOTE_WORDS} words",
        filename=filename,
    )
