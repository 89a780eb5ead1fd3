"""Speech-to-text JSON read word by word or phrase by phrase, each told apart by its keys:

- Amazon Transcribe (``results.items``, the speaker from ``items[].speaker_label``, from the
  ``speaker_labels``/``channel_labels`` segment holding the word's start, or ``audio_segments``),
- Rev.ai (``monologues[{speaker, elements}]``),
- Speechmatics (``results[{type, alternatives[{content, speaker}]}]``),
- IBM Watson (``results[].alternatives[].timestamps`` + top-level ``speaker_labels``),
- Google Cloud Speech-to-Text (``results[].alternatives[].words`` with ``speakerTag``),
- Azure AI Speech (``recognizedPhrases[{speaker, nBest}]``, or ``phrases`` of fast transcription).

Every service writes words with a speaker each: ``words_to_turns`` makes them turns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.ingest.json_pieces import (
    Utterances,
    Word,
    as_dict,
    dicts,
    first,
    piece,
    seconds,
    speaker_name,
    to_turns,
    words_to_turns,
)
from pipeline.ingest.values import clean_optional

_HESITATION = re.compile(r"^%[A-Z]+$")  # Watson's "%HESITATION"
_TICKS_PER_SECOND = 10_000_000


def _aws_labels(results: dict[str, Any]) -> dict[float, str]:
    """Word start -> speaker (or channel) label, from the segments that list the words."""
    labels: dict[float, str] = {}
    groups = (
        (dicts(as_dict(results.get("speaker_labels")).get("segments")), "speaker_label"),
        (dicts(as_dict(results.get("channel_labels")).get("channels")), "channel_label"),
    )
    for segments, key in groups:
        for segment in segments:
            for item in dicts(segment.get("items")):
                start = seconds(item.get("start_time"))
                label = item.get(key) or segment.get(key)
                if start is not None and label:
                    labels.setdefault(start, str(label))
    return labels


def _aws(document: dict[str, Any]) -> Utterances:
    results = as_dict(document.get("results"))
    audio = dicts(results.get("audio_segments"))
    if audio:  # newer output: the turns are written out already
        return to_turns(
            piece(
                s.get("transcript"),
                speaker_name(s.get("speaker_label") or s.get("channel_label")),
                seconds(s.get("start_time")),
            )
            for s in audio
        )
    labels = _aws_labels(results)
    words = []
    for item in dicts(results.get("items")):
        start = seconds(item.get("start_time"))
        label = item.get("speaker_label") or item.get("channel_label")
        if label is None and start is not None:
            label = labels.get(start)
        content = first(item.get("alternatives")).get("content")
        glue = item.get("type") == "punctuation"
        words.append(Word(str(content or ""), speaker_name(label), start, glue=glue))
    if not words:
        transcript = first(results.get("transcripts")).get("transcript")
        return to_turns([piece(transcript, None, 0.0)])
    return words_to_turns(words)


def _rev(document: dict[str, Any]) -> Utterances:
    """Spaces are elements of their own: a monologue's text is its values joined."""
    pieces = []
    for monologue in dicts(document.get("monologues")):
        elements = [e for e in dicts(monologue.get("elements")) if e.get("type") != "unknown"]
        text = "".join(str(e.get("value", "")) for e in elements)
        start = next((seconds(e["ts"]) for e in elements if e.get("ts") is not None), None)
        name = clean_optional(as_dict(monologue.get("speaker_info")).get("display_name"))
        pieces.append(piece(text, name or speaker_name(monologue.get("speaker")), start))
    return to_turns(pieces)


def _speechmatics(document: dict[str, Any]) -> Utterances:
    words = []
    for result in dicts(document.get("results")):
        alternative = first(result.get("alternatives"))
        default = "previous" if result.get("type") == "punctuation" else "none"
        attaches = str(result.get("attaches_to") or default)
        speaker = alternative.get("speaker") or result.get("channel")
        words.append(
            Word(
                str(alternative.get("content") or ""),
                speaker_name(speaker),
                seconds(result.get("start_time")),
                glue=attaches in ("previous", "both"),
                glue_next=attaches in ("next", "both"),
            )
        )
    return words_to_turns(words)


