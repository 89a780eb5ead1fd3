"""Whether a quote may be shown with the question the buyer asked just before it.

Why: a pricing page quoted "Do the work orders do the antifouling by the metre? That's how we
price it, by boat length.": the sentence about price leaned back ("That's"), so its quote took
the sentence before it, a question about a feature. A question before a sentence is its context
only where the sentence has no topic of its own ("We never moved to the cloud one." after "Does
it work with the Sage desktop version?") or shares the question's.
"""

from __future__ import annotations

import re

from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.rules import cue_scores

_CLOSERS = "\"'”’) "
# Money in any words, which the detector's price cues leave to context ("That's what we bill
# the pubs by, per keg", "How much is it a head?").
_MONEY = re.compile(
    r"\b(?:pric\w*|charg\w*|bill(?:s|ed|ing)?|pay(?:s|ing)?|paid|costs?|fees?|rates?|quid"
    r"|pounds|dollars|euros|expensive|cheap\w*|how much)\b|[$£€]\s?\d",
    re.IGNORECASE,
)


def asks(sentence: str) -> bool:
    """Whether ``sentence`` asks (ends on a question mark, closing quotes aside)."""
    return sentence.rstrip(_CLOSERS).endswith("?")


def topics_of(sentence: str) -> frozenset[str]:
    """The topics ``sentence`` names by the detector's cue words and settling words."""
    named = {category for category, hits in cue_scores(sentence).categories.items() if hits}
    named |= {"price"} if _MONEY.search(sentence) else set()
    plain = plain_topic(sentence, None)
    return frozenset(named | ({plain} if plain else set()))


def may_take_before(sentence: str, before: str) -> bool:
    """Whether the sentence ``before`` may be shown with ``sentence``: any that is no question;
    a question only where ``sentence`` names no topic or one the question names too."""
    if not asks(before):
        return True
    own = topics_of(sentence)
    return not own or bool(own & topics_of(before))
