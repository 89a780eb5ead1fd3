"""Today's set-up told by where the buyer's work is kept ("the GPL's printed in a binder", "That
all lives in <tool> at the moment"), where it goes or is done ("Attendance goes into SIMS.",
``routed_through``) or by what they never moved to ("We never moved to the online one."), and
the cost or contract words that name their own documents ("the price list", "the contracts are
the carbonless forms").

Why a rule after the model: such sentences hold a single word of a worry about buying ("price",
"contracts", "moved"), which had pulled the model to a price, contract or status-quo objection
(0.55, 0.20, 0.58) though nothing in them is about us. ``statements.py`` decides whether the
rest of the sentence brings us in. The phrases are data (``[statement]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, normalise_quotes
from pipeline.first_names import is_first_name

_CUES = CUES["statement"]
_MEDIUM = "(?:" + "|".join(_CUES["medium"]) + ")"
_OWN_DOCUMENTS = re.compile(
    r"\b(?:"
    + "|".join(_CUES["own_documents"])
    + r")\b|\b(?:"
    + "|".join(_CUES["documents_on"])
    + r")(?="
    + _MEDIUM
    + r"\b)"
)
_KEPT = alternation(_CUES["kept"])
# "It's all paper", "the contracts are the carbonless forms from the supplier": kept as a medium
_ON_A_MEDIUM = re.compile(
    r"\b(?:is|are|'s|'re)(?: all| still| just| mostly)?(?: on| in)?(?: the| a| an)?(?: [\w-]+)? "
    + _MEDIUM
    + r"\b"
)
_ROUTED = alternation(_CUES["routed"])
_CHANNEL = re.compile(r"(?:the|our|their) (?:" + "|".join(_CUES["channel"]) + r")\b")
_MEDIUM_FIRST = re.compile(r"(?:(?:the|a|an|our|their|one|big|shared) )*" + _MEDIUM + r"\b")
_DETERMINERS = re.compile(r"(?:(?:the|a|an|our|their|its|one|big) )*")
_USES = re.compile(r"\b(?:use|uses|used|run|runs)\b ")
_USED_FOR = re.compile(r"[\w-]+(?: [\w-]+)? (?:for|to)\b")
_NOT_A_TOOL = {"i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NEVER_MOVED = re.compile(r"^(?:" + "|".join(_CUES["never_moved"]) + r")")
_REQUIREMENT = alternation(_CUES["requirement"])
_HEDGE = 0.6  # "not", "still": more than a weak "but" or "only" left beside the fact


def own_documents_aside(text: str) -> str:
    """Lowered ``text`` without the cost and contract words that name the buyer's own documents
    ("the price list", "the contracts are the carbonless forms"): no price or terms of ours."""
    return _OWN_DOCUMENTS.sub(" ", text)


def _names_a_tool(original: str, lowered_text: str, at: int) -> bool:
    """A medium, a channel ("the till") or a name that is no person's or day's starts at ``at``
    (``original`` and ``lowered_text`` line up character for character)."""
    if _MEDIUM_FIRST.match(lowered_text, at) or _CHANNEL.match(lowered_text, at):
        return True
    start = _DETERMINERS.match(lowered_text, at)
    word = re.match(r"[\w-]+", original[start.end() if start else at :])
    return (
        word is not None
        and word.group()[:1].isupper()
        and word.group().lower() not in _NOT_A_TOOL
        and not is_first_name(word.group())
    )


def routed_through(sentence: str) -> bool:
    """A piece of their work said to go through, or be done in, a tool or medium they name
    ("Attendance goes into SIMS.", "Rotas are done in a Google Sheet", "The clinic uses RxWorks
    for records."); not a person ("anything over a grand goes through Dave") and not a question.
    Whether anything in it is about us is the caller's to check."""
    if is_question(sentence):
        return False
    original = normalise_quotes(sentence)
    text = original.lower()
    for found in _ROUTED.finditer(text):
        if _names_a_tool(original, text, found.end() + 1):
            return True
    return any(
        _names_a_tool(original, text, used.end()) and _USED_FOR.match(text, used.end())
        for used in _USES.finditer(text)
    )


def kept_said(text: str) -> str | None:
    """The rest of lowered ``text`` when it says where their work is kept or what they never
    moved to, with no worry or need beside it, for the caller to check that nothing in it is
    about us; None otherwise ("Our bookkeeper lives in QuickBooks, so it has to sync" needs)."""
    if is_question(text):
        return None
    moved = _NEVER_MOVED.match(text)  # its "moved", "switched" are no move to us
    if moved is not None:
        rest = text[moved.end() :]
    elif _KEPT.search(text) or _ON_A_MEDIUM.search(text):
        rest = text
    else:
        return None
    if cue_scores(rest).concern >= _HEDGE or _REQUIREMENT.search(rest):
        return None
    return rest