def _watson(document: dict[str, Any]) -> Utterances:
    """Results are cut at pauses, not at speaker changes: each word takes the speaker of the
    ``speaker_labels`` entry that starts with it."""
    by_start = {
        start: label.get("speaker")
        for label in dicts(document.get("speaker_labels"))
        if (start := seconds(label.get("from"))) is not None
    }
    words = []
    for result in dicts(document.get("results")):
        if result.get("final") is False:
            continue
        alternative = first(result.get("alternatives"))
        stamps = [s for s in alternative.get("timestamps") or [] if isinstance(s, list) and s]
        if not stamps:
            words.append(Word(str(alternative.get("transcript") or ""), None, None))
        for stamp in stamps:
            start = seconds(stamp[1]) if len(stamp) > 1 else None
            if not _HESITATION.match(str(stamp[0])):
                speaker = by_start.get(start) if start is not None else None
                words.append(Word(str(stamp[0]), speaker_name(speaker), start))
    return words_to_turns(words)


def _google_speaker(word: dict[str, Any]) -> Any:
    """``speakerTag`` (v1; 0 means unset) or ``speakerLabel`` (v2)."""
    tag = word.get("speakerTag", word.get("speaker_tag"))
    return tag or word.get("speakerLabel") or word.get("speaker_label") or None


def _google_start(word: dict[str, Any]) -> float | None:
    return seconds(word.get("startTime", word.get("startOffset", word.get("start_time"))))


def _google(document: dict[str, Any]) -> Utterances:
    """With diarization the last result repeats every word of the ones before with its speaker:
    the tagged words are read once each; without it, each result's transcript is a piece."""
    alternatives = [first(result.get("alternatives")) for result in dicts(document["results"])]
    tagged = [w for a in alternatives for w in dicts(a.get("words")) if _google_speaker(w)]
    if not tagged:
        return to_turns(
            piece(a.get("transcript"), None, next(map(_google_start, dicts(a.get("words"))), None))
            for a in alternatives
        )
    seen: set[tuple[float, str]] = set()
    words = []
    for word in tagged:
        start, text = _google_start(word), str(word.get("word", ""))
        if start is not None and (start, text) in seen:
            continue
        if start is not None:
            seen.add((start, text))
        words.append(Word(text, speaker_name(_google_speaker(word)), start))
    return words_to_turns(words)


def _azure(document: dict[str, Any]) -> Utterances:
    """Batch ``recognizedPhrases`` (times in ticks or ``PT1.2S``) or fast ``phrases`` (ms)."""
    pieces = []
    for phrase in dicts(document.get("recognizedPhrases")):
        best = first(phrase.get("nBest"))
        text = best.get("display") or best.get("itn") or best.get("lexical")
        ticks = seconds(phrase.get("offsetInTicks"), _TICKS_PER_SECOND)
        start = ticks if ticks is not None else seconds(phrase.get("offset"))
        pieces.append(piece(text, speaker_name(phrase.get("speaker")), start))
    for phrase in dicts(document.get("phrases")):
        start = seconds(phrase.get("offsetMilliseconds"), 1000)
        pieces.append(piece(phrase.get("text"), speaker_name(phrase.get("speaker")), start))
    spoken = [p for p in pieces if p is not None]
    if all(p.start_seconds is not None for p in spoken):  # channels interleave: time order
        spoken.sort(key=lambda p: p.start_seconds or 0.0)
    return to_turns(spoken)


def word_reader(document: dict[str, Any]) -> Callable[[dict[str, Any]], Utterances] | None:
    """The reader for a word- or phrase-level speech-to-text shape, or ``None``."""
    results = document.get("results")
    if isinstance(results, dict) and isinstance(results.get("items"), list):
        return _aws
    if isinstance(document.get("monologues"), list):
        return _rev
    if isinstance(document.get("recognizedPhrases"), list) or (
        isinstance(document.get("phrases"), list) and "combinedPhrases" in document
    ):
        return _azure
    alternatives = [first(r.get("alternatives")) for r in dicts(results)]
    if any("content" in a for a in alternatives):
        return _speechmatics
    if any("timestamps" in a for a in alternatives) or isinstance(
        document.get("speaker_labels"), list
    ):
        return _watson
    if any("transcript" in a or "words" in a for a in alternatives):
        return _google
    return None
