"""Whether a theme's name reads on its own: it says a thing, not a filler ("Though?", "Maybe?",
"It's fine"), and a question in it is asked whole ("Does it talk to Xero?"), never the tail
left once its opening was cut ("Talk to Xero?", "Managers approve swaps from their phone?").

Why: a demo had listed "Though?" (the clause after the comma of "Does it work offline,
though?") and "Talk to LedgerLeaf?" (a phrase two questions ended on) as theme names; a marketer
reads neither as what buyers ask. Pure functions on words, for the label stage.
"""

from __future__ import annotations

import re

from pipeline.cluster.phrase_shape import FUNCTION_WORDS, says_little
from pipeline.cluster.phrases import NUMBER_WORDS, WORD_TOKEN
from pipeline.detect.antecedents import bare_denial
from pipeline.detect.rules import normalise_quotes

# Said in passing at a clause's edge, never what it is about: "Staffly too", "..., though?",
# "Really?". A closed class: "now" and "then" are left out, they end idioms ("for now").
FILLERS = frozenset(
    """though although anyway anyhow really actually honestly basically literally apparently
    obviously maybe perhaps probably possibly""".split()
)
# Fillers only at a name's end: "Too much admin" opens on an intensifier.
_ENDING_FILLERS = FILLERS | frozenset("too either eh".split())
# What a whole question opens on: a question word, an auxiliary or a modal ("Does it...",
# "Can managers...", "What about payroll?"), or "any" ("Any discount for charities?").
QUESTION_OPENERS = frozenset(
    """what what's whats when when's where where's which who who's whom whose why why's how
    how's is isn't are aren't was wasn't were weren't am do does doesn't did didn't don't
    have has hasn't haven't had can can't could couldn't will won't would wouldn't shall
    should shouldn't may might must any anything anyone anybody""".split()
)
# What opens a question on its verb: its subject must come next ("Isn't there much money
# left?"), else the question lost its subject with its opening ("Isn't much money left?").
_AUXILIARY_OPENERS = QUESTION_OPENERS - frozenset(
    """what what's whats when when's where where's which who who's whom whose why why's how
    how's any anything anyone anybody""".split()
)
# Function words a subject may open on after the verb: a pronoun, "there", a determiner, a count.
_SUBJECT_OPENERS = NUMBER_WORDS | frozenset(
    """i we you they he she it there this that these those a an the my our your their his her
    its some any all every each no both either neither many most anyone anybody anything
    someone somebody something everyone everybody everything nobody nothing one""".split()
)
# Words after the verb that show its subject was dropped: "Isn't much money left?", "Is worth
# it?", "Are always late?".
_NO_SUBJECT = FUNCTION_WORDS | frozenset(
    """enough worth able ever available still always usually often never even already probably
    sometimes constantly""".split()
)
# A question's last words after its comma, or its last word: where a filler tail sits.
_TAILS = (re.compile(r",\s*([^,.!?;:]*?)\s*\?"), re.compile(r",?\s+([\w'’]+)\s*\?"))


def _words(text: str) -> list[str]:
    return WORD_TOKEN.findall(normalise_quotes(text).lower())


def opens_a_question(text: str) -> bool:
    """Whether ``text`` opens as a whole question does (``QUESTION_OPENERS``): on a question
    word, or on an auxiliary with its subject after it ("Is there...", never "Isn't much...")."""
    words = _words(text)
    if not words or words[0] not in QUESTION_OPENERS:
        return False
    # "Does it...", "Can managers...", "Is there...": after an auxiliary, its subject
    return words[0] not in _AUXILIARY_OPENERS or len(words) > 1 and _a_subject(words[1])


def _a_subject(word: str) -> bool:
    """Whether ``word`` can open a question's subject after its verb (``_NO_SUBJECT``)."""
    return word in _SUBJECT_OPENERS or word.isdigit() or word not in _NO_SUBJECT


def without_filler_tail(text: str) -> str:
    """``text`` with the fillers a question ends on dropped before its mark: "Does it work
    offline, though?" is "Does it work offline?", "Cheaper too?" "Cheaper?"; a tail that says
    anything stays ("Can I ask, how much?")."""

    def drop(match: re.Match[str]) -> str:
        tail = _words(match.group(1))
        return "?" if tail and all(w in _ENDING_FILLERS for w in tail) else match.group(0)

    previous = None
    while previous != text:
        previous = text
        for tail in _TAILS:
            text = tail.sub(drop, text)
    return text


