"""The vendor doubted in a question or a story rather than in worry words: a question that takes
our failing or sale for granted ("What happens to our patient files if you go under?"), our
customers asked after in doubt ("Honestly, how many practices are actually using you?"), a past
supplier's failing told while weighing us ("We got burnt by our old POS"): ``vendor_trust``
objections; and whose their data is once they leave us ("If we cancel in two years, who owns
the client list?"): a ``security`` objection.

Why a rule after the model: the question form made the model read plain questions (0.83 to
0.92), the stories pains or integrations objections (their "data", "lost everything"); no worry
word is said, the worry is in what the question presumes or what the story warns of. A plain
question of our customers ("How many practices use you?"), a story that goes on to how they
work today ("..., so now we're on paper": a reason to buy) and an export asked after without
leaving keep their kinds. Data ownership on leaving is security's (who holds the buyer's data
and can take it: the README's "who can access our data"), whatever becomes of us; vendor_trust
is our own standing. The words are data (``[vendor_doubt]`` in ``cues.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.lazy_regex import LazyPattern

_CUES = CUES["vendor_doubt"]
_VENDOR = "(?:" + "|".join(_CUES["vendors"]) + ")"


def _any(name: str) -> str:
    return "(?:" + "|".join(_CUES[name]) + ")"


def _of_the_vendor(name: str) -> LazyPattern:
    return alternation([fragment.replace("{vendor}", _VENDOR) for fragment in _CUES[name]])


_FAILING = _of_the_vendor("failing")
_STANDING = _of_the_vendor("standing")
_DOUBTING = alternation(_CUES["doubting"])
# "our last software company went bust", "the old POS that wouldn't give us our data back",
# "burnt by our old POS"
_FORMER = _any("former")
_TOLD = rf"\b{_FORMER}\b(?: [\w',-]+){{0,5}}? {_any('gone')}"
_STORY = re.compile(rf"{_TOLD}|\b{_any('burnt')} {_FORMER}\b")
_TODAY = alternation(_CUES["today"])
_LEAVING = alternation(_CUES["leaving"])
_OWNING = alternation(_CUES["owning"])


def vendor_doubt(sentence: str, ours: Sequence[str] = ()) -> str | None:
    """The objection category of a doubt about us said as a question or a story:
    "vendor_trust" for our failing, standing or a past supplier's failing, "security" for
    their data's owner once they leave; None for anything else. ``ours``: our company's and
    product's names, read as "you" ("if StudioDeck goes under")."""
    text = _as_you(lowered(sentence), ours)
    asked = is_question(sentence)
    if asked and (_FAILING.search(text) or (_STANDING.search(text) and _DOUBTING.search(text))):
        return "vendor_trust"
    story = _STORY.search(text)
    if story is not None and not _TODAY.search(text, story.end()):
        return "vendor_trust"
    if _LEAVING.search(text) and _OWNING.search(text):
        return "security"
    return None


def _as_you(text: str, ours: Sequence[str]) -> str:
    """``text`` (lowered) with our names said as "you": "if you goes under" reads as ours."""
    for name in ours:
        if len(name.strip()) >= 3:
            text = re.sub(rf"(?<!\w){re.escape(name.strip().lower())}(?!\w)", "you", text)
    return text
