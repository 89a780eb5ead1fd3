"""JSON written by speech-to-text services and call recorders, each told apart by its keys:

- Deepgram (``results.utterances`` / ``paragraphs`` / ``words`` with a ``speaker`` number),
- AssemblyAI (``utterances`` with ``speaker: "A"``, times in milliseconds),
- Whisper and WhisperX (``segments`` with ``text``, an optional ``speaker``),
- the Podcasting 2.0 transcript (``segments`` with ``speaker``, ``startTime``, ``body``),
- contact-centre segments (a list with ``speaker_role: agent|caller``, milliseconds),
- Gong (``calls[].parties`` with an Internal/External ``affiliation`` + ``callTranscripts``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.cues import speakerless_paragraphs
from pipeline.ingest.role_labels import role_of_word
from pipeline.ingest.turns import merge_turns
from pipeline.ingest.values import clean_optional, outcome_from_stage, parse_date

_ASSEMBLYAI_KEYS = ("audio_url", "acoustic_model", "language_model", "audio_duration")
_NON_SPEECH = re.compile(r"^\s*[\[(<][\w\s-]{1,30}[\])>]\s*$")  # "[noise]", "(laughs)"
Utterances = list[ParsedUtterance]


def _seconds(value: Any, scale: float = 1.0) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = float(value) / scale
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a list (anything else in it, or a value that is no list, is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _piece(text: Any, speaker: Any, start: float | None) -> ParsedUtterance | None:
    """A piece of speech; ``None`` for blanks and sounds in brackets (``[noise]``)."""
    if not isinstance(text, str) or not text.strip() or _NON_SPEECH.match(text):
        return None
    name = clean_optional(speaker)
    return ParsedUtterance(" ".join(text.split()), name, start)


def _turns(pieces: list[ParsedUtterance | None]) -> Utterances:
    return speakerless_paragraphs(merge_turns([p for p in pieces if p is not None]))


def _label(prefix: str, value: Any) -> str | None:
    return None if value is None or str(value).strip() == "" else f"{prefix} {value}"


def _deepgram(document: dict[str, Any]) -> Utterances:
    results = _dict(document.get("results"))
    if isinstance(results.get("utterances"), list):
        return _turns(
            [
                _piece(
                    u.get("transcript"),
                    _label("Speaker", u.get("speaker")),
                    _seconds(u.get("start")),
                )
                for u in _dicts(results["utterances"])
            ]
        )
    channel = (_dicts(results.get("channels")) or [{}])[0]
    alternative = (_dicts(channel.get("alternatives")) or [{}])[0]
    paragraphs = _dict(alternative.get("paragraphs")).get("paragraphs")
    if isinstance(paragraphs, list):
        return _turns(
            [
                _piece(
                    " ".join(str(s.get("text", "")) for s in _dicts(p.get("sentences"))),
                    _label("Speaker", p.get("speaker")),
                    _seconds(p.get("start")),
                )
                for p in _dicts(paragraphs)
            ]
        )
    return _turns([_piece(alternative.get("transcript"), None, 0.0)])


def _assemblyai(document: dict[str, Any]) -> Utterances:
    utterances = document.get("utterances")
    if isinstance(utterances, list) and utterances:
        return _turns(
            [
                _piece(
                    u.get("text"),
                    _label("Speaker", u.get("speaker")),
                    _seconds(u.get("start"), 1000),
                )
                for u in _dicts(utterances)
            ]
        )
    return _turns([_piece(document.get("text"), None, 0.0)])


def _segments(document: dict[str, Any]) -> Utterances:
    """Whisper ``{start, text, speaker?}`` or Podcasting 2.0 ``{startTime, body, speaker}``."""
    pieces = []
    for segment in _dicts(document["segments"]):
        text = segment.get("body", segment.get("text"))
        start = _seconds(segment.get("startTime", segment.get("start")))
        pieces.append(_piece(text, segment.get("speaker"), start))
    return _turns(pieces)


def _contact_centre(entries: list[Any]) -> Utterances:
    pieces: list[ParsedUtterance | None] = []
    for entry in _dicts(entries):
        text = entry.get("human_transcript") or entry.get("transcript")
        piece = _piece(text, entry.get("speaker_role"), _seconds(entry.get("start_ms"), 1000))
        if piece is not None and piece.speaker:
            role = role_of_word(piece.speaker)
            if role is not None:
                piece.role, piece.role_from_source = role, True
        pieces.append(piece)
    return _turns(pieces)


def _context_fields(call: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Gong's CRM context: object type -> field name -> value (plus ``objectId``)."""
    found: dict[str, dict[str, str]] = {}
    for system in _dicts(call.get("context")):
        for crm_object in _dicts(system.get("objects")):
            fields = found.setdefault(str(crm_object.get("objectType", "")), {})
            fields.setdefault("objectId", str(crm_object.get("objectId", "")))
            for item in _dicts(crm_object.get("fields")):
                if item.get("value") is not None:
                    fields.setdefault(str(item.get("name")), str(item["value"]))
    return found


