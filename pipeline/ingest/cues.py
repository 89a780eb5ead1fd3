"""Subtitle cues (VTT, SRT) to turns: the speaker from a voice tag or a ``Name:`` prefix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.turns import match_label, merge_turns
from pipeline.ingest.values import html_to_text

_VOICE_COMPANY = re.compile(r"^(?P<name>.*?)\s*\((?P<company>[^()]+)\)\s*$")


@dataclass
class Cue:
    start: float
    text: str
    voice: str | None = None


def cues_to_utterances(cues: Iterable[Cue]) -> list[ParsedUtterance]:
    """One utterance per speaker change; consecutive cues of one speaker merge (first start kept).

    A cue with neither a voice tag nor a ``Name:`` prefix continues the previous speaker, as
    captions name the speaker only when it changes.
    """
    pieces: list[ParsedUtterance] = []
    speaker: str | None = None
    company: str | None = None
    for cue in cues:
        if cue.voice:
            voice = _VOICE_COMPANY.match(cue.voice.strip())
            speaker = voice.group("name") if voice else cue.voice.strip()
            company = voice.group("company").strip() if voice else None
        for raw_line in html_to_text(cue.text).split("\n"):
            line = raw_line.strip().removeprefix("- ").strip()
            if not line:
                continue
            turn = None if cue.voice else match_label(line)
            if turn is not None:
                speaker, company, line = turn.speaker, turn.company, turn.text
            if line:
                pieces.append(ParsedUtterance(line, speaker, cue.start, company=company))
    return merge_turns(pieces)
