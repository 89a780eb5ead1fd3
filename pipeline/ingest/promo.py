"""A transcription service's advert under its transcript, told from speech about transcripts:
split from ``preamble`` (the leading metadata) because it is a grammar of its own."""

from __future__ import annotations

import re

# A transcription service's advertising under the transcript (Sonix: "Automatically convert your
# audio files to text with Sonix. Sonix is the best online, automated transcription service."):
# recordings made text, in a vendor's claims, never as "I" or "we" and never asked.
_TO_TEXT = re.compile(
    r"\b(?:audio|video|media|mp3|mp4|wav|m4a)\s+files?\b|\b(?:to|into)\s+text\b"
    r"|\bspeech[- ]to[- ]text\b",
    re.IGNORECASE,
)
_SALES_TALK = re.compile(  # claims, not a feature someone asks about ("automatically?")
    r"\b(?:is the (?:best|leading|fastest|most accurate)|the best (?:online|automated|ai|way)"
    r"|cutting[- ]edge|state[- ]of[- ]the[- ]art"
    r"|artificial intelligence|thousands of|millions of|easily|free trial|for free|sign up"
    r"|get started)\b|#1",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|we|we're|we've|our|ours|us|my|me)\b", re.IGNORECASE)


def is_service_promo(line: str) -> bool:
    """A transcription tool's advert or credit in its own words, not speech about transcripts."""
    return (
        bool(_TO_TEXT.search(line) and _SALES_TALK.search(line))
        and not _FIRST_PERSON.search(line.replace("’", "'"))
        and not line.rstrip().endswith("?")
    )
