"""Doubt said by a sentence's form rather than its words, read after the kind model: a question
that doubts instead of asking ("Do you really think the drivers will fill it in?", "How am I
meant to move ten years of jobs over in peak?") and unease put on the deal to come ("I'd be a
little uneasy having the records held abroad.") are objections, and so is a worry said for
agreement with a tag ("And the onboarding fee, for seven people it's a lot, non?").

Why a rule after the model: the question form had made the first a question (its doubt is no
concern word, so ``statements.asks_only`` let it through), and the second names no topic the
model reads as a worry (it had been small talk at 0.82); the tag's question mark had made the
third a question (0.94, walk 8). The phrases are data (``[doubt]`` in
``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, REASSURANCE, alternation, cue_scores, is_question, lowered

_ASKED = alternation(CUES["doubt"]["asked"])
_UNEASY_AHEAD = alternation(CUES["doubt"]["uneasy_ahead"])
_TAG = re.compile(r"[,;]\s*(?:" + "|".join(CUES["doubt"]["tag"]) + r")\s*\?+[\s\"')]*$")
_JUDGED = alternation(CUES["doubt"]["judged"])
_STRONG = 1.0  # "too expensive", "can't": a worry of its own, whatever its words


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


def worries_with_a_tag(sentence: str) -> bool:
    """A statement closed by a tag ("non?", "right?", "isn't it?") whose stem calls a buying
    topic too much ("for seven people it's a lot") or states a strong worry: said for agreement,
    not asked. A fact checked with a tag ("It syncs with Xero, right?") is a question."""
    text = lowered(sentence).strip()
    tag = _TAG.search(text)
    if tag is None:
        return False
    cues = cue_scores(text[: tag.start()])
    judged = _JUDGED.search(text[: tag.start()]) is not None
    return cues.concern >= _STRONG or (judged and any(cues.categories.values()))
