"""The buyer's business said with how busy it is: "We're a cat and dog grooming salon with four
tables, and the phone never stops.", "We're a two-surgery dental practice, and we're booked
solid till March." Today's set-up.

Why a rule after the model: the busy clause ("the phone never stops", "flat out") had pulled
such sentences to adoption objections and small talk, though they say who the buyer is and
nothing of us. Not once the rest holds a worry, a pain word or a word about us ("We're a small
salon and the phone never stops, so I can't see anyone learning it." is an objection). The
phrases are data (``[busy_business]`` in ``cues.toml``).
"""

from __future__ import annotations

from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    alternation,
    cue_scores,
    is_question,
    lowered,
    self_led,
)

_SELF = self_led(CUES["busy_business"]["self"])
_BUSY = alternation(CUES["busy_business"]["busy"])
_ABOUT_US = alternation(CUES["statement"]["about_us"])


def describes_a_busy_business(sentence: str) -> bool:
    """What the business is ("We're a ...") and how busy it is, with no worry, pain or word
    about us in the rest: today's set-up, whatever the model read."""
    text = lowered(sentence).strip()
    if not _SELF.match(text) or is_question(sentence):
        return False
    busy = _BUSY.search(text)
    if busy is None:
        return False
    rest = f"{text[: busy.start()]} {text[busy.end() :]}"
    return not (
        _ABOUT_US.search(rest) or cue_scores(rest).concern > 0 or KIND_CUES["pain"].search(rest)
    )
