"""A failed try told over two sentences: the try in one ("We tried a portal two years ago."),
their people not taking it up in the next ("Half the partners never logged in."), in the same
turn or across the rep's turn between. An adoption worry: people who would not take up a tool
like ours.

Why apart from ``adoption_said.py``: the next sentence alone reads as a pain or other, so the
rule reads the buyer's sentence before it (``sentences.said_just_before``), and
``adoption_said`` sits below the sentence splitter that this needs.
"""

from __future__ import annotations

from pipeline.detect.adoption_said import not_taken_up, tells_a_failed_try, tells_a_try
from pipeline.detect.classify import SentenceInput
from pipeline.detect.sentences import said_just_before


def failed_try_told(sentence: SentenceInput) -> bool:
    """A failed try in the sentence (``tells_a_failed_try``), or told over two: a try in the
    buyer's sentence just before it and their people not taking it up in this one; "It kept
    crashing." (the tool's) or "Everyone loves it." (a success) after a try is none."""
    if tells_a_failed_try(sentence.text):
        return True
    before = said_just_before(sentence.turn, sentence.text, sentence.asked)
    return tells_a_try(before) and not_taken_up(sentence.text)
