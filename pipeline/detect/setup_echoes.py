"""A buyer's reply that claims what was just said as their own way today: "That's exactly what
we're doing now on a whiteboard.", "Yeah, that's pretty much how we handle it at the moment, on
paper." Today's set-up.

Why a rule after the model: the reply opens on a pointer ("that's") and holds no tool or pain
word of its own, so the model had read it as small talk (walk 7, 0.68) though it says how they
work. It must tie the echo to today (a time, "by hand" or a medium: "That's what we do." alone
may agree with anything), and "already" is left to the model: after our pitch, "that's what we
already do" weighs us against the status quo. ``statements.py`` decides whether the rest brings
a worry, a pain or us in. The phrases are data (``[statement]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered

_CUES = CUES["statement"]
_ECHO = re.compile(r"^(?:" + "|".join(_CUES["setup_echo"]) + r")")
_TODAY = alternation([*_CUES["echo_today"], *_CUES["medium"]])
_ALREADY = re.compile(r"\balready\b")


def echoed_setup(sentence: str) -> str | None:
    """What follows the echo ("now on a whiteboard"), when the sentence opens on one, ties it
    to today and is no question; None otherwise."""
    text = lowered(sentence).strip()
    echo = _ECHO.match(text)
    if echo is None or is_question(sentence) or _ALREADY.search(text):
        return None
    rest = text[echo.end() :]
    return rest if _TODAY.search(rest) else None
