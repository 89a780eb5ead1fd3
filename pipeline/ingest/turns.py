"""Speaker-labelled lines: ``Name: text``, ``[00:01:02] Name (Company): text``, ``Name  00:01:02``.

Shared by the plain-text, subtitle and DOCX readers, which all end up with labelled lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.header import FIELD_LABELS, label_key
from pipeline.ingest.values import parse_timestamp

_TS = r"\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_NAME = r"[^\W\d_][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,4}"
_COMPANY = r"(?:[ \t]*\((?P<company>[^()\n]{1,80})\))?"
# [00:01:02] Maya Chen (Acme): text   |   00:01:02 - Maya: text   |   **Maya:** text
_LABEL = re.compile(
    rf"^[ \t]*(?:[\[(]?(?P<ts>{_TS})[\])]?[ \t]*[-–—|]?[ \t]*)?"
    rf"[*_]{{0,2}}(?P<name>{_NAME}){_COMPANY}[ \t]*(?:[\[(](?P<ts2>{_TS})[\])])?[*_]{{0,2}}"
    rf"[ \t]*:[*_]{{0,2}}(?:[ \t]+(?P<text>.*))?$"
)
# Zoom / Otter / Teams: "Maya Chen  00:01:02" (or "Maya Chen (Acme) | 1:02") on its own line.
_HEADER = re.compile(
    rf"^[ \t]*[*_]{{0,2}}(?P<name>{_NAME}){_COMPANY}[*_]{{0,2}}[ \t]*[|·\-–]?[ \t]+"
    rf"[\[(]?(?P<ts>{_TS})[\])]?[ \t]*$"
)
_TS_LINE = re.compile(rf"^[ \t]*[\[(]?(?P<ts>{_TS})[\])]?[ \t]*$")
_PARTICLES = {"de", "van", "von", "da", "del", "der", "di", "le", "la", "du", "bin", "al", "y"}


@dataclass
class Turn:
    """One labelled line (or a header line) found in the text."""

    speaker: str
    company: str | None
    start: float | None
    text: str


def person_like(name: str) -> bool:
    """``Maya Chen``, ``SPEAKER 1``, ``Dr. Li``: capitalised words, not a notes field label."""
    if label_key(name) in FIELD_LABELS or label_key(name) in _NOT_SPEAKERS:
        return False
    words = name.split()
    if not words or len(name) > 50:
        return False
    for index, word in enumerate(words):
        if word.isdigit() and index > 0:
            continue
        if not word[0].isupper() and word not in _PARTICLES:
            return False
    return True


# Labels seen in notes that look like names but are not speakers.
_NOT_SPEAKERS = {
    "note", "notes", "summary", "agenda", "next steps", "action items", "follow up", "follow-up",
    "todo", "to do", "budget", "timeline", "pricing", "price", "decision", "objections",
    "objection", "pain", "pain points", "questions", "question", "answer", "q", "a", "re", "fyi",
    "update", "context", "background", "goal", "goals", "risks", "risk", "status", "recap",
    "feedback", "concerns", "concern", "why now", "champion", "blockers", "highlights", "warning",
    "important", "tip", "example", "e.g", "i.e", "ps", "p.s", "http", "https", "mailto",
    "speaker", "name", "time", "text", "source", "link", "email", "phone",
}  # fmt: skip


def match_label(line: str) -> Turn | None:
    """The turn a line opens (``Name: text`` or a Zoom-style header line), or ``None``."""
    match = _LABEL.match(line)
    if match and person_like(match.group("name")):
        text = (match.group("text") or "").strip()
        if not text.startswith("//"):
            start = parse_timestamp(match.group("ts") or match.group("ts2"))
            company = _company(match.group("company"))
            if company is not None and start is None and _TS_LINE.match(company):
                start, company = parse_timestamp(company), None  # "Maya (00:01:02): text"
            return Turn(match.group("name").strip(), company, start, text)
    match = _HEADER.match(line)
    if match and person_like(match.group("name")):
        start = parse_timestamp(match.group("ts"))
        return Turn(match.group("name").strip(), _company(match.group("company")), start, "")
    return None


def _company(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def label_lines(lines: list[str]) -> list[Turn | None]:
    """``match_label`` of every line, computed once for ``looks_labelled`` and ``parse_turns``."""
    return [match_label(line) for line in lines]


def looks_labelled(lines: list[str], labels: list[Turn | None]) -> bool:
    """Is this a speaker-labelled transcript (rather than notes with a few ``Label:`` lines)?"""
    turns = [turn for turn in labels if turn is not None]
    if len(turns) < 2:
        return False
    counts = Counter(turn.speaker.casefold() for turn in turns)
    timed = sum(turn.start is not None for turn in turns)
    non_empty = sum(bool(line.strip()) for line in lines)
    repeated = counts.most_common(1)[0][1] >= 2
    return (
        timed >= 2
        or (repeated and len(counts) <= max(2, len(turns) // 2))
        or (len(counts) >= 2 and len(turns) * 2 >= non_empty)
    )


def parse_turns(
    lines: list[str], labels: list[Turn | None]
) -> tuple[list[str], list[ParsedUtterance]]:
    """Split labelled lines into turns; lines before the first label are returned as preamble.

    A line without a label continues the current turn (multi-line turns, wrapped text); a line
    holding only a timestamp gives the start time of the next turn (Google Meet exports).
    """
    preamble: list[str] = []
    utterances: list[ParsedUtterance] = []
    pending_start: float | None = None
    for line, turn in zip(lines, labels, strict=True):
        if turn is not None:
            start = turn.start if turn.start is not None else pending_start
            pending_start = None
            utterances.append(ParsedUtterance(turn.text, turn.speaker, start, company=turn.company))
            continue
        ts_line = _TS_LINE.match(line)
        if ts_line:
            pending_start = parse_timestamp(ts_line.group("ts"))
            continue
        if not line.strip():
            continue
        if utterances:
            current = utterances[-1]
            current.text = f"{current.text} {line.strip()}".strip()
        else:
            preamble.append(line)
    return preamble, merge_turns([u for u in utterances if u.text])


def merge_turns(utterances: list[ParsedUtterance]) -> list[ParsedUtterance]:
    """Consecutive pieces by the same speaker become one turn that keeps the first start time."""
    merged: list[ParsedUtterance] = []
    for utterance in utterances:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and utterance.speaker is not None
            and previous.speaker == utterance.speaker
            and previous.role == utterance.role
        ):
            previous.text = f"{previous.text} {utterance.text}".strip()
            previous.company = previous.company or utterance.company
            if previous.start_seconds is None:
                previous.start_seconds = utterance.start_seconds
            continue
        merged.append(utterance)
    return merged