def without_filler_edges(name: str) -> str:
    """``name`` without the fillers it opens or ends on ("Staffly too" is "Staffly"), its
    question mark kept; the name as it was when nothing else would be left."""
    mark = "?" if name.rstrip().endswith("?") else ""
    words = name.rstrip(" ?").split()
    start, end = 0, len(words)
    while start < end and words[start].strip(",").lower() in FILLERS:
        start += 1
    while end > start and words[end - 1].strip(",").lower() in _ENDING_FILLERS:
        end -= 1
    if start == end or (start, end) == (0, len(words)):
        return name
    kept = " ".join(words[start:end]).strip(" ,")
    return kept[:1].upper() + kept[1:] + mark


def a_question_fragment(name: str) -> bool:
    """Whether ``name`` asks but does not open as a question does: the tail of one whose
    opening was cut ("Talk to LedgerLeaf?", "Though?")."""
    return name.rstrip().endswith("?") and not opens_a_question(name)


_BE = frozenset("is isn't are aren't was wasn't were weren't am".split())


def lost_its_subject(name: str) -> bool:
    """Whether ``name`` opens on the verb of a clause whose subject was cut: a question on an
    auxiliary ("Isn't much money left?") or any name on a form of "be" ("Isn't much money
    left", of "There isn't much money left") with no subject after it."""
    words = _words(name)
    asks = name.rstrip().endswith("?")
    opener = bool(words) and (words[0] in _BE or asks and words[0] in _AUXILIARY_OPENERS)
    return opener and (len(words) < 2 or not _a_subject(words[1]))


def reads_alone(name: str) -> bool:
    """Whether a name could head a theme by itself: it says more than function words and one
    weak word (``says_little``: "Though?", "Maybe?", "It's fine" do not) and is no question
    fragment (``a_question_fragment``), no clause cut before its verb (``lost_its_subject``),
    no reply that denies what the sentence before said (``bare_denial``: "Not after <rival>"
    had named a theme of long contracts), no request for the floor ("Can I jump in") nor a
    favour asked of whoever listens ("Can you grab the door?", "Can you send me ...")."""
    words = _words(name)
    return (
        bool(words)
        and not says_little(words)
        and not a_question_fragment(name)
        and not lost_its_subject(name)
        and not bare_denial(name)
        and not _FLOOR_ASKED.match(" ".join(words))
        and not asks_a_favour(name)
    )


def asks_a_favour(text: str) -> bool:
    """Whether a clause of ``text`` asks a favour of whoever listens (``_FAVOUR_ASKED``): "Sorry,
    Mel, can you grab the door?", "Can you send me something I can read over the weekend?"."""
    clauses = re.split(r"[,.;:!?]", normalise_quotes(text).lower())
    return any(_FAVOUR_ASKED.match(" ".join(WORD_TOKEN.findall(c))) for c in clauses)


# Asking for the floor, never about anything: "Can I jump in", "Could I ask you something".
_FLOOR_ASKED = re.compile(
    r"(?:can|could|may|let)\s+(?:i|me)\s+(?:just\s+)?(?:jump|cut|chime|butt|ask|say|add"
    r"|interrupt)(?:\s+(?:in|you|something|one|a|question|thing|quickly|here|there))*$"
)
# A favour asked of whoever listens, never a question about the product: an aside to someone
# in the room ("Sorry, Mel, can you grab the door?") or a request to the rep ("Can you send me
# something I can read over the weekend?"); "Can you send reminders by text?" asks about it.
_FAVOUR_ASKED = re.compile(
    r"(?:can|could|would|will)\s+(?:you|someone|somebody)\s+(?:please\s+|just\s+|quickly\s+)?"
    r"(?:(?:send|email|e-mail|forward|shoot|ping|drop|text|message|give|pass)\s+(?:me|us)\b"
    r"|(?:grab|get|answer|open|shut|close|hold|catch|mute)\s+(?:the|that|this)\s+"
    r"(?:door|phone|window|lights?|dog|kettle)\b"
    r"|(?:call|ring)\s+(?:me|us)\s+back\b)"
)
