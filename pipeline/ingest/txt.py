"""Plain text and Markdown: a speaker-labelled transcript, a rep's notes, or raw speech-to-text
with no speakers at all.

Header lines (title, ``Date:``, ``Attendees:``, ``Duration``, note headers, ``SUMMARY KEYWORDS``)
and footers fill the call's fields in every case and are never read as speech.
"""

from __future__ import annotations

import re
from typing import Literal

from pipeline.detect.classify import RECORD_NOTE
from pipeline.ingest.asides import set_aside, step_notes, steps_after_speech
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.call_lines import our_numbers
from pipeline.ingest.chat import chat_as_turns, chat_export
from pipeline.ingest.email_file import Mail, looks_like_email, read_email
from pipeline.ingest.header import key_value
from pipeline.ingest.inline_labels import noted_rivals, split_labelled
from pipeline.ingest.label_shapes import readable_labels
from pipeline.ingest.markdown_text import unescape_call, unfolded_toggles, unlinked_times
from pipeline.ingest.note_labels import spoken_turns
from pipeline.ingest.notes import has_structure, parse_notes, strip_inline_markdown
from pipeline.ingest.people import parse_people
from pipeline.ingest.phone_lines import keep_phone_lines, name_the_caller, unsided_notice
from pipeline.ingest.preamble import (
    Metadata,
    before_promo,
    is_summary_heading,
    read_leading,
    read_lines,
)
from pipeline.ingest.prose import prose_utterances
from pipeline.ingest.quotes import strip_replies
from pipeline.ingest.role_labels import PHONE_SPEAKER
from pipeline.ingest.slack import slack_paste
from pipeline.ingest.summary_notes import aside_notice, is_tool_summary, summary_as_notes
from pipeline.ingest.timed_lines import stamped_segments
from pipeline.ingest.tool_brands import brand_pattern
from pipeline.ingest.tool_lines import is_tool_line
from pipeline.ingest.turns import (
    Turn,
    label_lines,
    looks_labelled,
    name_callers,
    name_time_joined,
    outsiders,
    parse_turns,
)
from pipeline.ingest.values import parse_date

# "file": a whole file; "note": a CRM notes field (the rep's words, never raw speech);
# "transcript": a CRM transcript field (one labelled line is already a transcript).
TextKind = Literal["file", "note", "transcript"]
_PROSE_MIN_CHARS = 600
_PROSE_PARAGRAPH_CHARS = 500


def parse_text(text: str, fmt: str = "txt", *, kind: TextKind = "file") -> ParsedCall:
    """One call from a text body; ``fmt`` is recorded as the call's format."""
    mail = read_email(text) if kind == "file" and looks_like_email(text) else None
    call = None if mail else chat_export(text, fmt) or slack_paste(text, fmt)
    if call is None:
        call = _read_lines(text, fmt, kind, mail)
    return _tidied(call, fmt)


def mail_call(text: str, mail: Mail, fmt: str = "txt") -> ParsedCall:
    """One call from an email already read (a mailbox's thread): as ``parse_text`` reads a
    saved ``.eml``."""
    return _tidied(_read_lines(text, fmt, "file", mail), fmt)


def _tidied(call: ParsedCall, fmt: str) -> ParsedCall:
    call.utterances = [_clean(u) for u in call.utterances if u.text.strip()]
    if fmt == "md":
        unescape_call(call)
    _take_leading_date(call)
    call.outcome = call.outcome or _noted_outcome(call.utterances)
    return call


# A rep's note recording the verdict: "Closed lost - no decision / status quo.", "→ WON",
# "Status: Closed Won". Only a note's own words count, never a buyer's.
_NOTED_OUTCOME = re.compile(
    r"(?:^|[.;]\s+)(?:deal\s+)?closed[\s-]*(?P<closed>won|lost)\b"
    r"|(?:→|->|=>)\s*(?P<arrow>won|lost)\b"
    r"|(?:^|[.;]\s+)(?:status|outcome|result)\s*:\s*(?:closed\s+)?(?P<field>won|lost)\b",
    re.IGNORECASE,
)


def _noted_outcome(utterances: list[ParsedUtterance]) -> str | None:
    """The outcome a rep's note states, when exactly one is stated."""
    found = {
        next(group for group in match.groups() if group).casefold()
        for u in utterances
        if u.role == "rep_note"
        for match in _NOTED_OUTCOME.finditer(u.text)
    }
    return found.pop() if len(found) == 1 else None


def _read_lines(text: str, fmt: str, kind: TextKind, mail: Mail | None) -> ParsedCall:
    """A transcript or notes, header lines as metadata; an email's buyer lines added."""
    lines = mail.lines if mail else chat_as_turns(text.split("\n")) or text.split("\n")
    lines = name_time_joined(readable_labels(unlinked_times(unfolded_toggles(lines))))
    call = ParsedCall(format=fmt, raw_text=text, utterances=[])
    rivals: list[str] = []
    meta, start = read_leading(lines)
    body = lines[start:]
    labels = label_lines(body)
    rep = _sole_rep(meta)
    name_callers(labels, our_numbers(meta.lines), rep)
    if looks_labelled(body, spoken_turns(body, labels, note=kind == "note"), kind=kind):
        numbered = {turn.speaker: turn.number for turn in labels if turn and turn.number}
        keep_phone_lines(call, numbered, rep)
        body, labels, steps = steps_after_speech(body, labels, meta)
        call.utterances = _transcript(body, labels, meta) + step_notes(steps)
        call.notice = aside_notice(meta.sections) or unsided_notice(call.utterances)
        meta.people.extend(outsiders(labels))
    elif kind != "note" and (segments := stamped_segments(body)):
        call.utterances = segments
        call.notice = aside_notice(meta.sections)
    else:
        body, left_out = strip_replies(before_promo(body, meta))
        if left_out:
            call.extra["quoted_reply_lines"] = left_out
        notes = _notes(body, meta, kind)
        rivals = noted_rivals("\n".join(body))  # a "Competitor:" label's, not the summary's
        call.utterances = notes + _written_summary(meta)
        call.notice = aside_notice(meta.sections)
    meta.apply(call)
    call.competitors = list(dict.fromkeys([*call.competitors, *rivals]))
    name_the_caller(call)
    if mail is not None:
        call.utterances += mail.buyer_lines + mail.thread
        if mail.writers:
            call.extra["email_thread"] = mail.writers
        if mail.sender:
            call.extra["email_sender"] = mail.sender
        if mail.cover_note:  # the forwarder's word to a colleague, not the call's
            call.extra["forward_note"] = mail.cover_note
    return call


