"""Objections the kind model can miss, decided by rule beside it: a buyer's verdict that
something blocks the deal ("Yeah, that's a showstopper for me."), a refusal said outright ("I'm
not having the photos going off to some server in America."), the cost of leaving what they have
("The buyout on that contract is eighteen thousand dollars."), a contract that binds them, a
condition set on signing (said, or reported in a note), a must-have with the purchase dismissed
without it ("It has to post invoices into Sage, or it's dead in the water."), and a buyer saying
a missing thing matters right after the rep said it is missing.

The model read such short sentences as small talk or set-up (they carry no topic words), so the
largest loss reasons went uncounted. The phrases are data (``[blocker]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.conditions import condition_topic, last_match, sets_a_condition_on_us
from pipeline.detect.needed_things import needed_thing, needed_topic
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.rules import (
    CUES,
    REASSURANCE,
    alternation,
    is_question,
    lowered,
    topic_without_rival,
)
from pipeline.lazy_regex import LazyPattern, Regex

_BLOCKER = CUES["blocker"]
_VERDICT = alternation(_BLOCKER["verdicts"])
_LEAVING_COST = alternation(_BLOCKER["leaving_cost"])
_LOCK_IN = alternation(_BLOCKER["lock_in"])
_LOCK_IN_ENDS = alternation(_BLOCKER["lock_in_ends"])
_CONDITION = alternation(_BLOCKER["conditions"])
# The signing a condition is set on: no topic of its own ("commit" is no contract worry there).
_SIGNING = re.compile(r"\b(?:sign|commit|buy|agree|go ahead|move forward)\w*", re.IGNORECASE)
_REFUSAL = alternation(_BLOCKER["refusals"])
_MUST = alternation(_BLOCKER["must"])
_IF_NOT = alternation(_BLOCKER["if_not"])
# the dismissal after the ask: "..., or it's dead in the water", "..., we won't touch it"
_OR_ELSE = LazyPattern(
    lambda: (
        r",?\s+(?P<otherwise>" + alternation(_BLOCKER["otherwise"]).pattern + r")?[,\s]*"
        r"(?:(?:frankly|honestly|basically|quite simply),?\s+)?"
        r"(?:" + alternation(_BLOCKER["dismissal"]).pattern + r")"
    )
)
_WHAT_WE_SELL = alternation(_BLOCKER["what_we_sell"])
_GAP = alternation(_BLOCKER["gap"])
_MATTERS = alternation(_BLOCKER["matters"])
# "not really a deal breaker", "there's no exit fee", "it wouldn't be a showstopper"
# (in the same clause: "we can't work without IDEXX, that's a deal breaker" is one)
_NEGATED = re.compile(r"\b(?:not|no|never|without|\w+n't)(?: [\w']+){0,3} ?$")


def _said(pattern: Regex, text: str) -> bool:
    """``pattern`` in ``text`` at least once with no negation just before it."""
    return any(not _NEGATED.search(text[: m.start()]) for m in pattern.finditer(text))


def blocks_the_deal(sentence: str, context: str = "") -> bool:
    """A buyer's objection whatever the model says: a blocker verdict, a refusal ("I'm not
    having the photos going off to some server in America"), a cost of leaving, a
    condition set on signing ("the MD wants a fixed price before he signs", "we'd pick you if
    the price came down": ``conditions.py``), a lock-in (unless it says when it ends: a reason
    to act), or, after the rep's turn (``context``) says something is missing, the buyer saying
    that it matters. Never a question, nor a verdict said not to hold."""
    if is_question(sentence):
        return False
    if sets_a_condition_on_us(sentence) or needed_thing(sentence) is not None:
        return True
    text = REASSURANCE.sub(" ", lowered(sentence))
    if any(_said(cue, text) for cue in (_VERDICT, _LEAVING_COST, _CONDITION, _REFUSAL)):
        return True
    if _said(_LOCK_IN, text) and not _LOCK_IN_ENDS.search(text):
        return True
    if required_or_else(sentence) is not None:
        return True
    return bool(_GAP.search(lowered(context))) and _said(_MATTERS, text)


def required_or_else(sentence: str) -> str | None:
    """What a must-have asks ("post invoices into sage" in "Whatever we bring in has to post
    invoices into Sage, or it's dead in the water."), lower-cased, when the sentence dismisses the
    purchase without it; None otherwise. What must do it is ours ("it", "whatever we bring in")
    or the ask names a buying topic: "It has to be done by Friday or the client walks" is none."""
    text = lowered(sentence)
    for or_else in _OR_ELSE.finditer(text):
        before = text[: or_else.start()]
        # "has to ..." needs its "or": "It has to be signed by Friday, that's done." dismisses none
        opener = last_match(_IF_NOT, before) or (
            last_match(_MUST, before) if or_else.group("otherwise") else None
        )
        if opener is None:
            continue
        asked = before[opener.end() :].strip(" ,")
        if _WHAT_WE_SELL.search(before[: opener.end()]) or topic_without_rival(asked):
            return asked
    return None


def blocked_topic(scored: SentenceInput) -> str | None:
    """The category of a blocker: a cost of leaving or a lock-in is the contract; a condition
    on signing takes the topic of what it asks for (a purchase promised on a condition: the
    condition's own topic, else None, the model's; the rep's turn names none); a thing the
    purchase waits on or falls without, its topic (``needed_things``); a bare verdict
    ("that's a showstopper") takes the topic of the rep's turn it answers, else of the buyer's
    own turn; None when none names one."""
    text = lowered(scored.text)
    if _said(_LEAVING_COST, text) or _said(_LOCK_IN, text):
        return "contract"
    if (thing := needed_thing(scored.text)) is not None:  # "without waitlists it's a no"
        return needed_topic(thing)
    if sets_a_condition_on_us(scored.text):  # "we'd sign if you did monthly billing"
        return condition_topic(scored.text)
    if (asked := required_or_else(scored.text)) is not None:  # "has to post into Sage, or ..."
        return plain_topic(asked, None) or topic_without_rival(asked)
    said: tuple[str, ...] = (scored.text, scored.context, scored.turn)
    if _said(_CONDITION, text):  # what it asks for is the topic, not the signing
        said = tuple(_SIGNING.sub(" ", words) for words in said)
    return next(filter(None, map(topic_without_rival, said)), None)
