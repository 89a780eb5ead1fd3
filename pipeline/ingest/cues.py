"""Subtitle cues (VTT, SRT) to turns: the speaker from a voice tag or a ``Name:``/``[Name]``
prefix; captions with no speaker at all become paragraphs of whole sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.names import bracket_company
from pipeline.ingest.prose import PARAGRAPH_CHARS, chunk_text
from pipeline.ingest.turns import match_label, merge_turns
from pipeline.ingest.values import html_to_text

_VOICE_COMPANY = re.compile(r"^(?P<name>.*?)\s*\((?P<company>[^()]+)\)\s*$")
# A WebVTT voice tag (``<v Name>`` or ``<v.loud Name>``); Teams and some converters put them in
# SRT files too.
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*\s+(?P<name>[^>]+)>")


@dataclass
class Cue:
    start: float
    text: str
    voice: str | None = None


def voiced_cues(start: float, lines: Iterable[str]) -> list[Cue]:
    """A cue per payload line at ``start``, each with the voice its line or an earlier line of
    the same payload names."""
    voice: str | None = None
    cues: list[Cue] = []
    for line in lines:
        tag = _VOICE.search(line)
        if tag:
            voice = tag.group("name").strip()
        cues.append(Cue(start, line, voice))
    return cues


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
            company = bracket_company(voice.group("company")) if voice else None
        for raw_line in html_to_text(cue.text).split("\n"):
            line = raw_line.strip().removeprefix("- ").strip()
            if not line:
                continue
            turn = None if cue.voice else match_label(line, bracketed=True)
            if turn is not None:
                speaker, company, line = turn.speaker, turn.company, turn.text
            if line:
                pieces.append(ParsedUtterance(line, speaker, cue.start, company=company))
    return speakerless_paragraphs(merge_turns(pieces))


def speakerless_paragraphs(utterances: Sequence[ParsedUtterance]) -> list[ParsedUtterance]:
    """Runs of pieces with no speaker (captions, ASR segments) regrouped into paragraphs of
    whole sentences, each starting at the time of the piece its first word came from."""
    result: list[ParsedUtterance] = []
    run: list[ParsedUtterance] = []
    for utterance in [*utterances, None]:
        if utterance is not None and utterance.speaker is None:
            run.append(utterance)
            continue
        if run:
            result.extend(_paragraphs(run))
            run = []
        if utterance is not None:
            result.append(utterance)
    return result


def _paragraphs(run: list[ParsedUtterance]) -> list[ParsedUtterance]:
    texts = [" ".join(piece.text.split()) for piece in run]
    offsets: list[int] = []
    position = 0
    for text in texts:
        offsets.append(position)
        position += len(text) + 1
    joined = " ".join(texts)
    paragraphs: list[ParsedUtterance] = []
    cursor = 0
    for chunk in chunk_text(joined, PARAGRAPH_CHARS):
        found = joined.find(chunk[:40], cursor)
        cursor = max(found, cursor)
        owner = max((i for i, offset in enumerate(offsets) if offset <= cursor), default=0)
        paragraphs.append(ParsedUtterance(chunk, None, run[owner].start_seconds))
        cursor += len(chunk)
    return paragraphs
