"""Plain text and Markdown: a speaker-labelled transcript, or notes without speakers.

Metadata lines at the top (``Date: 2026-03-12``, ``Account: Brightside Dental``) fill the call's
fields in both cases.
"""

from __future__ import annotations

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.header import apply_fields, read_header
from pipeline.ingest.notes import parse_notes, strip_inline_markdown
from pipeline.ingest.turns import label_lines, looks_labelled, parse_turns
from pipeline.ingest.values import parse_date

_MAX_TITLE = 120


def parse_text(text: str, fmt: str = "txt") -> ParsedCall:
    """One call from a text body; ``fmt`` is recorded as the call's format."""
    header = read_header(text.split("\n"))
    call = ParsedCall(format=fmt, raw_text=text, utterances=[])
    apply_fields(call, header.fields)
    body = header.body
    labels = label_lines(body)
    if looks_labelled(body, labels):
        preamble, call.utterances = parse_turns(body, labels)
        title, notes = parse_notes(preamble)
        if title is None and notes and len(notes[0].text) <= _MAX_TITLE and len(notes) == 1:
            title, notes = notes[0].text, []
        call.title = call.title or title
        # Text before the first speaker is kept, unattributed, rather than dropped.
        for note in notes:
            note.role, note.role_from_source = "unknown", False
        call.utterances = notes + call.utterances
    else:
        title, call.utterances = parse_notes(body)
        call.title = call.title or title
    call.utterances = [_clean(u) for u in call.utterances]
    _take_leading_date(call)
    return call


def _take_leading_date(call: ParsedCall) -> None:
    """A bare date line near the top (``2026-09-29`` under the title) is the call date."""
    for utterance in call.utterances[:2]:
        if utterance.speaker is None and len(utterance.text) <= 30:
            date = parse_date(utterance.text)
            if date is not None:
                call.call_date = call.call_date or date
                call.utterances.remove(utterance)
                return


def _clean(utterance: ParsedUtterance) -> ParsedUtterance:
    utterance.text = strip_inline_markdown(" ".join(utterance.text.split()))
    return utterance