def _gong(document: dict[str, Any], text: str) -> list[ParsedCall]:
    transcripts = {
        str(t.get("callId")): _dicts(t.get("transcript"))
        for t in _dicts(document.get("callTranscripts"))
    }
    calls_meta = _dicts(document.get("calls"))
    known = {str(_dict(c.get("metaData")).get("id")) for c in calls_meta}
    calls_meta += [{"metaData": {"id": cid}} for cid in transcripts if cid not in known]
    calls: list[ParsedCall] = []
    for meta_call in calls_meta:
        meta = _dict(meta_call.get("metaData"))
        parties = _dicts(meta_call.get("parties"))
        by_speaker = {str(p["speakerId"]): p for p in parties if p.get("speakerId")}
        call = ParsedCall(format="json", raw_text=text, utterances=[])
        for party in parties:
            role = {"internal": "rep", "external": "buyer"}.get(
                str(party.get("affiliation")).casefold()
            )
            if party.get("name"):
                call.people.append(Person(str(party["name"]), None, role))
        pieces: list[ParsedUtterance | None] = []
        for monologue in transcripts.get(str(meta.get("id")), []):
            party = by_speaker.get(str(monologue.get("speakerId")), {})
            sentences = _dicts(monologue.get("sentences"))
            speaker = party.get("name") or _label("Speaker", monologue.get("speakerId"))
            start = _seconds(sentences[0].get("start"), 1000) if sentences else None
            piece = _piece(" ".join(str(s.get("text", "")) for s in sentences), speaker, start)
            role = {"internal": "rep", "external": "buyer"}.get(
                str(party.get("affiliation")).casefold()
            )
            if piece is not None and role is not None:
                piece.role, piece.role_from_source = role, True
            pieces.append(piece)
        call.utterances = _turns(pieces)
        context = _context_fields(meta_call)
        call.title = clean_optional(meta.get("title"))
        call.call_date = parse_date(meta.get("started") or meta.get("scheduled"))
        call.account = clean_optional(context.get("Account", {}).get("Name"))
        opportunity = context.get("Opportunity", {})
        call.deal_id = clean_optional(opportunity.get("objectId"))
        call.deal_stage = clean_optional(opportunity.get("StageName"))
        call.outcome = outcome_from_stage(call.deal_stage)
        calls.append(call)
    return calls


def _single(
    reader: Callable[[dict[str, Any]], Utterances],
) -> Callable[[Any, str], list[ParsedCall]]:
    def parse(document: Any, text: str) -> list[ParsedCall]:
        return [ParsedCall(format="json", raw_text=text, utterances=reader(document))]

    return parse


def export_reader(document: Any) -> Callable[[Any, str], list[ParsedCall]] | None:
    """The reader for a known export shape, or ``None`` (then the callmine schema applies)."""
    if isinstance(document, list):
        if document and all(isinstance(e, dict) and "speaker_role" in e for e in document):
            return lambda doc, text: [
                ParsedCall(format="json", raw_text=text, utterances=_contact_centre(doc))
            ]
        return None
    if not isinstance(document, dict):
        return None
    if "callTranscripts" in document or (
        isinstance(document.get("calls"), list)
        and any(isinstance(c, dict) and "parties" in c for c in document["calls"])
    ):
        return _gong
    results = document.get("results")
    if isinstance(results, dict) and ("utterances" in results or "channels" in results):
        return _single(_deepgram)
    if any(key in document for key in _ASSEMBLYAI_KEYS):
        return _single(_assemblyai)
    if isinstance(document.get("segments"), list) and "utterances" not in document:
        return _single(_segments)
    return None
