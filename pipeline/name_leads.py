"""Capitalised words that lead a name without being part of it.

Why: a sentence capitalises its first word, so "Ask Aoife, she's on the rota." had read
"[name], she's on the rota.": the verb was taken for the first of a two-word name, and once
collected as a buyer's name, "Ask" was hidden in every sentence of the calls. A word leads a
name, and stays, when it is a verb said to a person ("Ask", "Call", "Cc"), a greeting
("Thanks") or a word that opens a clause ("Maybe", "Honestly", "So"), and no first name on
the list ("Will", "Mark"): "Grace" and "Hope" are no such words and go with the surname.
After such a verb opening a sentence, a capitalised word is whom it is said to, so a person
("Call Declan about it") unless it is a team, a title or a thing ("Call Support", "Ask Dr.").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.first_names import is_first_name
from pipeline.language import opens_a_clause
from pipeline.peoples import names_a_language_or_nationality
from pipeline.person_positions import (
    CALENDAR,
    DOES,
    NAME,
    ROLE,
    TITLE,
    WORD,
    english_words,
    is_english,
    said_lowercase,
)
from pipeline.word_names import is_a_kind_of_thing

# Verbs said to a person, and greetings: "Ask Aoife", "Ring Tomasz", "Cc Hamish", "Thanks Oisin".
_TO_A_PERSON = frozenset(
    "ask tell call email ring phone ping text message cc bcc thank remind invite introduce "
    "nudge hi hey hello dear cheers thanks".split()
)
# Words no one is called, capitalised before a name or after such a verb: a team ("Email
# Accounts"), a title or kin ("Coach", "Nurse"), a time ("Yesterday"), a crowd ("Hi Team").
_NO_ONE = frozenset(
    "accounts accounting admin billing compliance dispatch facilities finance legal "
    "maintenance management marketing operations ops payroll procurement purchasing "
    "reception sales security service support warehouse office team everyone everybody "
    "guys folks lads mate god nurse coach chef captain pastor father sister brother uncle "
    "aunt auntie councillor judge officer sergeant professor principal sir madam dame lord "
    "lady saint reverend rabbi imam bishop mayor senator governor today tomorrow yesterday "
    "tonight later earlier last next right fine great cool good perfect brilliant awesome "
    "excellent fantastic wonderful super nice grand ah er erm".split()
)
_ROLE_OR_TITLE = re.compile(rf"(?i:{ROLE}|{TITLE})")
# A sentence's start, maybe "Please", then a verb said to a person and whom: "Call Declan".
_OPENING_VERB = re.compile(
    rf"(?P<lead>(?:^|(?<=[.!?])[ \t]+)(?:[-•*][ \t]+)?(?:(?:Please|Just|So|And)[ \t]+)?"
    rf"(?P<verb>[A-Za-z][a-z]+|CC|BCC),?[ \t]+)(?P<whom>{WORD}(?:[ \t]+{WORD})?)(?![\w'’-])",
    re.MULTILINE,
)
# After the words, a verb of theirs: the sentence names a thing ("Email Octopus sends ...",
# "Ring Central is our phone system"), no verb said to anyone.
_THEIR_VERB = re.compile(
    rf"{DOES}|[ \t]+(?:is|are|was|were|has|have|does|did|will|would|can|could|sends|costs|"
    r"works|syncs|integrates|lets|makes|keeps)\b"
)


def leads_a_name(word: str) -> bool:
    """Is ``word`` a verb said to a person, a greeting or a clause's opening word, and no
    first name: what stands before a name without being part of it?"""
    low = word.casefold().strip(".,")
    if is_first_name(low):
        return False
    return low in _TO_A_PERSON or opens_a_clause(low)


def no_one(word: str, text: str, common: Collection[str] = ()) -> bool:
    """Is ``word`` no person's name in ``text``: a word that leads a name, a team, a title,
    a role, a day, a thing, a language, a word the caller knows (``common``, case-folded) or
    one ``text`` writes in lower case?"""
    low = word.casefold()
    return (
        low in _NO_ONE
        or low in CALENDAR
        or low in common
        or low in said_lowercase(text)
        or bool(_ROLE_OR_TITLE.fullmatch(word))
        or is_a_kind_of_thing(word)
        or names_a_language_or_nationality(word)
        or leads_a_name(word)
        or _made_of_a_word(word)
    )


def _made_of_a_word(word: str) -> bool:
    """Is ``word`` an English word's "-ing" or plural form and no first name ("Call
    Recording", "Email Templates", "Text Messaging"): a thing, where "Declan" is a word whole?"""
    english, low = english_words(), word.casefold()
    if is_first_name(low):
        return False
    return (low.endswith("ing") and low in english) or (
        low not in english and is_english(low, english)
    )


def hide_after_opening_verbs(text: str, common: Collection[str] = ()) -> str:
    """``text`` with whom a sentence's opening verb is said to hidden ("Call Declan about
    it", "Cc Hamish"): there a capitalised English word is a person's name too."""

    def hide(match: re.Match[str]) -> str:
        first = match.group("whom").split()[0]
        if (
            match.group("verb").casefold() not in _TO_A_PERSON
            or no_one(first, text, common)
            or _THEIR_VERB.match(text, match.end())
        ):
            return match.group(0)
        return match.group("lead") + NAME

    return _OPENING_VERB.sub(hide, text)
