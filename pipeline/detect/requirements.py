"""A condition the buyer puts on whatever they would buy: "It has to be learnable in an
afternoon.", "It needs to work offline in the basement.", "Whatever we buy has to talk to Xero.",
"Single sign-on or nothing." An objection in the topic of what it asks (adoption, integrations,
security ...), as the labelled sets have "whatever we pick has to post straight into Xero" and
"it has to stay in the UK".

Why a rule after the model: the sentence says what something does or is, no worry word in it, so
the model had read it as today's set-up or small talk. A tool bought or to buy ("whatever we buy",
"any new system") may be asked anything; "it" or "the app", which may be today's, only what a
product does or is ("talk to", "work offline", "be easy"): a duty of today's work ("It has to be
cashed up by six.") asks nothing of a product, and a question ("Does it have to be online?") or
a denial ("It doesn't have to be online.") sets no condition. The phrases are data
(``[requirement]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, is_question, lowered

_CUES = CUES["requirement"]


def _any(fragments: list[str]) -> str:
    return "(?:" + "|".join(fragments) + ")"


_MODAL = (
    r"\s+"
    + _any(_CUES["modal"])
    + r"(?: (?:really|absolutely|definitely|also|still|just|always|at least|at the very least))*\s+"
)
_CLAUSE = r"(?:^|[,;:]\s*|\b(?:so|and|but|because|then|which means)\s+)"
_LEAD = r"(?:(?:so|and|but|look|well|honestly|yeah|also|plus|oh|ok(?:ay)?|right|i mean)[,\s]+)*"
_ASKS = _any(_CUES["asks"])
_REQUIRED = [
    # "Whatever we buy next has to talk to Xero.", "Any new system we bring in must ..."
    re.compile(r"\b" + _any(_CUES["bought"]) + r"(?:\s+[\w'-]+){0,4}?" + _MODAL),
    # "It has to be learnable in an afternoon.", "so the app needs to work offline"
    re.compile(_CLAUSE + _LEAD + _any(_CUES["product"]) + _MODAL + _ASKS),
    # "We need something that works offline.", "I'd need it to talk to Sage."
    re.compile(r"\b" + _any(_CUES["wanted"]) + r"\s"),
    re.compile(r"\b" + _any(_CUES["wanted_it"]) + r"\s+" + _ASKS),
]
# "Single sign-on or nothing.": what they ask opens the sentence, a few words, no clause of its own
_OR_NOTHING = re.compile(
    r"^" + _LEAD + r"(?!(?:it|it's|its|we|we're|i|i'm|that|that's|this|they|there)\b)"
    r"[\w'/&-]+(?: [\w'/&-]+){0,4},? " + _any(_CUES["or_nothing"]) + r"\b"
)


def sets_a_requirement(sentence: str) -> bool:
    """Whether the buyer says what whatever they buy must do or be ("Whatever we buy has to talk
    to Xero.", "It has to be learnable in an afternoon.", "Single sign-on or nothing."); not
    asked, not a duty of today's work."""
    if is_question(sentence):
        return False
    text = lowered(sentence).strip()
    return _OR_NOTHING.match(text) is not None or any(p.search(text) for p in _REQUIRED)