def _sole_rep(meta: Metadata) -> str | None:
    """The one person the header names as ours, if it names exactly one: a rep's field, else
    the named party of a phone tool's ``Lucia Ferraz → +44 7700 900518`` (its user)."""
    reps = parse_people(meta.fields.get("our_speakers", ""), role="rep")
    named = [person for person in meta.people if person.name != PHONE_SPEAKER]
    if not reps and len(named) == 1 and len(meta.people) == 2:
        reps = named
    return reps[0].name if len(reps) == 1 else None


def _transcript(
    body: list[str], labels: list[Turn | None], meta: Metadata
) -> list[ParsedUtterance]:
    turns = parse_turns(body, labels)
    preamble = _without_tool_summary(turns.preamble, meta)
    leftover = read_lines(preamble, meta)
    _title, notes = parse_notes(leftover)
    if not has_structure(leftover):  # bullets or headings are the note-taker's own notes
        for note in notes:  # other text before the first speaker is kept, unattributed
            note.role, note.role_from_source = "unknown", False
    # After the speech, "Action items" in any case opens the tool's list, not notes.
    _title, after = parse_notes(read_lines(before_promo(turns.trailer, meta), meta, any_case=True))
    return notes + turns.utterances + after


def _without_tool_summary(lines: list[str], meta: Metadata) -> list[str]:
    """A transcript's preamble without the tool's summary: from a "Notes", "Summary" or
    "Details" heading on, it is the tool's words about the call (kept in ``extra``), not speech
    (a Gemini summary had landed in a pain theme as an unknown speaker's line)."""
    for index, line in enumerate(lines):
        if is_summary_heading(line):
            meta.sections.setdefault("summary", []).extend(
                text for text in (raw.strip() for raw in lines[index:]) if text
            )
            return lines[:index]
    return lines


def _written_summary(meta: Metadata) -> list[ParsedUtterance]:
    """A "Summary" section atop notes with no speech: the writer's own record of the account
    ("Wholesale fish supplier to ~120 restaurants…"), not a meeting tool's aside beside a
    transcript; it had been kept out of the notes and lost from every view. A header naming a
    meeting tool ("Zoom AI Companion", "Fireflies.ai") says the summary is the tool's: kept
    aside, and named. Last, so no earlier note's index moves."""
    if _names_a_tool([meta.title or "", *meta.lines]):
        return []
    _title, notes = parse_notes(meta.sections.pop("summary", []))
    for note in notes:
        note.note_kind = note.note_kind or RECORD_NOTE
    return notes


# A header part that is a tool's name, alone or with its product's capitalised words ("Fathom",
# "Zoom AI Companion", "Outreach Kaia"): not one holding it among other words ("Copper & Sons
# Plumbing", "close plan").
_TOOL_PART = re.compile(rf"^(?:{brand_pattern()})(?:\s+[A-Z][\w.]*){{0,3}}$")
_HEADER_PARTS = re.compile(r"\s+[-–—|·:]\s+|\s*[|·]\s*|:\s+|\s+<>\s+")


def _names_a_tool(header: list[str]) -> bool:
    """A header line the meeting tool wrote, or one naming it as a part of its own ("Fathom -
    Brightsmile Dental <> Chairly"); a field naming one ("Location: Zoom") is the call's."""
    return any(
        is_tool_line(line)
        or (
            key_value(line) is None
            and any(_TOOL_PART.match(part.strip("#*_ ")) for part in _HEADER_PARTS.split(line))
        )
        for line in header
    )


def _notes(body: list[str], meta: Metadata, kind: TextKind) -> list[ParsedUtterance]:
    if kind == "file" and is_tool_summary(body):
        body = summary_as_notes(body, meta)
    rest, steps = set_aside(body, meta)
    title, notes = parse_notes(rest, note_field=kind == "note")
    meta.title = meta.title or title
    if kind == "file" and not has_structure(body) and _is_prose(notes):
        return prose_utterances(" ".join(note.text for note in notes)) + step_notes(steps)
    notes, plan = split_labelled(notes)  # "Pain: …", "Next steps: …" inside a note
    if plan:
        meta.sections.setdefault("action_items", []).extend(plan)
    # Last, so no earlier note's index moves (the labelled sets address a sentence by it).
    return notes + step_notes(steps + plan)


def _is_prose(notes: list[ParsedUtterance]) -> bool:
    """Long unbroken paragraphs with no bullets or headings: speech-to-text, not a rep's notes."""
    sizes = [len(note.text) for note in notes]
    return sum(sizes) >= _PROSE_MIN_CHARS and sum(sizes) / len(sizes) >= _PROSE_PARAGRAPH_CHARS


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
