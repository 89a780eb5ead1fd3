"""Remarks in passing, read after the kind model: a leave-taking or a season's greeting ("Have a
good Christmas if we don't speak.", "Look, I need to go, the funeral order is being loaded."), a
pointer back with nothing of its own ("That's the other thing.") and a wish for what the
product would do ("Routing would be amazing to be fair") are ``other``; a set-up said with a
shrug at its end ("We just use a shared Google calendar, nothing fancy.") is the set-up.

Why a rule after the model: the model reads a sentence beside its neighbours, and such remarks
after a price or a worry had been filed as timing, set-up-time, integrations and adoption
objections or as pains (issue 16). None holds once the rest of the sentence brings a worry, a
buying topic or a contrast ("It would be amazing, if it weren't so expensive."). The phrases
are data (``[passing_remark]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered

_CUES = CUES["passing_remark"]
_PLEASANTRY = alternation(_CUES["pleasantry"])
_LEAVING = alternation(_CUES["leaving"])
_LEAD_IN = r"^(?:(?:look|sorry|right|ok|okay|oh|well|anyway|so|and|but|listen)\b[\s,.!-]*)*"
_POINTS_BACK = re.compile(_LEAD_IN + r"(?:" + "|".join(_CUES["points_back"]) + r")\W*$")
_WISH = alternation(_CUES["wish"])
_WISH_UNDONE = alternation(_CUES["wish_undone"])
_SETUP_HEDGE = re.compile(r"[,;-]\s*(?:" + "|".join(_CUES["setup_hedge"]) + r")\W*$")
# A wish for better terms is an ask about our offer ("a lower price would be great").
_OFFER_TOPICS = ("price", "contract")
_STRONG = 1.0  # "too expensive", "can't": a worry whatever else the sentence says


def passes_a_remark(sentence: str) -> bool:
    """A leave-taking, a greeting, a pointer back or a wish for the product, with no worry or
    buying topic in what else the sentence says: no objection, pain or set-up."""
    text = lowered(sentence).strip()
    if is_question(sentence):
        return False
    if _POINTS_BACK.match(text):
        return True
    return _takes_leave(text) or _wishes_for_it(text)


def _takes_leave(text: str) -> bool:
    """A greeting or leave-taking, and an errand or nothing beside it ("the funeral order is
    being loaded"): no worry or buying topic in the rest."""
    rest = _LEAVING.sub(" ", _PLEASANTRY.sub(" ", text))
    if rest == text:
        return False
    cues = cue_scores(rest)
    return cues.concern < _STRONG and not any(cues.categories.values())


def _wishes_for_it(text: str) -> bool:
    """A wish said with pleasure and nothing that undoes it (a contrast, a condition, a
    negation) or names a buying topic."""
    if _WISH.search(text) is None or _WISH_UNDONE.search(text):
        return False
    topics = cue_scores(text).categories
    return not any(topics[topic] for topic in _OFFER_TOPICS)


def hedged_setup(sentence: str) -> str | None:
    """What a set-up says before the shrug at its end ("We just use a shared Google calendar"
    of "..., nothing fancy."), for the set-up rules to read; None without one."""
    text = lowered(sentence).strip()
    shrug = _SETUP_HEDGE.search(text)
    return text[: shrug.start()].strip() if shrug else None
