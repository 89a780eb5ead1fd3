"""WebVTT captions (Zoom, Teams, Meet): ``<v Speaker>`` voice tags or ``Speaker: text`` cues."""

from __future__ import annotations

import io
import re

import webvtt
from webvtt.errors import MalformedFileError

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.cues import Cue, cues_to_utterances
from pipeline.ingest.values import parse_timestamp

_TIMING = re.compile(
    r"^\s*(?:\d+:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d+:)?\d{2}:\d{2}\.\d{3}(?:\s+.*)?$"
)


def looks_like_vtt(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("WEBVTT")


def parse_vtt(text: str, filename: str) -> ParsedCall:
    """One call from a WebVTT file; a ``BadInput`` names the first bad line."""
    if not looks_like_vtt(text):
        raise BadInput("malformed WebVTT: the file does not start with 'WEBVTT'", filename=filename)
    for number, line in enumerate(text.split("\n"), start=1):
        if "-->" in line and not _TIMING.match(line):
            raise BadInput(
                f"malformed WebVTT: bad cue timing on line {number}: {line.strip()[:80]!r}",
                filename=filename,
            )
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")))
    except MalformedFileError as exc:
        raise BadInput(f"malformed WebVTT: {exc}", filename=filename) from exc
    cues = [
        Cue(parse_timestamp(caption.start) or 0.0, caption.text, caption.voice)
        for caption in captions.captions
    ]
    return ParsedCall(format="vtt", raw_text=text, utterances=cues_to_utterances(cues))
