"""One voice, no names, a time on each line: ``0:09 So this is the Webfleet screen.`` (a Loom or
a voice memo's transcript, ``m:ss``, ``mm:ss`` or ``h:mm:ss``). Each time starts a segment of
the one speaker, named ``Speaker`` so that a user can set its side (``call-update --role``);
the times had been left inside the text as notes of no one."""

from __future__ import annotations

import re

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.values import parse_timestamp

LONE_SPEAKER = "Speaker"
_STAMPED = re.compile(
    r"^[ \t]*[\[(]?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)[\])]?[ \t]*[-–—|]?[ \t]+(?P<text>\S.*)$"
)
_MIN_STAMPS = 3
_STAMPED_SHARE = 0.8  # of the non-blank lines: the rest continue a segment (wrapped text)
# A recording's offsets start near zero; an agenda's "9:00 Intro / 9:30 Demo" are clock times.
_FIRST_START_MAX = 60.0


def stamped_segments(lines: list[str]) -> list[ParsedUtterance] | None:
    """The segments of a one-voice timed transcript, or None when the lines are not one: too
    few stamps, a line before the first, times that do not run forward from near zero."""
    text_lines = [line.strip() for line in lines if line.strip()]
    stamps = [_STAMPED.match(line) for line in text_lines]
    read = [parse_timestamp(found.group("ts")) for found in stamps if found]
    starts = [start for start in read if start is not None]
    if (
        len(starts) < max(_MIN_STAMPS, len(read), _STAMPED_SHARE * len(text_lines))
        or stamps[0] is None
        or starts != sorted(starts)
        or starts[0] > _FIRST_START_MAX
    ):
        return None
    segments: list[ParsedUtterance] = []
    for line, found in zip(text_lines, stamps, strict=True):
        if found is None:
            segments[-1].text = f"{segments[-1].text} {line}"
            continue
        start = parse_timestamp(found.group("ts"))
        segments.append(ParsedUtterance(found.group("text").strip(), LONE_SPEAKER, start))
    return segments
