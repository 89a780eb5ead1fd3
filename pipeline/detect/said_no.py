"""A verdict against buying said plainly: "I'll be straight with you, it's a no.", a body that
decides turning the deal down ("The committee voted it down on Tuesday, eight to three.", "Head
office vetoed it."), the deal not getting through ("It didn't get through the committee.") or
"We're going to pass.".

Why a rule after the model: such a verdict holds no worry word, and the model had read it as
small talk (0.78) or, for a vote, as a pain (0.97). It is an objection whatever the model read;
its category is authority and timing unless it names a topic (``decisions.says_a_verdict``).
Not a body's vote on something else ("The council voted to resurface the car park."), a yes, a
"no-brainer", a condition or guess ("If the board says no, ...") nor a question. The phrases
are data (``[said_no]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.lazy_regex import lazy_compile

_CUES = CUES["said_no"]
_OBJECTS = "(?:" + "|".join(_CUES["objects"]) + ")"
_ADVERBS = (
    r"(?:'s|'ve|'d)?(?: (?:have|has|had|just|already|unanimously|finally|basically|formally"
    r"|officially|flatly|now|then|also|all|both|actually|in the end|eventually))* "
)


def with_the_deal(fragments: list[str]) -> list[str]:
    """The fragments with ``{objects}`` (what is turned down: the deal) filled in."""
    return [fragment.replace("{objects}", _OBJECTS) for fragment in fragments]


_BY_A_DECIDER = lazy_compile(
    r"\b(?:"
    + "|".join(_CUES["deciders"])
    + ")"
    + _ADVERBS
    + "(?:"
    + "|".join(with_the_deal(_CUES["rejections"]))
    + r")\b"
)
_PASSIVE = alternation(with_the_deal(_CUES["passive"]))
_OWN = alternation(_CUES["own"])
_UNSAID = alternation(_CUES["unsaid"])
_CLAUSE_START = re.compile(r".*[,;:.!?()]|.*\s[-–—]\s", re.DOTALL)


def says_no_to_us(sentence: str) -> bool:
    """Whether the buyer says, plainly, that the deal is turned down: by them ("it's a no",
    "we're going to pass"), by whoever decides ("the board said no", "partners voted against
    it") or said of the deal ("it didn't get through the committee"); not asked, nor under a
    condition, a guess or a denial in its clause ("if the board says no", "nobody voted
    against it")."""
    if is_question(sentence):
        return False
    text = lowered(sentence)
    for pattern in (_OWN, _BY_A_DECIDER, _PASSIVE):
        for match in pattern.finditer(text):
            if not _UNSAID.search(_clause_before(text, match.start())):
                return True
    return False


def _clause_before(text: str, start: int) -> str:
    """The words of the verdict's clause before it ("if the board " of "If the board said
    no, ...")."""
    before = text[:start]
    opened = _CLAUSE_START.match(before)
    return before[opened.end() :] if opened else before
