"""The topic a sentence's own words settle, whatever the model's category head read.

Why here, apart from ``topics``: the quote spans of ``sentences`` ask it (``asked_before``)
while ``topics`` reads ``sentences``; on its own it needs only the cue words.
"""

from __future__ import annotations

from pipeline.detect.named_problem import named_problem
from pipeline.detect.rules import CUES, REASSURANCE, alternation, lowered

_JOINED = {
    "contract": CUES["blocker"]["lock_in"],
    "price": CUES["price_said_high"]["cues"]
    + CUES["no_budget"]["cues"]
    + CUES["price_per_head"]["refused"]
    + CUES["price_per_head"]["paying"],
    "adoption": CUES["no_signal"]["where"] + CUES["no_signal"]["offline"],
}
_PLAIN_TOPICS = {
    name: alternation(cues + _JOINED.get(name, [])) for name, cues in CUES["plain_topic"].items()
}
_PEOPLES_DATA = alternation(CUES["peoples_data"]["cues"])


def plain_topic(sentence: str, category: str | None) -> str | None:
    """The category the sentence's own words settle (a topic named as the problem first), else
    ``category``; a named rival's objection stays the rival's, and a topic said not to matter
    ("paying per seat is fine") settles nothing."""
    if category == "competitor":
        return category
    named = named_problem(sentence)  # "The problem is the timing, not the price."
    if named is not None:
        return named
    text = REASSURANCE.sub(" ", lowered(sentence))
    plain = next((name for name, cue in _PLAIN_TOPICS.items() if cue.search(text)), None)
    if plain is None and _PEOPLES_DATA.search(text):  # "the student data": privacy
        return "security"
    return plain or category
