"""Subtitle cues (VTT, SRT, SBV) to turns: the speaker from a voice tag or a ``Name:``/``[Name]``
prefix (after a ``>>`` speaker-change mark, as broadcast captions write it); captions with no
speaker at all become their captions where each ends its sentences, else their sentences, or,
unpunctuated (YouTube's auto-captions), their phrases: a pause, a sound tag, a bare ``>>`` or a
line ended before it was full ends one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.ingest.base import ParsedUtterance, Person
from pipeline.ingest.names import bracket_company, first_last, is_outsider_tag
from pipeline.ingest.prose import PARAGRAPH_CHARS, sentence_pieces
from pipeline.ingest.turns import match_label, merge_turns, person_like
from pipeline.ingest.values import html_to_text

_VOICE_COMPANY = re.compile(r"^(?P<name>.*?)\s*\((?P<company>[^()]+)\)\s*$")
# A WebVTT voice tag (``<v Name>`` or ``<v.loud Name>``); Teams and some converters put them in
# SRT files too.
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*\s+(?P<name>[^>]+)>")


# Broadcast captions (YouTube, Vidyard) mark a change of speaker with ">>", named or not.
_CHANGE_MARK = ">>"
_SOUND = re.compile(r"^[\[(](?P<tag>[^\])]{1,30})[\])]$")  # "[Music]", "(laughs)"
_PAUSE_SECONDS = 1.5  # a silence this long between two captions ends a phrase
_ENDS_SENTENCE = re.compile(r"[.!?…]")
_ENDS_CAPTION = re.compile(r"[.!?…][\"'”’)\]]*$")  # a caption whose last sentence ends in it
_WIDTH_SHARE = 0.9  # the caption width: the line length nine lines in ten stay within
_MIN_LINES_FOR_WIDTH = 5


@dataclass
class Cue:
    start: float
    text: str
    voice: str | None = None
    end: float | None = None


def voiced_cues(start: float, lines: Iterable[str], end: float | None = None) -> list[Cue]:
    """A cue per payload line at ``start``, each with the voice its line or an earlier line of
    the same payload names."""
    voice: str | None = None
    cues: list[Cue] = []
    for line in lines:
        tag = _VOICE.search(line)
        if tag:
            voice = tag.group("name").strip()
        cues.append(Cue(start, line, voice, end))
    return cues


def is_sound(line: str) -> bool:
    """A caption of a sound, not words: ``[Music]``, ``(laughs)``; ``[Maya Chen]`` is a name."""
    tag = _SOUND.match(line.strip())
    return tag is not None and not person_like(tag.group("tag").strip())


def cues_to_utterances(cues: Iterable[Cue]) -> list[ParsedUtterance]:
    """One utterance per speaker change; consecutive cues of one speaker merge (first start kept).

    A cue with neither a voice tag nor a ``Name:`` prefix continues the previous speaker, as
    captions name the speaker only when it changes; captions with no speaker yet are split
    into sentences or phrases (``caption_phrases``).
    """
    pieces: list[ParsedUtterance] = []
    unvoiced: list[Cue | None] = []  # None: a sound between captions, which ends a phrase
    speaker: str | None = None
    company: str | None = None
    for cue in cues:
        if cue.voice:
            speaker, bracket = _voice_parts(cue.voice)
            company = bracket_company(bracket)
        for raw_line in html_to_text(cue.text).split("\n"):
            line = raw_line.strip().removeprefix("- ").strip()
            if line.startswith(_CHANGE_MARK):
                line = line.removeprefix(_CHANGE_MARK).strip()
                if not cue.voice and match_label(line, bracketed=True) is None:
                    speaker, company = None, None  # someone else, not named
                    unvoiced.append(None)
            if not line or is_sound(line):
                unvoiced.extend([None] if line and speaker is None else [])
                continue
            turn = None if cue.voice else match_label(line, bracketed=True)
            if turn is not None:
                speaker, company, line = turn.speaker, turn.company, turn.text
            if line and speaker is None:
                unvoiced.append(Cue(cue.start, line, None, cue.end))
            elif line:
                pieces.extend(caption_phrases(unvoiced))
                unvoiced = []
                pieces.append(ParsedUtterance(line, speaker, cue.start, company=company))
    pieces.extend(caption_phrases(unvoiced))
    return merge_turns(pieces)


def _voice_parts(voice: str) -> tuple[str, str | None]:
    """A voice tag's speaker ("<v Okafor, Janet (Guest)>" -> "Janet Okafor") and its bracket."""
    found = _VOICE_COMPANY.match(voice.strip())
    name = found.group("name") if found else voice.strip()
    return first_last(name), found.group("company") if found else None


