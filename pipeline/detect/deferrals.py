"""The decision put off to a later season or year: "Maybe next year we look at moving them.",
"Perhaps in the spring we revisit it.", "We might look again after the season." An authority and
timing objection: when, not whether or what.

Why a rule after the model: the head had filed such a sentence by the words of what is put off
(switching for "moving them", the status quo for "revisit it", set-up time for "after the
brewing season") or as small talk ("We might look at it again after harvest." at 0.86), and a
next step's words ("we'll pick it up again after the season") had ruled it arranging. A
deferral at a won deal of other sites or data would be no worry, but the detector is not told
the deal's outcome (``detect_utterances`` reads turns only, and an outcome set later would not
re-detect), so a deferral reads the same in any deal. A hope ("Maybe next year we'll have more
staff.") or a next step in weeks ("Let's talk again in two weeks.") is none. A put-off said
with no look-again cue (``put_off``) is one: "It's a not-now.", "Not this side of the summer.",
"Ask me again after the audit.", "Our MD's still saying March, so don't chase him." had been
small talk, pains and status-quo or set-up objections. The phrases are data (``[deferral]`` in
``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered

_CUES = CUES["deferral"]
_LATER = alternation(_CUES["later"])
_RELOOK = alternation(_CUES["relook"])
_ACT = alternation(_CUES["act"])
_HEDGE = alternation(_CUES["hedge"])
_DECIDER = "|".join(CUES["said_no"]["deciders"])
_WHEN = "|".join(_CUES["when"])
_PUT_OFF = alternation(
    [f.replace("{when}", _WHEN).replace("{decider}", _DECIDER) for f in _CUES["put_off"]]
)
_ASKS_US = re.compile(r"\b(?:you|your)\b")  # "Will you look at Welsh next year?": our roadmap
# "If the price changes next year, I'd look again.": a condition, its topic the objection's
_CONDITION = re.compile(r"\b(?:if|unless|provided|providing|as long as|assuming)\b")


def defers_the_decision(sentence: str) -> bool:
    """A look again at the decision put off to a later season, year or event, a move put off
    there with a hedge ("maybe", "we might"), or a put-off with no such cue (``put_off``: "it's
    a not-now", "not this side of the summer", "ask me again after the audit", a decider's
    "still saying March"); not one on a condition ("If the price changes next year, I'd look
    again." is about the price) nor a question to us about our plans."""
    text = lowered(sentence)
    if _CONDITION.search(text) or (is_question(sentence) and _ASKS_US.search(text)):
        return False
    if _PUT_OFF.search(text):
        return True
    relook = _RELOOK.search(text) or (_ACT.search(text) and _HEDGE.search(text))
    return bool(_LATER.search(text) and relook)
