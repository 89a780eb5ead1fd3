"""Whether a buyer's question stands alone as something a person would search: it asks (opens on
a question word or an auxiliary once any interjection is dropped) and names what it asks about.

Why: an SEO brief's "Questions to answer" had listed "Wait, they can just text it?", a reaction to
what the rep had just said, with nothing named a searcher could type; "Is that included?" and
"Can they do it?" point back at what the call said before them in the same way."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.cluster.phrases import FUNCTION_WORDS
from pipeline.content.keyword_things import of_the_domain
from pipeline.detect.rules import cue_scores, normalise_quotes

# Words a reaction opens on before its point ("Wait, ...", "Oh so ...", "Hang on, ...").
_INTERJECTIONS = frozenset(
    "wait oh ah so ok okay well hang hold on sorry and but um uh er hmm huh right really yeah "
    "yes no look hey".split()
)
# What a question opens on when it asks: its question word or the auxiliary put first.
_ASKING = frozenset(
    """what what's how how's why when where which who whom whose is are was were am do does did
    can could will would should shall may might must has have had isn't aren't wasn't weren't
    don't doesn't didn't can't couldn't won't wouldn't shouldn't hasn't haven't""".split()
)
# Words that stand for something said before: alone they name nothing a searcher could type.
_POINTERS = frozenset(
    """it its it's they them their theirs that this these those he she him her his one ones
    there you your yours we us our i me my mine thing things stuff""".split()
)
# Words after which the next is the thing named ("a smartphone", "the logs", "our data"); not
# "that" or "this", which as often stand for it ("Is that included?").
_DETERMINERS = frozenset(
    "a an the my our your their his her its any some every each another no".split()
)
# Who does something: the word after one is its verb ("they | text it"), no thing named.
_DOERS = frozenset("it they we you i he she to".split())
_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


def searched_question(text: str, domain: frozenset[str]) -> bool:
    """Whether ``text`` (one question) is asked as a search: its first word after any
    interjection asks (``_ASKING``), and it names a thing (``names_something``) or a worry's
    topic ("What does it cost?")."""
    words = _WORD.findall(normalise_quotes(text))
    lowered = [w.lower() for w in words]
    start = 0
    while start < len(lowered) - 1 and lowered[start] in _INTERJECTIONS:
        start += 1
    asked = lowered[start:]
    if not asked or asked[0] not in _ASKING:
        return False
    # A worry's topic as the detector reads it names the thing too: "What does it cost?".
    return names_something(words[start:], domain) or any(cue_scores(text).categories.values())


def names_something(words: Sequence[str], domain: frozenset[str]) -> bool:
    """Whether a question's ``words`` name what it asks about: a word after a determiner ("a
    smartphone"), a name or acronym written in capitals past its first word ("QuickBooks",
    "IFTA"), or a word of the page's ``domain`` not in a verb's place after its doer ("How do
    tips get pooled?", not "Can they text it?")."""
    lowered = [w.lower() for w in words]
    for i, (word, low) in enumerate(zip(words, lowered, strict=True)):
        if low in _POINTERS or low in FUNCTION_WORDS or low in _ASKING:
            continue
        before = lowered[i - 1] if i else ""
        if before in _DETERMINERS or (i and word[0].isupper() and low != "i"):
            return True
        if before not in _DOERS and of_the_domain([low], domain):
            return True
    return False
