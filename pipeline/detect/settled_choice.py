"""A choice the buyer settled after a look at several ("We tried two vendors and settled on
Acme.", "We looked at three tools and went with Rotaly.", "We trialled a couple and ended up with
BookIt."): what they run today, a set-up with the rival tagged; and a look at several none of
which worked ("We tried two vendors and neither worked."): a pain with the tools tried.

Why a rule after the model: the rival's name and the words of a choice had read as a competitor
objection (or as other), as if the buyer had chosen against us; a choice told as their history
is no reason not to buy from us. Said with a reason not to talk to us ("..., so we're not
looking") it stays the objection the model read. The words are data (``[settled_choice]`` in
``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import Kind
from pipeline.detect.rules import CUES, alternation, is_question, lowered

_CUES = CUES["settled_choice"]
_LOOKED = alternation(_CUES["looked"])
_CHOSE = alternation(_CUES["chose"])
_NONE_WORKED = alternation(_CUES["none_worked"])
_NOT_LOOKING = alternation(_CUES["not_looking"])
_NEWS = alternation([*CUES["loss_reason"]["lately"], *_CUES["news"]])
_US = re.compile(r"\byou(?:r|rs|'\w+)?\b")


def settled_choice_kind(sentence: str) -> Kind | None:
    """``current_setup`` for a choice told after a look at several, ``pain`` for a look at
    several none of which worked; None for any other sentence, a question, one that brings us
    in ("went with Rotaly over you"), one that says why they are not looking, or a choice that
    is this week's news ("... and went with Rotaly last week": a loss)."""
    text = lowered(sentence)
    looked = _LOOKED.search(text)
    if looked is None or is_question(sentence) or _US.search(text):
        return None
    if _NONE_WORKED.search(text, looked.end()):
        return "pain"
    if _NOT_LOOKING.search(text) or _NEWS.search(text):  # why not, or the deal just lost
        return None
    return "current_setup" if _CHOSE.search(text, looked.end()) else None
