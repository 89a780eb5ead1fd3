"""What a buyer says of a rival that is no worry about buying from us, read after the kind model:
a rival run round the buyer by someone else ("our agronomist puts recommendations into Agworld,
but we don't actually record in it": a set-up), and a rival criticised ("we looked at Agworld but
it's really built for the agronomist not the farmer": no objection; a pain when the buyer runs it
now), and a rival the buyer runs, only described ("We use <rival> for the website listings.", a
note's "400 units, on <rival> since 2021": a set-up). A fault of today's tool said now, with the
tool as the subject, is one the buyer lives with, a pain, unless a look or hearsay is told ("But
<rival> can't see stock across our three branches, so we end up ringing each other", a note's
"Their current system can't flag short-dated stock", no rival named). The rival keeps its tag.

Why a rule after the model: a named rival pulls a sentence to a competitor objection, and a
criticism of one had named a theme and been printed under "When <rival> is the better fit"; "can't
see stock" reads like a feature we lack, and had filed the walk's buyer under "Happy with a
competitor".
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
_LOOKED = alternation(CUES["rival_remark"]["looked"])
# A harm of their own work said now ("and the reconciliation is a nightmare every Friday"): like
# a fault of the tool, one the buyer lives with unless a look is told.
_HARM = alternation([*CUES["statement"]["pain"], *CUES["statement"]["costs_them"]])
_FALLS = "(?P<fault>" + "|".join(CUES["rival_remark"]["falls_short"]) + r")\b"
# Said of the tool as the subject: right after its name ("<rival> can't", "<rival>'s reorder
# suggestions are rubbish", "the <rival> app won't") or of "it" in the clause that follows ("we're
# on <rival> and it won't show us ...").
_OF_IT = (
    re.compile(r"^(?:'s)?(?:\s+[\w-]+){0,3}?\s*" + _FALLS),
    re.compile(r"^[^.;?!]{0,60}?\s(?:and|but|so|because|though)\s+(?:it|they)\s*" + _FALLS),
)
_TODAYS_TOOL = alternation(CUES["rival_remark"]["todays_tool"])
_CLAUSE_END = re.compile(r"[,;]|\s(?:so|and|but|because|which|as)\s")
_BUYING_TOPICS = ("price", "contract", "switching")  # "won't let us out", "doesn't charge"
# What weighs the rival against us or keeps the buyer on it: a comparison, a preference, a price,
# an offer, praise ("it was better than yours", "already", "the team love it"). Narrower than
# ``asides.weighs_a_rival`` (which counts "use" and "on"): someone else using it is the point here.
# "half your price", not "half our patients forget" nor "it keeps double booking".
_WEIGHED = re.compile(
    r"\b(?:than|cheaper|pricier|dearer|better|faster|easier|simpler|more|less"
    r"|(?:half|twice|double)\s+(?:your|yours|as|what|the\s+(?:price|cost))"
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
    if is_question(text):
        return None
    rest = lowered(text)
    fault = fault_said(text, hits)
    for start, end in fault:  # "can't price a part-load" is no price weighed
        rest = rest[:start] + " " * (end - start) + rest[end:]
    for hit in hits:
        rest = rest.replace(lowered(text[hit.start : hit.end]), " ")
    if _ABOUT_US.search(rest) or _WEIGHED.search(rest):
        return None
    if not hits:  # "Their current system can't flag short-dated stock": no rival named
        return "pain" if fault else None
    if _OTHERS_RUN_IT.search(rest) and _NOT_US.search(rest):
        return "current_setup"
    short = bool(fault) or bool(_HARM.search(rest))
    # a fault said now, with no look taken or word heard, is one the buyer lives with
    runs_it = any(hit.relation == "current" for hit in hits) or (
        short and not _LOOKED.search(rest) and all(h.relation != "evaluated" for h in hits)
    )
    if short or _CRITICISM.search(rest):
        return "pain" if runs_it else "other"
    if runs_it and _only_described(rest):
        return "current_setup"
    return None


def _only_described(rest: str) -> bool:
    """What is left once the rival's name is out holds no worry and no buying topic ("we use
    for the website listings"): being happy with it, a contract or a price would."""
    cues = cue_scores(rest)
    return cues.concern == 0 and not any(cues.categories.values())


def falls_short(text: str, hits: Sequence[CompetitorHit] = ()) -> bool:
    """Whether the sentence says, in the present, what today's tool can't do or does badly,
    with the tool as the subject (``fault_said``)."""
    return bool(fault_said(text, hits))


def fault_said(text: str, hits: Sequence[CompetitorHit] = ()) -> list[tuple[int, int]]:
    """Where the sentence says, in the present, what today's tool can't do or does badly, with
    the tool as the subject: a rival it names (``hits``: "<rival> can't see stock across our
    branches", "<rival>'s reorder suggestions are rubbish") or, with none named, "our current
    system" ("Their current system can't flag short-dated stock."): the spans of the tool and
    of the fault ("can't see"); none for what it won't let them do or what it charges, nor a
    buying topic in what it can't do (a lock-in, a price, a move: "can't give us our data")."""
    said = lowered(text)
    tools = [(hit.start, hit.end) for hit in hits] or [
        m.span() for m in _TODAYS_TOOL.finditer(said)
    ]
    for start, end in tools:
        fault = next(filter(None, (p.search(said[end:]) for p in _OF_IT)), None)
        if fault is None:
            continue
        found = (end + fault.start("fault"), end + fault.end("fault"))
        # what it can't do, after the verb: "can't price a part-load" names no price
        clause = _CLAUSE_END.split(said[found[1] :], maxsplit=1)[0]
        topics = cue_scores(clause).categories
        if not any(topics.get(topic) for topic in _BUYING_TOPICS):
            return [(start, end), found]
    return []
