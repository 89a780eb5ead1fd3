"""A buyer in a hurry to start, read after the kind model: a start wished for before a date or
an event ("I'd want it going before Thanksgiving if we can, it gets busy around the holidays.",
"Ideally we'd be live before lambing.") is a deadline the buyer wants us to meet, no put-off.

Why a rule after the model: the date and the busy season in it are the words of a timing
objection ("Not before Thanksgiving, it gets busy."), so the model had read a won deal's wish
to start as an authority_timing objection at 0.93, heading a theme. A wish turned or put off
("We'd want to be live by May, otherwise it waits a year"), set on a proof or a step of the
purchase ("I'd want to see it running before we sign") or beside another worry stays the
model's. The phrases are data (``[early_start]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered

_CUES = CUES["early_start"]
_WORDS = r"(?:\s+[\w'-]+){0,5}?\s+"  # "I'd want [the crews] using it", "live [with both sites] by"
_WISHED_START = re.compile(
    rf"\b(?:{'|'.join(_CUES['wish'])}){_WORDS}(?:{'|'.join(_CUES['start'])})"
    rf"(?:{_WORDS}|\s+)(?:{'|'.join(_CUES['deadline'])})\b"
)
_BUYING_STEP = re.compile(r"\s+(?:" + "|".join(_CUES["buying_step"]) + r")")
_PROOF = alternation(_CUES["proof"])
_HEDGE = alternation(_CUES["hedges"])
_TURN = alternation(_CUES["turns"])
_WEAK = 0.6  # "only", "honestly": a weak hedge in the reason given is none
_TIMING = "authority_timing"  # a season or a busy time said as the reason ("it gets busy")


def wants_an_early_start(sentence: str) -> bool:
    """A start wished for by a date or an event, stated (not asked), with no proof or step of
    the purchase before it, nothing turned or put off and no other worry in the rest of the
    sentence once the buyer's hedges ("if we can", "if the board says yes") are taken out."""
    text = lowered(sentence)
    wished = _WISHED_START.search(text)
    if wished is None or is_question(sentence) or _PROOF.search(wished.group(0)):
        return False
    if _BUYING_STEP.match(text, wished.end()):  # "before we sign": a condition, not a date
        return False
    before, after = text[: wished.start()], text[wished.end() :]
    rest = _HEDGE.sub(" ", before + " " + after)
    if _TURN.search(rest) or cue_scores(rest).concern >= _WEAK:
        return False
    # the date or event itself ("the start of term", "the tax deadline") names no worry
    said = _HEDGE.sub(" ", before + " " + _DATE.sub(" ", after, count=1))
    hits = cue_scores(said).categories
    return not any(hits[name] for name in hits if name != _TIMING)


_DATE = re.compile(r"^[^,;.!?]*")
