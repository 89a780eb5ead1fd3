"""Whether a sentence leans on something said before it: its opening clause points back with
"that", "those", "them" or "the other one", and names nothing they could point at.

Why: documents had opened on "We never moved to the online one." and "We got a complaint about
that in the summer.", each cut from the sentence that said what "one" and "that" were. "It",
"this" and "they" are left out: in a sales call they name the product on the table, the thing
shown, or people in general ("we don't have time to set this up", "they never log in").
"""

from __future__ import annotations

import re

# Where a clause ends: punctuation, or a word that joins two clauses ("Four dollars a head adds
# up when most of them work one shift": "them" has "a head" before it to be).
_CLAUSE_BREAK = re.compile(
    r"[,;:—–]\s*|[.!?…]+\s+|\s(?:and|but|so|because|or|then|when|if|while|since|where|unless"
    r"|until|although|though|whereas|which|who)\s",
    re.I,
)
MIN_CLAUSE_WORDS = 3  # a shorter opening ("Yeah,", "Honestly,") names nothing to point at
# Verbs whose "if" opens what they ask, in the same clause: "I don't know | if that's true"
# names nothing "that" could point at.
_ASKING_IF = frozenset("know knew sure wonder wondering ask asked asking see check tell".split())

_AUX = (
    r"is|was|are|were|would|will|won't|wouldn't|could|couldn't|can|can't|might|should|has|have"
    r"|had|does|doesn't|did|didn't|means|meant|sounds|seems|looks|costs|cost|takes|took|makes"
    r"|made|adds|goes|went|happens|happened|alone|again|too"
)
# Words that follow "that"/"those" as a pronoun, never as "that price" or "those reports":
# the end of a clause, a preposition, an adverb or a verb's particle ("a complaint about that
# in the summer", "keeping X for those for now", "set that up"; not "that up-front fee").
_AFTER_PRONOUN = (
    r"(?=\s*(?:[.,;:!?…)\"”’]|$)|\s+(?:in|on|at|for|with|about|to|from|into|by|over|after"
    r"|before|until|since|during|through|without|across|between|around|within|against|under"
    r"|like|than|now|too|either|anyway|again"
    r"|already|yet|though|later|first|then|here|there|today|anymore|as\s+well|and|or|but|if"
    r"|when|unless|while|because|up|down|out|off|back|away)\b(?!-))"
)
# Verbs after which "that" opens a clause of its own ("I think that in spring we..."), not a
# pronoun: the sentence says what it is about.
_SAYS_THAT = frozenset(
    """think thought said say says know knew hope mean guess believe feel felt sure told tell
    agree found heard realise realize expect understand assume suppose so such given except
    fact glad worried afraid aware noticed ensure is was""".split()
)
_POINTING = (
    # "that" or "those" as the subject of a clause: "That's a fair bit more", "I think those
    # are extra", "and that would mean", "I don't know if that's true".
    re.compile(
        rf"(?:^|[,;:—–(]\s*|\b(?:and|but|so|because|or|then|think|guess|know|mean|feel"
        rf"|suppose|reckon|said|say|if|whether|sure)\s+)(?:that|those)(?:['’](?:s|d|ll|re)\b|\s+(?:{_AUX})\b)",
        re.I,
    ),
    # Asked of "that": "Is that included?", "Does that cover the chapel?"
    re.compile(
        r"^(?:is|was|are|were|does|did|do|would|will|can|could|should|has|have|how\s+much\s+is"
        r"|how\s+long\s+(?:is|does))\s+(?:that|those)\b(?=\s*[?.!,]|\s+(?:a|an|the|included"
        r"|extra|free|possible|true|right|ok|okay|normal|standard|enough|going|all|part|cover"
        r"|covers|mean|work|apply|count|include|take|cost|last)\b)",
        re.I,
    ),
    # "them" with nothing before it to be ("we'd have to train them").
    re.compile(r"\bthem\b", re.I),
    # "one" standing for a thing named before: "the online one.", "the other one", "that one".
    re.compile(
        r"\b(?:the|that|those)\s+(?:[a-z]+\s+)?ones?(?=\s*(?:[.,;:!?…)\"”’]|$))"
        r"|\bthat\s+one(?:['’]s\b|\s+(?:is|was|would|will|does|did|has)\b)",
        re.I,
    ),
)
# A bare denial: "not" or "never", then only when or with whom ("Not after <rival>.", "Never
# again.", "Not until the busy season is over."): it denies what the sentence before said, and
# says nothing of it. Only a short one: a thing of three words at most, a time of six, then the
# sentence's end, one word ("..., realistically.") or a second denial ("Never again, not with a
# practice our size."). "Not without SSO, our IT won't allow it.", "Not with the budget we have
# this year." and "Never again will we sign a three-year deal." say what they object to.
_WORD = r"[\w'’-]+"
_BARE_DENIAL = re.compile(
    rf"^(?:not|never)\s+(?:again|yet"
    rf"|(?:with|without|unless)\s+{_WORD}(?:\s+{_WORD}){{0,2}}"
    rf"|(?:after|until|till|since|before)\s+{_WORD}(?:\s+{_WORD}){{0,5}})"
    rf"(?=\s*(?:[.!?…)\"”’]|$)|\s*,\s*(?:(?:not|never)\b|{_WORD}\s*(?:[.!?…]|$)))",
    re.I,
)
# "that" or "those" as an object, then nothing that could be its noun.
_OBJECT = re.compile(rf"\b(?:that|those){_AFTER_PRONOUN}", re.I)
# A term bound to "them" is bound to the buyer's current provider, never the vendor on the call
# ("a three-year agreement with them"): quoted alone it still says what holds them.
WITH_THEM = re.compile(
    r"\b(?:deal|contract|agreement|term|lease|licen[cs]e)s? (?:with|to) (?:them|those guys)\b",
    re.IGNORECASE,
)
_NOT_POINTING = re.compile(
    r"\b(?:no|every|any|each|some)\s+one\b|\bthe\s+one\s+thing\b|" + WITH_THEM.pattern, re.I
)


def opening_clause(text: str) -> str:
    """``text`` up to the end of its first clause of ``MIN_CLAUSE_WORDS`` words or more: what
    must be understood before anything else in it can be pointed at."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        asked = match.group(0).strip().casefold() == "if"
        if asked and _word_before(text, match.start()) in _ASKING_IF:
            continue
        if len(text[start : match.start()].split()) >= MIN_CLAUSE_WORDS:
            return text[: match.start()]
        start = match.end()
    return text


def leans_back(text: str) -> bool:
    """Whether ``text`` opens on a clause that points back at something said before it (see
    above): quoted alone, a reader cannot tell what it is about."""
    opening = _NOT_POINTING.sub(" ", opening_clause(text.strip()))
    return (
        bare_denial(text)
        or any(pattern.search(opening) for pattern in _POINTING)
        or any(
            _word_before(opening, match.start()) not in _SAYS_THAT
            for match in _OBJECT.finditer(opening)
        )
    )


def bare_denial(text: str) -> bool:
    """Whether ``text`` opens on a bare denial (``_BARE_DENIAL``): "Not after <rival>." had
    named a theme of long contracts and headed a one-pager's entry, cut from "I don't sign
    annual anything." before it."""
    return bool(_BARE_DENIAL.match(text.strip(" \t“\"'‘…")))


def _word_before(text: str, at: int) -> str:
    """The word just before ``at``, lower case ("" at the start)."""
    words = re.findall(r"[\w'’]+", text[:at])
    return words[-1].casefold() if words else ""
