"""A thing the buyer makes the purchase wait on ("We'd also need the waitlist thing before we
move", "We'd need route optimisation before we switch the drivers over") or fall without
("Without proper recurring appointments it's a deal breaker for us."): a blocker whose topic is
the thing, a missing feature unless the thing's own words name another topic (a system to
connect, a price, a trial, someone's sign-off).

Why a rule: the sentence names a feature the cue lexicons cannot know, so its category came
from elsewhere: "before we move" drew the model's category head to set-up time, and a bare
verdict took the topic of the contract its turn had mentioned before it. The phrases are data
(``[needed_thing]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.capabilities import lacked_topic
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.rules import CUES, is_question, lowered, topic_without_rival

_CUES = CUES["needed_thing"]
_THING = r"(?P<thing>[\w'/&-]+(?:,? [\w'/&-]+){0,11}?)"
_NEEDED_BEFORE = re.compile(
    r"(?:" + "|".join(_CUES["needs"]) + r") " + _THING + r",? "
    r"(?:" + "|".join(_CUES["before_any"] + _CUES["before_over"]) + r")"
)
_WITHOUT = re.compile(r"\bwithout " + _THING + r"(?:" + "|".join(_CUES["without_verdict"]) + ")")
# No thing a product has: a person or time ("without you guys", "a couple of weeks"), an
# action ("to check with Sam"), a state asked of them ("the whole team trained").
_NOT_A_THING = re.compile(
    r"^(?:to|it|them|that|this|those|these|you|your|us|him|her|me|my|everyone|anyone|someone)\b"
    r"|\b(?:weeks?|months?|days?|years?|time|while|quarters?)\b"
    r"|(?<!e)ed$"
)


def needed_thing(sentence: str) -> str | None:
    """The thing (lower-cased) a buyer says the purchase waits on or falls without ("the
    waitlist thing" in "We'd also need the waitlist thing before we move"); None when the
    sentence says neither, asks, or what it names is no thing a product has."""
    if is_question(sentence):
        return None
    text = lowered(sentence)
    found = _NEEDED_BEFORE.search(text) or _WITHOUT.search(text)
    if found is None:
        return None
    thing = found.group("thing").strip(" ,")
    if _NOT_A_THING.search(thing):
        return None
    return thing


def needed_topic(thing: str) -> str:
    """The category of a thing the purchase needs: the topic its own words name ("xero sync" is
    integrations, "sign-off from the board" authority), a term of the deal (``lacked_topic``:
    "a free trial" is the contract), else a missing feature."""
    return plain_topic(thing, None) or topic_without_rival(thing) or lacked_topic(thing)