def voice_outsiders(cues: Iterable[Cue]) -> list[Person]:
    """The voices tagged "(Guest)" or "(External)": the buyer's side unless the roster says
    otherwise, as for a labelled line (``turns.outsiders``)."""
    names = dict.fromkeys(
        name
        for name, bracket in (_voice_parts(c.voice) for c in cues if c.voice)
        if is_outsider_tag(bracket)
    )
    return [Person(name, role="buyer") for name in names]


def caption_phrases(captions: Sequence[Cue | None]) -> list[ParsedUtterance]:
    """Captions with no speaker as their sentences, split also where the speech stopped: a
    pause, a sound (``None``), or, when nothing is punctuated, a line ended before it was full
    (auto-captions fill each line to a width; a turn ending breaks it early)."""
    lines = [cue for cue in captions if cue is not None]
    punctuated = any(_ENDS_SENTENCE.search(cue.text) for cue in lines)
    width = None if punctuated else _caption_width(lines)
    phrases: list[list[ParsedUtterance]] = [[]]
    for index, cue in enumerate(captions):
        following = captions[index + 1] if index + 1 < len(captions) else None
        if cue is None:
            phrases.append([])
            continue
        phrases[-1].append(ParsedUtterance(" ".join(cue.text.split()), None, cue.start))
        if following is not None and _stops_after(cue, following, width):
            phrases.append([])
    return [unit for phrase in phrases if phrase for unit in _caption_units(phrase)]


def _caption_units(phrase: list[ParsedUtterance]) -> list[ParsedUtterance]:
    """A caption that opens and closes its sentences is one passage, as its captioner cut it
    (an SRT of 27 such cues had been 49 sentences, "No worries." apart from the rest of that
    turn); captions a sentence runs across are read as their sentences."""
    units: list[ParsedUtterance] = []
    run: list[ParsedUtterance] = []
    for piece in phrase:
        run.append(piece)
        if _ENDS_CAPTION.search(piece.text):
            units.extend(run if len(run) == 1 else _sentences(run))
            run = []
    return units + (_sentences(run) if run else [])


def _caption_width(lines: Sequence[Cue]) -> int | None:
    if len(lines) < _MIN_LINES_FOR_WIDTH:
        return None
    lengths = sorted(len(" ".join(cue.text.split())) for cue in lines)
    return lengths[int(_WIDTH_SHARE * (len(lengths) - 1))]


def _stops_after(cue: Cue, following: Cue, width: int | None) -> bool:
    if cue.end is not None and following.start - cue.end >= _PAUSE_SECONDS:
        return True
    if width is None:
        return False
    next_word = following.text.split()[0] if following.text.split() else ""
    return len(" ".join(cue.text.split())) + 1 + len(next_word) < width


def speakerless_sentences(utterances: Sequence[ParsedUtterance]) -> list[ParsedUtterance]:
    """Runs of pieces with no speaker (ASR segments) regrouped into whole sentences, each
    starting at the time of the piece its first word came from: a paragraph of several would
    join what different people said."""
    result: list[ParsedUtterance] = []
    run: list[ParsedUtterance] = []
    for utterance in [*utterances, None]:
        if utterance is not None and utterance.speaker is None:
            run.append(utterance)
            continue
        if run:
            result.extend(_sentences(run))
            run = []
        if utterance is not None:
            result.append(utterance)
    return result


def _sentences(run: list[ParsedUtterance]) -> list[ParsedUtterance]:
    texts = [" ".join(piece.text.split()) for piece in run]
    offsets: list[int] = []
    position = 0
    for text in texts:
        offsets.append(position)
        position += len(text) + 1
    joined = " ".join(texts)
    sentences: list[ParsedUtterance] = []
    cursor = 0
    for piece in sentence_pieces(joined, PARAGRAPH_CHARS):
        found = joined.find(piece[:40], cursor)
        cursor = max(found, cursor)
        owner = max((i for i, offset in enumerate(offsets) if offset <= cursor), default=0)
        sentences.append(ParsedUtterance(piece, None, run[owner].start_seconds))
        cursor += len(piece)
    return sentences
