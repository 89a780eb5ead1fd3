"""Readable utterances from long text: a monologue over the limit is split at sentence
boundaries (same speaker, same start), and raw text with no speakers at all becomes short
paragraphs of whole sentences (captions and ASR segments: ``cues``)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from pipeline.detect.sentences import split_sentences
from pipeline.ingest.base import ParsedUtterance

MAX_UTTERANCE_CHARS = 1500
PARAGRAPH_CHARS = 600  # speakerless text: about a short paragraph per utterance


def sentence_pieces(text: str, limit: int) -> list[str]:
    """Sentences, and any sentence longer than ``limit`` cut at spaces."""
    pieces: list[str] = []
    for _start, _end, sentence in split_sentences(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            pieces.append(sentence)
    return pieces


def chunk_text(text: str, limit: int) -> list[str]:
    """Whole sentences grouped into chunks of at most ``limit`` characters, of even length."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return [text] if text else []
    target = len(text) / math.ceil(len(text) / limit)
    chunks: list[str] = []
    current = ""
    for piece in sentence_pieces(text, limit):
        joined = f"{current} {piece}" if current else piece
        if current and (len(joined) > limit or len(current) >= target):
            chunks.append(current)
            joined = piece
        current = joined
    if current:
        chunks.append(current)
    return chunks


def split_long(utterances: Iterable[ParsedUtterance]) -> list[ParsedUtterance]:
    """Every utterance over ``MAX_UTTERANCE_CHARS`` becomes several of the same speaker."""
    result: list[ParsedUtterance] = []
    for utterance in utterances:
        if len(utterance.text) <= MAX_UTTERANCE_CHARS:
            result.append(utterance)
            continue
        chunks = chunk_text(utterance.text, MAX_UTTERANCE_CHARS)
        result.extend(replace(utterance, text=chunk) for chunk in chunks)
    return result


def prose_utterances(text: str, start: float | None = None) -> list[ParsedUtterance]:
    """Speakerless text (line breaks are wrapping, not turns) as paragraph-sized utterances."""
    return [ParsedUtterance(chunk, None, start) for chunk in chunk_text(text, PARAGRAPH_CHARS)]
