"""SubRip subtitles with the speaker as a ``Name:`` prefix or a ``<v Name>`` voice tag."""

from __future__ import annotations

import re

import srt

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.cues import cues_to_utterances, voice_outsiders, voiced_cues

_FIRST_CUE = re.compile(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")


def looks_like_srt(text: str) -> bool:
    return bool(_FIRST_CUE.match(text.lstrip("\ufeff")))


def parse_srt(text: str, filename: str) -> ParsedCall:
    """One call from an SRT file; a ``BadInput`` quotes where the parser stopped."""
    try:
        subtitles = list(srt.parse(text.lstrip("\ufeff")))
    except (srt.SRTParseError, ValueError) as exc:
        raise BadInput(f"malformed SRT: {_short(exc)}", filename=filename) from exc
    if not subtitles and text.strip():
        raise BadInput("malformed SRT: no subtitle blocks found", filename=filename)
    cues = [
        cue
        for sub in subtitles
        for cue in voiced_cues(
            sub.start.total_seconds(), sub.content.split("\n"), sub.end.total_seconds()
        )
    ]
    call = ParsedCall(format="srt", raw_text=text, utterances=cues_to_utterances(cues))
    call.people = voice_outsiders(cues)
    return call


def _short(exc: Exception) -> str:
    message = str(exc)
    return message if len(message) <= 200 else message[:197] + "..."
