"""Authority and timing is a decision, who makes it, or when: read after the category head.

The head had filed a worry about people as authority because it names them ("Honestly, I think
the branch managers will be the hardest part." at 0.88, "she also wants to know who's typing
eleven years of plans in" at 0.81), and a decision said with no reason as security ("we talked it
through and it's a no for now" at 0.80). A person named is no decision: the model's authority
needs a decision, an approver or budget holder, or a time in the sentence, else its next
category; a verdict with no topic named is authority. The phrases are data
(``[decision_or_time]`` in ``cues.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pipeline.detect.rules import (
    CUES,
    REASSURANCE,
    alternation,
    cue_scores,
    is_question,
    lowered,
    topic_without_rival,
)
from pipeline.detect.said_no import says_no_to_us, with_the_deal
from pipeline.first_names import spoken_names
from pipeline.language import foreign_words, in_english

AUTHORITY = "authority_timing"
_CUES = CUES["decision_or_time"]
_VERDICTS = alternation(_CUES["verdicts"])
_APPROVAL = alternation(with_the_deal(_CUES["approval"]))
_FIRST_PERSON = re.compile(
    r"\b(?:we|i|you)(?:'re|'ve|'d|'ll|'m| really| still| also| just| both| all)? *$"
)
_PEOPLE = alternation(_CUES["people"])
_DECISION_OR_TIME = alternation(
    [
        *_CUES["cues"],
        *_CUES["times"],
        *_CUES["lengths"],
        *_CUES["verdicts"],
        *CUES["category"][AUTHORITY],
        *CUES["plain_topic"][AUTHORITY],
        *CUES["busy_now"]["busy"],
    ]
)


_TIMES = alternation(_CUES["times"])


def names_a_time(sentence: str) -> bool:
    """A time named ("next spring", "not now", "after Christmas", "on hold"), not a length
    ("a twelve month term") nor a word placing one ("before we sign"): what a question asking
    when is answered by."""
    return bool(_TIMES.search(lowered(sentence)))


def names_a_decision_or_time(sentence: str) -> bool:
    """A decision, an approval, who holds the money, asking them, or a time, named in the
    sentence: what an authority and timing worry is about."""
    return bool(_DECISION_OR_TIME.search(lowered(sentence)))


def waits_on_someone_else(sentence: str) -> bool:
    """Someone else's yes still to come on the deal ("Our principal dentist would have to agree
    to it first.", "Procurement has to run a tender for anything like this.", "The partners make
    all the decisions."): an authority objection. Not asked, nor said of "we" or "I" ("we'd have to
    agree to it" is no one else's) or under a condition ("if the board approves it")."""
    if is_question(sentence):
        return False
    text = lowered(sentence)
    for match in _APPROVAL.finditer(text):
        before = _CLAUSE.split(text[: match.start()])[-1]
        if not _FIRST_PERSON.search(before) and not _CONDITION.search(before):
            return True
    return False


_CLAUSE = re.compile(r"[,;:.!?()]|\s[-–—]\s")
_CONDITION = re.compile(r"\b(?:if|once|when|unless|until|whether|assuming)\b")


def says_a_verdict(sentence: str) -> bool:
    """A decision said with no topic named ("So, um, we talked it through and it's a no for now,
    I'm afraid.", "We're going to hold off.", "The board said no." (``said_no``)): not "it's a no
    on the contract term" (that names its topic), nor "it's a no-brainer"."""
    text = REASSURANCE.sub(" ", lowered(sentence))
    if not (_VERDICTS.search(text) or says_no_to_us(sentence)):
        return False
    named = cue_scores(sentence).categories
    return not any(hits for name, hits in named.items() if name != AUTHORITY)


def model_ranking(probabilities: Mapping[str, float], sentence: str) -> list[str]:
    """The head's categories, likeliest first. When authority leads but an English sentence
    names no decision or time: the topic its words name first, else adoption if it names the
    people who would use it, then the head's next; authority last (a rival's category stays
    the detector's rival rules' to check)."""
    ranked = sorted(probabilities, key=lambda name: (-probabilities[name], name))
    if ranked[:1] != [AUTHORITY] or not _english(sentence) or names_a_decision_or_time(sentence):
        return ranked
    first = topic_without_rival(sentence) or ("adoption" if names_people(sentence) else "")
    ahead = [first] if first in probabilities else []
    return [*ahead, *(name for name in ranked[1:] if name not in ahead), AUTHORITY]


def _english(sentence: str) -> bool:
    """The cues are English: another language's sentence names none of them."""
    return in_english(sentence) and not foreign_words(sentence)


def names_people(sentence: str) -> bool:
    """Staff, a team, a role or a first name ("the branch managers", "Nigel at Harrogate")."""
    return bool(_PEOPLE.search(lowered(sentence)) or spoken_names().search(sentence))
