"""WebVTT captions (Zoom, Teams, Meet, speech-to-text tools): ``<v Speaker>`` voice tags, with or
without ``</v>``, or ``Speaker: text`` cues.

Read here rather than with a library: exports bend the spec (Teams writes ``0:0:0.570``, some
tools seconds only, ``12.5``), and every cue must be kept, in order, overlapping or not.
"""

from __future__ import annotations

import re

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.cues import Cue, cues_to_utterances, voice_outsiders, voiced_cues

_TIME = r"(?:\d{1,3}:){0,2}\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<start>{_TIME})\s+-->\s+(?P<end>{_TIME})(?:\s+.*)?$")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


def looks_like_vtt(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("WEBVTT")


def vtt_seconds(value: str) -> float:
    """``1:02:03.5``, ``0:0:4.120``, ``04.620``, ``3.480`` -> seconds."""
    *parts, seconds = value.replace(",", ".").split(":")
    whole, _, fraction = seconds.partition(".")
    total = int(whole) + sum(int(part) * 60**index for index, part in enumerate(reversed(parts), 1))
    return total + int(fraction.ljust(3, "0")) / 1000 if fraction else float(total)


def parse_vtt(text: str, filename: str) -> ParsedCall:
    """One call from a WebVTT file; a ``BadInput`` names the first bad line."""
    if not looks_like_vtt(text):
        raise BadInput("malformed WebVTT: the file does not start with 'WEBVTT'", filename=filename)
    lines = text.lstrip("\ufeff").split("\n")
    cues: list[Cue] = []
    index = _skip_block(lines, 0)  # the WEBVTT line and its header lines
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        if lines[index].strip().split(" ")[0] in _SKIPPED_BLOCKS:
            index = _skip_block(lines, index)
            continue
        end = _skip_block(lines, index)
        cues.extend(_cue(lines, index, end, filename))
        index = end
    call = ParsedCall(format="vtt", raw_text=text, utterances=cues_to_utterances(cues))
    call.people = voice_outsiders(cues)
    return call


def _skip_block(lines: list[str], index: int) -> int:
    while index < len(lines) and lines[index].strip():
        index += 1
    return index


def _cue(lines: list[str], start: int, end: int, filename: str) -> list[Cue]:
    """The cue in ``lines[start:end]``: an optional id line, the timing line, the payload."""
    block = lines[start:end]
    timing_at = next((i for i, line in enumerate(block) if "-->" in line), None)
    for offset, line in enumerate(block):
        if "-->" in line and not _TIMING.match(line):
            raise BadInput(
                f"malformed WebVTT: bad cue timing on line {start + offset + 1}: "
                f"{line.strip()[:80]!r}",
                filename=filename,
            )
    if timing_at is None or timing_at > 1:
        return []  # a stray text block, not a cue
    timing = _TIMING.match(block[timing_at])
    assert timing is not None  # checked above
    return voiced_cues(
        vtt_seconds(timing.group("start")), block[timing_at + 1 :], vtt_seconds(timing.group("end"))
    )
