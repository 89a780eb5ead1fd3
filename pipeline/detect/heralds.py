"""A sentence that announces the point to come and names none ("Look, my concern is simple.",
"Here's my worry.", "Let me be blunt."): the sentence after it in the turn says the worry.

Why: the concern word had made the model read the herald as an objection of its own (adoption at
0.37 in walk 8), a second objection with no topic beside the one it announced. One that names
its point ("My concern is the price.", "Here's my worry: the contract.") is that point, and a
herald that ends its turn keeps the model's reading (``side_remarks.py`` reads the turn). The
phrases are data (``[herald]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, is_question, lowered

_LEAD = r"^(?:(?:look|listen|okay|ok|so|well|right|honestly|and|but|see|now|yeah|um|uh),?\s+)*"
_HERALD = re.compile(_LEAD + r"(?:" + "|".join(CUES["herald"]["cues"]) + r")[\s.:!…,;-]*$")


def heralds_a_point(sentence: str) -> bool:
    """The whole sentence announces a concern, question or point to come, naming none."""
    return not is_question(sentence) and _HERALD.match(lowered(sentence).strip()) is not None
