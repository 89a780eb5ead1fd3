"""A purchase the buyer promises on a condition, read after the kind model: what the condition
asks of us is what stops them ("We'd pick you if the price came down.", "We'll go ahead once you
support Xero.", "Knock 20 percent off and we'll sign."), an objection in the topic of what it
asks; a condition that is only the deal's next step or our promise holding up ("As soon as you
send the order form we'll sign.", "If it works like the demo we'll roll it out to all sites.")
is a buying signal.

Why a rule after the model: the promise ("we'd sign", "we're in") reads as a commitment, so the
model and the commitment rule had filed such conditions as small talk, and the deal's real
blocker went uncounted. The phrases are data (``[condition]`` in ``cues.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.rules import (
    CUES,
    alternation,
    cue_scores,
    is_question,
    lowered,
    topic_without_rival,
)
from pipeline.lazy_regex import Regex

_CUES = CUES["condition"]
_PROMISE = alternation(_CUES["promises"])
_OPENER = alternation(_CUES["openers"])
_ORDER = re.compile(
    r"^\W*(?:(?:just|then|so|well|look|ok(?:ay)?),?\s+)*(?:" + "|".join(_CUES["orders"]) + r")\b"
)
_AND = re.compile(r"\s+and\s+")
_ASKS = alternation(_CUES["asks"])
_STEP = alternation(_CUES["steps"])
_PRICE_MOVES = alternation(_CUES["price_moves"])
_PRICE_NAMED = alternation(_CUES["price_named"])
_DOOR_OPEN = alternation(_CUES["door_open"])
_OURS = re.compile(r"\byou(?:r|rs|'\w+)?\b")
# A condition the deal hangs on, "if"/"unless" up to the end of its clause.
_IF_NOT = re.compile(r"\b(?:if|unless|until|as long as|so long as|provided(?: that)?)\s")
_CLAUSE_END = re.compile(r"[,;:]|\s[-–—]\s")
_STRONG = 1.0  # "can't afford it this year": a worry said beside the goodbye


def promised_condition(sentence: str) -> str | None:
    """The condition a buyer puts on buying ("the price came down" in "We'd pick you if the
    price came down."), as lower-cased text; None when the sentence promises nothing on one."""
    if is_question(sentence):
        return None
    text = lowered(sentence)
    promise = _PROMISE.search(text)
    if promise is None:
        return None
    before, after = text[: promise.start()], text[promise.end() :]
    if (opener := last_match(_OPENER, before)) is not None:  # "If you did X, we'd sign."
        return before[opener.end() :].strip(" ,")
    if (opener := _OPENER.search(after)) is not None:  # "We'd sign if you did X."
        return after[opener.end() :].strip(" ,")
    joined = last_match(_AND, before)
    if _ORDER.match(before) and joined is not None:  # "Knock 20 percent off and we'll sign."
        return before[: joined.start()].strip(" ,")
    return None


def sets_a_condition_on_us(sentence: str) -> bool:
    """A purchase promised on something we would have to change or add (a price, terms, an
    integration, a feature): an objection whatever the model reads."""
    condition = promised_condition(sentence)
    if condition is None or _STEP.search(condition):
        return False
    return bool(
        _ASKS.search(condition)
        or _PRICE_MOVES.search(condition)
        or _PRICE_NAMED.search(condition)
        or topic_without_rival(condition)
    )


def promises_on_a_step(sentence: str) -> bool:
    """A purchase promised on the deal's next step, the trial holding up or an approval the
    buyer says will come ("We'd go ahead if the board signs off Thursday, which they will."):
    a buying signal, no objection."""
    condition = promised_condition(sentence)
    return condition is not None and bool(_STEP.search(condition))


def leaves_the_door_open(sentence: str) -> bool:
    """A goodbye that keeps us in mind ("If the <rival> rollout goes sideways, you'll be the
    first person I call."): no objection, even in a lost deal (it had been a competitor one).
    Not when what it waits on is ours ("if your price comes down", "once your app is out"), a
    price, or a strong worry ("We can't afford it this year, but we'll keep you in mind.")."""
    text = lowered(sentence)
    door = _DOOR_OPEN.search(text)
    if door is None or text.rstrip("\"') ").endswith("?"):  # "Should it fail, ..." is no question
        return False
    rest = text[: door.start()] + " " + text[door.end() :]
    if _OURS.search(rest) or _ASKS.search(rest) or _PRICE_MOVES.search(rest):
        return False
    cues = cue_scores(rest)
    return cues.concern < _STRONG and not cues.categories.get("price")


def condition_topic(sentence: str) -> str | None:
    """The objection category the condition's own words name (``asked_topic``: price in "if
    the per-seat price were under $20", "if you came in under fifty a chair", a price that
    moves: "if the rates rise"), else None: the promise's words ("switch", "commit") are no
    topic."""
    condition = promised_condition(sentence)
    return None if condition is None else asked_topic(condition)


def asked_topic(condition: str) -> str | None:
    """The category of what a condition (lower-cased) asks of us: price where it names a price
    or a price that moves, even beside a feature ("you'd had that and come in under a hundred
    per branch": the feature has no category of its own, the sum is what we would have to
    meet), else the topic its words name most; None when they name none."""
    if _PRICE_MOVES.search(condition) or _PRICE_NAMED.search(condition):
        return "price"
    return topic_without_rival(condition)


def condition_beside_a_rival(sentence: str, rivals: Sequence[str]) -> str | None:
    """The topic of the condition in a sentence where a rival takes the deal unless we meet
    it (price in "Might lose to <rival> if the price doesn't move.", "We'll stay with <rival>
    unless you match their rate."): what we would have to change is the objection, the rival
    only where the deal goes. None for a question, a condition on the rival itself ("if we went
    with <rival>") or one that names no topic."""
    if is_question(sentence):
        return None
    text = lowered(sentence)
    opener = _IF_NOT.search(text)
    if opener is None:
        return None
    condition = _CLAUSE_END.split(text[opener.end() :], maxsplit=1)[0]
    if not condition.strip() or any(lowered(rival) in condition for rival in rivals):
        return None
    return asked_topic(condition)


def last_match(pattern: Regex, text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``: the clause nearest what follows it."""
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None
