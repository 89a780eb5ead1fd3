"""Adoption worries said without a worry word: a past try their people did not take up ("We
tried a booking app before and nobody used it.", "Last time they rolled out a new app, half the
drivers never logged in.") and a required control their people refuse ("the partners here won't
do MFA.").

Why rules: the try reads as today's set-up ("get into email" as where their work goes) and the
control's name as security, so the model and the topic cues had filed them as set-ups and
security objections; what makes them adoption is who fails or refuses: their people, not the
tool ("it kept crashing" is the tool's) and not a condition ("won't use anything without SSO").
The words are data (``[adoption_said]`` in ``cues.toml``).
"""

from __future__ import annotations

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.lazy_regex import Regex

ADOPTION = "adoption"
_CUES = CUES["adoption_said"]
_TRIED = alternation(_CUES["tried"])
_UNUSED = alternation(_CUES["unused"])
_REVERTED = alternation(_CUES["reverted"])
_TOOL_SAID = alternation(_CUES["tool_said"])
_NEGATED = alternation(_CUES["negated"])
_REFUSED = alternation(_CUES["refused"])


def tells_a_failed_try(sentence: str) -> bool:
    """A try of theirs told with their people not taking it up after it: never using or
    reaching it, or keeping to the old way ("the older clients kept phoning"); not the tool
    failing ("it kept crashing") nor a success ("nobody went back to paper")."""
    text = lowered(sentence)
    tried = _TRIED.search(text)
    return tried is not None and _not_taken_up(text, tried.end())


def tells_a_try(sentence: str) -> bool:
    """A try of theirs told, whatever came of it ("We rolled out a booking app last spring.")."""
    return bool(_TRIED.search(lowered(sentence)))


def not_taken_up(sentence: str) -> bool:
    """Their people not taking up what was tried, said in the sentence with no try of its own
    ("Half the partners never logged in."; not "It kept crashing.")."""
    return not is_question(sentence) and _not_taken_up(lowered(sentence), 0)


def _not_taken_up(text: str, start: int) -> bool:
    """Their people not taking up what was tried, said in ``text`` from ``start``: never using
    or reaching it, or keeping to the old way, not the tool failing nor negated."""
    return any(
        not _said_before(_TOOL_SAID, text, start, found.start())
        for found in _UNUSED.finditer(text, start)
    ) or any(
        not _said_before(_TOOL_SAID, text, start, found.start())
        and not _said_before(_NEGATED, text, start, found.start())
        for found in _REVERTED.finditer(text, start)
    )


def _said_before(words: Regex, text: str, start: int, end: int) -> bool:
    """``words`` ending ``text[start:end]``, where the spaces before ``end`` are left out."""
    return bool(words.search(text, start, len(text[:end].rstrip())))


def refuses_a_control(sentence: str) -> bool:
    """Their people refusing a control they would have to use ("won't do MFA", "refuse to use
    two-factor"): whether they will use it, whatever security word names it."""
    return bool(_REFUSED.search(lowered(sentence)))


def adoption_over_security(sentence: str, category: str | None) -> str | None:
    """``category``, except security for a control their people refuse: adoption."""
    return ADOPTION if category == "security" and refuses_a_control(sentence) else category
