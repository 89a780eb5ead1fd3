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

# Words that may sit inside a phrase but never start or end one ("the", "and", "of").
EDGE_WORDS = frozenset(
    """
    a an the and or but so of to for in on at by with from as than that which who whom whose this
    these those is are was were be been being am do does did has have had will would shall should
    can could may might must if then there their our your my its his her i we you they he she me us
    them just really very quite also like um uh er erm yeah yes oh ok okay well right kind sort mean
    know actually basically literally gonna wanna
    thanks thank cheers hi hello bye please sorry it's that's there's we're i'm you're they're i've
    we've i'd we'd i'll we'll you'll it'll what's let's about into up out over
    """.split()
)
# Words that carry no meaning alone: a phrase needs at least one word outside this set.
FUNCTION_WORDS = EDGE_WORDS | frozenset(
    """
    it not no don't won't can't isn't doesn't didn't wasn't aren't haven't wouldn't couldn't
    too much many more most some any all lot lots thing things stuff something anything get got
    go going one two say said think want need see look make take come way bit little now then here
    what when where how why send sent ask asked tell told said let put give
    day days week weeks month months year years today tomorrow yesterday last next ago time
    three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand
    every other another once twice half hmm hm mm mhm huh ah
    """.split()
)

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
