"""Pieces of speech in speech-to-text JSON, and the values they are written with: times as
seconds, ``"1.5s"``, ``"PT1M2.5S"`` or ``{"seconds", "nanos"}``; speakers as numbers, letters
or labels; words that carry a speaker each, merged into turns."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.cues import speakerless_sentences
from pipeline.ingest.turns import merge_turns
from pipeline.ingest.values import clean_optional

Utterances = list[ParsedUtterance]
_NON_SPEECH = re.compile(r"^\s*[\[(<][\w\s-]{1,30}[\])>]\s*$")  # "[noise]", "(laughs)"
_DURATION = re.compile(r"^P?T?(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")
# Labels a service writes for "no speaker": Speechmatics' "UU" when diarization is off.
_NO_SPEAKER = {"uu", "unknown", "none", "null", "-1"}


def seconds(value: Any, scale: float = 1.0) -> float | None:
    """A time as a number, a numeric string (AWS ``"0.04"``), ``"1.5s"`` (Google), an ISO 8601
    duration (``"PT1.2S"``, Azure) or ``{"seconds", "nanos"}``; ``None`` if it is none of these."""
    if isinstance(value, dict):
        whole, nanos = seconds(value.get("seconds", 0)), seconds(value.get("nanos", 0))
        return None if whole is None or nanos is None else whole + nanos / 1e9
    if isinstance(value, str):
        text = value.strip().upper()
        try:
            return seconds(float(text.removesuffix("S")), scale)
        except ValueError:
            match = _DURATION.match(text) if text.startswith("PT") else None
            if match is None:
                return None
            hours, minutes, secs = (float(part or 0) for part in match.groups())
            return seconds(hours * 3600 + minutes * 60 + secs, scale)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value) / scale
    except OverflowError:  # an integer with hundreds of digits
        return None
    return result if math.isfinite(result) and result >= 0 else None


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a list (anything else in it, or a value that is no list, is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def first(value: Any) -> dict[str, Any]:
    """The first object of a list: the best of ``alternatives`` or ``nBest``."""
    return (dicts(value) or [{}])[0]


def speaker_name(value: Any) -> str | None:
    """A bare number or letter (``0``, ``"A"``) reads ``Speaker 0``; a label (``spk_0``,
    ``SPEAKER_01``, a name) is kept; "no speaker" markers are ``None``."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text or text.casefold() in _NO_SPEAKER:
        return None
    if text.isdigit() or (len(text) == 1 and text.isalpha()):
        return f"Speaker {text}"
    return clean_optional(text)


# What an item of a transcript's list is, when the tool mixes its own labels in among the lines
# (Dialpad's ``type: "moment"`` "competitor"/"pricing" beside ``type: "transcript"``).
_KIND_KEYS = ("type", "kind", "item_type", "itemType", "line_type", "lineType", "event_type",
              "eventType", "entry_type", "entryType")  # fmt: skip
_SPEECH_KINDS = {
    "transcript", "speech", "utterance", "sentence", "turn", "monologue", "line", "text",
    "spoken", "dialogue", "paragraph", "segment", "caption", "transcription",
}  # fmt: skip
_NOT_SPEECH_KINDS = {
    "moment", "moments", "highlight", "highlights", "action item", "action items", "action",
    "task", "chapter", "chapters", "note", "notes", "system", "system event", "event", "summary",
    "topic", "topics", "keyword", "keywords", "bookmark", "comment", "tag", "marker",
    "annotation", "tracker", "insight", "label", "recap", "outline", "status",
}  # fmt: skip


def _kind(entry: dict[str, Any]) -> str | None:
    value = next((entry[k] for k in _KIND_KEYS if isinstance(entry.get(k), str)), None)
    return " ".join(value.replace("_", " ").replace("-", " ").casefold().split()) if value else None


def spoken_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items of a transcript's list that are speech: an item whose type or kind names a
    tool's label (a moment, highlight, action item, chapter, note, system event) is dropped,
    and where the list marks its speech lines (``type: "transcript"``) only those are kept.
    Dialpad's "competitor" and "pricing" moments had been read as the buyer's words."""
    kinds = [_kind(entry) for entry in entries]
    marked = any(kind in _SPEECH_KINDS for kind in kinds)
    return [
        entry
        for entry, kind in zip(entries, kinds, strict=True)
        if kind is None or kind in _SPEECH_KINDS or (not marked and kind not in _NOT_SPEECH_KINDS)
    ]


def piece(text: Any, speaker: Any, start: float | None) -> ParsedUtterance | None:
    """A piece of speech; ``None`` for blanks and sounds in brackets (``[noise]``)."""
    if not isinstance(text, str) or not text.strip() or _NON_SPEECH.match(text):
        return None
    return ParsedUtterance(" ".join(text.split()), clean_optional(speaker), start)


def to_turns(pieces: Iterable[ParsedUtterance | None]) -> Utterances:
    """Consecutive pieces of a speaker merged; pieces with no speaker become sentences."""
    return speakerless_sentences(merge_turns([p for p in pieces if p is not None]))


@dataclass
class Word:
    """One word (or punctuation mark) of a word-level transcript."""

    text: str
    speaker: str | None
    start: float | None
    glue: bool = False  # punctuation written against the word before it
    glue_next: bool = False  # an opening mark written against the word after it


def words_to_turns(words: Iterable[Word]) -> Utterances:
    """Words of one speaker in a row become one turn; a word with no speaker (punctuation,
    or a service that labels only some words) continues the turn it follows."""
    pieces: list[ParsedUtterance] = []
    glue_next = False
    for word in words:
        text = word.text.strip()
        if not text:
            continue
        current = pieces[-1] if pieces else None
        if current is None or (
            word.speaker is not None and word.speaker != current.speaker and not word.glue
        ):
            pieces.append(ParsedUtterance(text, word.speaker, word.start))
        else:
            current.text += text if word.glue or glue_next else f" {text}"
            if current.start_seconds is None:
                current.start_seconds = word.start
        glue_next = word.glue_next
    return to_turns(piece(p.text, p.speaker, p.start_seconds) for p in pieces)
