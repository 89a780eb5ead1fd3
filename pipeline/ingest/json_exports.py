"""JSON written by speech-to-text services and call recorders, each told apart by its keys:

- Deepgram (``results.utterances`` / ``paragraphs`` / ``words`` with a ``speaker`` number),
- AssemblyAI (``utterances`` with ``speaker: "A"``, times in milliseconds),
- Whisper and WhisperX (``segments`` with ``text``, an optional ``speaker``),
- the Podcasting 2.0 transcript (``segments`` with ``speaker``, ``startTime``, ``body``),
- contact-centre segments (a list with ``speaker_role: agent|caller``, milliseconds),
- Gong's calls and monologues (read in ``gong``),
- a Slack channel's export (a list of ``type: message`` objects, read in ``slack``);

word- and phrase-level services (AWS, Rev.ai, Speechmatics, Watson, Google, Azure) are read in
``json_words``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.gong import gong_calls, is_gong_export
from pipeline.ingest.json_pieces import (
    Utterances,
    Word,
    as_dict,
    dicts,
    first,
    piece,
    seconds,
    speaker_name,
    to_turns,
    words_to_turns,
)
from pipeline.ingest.json_words import word_reader
from pipeline.ingest.role_labels import role_of_word
from pipeline.ingest.slack import is_slack_export, slack_export

_ASSEMBLYAI_KEYS = ("audio_url", "acoustic_model", "language_model", "audio_duration")


def _deepgram(document: dict[str, Any]) -> Utterances:
    results = as_dict(document.get("results"))
    if isinstance(results.get("utterances"), list):
        return to_turns(
            [
                piece(
                    u.get("transcript"),
                    speaker_name(u.get("speaker")),
                    seconds(u.get("start")),
                )
                for u in dicts(results["utterances"])
            ]
        )
    alternative = first(first(results.get("channels")).get("alternatives"))
    paragraphs = as_dict(alternative.get("paragraphs")).get("paragraphs")
    if isinstance(paragraphs, list):
        return to_turns(
            [
                piece(
                    " ".join(str(s.get("text", "")) for s in dicts(p.get("sentences"))),
                    speaker_name(p.get("speaker")),
                    seconds(p.get("start")),
                )
                for p in dicts(paragraphs)
            ]
        )
    words = dicts(alternative.get("words"))
    if any(w.get("speaker") is not None for w in words):  # diarize without utterances
        return words_to_turns(
            Word(
                str(w.get("punctuated_word") or w.get("word") or ""),
                speaker_name(w.get("speaker")),
                seconds(w.get("start")),
            )
            for w in words
        )
    return to_turns([piece(alternative.get("transcript"), None, 0.0)])


def _assemblyai(document: dict[str, Any]) -> Utterances:
    utterances = document.get("utterances")
    if isinstance(utterances, list) and utterances:
        return to_turns(
            [
                piece(
                    u.get("text"),
                    speaker_name(u.get("speaker")),
                    seconds(u.get("start"), 1000),
                )
                for u in dicts(utterances)
            ]
        )
    words = dicts(document.get("words"))
    if any(w.get("speaker") for w in words):  # speaker labels without utterances
        return words_to_turns(
            Word(
                str(w.get("text") or ""),
                speaker_name(w.get("speaker")),
                seconds(w.get("start"), 1000),
            )
            for w in words
        )
    return to_turns([piece(document.get("text"), None, 0.0)])


def _segments(document: dict[str, Any]) -> Utterances:
    """Whisper ``{start, text, speaker?}`` or Podcasting 2.0 ``{startTime, body, speaker}``."""
    pieces = []
    for segment in dicts(document["segments"]):
        text = segment.get("body", segment.get("text"))
        start = seconds(segment.get("startTime", segment.get("start")))
        pieces.append(piece(text, segment.get("speaker"), start))
    return to_turns(pieces)


def _contact_centre(entries: list[Any]) -> Utterances:
    pieces: list[ParsedUtterance | None] = []
    for entry in dicts(entries):
        text = entry.get("human_transcript") or entry.get("transcript")
        found = piece(text, entry.get("speaker_role"), seconds(entry.get("start_ms"), 1000))
        if found is not None and found.speaker:
            role = role_of_word(found.speaker)
            if role is not None:
                found.role, found.role_from_source = role, True
        pieces.append(found)
    return to_turns(pieces)


def _single(
    reader: Callable[[dict[str, Any]], Utterances],
) -> Callable[[Any, str], list[ParsedCall]]:
    def parse(document: Any, text: str) -> list[ParsedCall]:
        return [ParsedCall(format="json", raw_text=text, utterances=reader(document))]

    return parse


def export_reader(document: Any) -> Callable[[Any, str], list[ParsedCall]] | None:
    """The reader for a known export shape, or ``None`` (then the callmine schema applies)."""
    if is_gong_export(document):
        return gong_calls
    if isinstance(document, list):
        if document and all(isinstance(e, dict) and "speaker_role" in e for e in document):
            return lambda doc, text: [
                ParsedCall(format="json", raw_text=text, utterances=_contact_centre(doc))
            ]
        return slack_export if is_slack_export(document) else None
    if not isinstance(document, dict):
        return None
    results = document.get("results")
    if isinstance(results, dict) and ("utterances" in results or "channels" in results):
        return _single(_deepgram)
    if any(key in document for key in _ASSEMBLYAI_KEYS):
        return _single(_assemblyai)
    if isinstance(document.get("segments"), list) and "utterances" not in document:
        return _single(_segments)
    words = word_reader(document)
    return _single(words) if words is not None else None
