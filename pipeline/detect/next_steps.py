"""A rep's note sentence that records the deal's next step in CRM shorthand: a follow-up ("f/u
Tues w/ pricing for 40 farms.", "Marked as follow up in June."), a booking ("Install booked
with Lakeshore Electric for Mar 16."), a to-do after the buyer's date ("board meets 2nd Tues
of April - K to take it to board."), a material the buyer asked for ("Wants a migration plan
before the March partners meeting.", "Wants pricing for 6 only.": the "only" sizes the ask) or
a window to set up in ("so ~4 wk window to get setup").

Why a rule after the model: such lines name prices, boards and set-up, and the model had read
them as price, timing and switching objections, even naming a theme after one; the README
says to-dos count nowhere. A sentence that also says a worry stays the model's ("Budget frozen
until Q3, f/u then." is a price objection; its to-do counts nowhere anyway): a clause beside
the step holding a concern or an objection topic other than timing and set-up (what a next
step is made of: dates, meetings, windows) keeps it. The phrases are data (``[rep_note]`` in
``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, lowered, notes_the_reps_doing

_NOTE = CUES["rep_note"]
_LEAD = r"^(?:[-*•]\s*)?"
_SHORTHAND = re.compile(_LEAD + r"(?:" + "|".join(_NOTE["next_step"]) + r")")
_ASKED_FOR = re.compile(
    # who asks: "She", "The client", "Ops mgr Tom" (a role and a name); no denial among them
    # ("Buyer no longer wants a trial." is no step)
    _LEAD + r"(?:(?!(?:no|not|never|longer|doesn't|don't|didn't|won't)\s)[a-z][\w'.-]*\s+){0,3}"
    r"(?:also\s+)?"
    r"(?:wants|wanted|needs|needed|asked for|requested|would like|is waiting on|waiting on|"
    r"awaiting|expects)"
    r"\s+(?:(?:a|an|the|our|some|us to send|us to share)\s+)*(?:[\w-]+\s+)?(?:"
    + "|".join(_NOTE["deliverable"])
    + r")\b"
)
_WINDOW = re.compile(r"(?:" + "|".join(_NOTE["window"]) + r")")
_SCOPE_ONLY = alternation(_NOTE["scope_only"])
_CLAUSE_END = re.compile(r"[,;]|:\s|\s[-–—]+\s|\s&\s")
# Objection topics a next step is made of: a date, a meeting, a window to set up in.
_TIMING = frozenset({"authority_timing", "setup_time"})


def notes_a_next_step(sentence: str) -> bool:
    """A rep's note sentence whose clauses record a next step (a follow-up, a booking, a to-do,
    a material asked for, a window to set up in) and say no worry beside it."""
    clauses = [c.strip() for c in _CLAUSE_END.split(sentence) if c.strip()]
    steps = [c for c in clauses if _is_a_step(c)]
    # "Wants pricing for 6 only.": the "only" sizes the ask, no hedge
    if not steps or any(cue_scores(_SCOPE_ONLY.sub(" ", lowered(s))).concern > 0 for s in steps):
        return False
    rest = cue_scores(" . ".join(c for c in clauses if c not in steps))
    topics = {name for name, hits in rest.categories.items() if hits}
    return rest.concern == 0 and topics <= _TIMING


def _is_a_step(clause: str) -> bool:
    text = lowered(clause)
    return bool(
        _SHORTHAND.match(text)
        or _ASKED_FOR.match(text)
        or _WINDOW.search(text)
        or notes_the_reps_doing(clause)
    )
