"""What a buyer says of a rival that is no worry about buying from us, read after the kind model:
a rival run round the buyer by someone else ("our agronomist puts recommendations into Agworld,
but we don't actually record in it": a set-up), and a rival criticised ("we looked at Agworld but
it's really built for the agronomist not the farmer": no objection; a pain when the buyer runs it
now), and a rival the buyer runs, only described ("We use <rival> for the website listings.", a
note's "400 units, on <rival> since 2021": a set-up). The rival keeps its tag either way.

Why a rule after the model: a named rival pulls a sentence to a competitor objection, and a
criticism of one had named a theme and been printed under "When <rival> is the better fit".
None holds once the rival is weighed against us ("Agworld is clunky but half your price"),
brought to us ("you're just as clunky") or asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.classify import Kind
from pipeline.detect.competitors import CompetitorHit
from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered

_CRITICISM = alternation(CUES["rival_remark"]["criticism"])
_OTHERS_RUN_IT = alternation(CUES["rival_remark"]["others_run_it"])
_NOT_US = alternation(CUES["rival_remark"]["not_us"])
_ABOUT_US = alternation(CUES["statement"]["about_us"])
# What weighs the rival against us or keeps the buyer on it: a comparison, a preference, a price,
# an offer, praise ("it was better than yours", "already", "the team love it"). Narrower than
# ``asides.weighs_a_rival`` (which counts "use" and "on"): someone else using it is the point here.
_WEIGHED = re.compile(
    r"\b(?:than|cheaper|pricier|dearer|better|faster|easier|simpler|more|less|half|twice|double"
    r"|prefer\w*|lean\w*|favou?r\w*|instead|rather|ahead|compared|versus|vs|already|still"
    r"|offer\w*|quot\w*|discount\w*|deal|likes|liked|loves?|loved|rates?|great|good|best"
    r"|impressed|impressive|wants?)\b"
)


def rival_remark(text: str, hits: Sequence[CompetitorHit]) -> Kind | None:
    """The kind of a sentence that speaks of a rival (``hits``) without weighing it against us:
    ``current_setup`` when someone else runs it and the buyer does not, or when the buyer runs
    it and says nothing more of it (no worry, no topic: a rival named is no objection by
    itself), ``pain`` when it is criticised and the buyer runs it now, ``other`` when
    criticised from a look or a word; None otherwise."""
    if not hits or is_question(text):
        return None
    rest = lowered(text)
    for hit in hits:
        rest = rest.replace(lowered(text[hit.start : hit.end]), " ")
    if _ABOUT_US.search(rest) or _WEIGHED.search(rest):
        return None
    if _OTHERS_RUN_IT.search(rest) and _NOT_US.search(rest):
        return "current_setup"
    runs_it = any(hit.relation == "current" for hit in hits)
    if _CRITICISM.search(rest):
        return "pain" if runs_it else "other"
    if runs_it and _only_described(rest):
        return "current_setup"
    return None


def _only_described(rest: str) -> bool:
    """What is left once the rival's name is out holds no worry and no buying topic ("we use
    for the website listings"): being happy with it, a contract or a price would."""
    cues = cue_scores(rest)
    return cues.concern == 0 and not any(cues.categories.values())
