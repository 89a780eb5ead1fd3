"""What the buyer uses, decided or provided by a body above them ("we're on <tool> through the
group", "head office put every branch on <tool> last year", "the diocese gives us <tool> for
free", "our franchisor mandates <tool>"), read after the kind model.

What it is depends on why it is said, and the detector sees that only in the sentence and the
rep's turn before it. Decided so:

- said as a caveat or with a worry ("I should say up front, ...", "the thing is, ...", "so our
  hands are tied"): the reason they can't move, an objection, whatever the rep asked;
- after the rep asked how they work today ("What do you use for bookings today?", "Walk me
  through your till setup."): a set-up described, ``current_setup``;
- after a pitch, a price or a move offered ("It's forty a month per site and we can have you
  live in a week."): the reason they can't move, an objection;
- otherwise (a greeting, no rep turn): the model's read.

Its objection is a contract one, as the ``[blocker] lock_in`` rule files a contract that binds
them, or a price one when the body above pays for it ("<tool> is free for us, corporate covers
it", as the labelled sets have it); a rival it says they use makes it the rival's
(``verdict.py``). An approval still to come
("head office would have to approve it") is not this: authority, the model's and the topic
rules'. Why a rule after the model: it read a lock-in offered after a price as set-up and the
same sentence after "what do you use today?" as a competitor objection; the turn tells them
apart.
"""

from __future__ import annotations

from pipeline.detect.classify import Kind, SentenceInput
from pipeline.detect.rules import CUES, KIND_CUES, alternation, cue_scores, is_question, lowered
from pipeline.detect.sentences import split_sentences

_CUES = CUES["parent_lock_in"]
_PARENT = alternation(_CUES["parents"])
_CAVEAT = alternation(_CUES["caveats"])
_TODAY_ASKED = alternation(_CUES["today_asked"])
_DISCOVERY = KIND_CUES["rep_discovery_question"]
_PITCH = alternation(_CUES["pitch"])
_PRICE = KIND_CUES["rep_price"]
_TO_COME = alternation(_CUES["to_come"])
_PAYS = alternation(_CUES["pays"])


def through_a_parent(sentence: str) -> bool:
    """What they use decided or provided by a group, head office, franchisor, trust or diocese,
    stated (not asked), not a decision still to come."""
    text = lowered(sentence)
    return bool(_PARENT.search(text)) and not _TO_COME.search(text) and not is_question(sentence)


def lock_in_category(sentence: str) -> str:
    """A lock-in's objection category: price when the body above them pays for what they use
    ("the diocese gives us <tool> for free"), else contract."""
    return "price" if _PAYS.search(lowered(sentence)) else "contract"


def parent_lock_in_kind(sentence: SentenceInput) -> Kind | None:
    """``objection`` or ``current_setup`` for a sentence ``through_a_parent``, decided by its
    caveat or worry and the rep's turn before (the module's docstring); None when neither
    decides or the sentence says no such thing."""
    if not through_a_parent(sentence.text):
        return None
    text = lowered(sentence.text)
    if _CAVEAT.search(text) or cue_scores(sentence.text).concern > 0:
        return "objection"
    if _asks_about_today(sentence.context):
        return "current_setup"
    context = lowered(sentence.context)
    if _PITCH.search(context) or _PRICE.search(context):
        return "objection"
    return None


def _asks_about_today(context: str) -> bool:
    """The rep's turn ends asking how they work today."""
    spans = split_sentences(context)
    if not spans:
        return False
    last = spans[-1][2]
    asked = lowered(last)
    return bool(_TODAY_ASKED.search(asked)) or (
        is_question(last) and bool(_DISCOVERY.search(asked))
    )
