"""Talk around the call, not about buying, read after the kind model: small talk about the
world (the weather, the journey, the weekend, sport: "Ha, Melbourne weather, four seasons in
one day."), asked ("Did you watch Friday night?") or answered ("How was the snow?" -> "We barely
got any."), and a short laugh-led reaction ("Haha, he'll be thrilled.").

Why a rule after the model: the model reads a sentence with the rep's turn around it, and small
talk after a price slide had been filed as an objection, even as a theme of its own. None holds
once the product, a buying topic or a strong worry is in the sentence ("The weather app we
tried was too expensive.").
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.rules import CUES, KIND_CUES, alternation, cue_scores, lowered
from pipeline.detect.sentences import split_sentences

PRODUCT_WORDS = alternation(CUES["aside"]["product"])  # "your", "the app": no small talk then
_WORLD = alternation(CUES["aside"]["world"])
_LAUGH = alternation(CUES["aside"]["laughs"])
_PAIN = alternation(CUES["statement"]["pain"])
_PAIN_WORDS = KIND_CUES["pain"]
_HABIT = KIND_CUES["habit"]
_SMALL_TALK_QUESTION = alternation(CUES["question"]["small_talk"])
_OUR_WORK = re.compile(r"\b(?:we|we're|we've|our|us)\b")  # "our crews", "we lose jobs"
_SHORT_REACTION = 8  # words after the laugh: "Haha, he'll be thrilled." has three
_STRONG = 1.0  # "can't", "won't use", "too expensive": a worry, whatever the subject
_MEDIUM = 0.6  # "not", "never", "still": a worry when it is about the buyer's work


def makes_small_talk(sentence: str) -> bool:
    """The weather, the journey, the weekend, sport ("It's been pouring all week in Dublin.",
    "Shame about the Hurricanes last night eh"), or a short laugh-led reaction ("Haha, he'll be
    thrilled."), with no product, no buying topic, no strong worry ("The weather app we tried
    was too expensive." is an objection) and no worry for the buyer's own work ("The weather
    delays our crews every winter and we lose jobs" is a pain)."""
    text = lowered(sentence)
    if not (_WORLD.search(text) or _laughs_off(text)) or PRODUCT_WORDS.search(text):
        return False
    cues = cue_scores(sentence)
    if cues.concern >= _MEDIUM and _OUR_WORK.search(text):
        return False
    return cues.concern < _STRONG and not any(cues.categories.values())


def asks_small_talk(sentence: str) -> bool:
    """A question about the world, sport or the journey ("Did you watch Friday night?", "Did you
    get much snow up there?", "Did you find the place alright?"): small talk, never a question
    for a theme; not "Did you see the price went up?"."""
    text = lowered(sentence).strip().rstrip("\"') ")
    if not text.endswith("?") or _ASKS_OF_IT.search(text):
        return False
    return bool(_SMALL_TALK_QUESTION.search(text)) or makes_small_talk(sentence)


# What the product can do, asked: "Can it handle the weather stations' data?" is no small talk.
_ASKS_OF_IT = re.compile(
    r"\b(?:can|could|does|do|will|would)(?:n't)? (?:it|that|this|the \w+) (?:handle|support|work"
    r"|do|track|connect|integrate|import|export|sync|read|pull|show|record|cope|take|send)\b"
)


def answers_small_talk(sentence: SentenceInput) -> bool:
    """The first sentence of a buyer's reply to the rep's small-talk question ("How was the snow
    up in Denver?" -> "Honestly we barely got any, which my kids were very upset about."), with
    no product, no buying topic, no pain told as one and nothing recurring in the buyer's work
    ("How was the weekend?" -> "Spent it chasing invoices, like every weekend." is a pain)."""
    if sentence.index_in_turn != 0 or not sentence.context.strip():
        return False
    asked = split_sentences(sentence.context)
    if not asked or not asks_small_talk(asked[-1][2]):
        return False
    text = lowered(sentence.text)
    if any(cue.search(text) for cue in (PRODUCT_WORDS, _PAIN, _PAIN_WORDS, _HABIT)):
        return False
    return not any(cue_scores(sentence.text).categories.values())


def _laughs_off(text: str) -> bool:
    """A short reaction led by a laugh ("Haha, love that.", "Lol, typical."): the laugh says
    it is banter; a long sentence after a laugh may still carry the worry."""
    text = text.lstrip(" \"'(-")
    laugh = _LAUGH.match(text)
    if laugh is None:
        return False
    rest = text[laugh.end() :]
    return re.match(r"[\s,!.]*$|\s*[,!.]", rest) is not None and (
        len(rest.split()) <= _SHORT_REACTION
    )
