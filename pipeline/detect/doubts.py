"""Doubt said by a sentence's form rather than its words, read after the kind model: a question
that doubts instead of asking ("Do you really think the drivers will fill it in?", "How am I
meant to move ten years of jobs over in peak?") and unease put on the deal to come ("I'd be a
little uneasy having the records held abroad.") are objections.

Why a rule after the model: the question form had made the first a question (its doubt is no
concern word, so ``statements.asks_only`` let it through), and the second names no topic the
model reads as a worry (it had been small talk at 0.82). The phrases are data (``[doubt]`` in
``cues.toml``).
"""

from __future__ import annotations

from pipeline.detect.rules import CUES, REASSURANCE, alternation, is_question, lowered

_ASKED = alternation(CUES["doubt"]["asked"])
_UNEASY_AHEAD = alternation(CUES["doubt"]["uneasy_ahead"])


def asks_in_doubt(sentence: str) -> bool:
    """A question whose form says the buyer doubts it will work for them ("do you really
    think", "how am I meant to", "why would we bother"), not one that asks for a fact."""
    return is_question(sentence) and bool(_ASKED.search(lowered(sentence)))


def feels_uneasy_ahead(sentence: str) -> bool:
    """Unease said of what buying would bring ("I'd be a little uneasy having ...", "we'd be
    nervous letting ..."), stated and not said absent ("I wouldn't be worried about ...")."""
    if is_question(sentence):
        return False
    return bool(_UNEASY_AHEAD.search(REASSURANCE.sub(" ", lowered(sentence))))
