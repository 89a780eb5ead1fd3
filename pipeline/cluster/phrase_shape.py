"""Whether a repeated phrase says anything a buyer would: its shape, word by word.

Why: the phrases page had listed "he's not", "because i'm not", "it takes" and "we've got":
pronouns, auxiliaries and conjunctions with at most one light verb or vague word among them
repeat in every conversation and tell a marketer nothing. A phrase needs one word that is
neither a function word nor weak, or two weak ones ("takes ages" is a phrase; "takes" alone
with "it" is not).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from pipeline.language import english_function_words

# Light verbs in their forms, and vague words: one of them beside function words says nothing.
WEAK_WORDS = frozenset(
    """
    take takes took taken taking get gets getting gotten go goes went gone make makes made
    making do doing done have having has say says saying come comes came coming keep keeps kept
    keeping put puts putting give gives gave given giving see sees saw seen seeing want wants
    wanted wanting think thinks thought thinking know knows knew known knowing mean means meant
    guess guessed seem seems seemed try tries tried trying let lets letting feel feels felt
    looks looked looking wait waiting happen happens happened
    thing things stuff way ways lot lots kind sort bit point case fact part
    sure fine okay ok right true real whole same different
    pretty quite rather even still already ever never always sometimes often again maybe
    probably definitely obviously honestly basically actually really yeah yes no
    """.split()
)
# Auxiliaries and pronouns spelled with their contraction ("he's", "they've", "hasn't").
_CONTRACTIONS = ("'s", "'re", "'ve", "'d", "'ll", "'m", "n't")


@functools.cache
def _function_words() -> frozenset[str]:
    from pipeline.cluster.phrases import FUNCTION_WORDS  # which imports this module

    return FUNCTION_WORDS | english_function_words()


def is_function_word(word: str) -> bool:
    """A function word, or one contracted with its auxiliary or "not": "he's", "i'm",
    "they'd", "hasn't", "doesn't"."""
    word = word.replace("’", "'")
    if word in _function_words():
        return True
    for ending in _CONTRACTIONS:
        if word.endswith(ending) and len(word) > len(ending):
            return is_function_word(word[: -len(ending)])
    return False


def says_little(words: Sequence[str]) -> bool:
    """Whether lower-case ``words`` are only function words (and figures) but for at most one
    weak word: "he's not", "because i'm not", "it takes", "we've got", "it's just fine"."""
    rest = [w for w in words if not is_function_word(w) and not w.isdigit()]
    return len(rest) <= 1 and all(w in WEAK_WORDS for w in rest)
