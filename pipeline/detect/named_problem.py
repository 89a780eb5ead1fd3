"""A buying topic a buyer names as the problem: "The problem is the timing.", "Timing's the
problem for us.", "It's a timing thing.", "It's just bad timing with the audit." The named topic
settles the objection's category (timing, budget, contract, training, security, integration,
the switch, adoption), and the sentence is an objection.

Why a rule after the model: the category head reads "timing" close to set-up time, security or
price (a price the rep had just said, or one the sentence says is not the problem: "Timing is
the sticking point, not the price." had been price at 0.66), and the kind head read "problem"
as a pain (0.91). The topic has to end its clause: "the problem is the staff don't fill it in"
names no topic. Anything else named as hurting ("What we do have a problem with is the insurance
certificates.", "Where it falls over is the handover between shifts.") is their own work's
problem (``own_problem``), a pain: the model had filed the insurance as security. The phrases
are data (``[named_problem]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.lazy_regex import lazy_compile
from pipeline.text_memo import once_per_text

_CUES = CUES["named_problem"]


def _any(fragments: list[str]) -> str:
    return "(?:" + "|".join(fragments) + ")"


_PART = _any(_CUES["part"])
_CATEGORY_TOPICS: dict[str, re.Pattern[str]] = {
    name: re.compile(_any(words) + r"(?: " + _PART + r")?")
    for name, words in _CUES["topics"].items()
}
# A buying topic's words ("the contract length", "pricing"), also read in a rep's label in a note
# ("Price objection:", ``pipeline/ingest/inline_labels.py``).
TOPIC_WORDS = _any([_any(words) for words in _CUES["topics"].values()]) + r"(?: " + _PART + r")?"
_TOPIC = rf"(?P<topic>{TOPIC_WORDS})"
_TOPIC_WORD = lazy_compile(rf"\b{TOPIC_WORDS}\b")
# The topic ends its clause: a mark, the text's end, or a word that goes on around it.
_END = r"(?=\s*(?:$|[,.;:!?)\u2013\u2014-])|\s+" + _any(_CUES["after"]) + r"\b)"
_FRAMING = _any([*_CUES["opener"], *_CUES["hurts"]]) + _CUES["tail"][0]
_OPENED = lazy_compile(r"\b" + _FRAMING + r"\s+" + _TOPIC + _END)
# "the bit that actually hurts is ...": what follows is named as hurting (``own_problem``). The
# framing opens its clause: "the bigger problem is" goes on from a worry said before it.
_HURTS = lazy_compile(
    r"(?:^|[,;:]\s*)(?:(?:and|but|so|honestly|well|um|uh|er|look|yeah|oh|okay|i mean|i think"
    r"|to be honest|for (?:me|us|them))[,\s]+)*(?:our |my |their )?"
    + _any(_CUES["hurts"])
    + _CUES["tail"][0]
    + r"\s+(?P<named>\S.*)$"
)
_NAMED_FIRST = lazy_compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so|honestly|really|just|look|well|yeah|i think|i guess|i mean)"
    r"\s+)(?:the |our |my )?" + _TOPIC + r"\s*" + _any(_CUES["named_first"]) + _END
)
_KIND_OF = lazy_compile(
    r"\b" + _any(_CUES["kind_of"]) + r" " + _TOPIC + r" " + _any(_CUES["kind_of_noun"]) + _END
)
_BAD_TIMING = alternation(_CUES["bad_timing"])
# "our problem is integration": a problem of their own operation, a pain (``statements.py``)
_OWNED = lazy_compile(r"\b(?:our|my|their|his|her|your|whose)\s+$")
TIMING = "authority_timing"


@once_per_text  # asked by the verdict's rules and again by ``own_problem``
def named_problem(sentence: str) -> str | None:
    """The objection category of the buying topic a sentence names as its problem, or None
    when it names none, names a problem of its own operation ("our problem is ...") or asks."""
    if is_question(sentence):
        return None
    text = lowered(sentence)
    for pattern in (_OPENED, _NAMED_FIRST, _KIND_OF):
        for found in pattern.finditer(text):
            if pattern is _OPENED and _OWNED.search(text[: found.start()]):
                continue
            return topic_category(found.group("topic"))
    return TIMING if _BAD_TIMING.search(text) else None


def own_problem(sentence: str) -> str | None:
    """What a sentence names as hurting ("the insurance certificates" in "What we do have a
    problem with is the insurance certificates."), lowered, when it names no buying topic: a
    problem of their own work, for the caller to check that nothing in it is about us; None
    when it names a buying topic (``named_problem``), names nothing so, or asks."""
    if is_question(sentence) or named_problem(sentence) is not None:
        return None
    found = _HURTS.search(lowered(sentence).strip())
    return found.group("named").rstrip(" .!") if found else None


def topic_category(topic: str) -> str | None:
    """The category a topic word names ("the contract length": contract)."""
    return next((name for name, words in _CATEGORY_TOPICS.items() if words.fullmatch(topic)), None)


def topic_named(words: str) -> str | None:
    """The category a few words name through their topic words ("- price increase", "re:
    onboarding"); None when they name none, or topics of two categories."""
    named = {topic_category(found.group(0)) for found in _TOPIC_WORD.finditer(lowered(words))}
    named.discard(None)
    return named.pop() if len(named) == 1 else None
