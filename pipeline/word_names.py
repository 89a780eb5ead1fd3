"""A first name that is also a word: whether it names a person where it stands.

Why: "Bill 96" (a Quebec law) had read "[name] 96" in every export, as a buyer "Will" or
"Grace" would turn "Will Rogers Airport" and "Grace period" into "[name] ...". Such a word is a
thing when a number follows it ("Bill 96"), when it opens a longer name of a thing ("Chase
Bank", "Will Rogers Airport"), after an article ("the Grace period") or a tool's verb ("we
use Sage"), or when it opens a sentence before a word no person's name goes with ("Mark up
the price", "Will that work?"). It is a person where only a person stands ("ask Bill", "Bill
said", "Bill's team", "thanks, Bill.") and, failing every cue, as the caller's list says.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.person_positions import DOES, DONE_TO, is_english

# A number or a code after the word: "Bill 96", "Bill C-11", "Chase 5", "Will No. 3".
_NUMBER_AFTER = re.compile(r"[ \t]+(?:No\.?\s*|#\s*)?(?:[A-Z]{1,2}-?)?\d")
# Capitalised words after it, the longer name it opens: "Will Rogers Airport", "Chase Bank".
_CAPITALS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'’&-]*)+")
# What names a thing's kind in a name: "Airport", "Bank", "Act", "Street", "Inc".
_THING_NOUNS = frozenset(
    "act acts airport avenue bank bay bill bridge building centre center church clinic college "
    "company corp corporation county court credit drive field financial foundation fund group "
    "hall highway hospital hotel house inc institute island lake law lane llc ltd mall "
    "memorial museum park pay payments plaza point port railway river road school square "
    "stadium station street terminal tower trust university valley".split()
)
# Before it, a word that takes a thing: an article, a determiner, a tool's verb.
_THING_BEFORE = re.compile(
    r"(?<![\w'’])(?i:the|a|an|this|that|these|those|each|every|any|no|our|your|their|its|"
    r"use|uses|used|using|via|through|integrates?\s+with|integrated\s+with|syncs?\s+with|"
    r"synced\s+with|connects?\s+to|connected\s+to|banks?\s+with|banked\s+with|sells?\s+on|"
    r"selling\s+on|sold\s+on|(?:switch|switched|switching|move|moved|moving|migrate|migrated)"
    r"\s+(?:to|from|off)|(?:export|exported|exports)\s+to|(?:import|imported|imports)\s+from|"
    r"log\s+into|logged\s+into|(?:we|they|i)(?:['’]re|\s+are|\s+were|\s+was|['’]m)\s+on)[ \t]+$"
)
# Where a sentence opens: the text's start, after an end mark, a line break, a bullet, a colon.
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?…]['\"’”)\]]*\s+|\n\s*|[-•*]\s+|:\s+)$")
# After a sentence's first word, a word a person's name goes with: "Bill is out", "Bill and I".
_WITH_A_PERSON = (
    r"[ \t]+(?:is|was|has|had|will|would|can|could|should|may|might|must|did|does|and|or|&|"
    r"too|also|here|there|just|never|always|still|from|at|on|in|mentioned|explained|called|"
    r"emailed|replied|wrote|sent|confirmed|needs|likes|uses|used|says|knows|knew|works|"
    r"worked|manages|managed|leads|led)\b"
)
_PERSON_FOLLOWS = re.compile(f"{DOES}|{_WITH_A_PERSON}")
_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")
# Where only a person stands: a possessive, a person's doing, done to a person, greeted.
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_DONE_TO_BEFORE = re.compile(rf"(?:{DONE_TO})$")
_GREETED_BEFORE = re.compile(r"(?<![\w'’])(?i:hi|hey|hello|dear|thanks|thank you|cheers),?[ \t]+$")
# A word alone as a label: a heading's ("## Price"), a bold one's ("**Price**"), a table cell's,
# Markdown or its HTML: "| **Price** |" is "<td><strong>Price</strong></td>" once rendered.
_LABEL_BEFORE = re.compile(r"(?:^|\n|\||>)[ \t]*(?:#+[ \t]+|[-*][ \t]+)?(?:\*\*|__)?$")
_LABEL_AFTER = re.compile(r"(?:\*\*|__)?[ \t]*(?::|\||\n|$|</)")
# Joined to a lowercase noun, as no person is: "Price and budget", not "Price and I".
_JOINS_A_NOUN = re.compile(
    r"[ \t]+(?:and|or|&)[ \t]+(?!(?:the|a|an|my|our|his|her|their|i|me|we|they|he|she)\b)[a-z]"
)
_VOCATIVE = re.compile(r",[ \t]*$")
_ENDS_VOCATIVE = re.compile(r"[ \t]*(?:[.!?]|$)")


def is_also_a_word(word: str, english: Collection[str], names_only: Collection[str]) -> bool:
    """Is ``word`` an English word besides a name ("Bill", "Grace", "Price", "Chase"), not a
    name only (``names_only``, case-folded: "Dana", "Sam")?"""
    return word.casefold() not in names_only and is_english(word, english)


def stands_for_a_thing(
    text: str, start: int, end: int, common: Collection[str] = frozenset()
) -> bool:
    """Does the name-like word ``text[start:end]`` stand for a thing there, not a person?
    ``common`` (case-folded) are words the caller knows as no one's (the calls' own words)."""
    before, after = text[:start], text[end:]
    if _NUMBER_AFTER.match(after):
        return True
    capitals = _CAPITALS_AFTER.match(after)
    if capitals and _names_a_thing(capitals.group(0), common):
        return True
    if names_a_person(before, after):
        return False
    if _THING_BEFORE.search(before):
        return True
    return bool(
        _SENTENCE_OPENS.search(before)
        and _LOWER_WORD_AFTER.match(after)
        and not _PERSON_FOLLOWS.match(after)
    )


def surname_stands_for_a_thing(
    text: str, start: int, end: int, common: Collection[str] = frozenset()
) -> bool:
    """Does a surname that is also a word (``text[start:end]``: "Price", "Baker") stand for
    the word there: where ``stands_for_a_thing`` says so, alone as a heading's, a bold label's
    or a table cell's words, or joined to a lowercase noun ("Price and budget")? A buyer "Gareth
    Price" had turned a comparison's "Price" row and an SEO brief's heading into "[name]"."""
    before, after = text[:start], text[end:]
    label = _LABEL_BEFORE.search(before) and _LABEL_AFTER.match(after)
    return bool(label or _JOINS_A_NOUN.match(after)) or stands_for_a_thing(text, start, end, common)


def is_a_kind_of_thing(word: str) -> bool:
    """Does ``word`` name a kind of thing ("Centre", "Road", "Bank"), as no one is called?"""
    return word.strip("'’&-").casefold() in _THING_NOUNS


def _names_a_thing(capitals: str, common: Collection[str]) -> bool:
    """Do the capitalised words after a name make a thing's name ("Rogers Airport", "Bank")?"""
    words = [w.strip("'’&-").casefold() for w in capitals.split()]
    return any(w in _THING_NOUNS or w in common for w in words)


def names_a_person(before: str, after: str) -> bool:
    """Does the text around a name-like word put a person there ("Bill's", "Bill said", "ask
    Bill", "Hi Bill", "thanks, Bill.")?"""
    return bool(
        _POSSESSIVE_AFTER.match(after)
        or re.match(DOES, after)
        or _DONE_TO_BEFORE.search(before)
        or _GREETED_BEFORE.search(before)
        or (_VOCATIVE.search(before) and _ENDS_VOCATIVE.match(after))
    )
