"""A worry about the buyer's own business, read after the kind model: "I'm worried we're losing
members to the new place down the road.", "It worries me how many prescriptions go out late."
is a pain of theirs, not an objection to us.

Why a rule after the model: the worry word ("worried", "concerned", "scares me") pulls a
sentence to an objection whatever it is about; what tells them apart is whether what follows
the worry brings us in ("I'm worried your app would confuse the groomers", "the older nurses
won't take to it", "getting the files across"). The phrases are data (``[own_worry]`` in
``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered

_LEAD = re.compile(
    r"^(?:(?:honestly|to be honest|and|but|so|look|well|the thing is)\b[\s,]*)*(?:"
    + "|".join(CUES["own_worry"]["lead"])
    + r")\b(?:\s+(?:"
    + "|".join(CUES["own_worry"]["lead_tail"])
    + r")\b)?"
)
_ABOUT_US = alternation(CUES["own_worry"]["about_us"])
# Topics of a worry about us whatever the words ("the payroll export will break", "when we move
# systems"); a contract or a rival of theirs may be their own business's ("lose the council
# contract", "losing members to the new place").
_OUR_TOPICS = ("price", "switching", "setup_time", "integrations", "security", "adoption")
_MIN_WORDS = 3  # "I'm worried about it." names nothing of theirs


def worries_for_their_own_work(sentence: str) -> bool:
    """A worry opening the sentence about something of their own operation, with no word
    about us, our terms or a move to us in what it is about; not asked."""
    text = lowered(sentence).strip()
    lead = _LEAD.match(text)
    if lead is None or is_question(sentence):
        return False
    worry = text[lead.end() :]
    if len(worry.split()) < _MIN_WORDS or _ABOUT_US.search(worry):
        return False
    topics = cue_scores(worry).categories
    return not any(topics[topic] for topic in _OUR_TOPICS)
