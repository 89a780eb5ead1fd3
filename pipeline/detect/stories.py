"""A pain told as a story of the buyer's own operation, not as a complaint: their customers
asking what nobody can answer ("Families ring the night line asking where their mum is and the
on-call lad has no idea"), a mishap counted in a time ("Three times this year a crew sprayed the
wrong field"), a capability of their own wished for ("If I could see which jobs are overdue
without ringing every technician, that alone would be worth it").

Why a rule after the model: such stories hold no pain word, and the people, tools and bodies
they name ("insurers", two systems "side by side", a customer's question) pulled the model to an
objection with a topic picked at random (adoption 0.74, integrations 0.79). ``statements.py``
decides whether the rest of the sentence brings us in. The phrases are data (``[story]`` in
``cues.toml``).
"""

from __future__ import annotations

from pipeline.detect.rules import CUES, alternation, cue_scores, lowered
from pipeline.text_memo import once_per_text

_CUES = CUES["story"]
_ASKING = alternation(_CUES["asking"])
_UNANSWERED = alternation(_CUES["unanswered"])
_WHEN = alternation(_CUES["when"])
_MISHAP = alternation(_CUES["mishap"])
_WISH = alternation(_CUES["wish"])
_IF_ONLY = alternation(_CUES["if_only"])
_WORTH = alternation(_CUES["worth"])


@once_per_text  # read for a pain told and for today's kind
def story_told(sentence: str) -> str | None:
    """The lowered sentence without its story's frame words ("asking if", "if I could", "that
    alone would be worth it") when it tells such a story, for the caller to check that nothing
    else in it is about us; None when it tells none, or asks."""
    text = lowered(sentence).strip()
    if text.rstrip("\"') ").endswith("?"):
        return None
    asked = _ASKING.search(text)
    if asked is not None and _UNANSWERED.search(text, asked.end()):
        return _ASKING.sub(" ", text)
    if _WHEN.search(text) and _MISHAP.search(text):
        return text
    return _wished(text)


def _wished(text: str) -> str | None:
    """A wish for something of their own ("I wish we could see ...", "if we could just see
    the donor history in one place, that would save Sue a day a week") with no doubt left in
    it, without its frame; None otherwise ("If I could just ask one more thing" says no worth)."""
    wish = _WISH.search(text)
    if wish is None and not (_IF_ONLY.search(text) and _WORTH.search(text)):
        return None
    rest = _WORTH.sub(" ", _IF_ONLY.sub(" ", _WISH.sub(" ", text)))
    return rest if cue_scores(rest).concern == 0 else None
