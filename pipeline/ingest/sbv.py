"""SubViewer captions (``.sbv``, YouTube and Vidyard): blocks of a ``0:00:54.908,0:00:58.677``
timing line then the caption lines, a blank line between blocks. Read as SRT and WebVTT cues
are: the times are start times, never text; a speaker only where a line names one (``Name:``,
``>> Name:``); each caption had been a rep's note with its timecode inside the text."""

from __future__ import annotations

import re

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.cues import Cue, cues_to_utterances, voice_outsiders, voiced_cues
from pipeline.ingest.vtt import vtt_seconds

_TIME = r"\d{1,2}:\d{2}:\d{2}(?:\.\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<start>{_TIME})\s*,\s*(?P<end>{_TIME})\s*$")
_MIN_BLOCKS = 2  # one timing line could be anything; two in a row are captions


def looks_like_sbv(text: str) -> bool:
    """The first line is an SBV timing line and another block follows with one."""
    lines = [line for line in text.lstrip("\ufeff").split("\n") if line.strip()]
    timings = [line for line in lines[:40] if _TIMING.match(line)]
    return bool(lines) and _TIMING.match(lines[0]) is not None and len(timings) >= _MIN_BLOCKS


def parse_sbv(text: str, filename: str) -> ParsedCall:
    """One call from an SBV file; a ``BadInput`` when no caption block is found."""
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.lstrip("\ufeff").replace("\r\n", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        timing = _TIMING.match(lines[0]) if lines else None
        if timing is None:
            continue  # a stray text block, not a caption
        start, end = vtt_seconds(timing.group("start")), vtt_seconds(timing.group("end"))
        cues.extend(voiced_cues(start, lines[1:], end))
    if not cues:
        raise BadInput("malformed SBV: no caption blocks found", filename=filename)
    call = ParsedCall(format="sbv", raw_text=text, utterances=cues_to_utterances(cues))
    call.people = voice_outsiders(cues)
    return call
