"""A buyer accepting a price or a term on a deal they are closing, read after the kind model:
the term and a verdict on it ("twenty-five is okay", "forty a month works", "the minimum's not
a problem") with the next step the buyer takes ("I'll take it to him Thursday", "send it
over") or their own way to meet it ("if we pool it") is ``other``, like praise
(``asides.says_no_concern``).

Why a rule after the model: the next step names a decider, a day or the paperwork, and the
model had read "I think twenty-five is okay, I'll take it to him Thursday." as an authority
objection heading an FAQ answer on sign-off. What is left once the acceptance, the step and the
buyer's own way are taken out must hold no worry, no condition on us and no turn ("Twenty-five
is okay but I'll have to take it to him Thursday before anything's signed." stays authority,
"Forty a month works for one site, not for nine." price). The phrases are data
(``[acceptance]`` in ``cues.toml``).

So is a limitation of ours taken in the buyer's stride ("OK, I can live with a CSV, I'm doing it
all by hand right now anyway."): the format and the manual work in it had made it an integrations
objection at 0.87, quoted as an FAQ's evidence.
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered

_CUES = CUES["acceptance"]
_TERM = r"(?:" + "|".join(_CUES["terms"]) + r")"
_UNIT = r"(?:\s+(?:" + "|".join(_CUES["units"]) + r")){0,2}"
_VERDICT = r"(?:" + "|".join(_CUES["verdicts"]) + r")"
# "twenty-five is okay", "the minimum's not a problem", "eighteen per seat we can live with"
_ACCEPTED = re.compile(
    r"(?<![\w'])" + _TERM + _UNIT + r"(?:\s+|(?='))" + _VERDICT + r"(?![\w'])"
    r"|\b(?:we|i) can live with (?:that|it|this)\b"
)
_NEXT_STEP = alternation(_CUES["next_step"])
_OWN_WAY = alternation(_CUES["own_way"])
_TURNED = re.compile(
    r"\b(?:but|however|though|although|except|apart from|still|yet|unless|until|provided"
    r"|as long as|whether|if|would|could|might|'d)\b|n't\b"
)


def accepts_the_terms(sentence: str) -> bool:
    """A price or term accepted beside the buyer's next step or own way to meet it, stated (not
    asked), with nothing turned, limited or set on us in the rest of the sentence."""
    text = lowered(sentence)
    if not _ACCEPTED.search(text) or is_question(sentence):
        return False
    rest = _OWN_WAY.sub(" ", _ACCEPTED.sub(" ", text))
    steps = _NEXT_STEP.sub(" ", rest)
    if steps == rest and not _OWN_WAY.search(text):  # acceptance alone: the model's to read
        return False
    return not _TURNED.search(steps) and cue_scores(steps).concern == 0


_LIMIT = alternation(_CUES["limits"])
_HEDGE = 0.6  # "only", "honestly" in the reason given ("we only run it once a month")
_AS_THEY_ARE = alternation(_CUES["as_they_are"])


def accepts_a_limit(sentence: str) -> bool:
    """A limitation of ours accepted ("I can live with a CSV", "it's not the end of the world"),
    stated, with nothing turned, set on us or worried about in the rest (a weak hedge aside);
    not what they have today taken as good enough ("We can live with what we've got.")."""
    text = lowered(sentence)
    if not _LIMIT.search(text) or _AS_THEY_ARE.search(text) or is_question(sentence):
        return False
    rest = _LIMIT.sub(" ", text)
    return not _TURNED.search(rest) and cue_scores(rest).concern < _HEDGE
