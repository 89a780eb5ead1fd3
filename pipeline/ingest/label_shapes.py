"""Speaker lines written in shapes the label reader (``turns``) does not take as they are,
rewritten into ones it does before the lines are read:

- a timed label as a list item: ``- 00:04 Paul Oakes: text`` (Tactiq's Google Meet export,
  any Markdown list of ``time Name: text``, numbered ``1. 00:04 …`` too);
- a time spelled out: ``Lena Hofer   0 minutes 34 seconds`` over the text (a Teams or Stream
  transcript copied from the web page; also ``1 minute 20 seconds``, ``1 hour 2 minutes 5
  seconds``), or that time alone on the line under the name.

Both had been read as one rep's note per line, the names and times left inside the text."""

from __future__ import annotations

import re

from pipeline.ingest.turns import match_label, person_like

_BULLET = re.compile(r"^[ \t]*(?:[-*+•·]|\d{1,4}[.)])[ \t]+(?=[*_]{0,2}[\[(]?\d{1,3}:\d{2})")
# "1 hour 2 minutes 5 seconds": minutes and seconds always, hours when past the first hour.
SPELLED_TIME = (
    r"(?:(?P<hours>\d{1,2})[ \t]+hours?,?[ \t]+)?(?P<minutes>\d{1,3})[ \t]+minutes?,?[ \t]+"
    r"(?P<seconds>\d{1,2})[ \t]+seconds?"
)
_SPELLED_LINE = re.compile(rf"^(?P<name>[ \t]*\S.*?)?[ \t]*\b{SPELLED_TIME}[ \t]*$")
_MIN_LINES = 2  # one bulleted "- 9:30 Dana: called back" among notes is no transcript


def spelled_seconds(found: re.Match[str]) -> int:
    """The seconds a ``SPELLED_TIME`` match stands for."""
    hours = int(found.group("hours") or 0)
    return hours * 3600 + int(found.group("minutes")) * 60 + int(found.group("seconds"))


def _clock(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _unbulleted(line: str) -> str | None:
    """The line without its bullet when what follows is a timed speaker label."""
    found = _BULLET.match(line)
    if found is None:
        return None
    rest = line[found.end() :]
    turn = match_label(rest)
    return rest if turn is not None and turn.start is not None else None


def _clocked(line: str, previous: str) -> str | None:
    """The line with its spelled time as a clock time, when it names a speaker with it, or
    is that time alone under a line holding only a name."""
    found = _SPELLED_LINE.match(line)
    if found is None:
        return None
    clock = _clock(spelled_seconds(found))
    name = (found.group("name") or "").strip()
    if not name:
        above = previous.strip()
        return clock if above and person_like(re.sub(r"\s*\(.*\)$", "", above)) else None
    rewritten = f"{name}  {clock}"
    turn = match_label(rewritten)
    return rewritten if turn is not None and turn.start is not None and not turn.text else None


def readable_labels(lines: list[str]) -> list[str]:
    """The lines with bulleted timed labels and spelled-out times in the label reader's shapes,
    when at least two lines are such labels; otherwise the lines as they were."""
    rewritten: list[str] = []
    changed = 0
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else ""
        new = _unbulleted(line) or _clocked(line, previous)
        changed += new is not None
        rewritten.append(line if new is None else new)
    return rewritten if changed >= _MIN_LINES else lines
