"""The language a buyer asks to be served in (support, product, documents) and the profile
facts that name it.

Why: "And the help desk, it is in French?" had been answered with an MFA fact sharing its theme
while the roadmap's "A French-language help desk line (planned)" went uncited: a language's name
is written as a name, so the word matchers drop it (``telling_words``) and the worry fell to
whatever fact its theme had. A fact answers a language asked for only where it names that
language; where none does, the worry is left to write.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.profile import PLANNED, ProfileFact
from pipeline.content.worry_facts import telling_words
from pipeline.peoples import names_a_language
from pipeline.regions import OPERATES_AFTER, regions_named

_WORD = re.compile(r"[A-Za-z]+")
# A language named as one used, just before it: "in French", "speak Spanish", "show German".
_USED_BEFORE = re.compile(
    r"\b(?:in|into|speaks?|speaking|spoken|reads?|writes?|understands?|translated(?:\s+to)?"
    r"|shows?|displays?|prints?|offers?|supports?|only|no|any|some|needs?|wants?)\s+$",
    re.IGNORECASE,
)
# What a language is asked of, and what a fact serves in it: the people who help, the product's
# screens, the documents it makes. "Receipts can be printed in French" does not answer "Does
# your help desk speak French?". The first words of each are also used after a language's name.
_SUPPORT_AFTER = r"support|help|helpdesk|hotline|line|agents?|training"
_PRODUCT_AFTER = r"interface|screens?|menus?|ui|app|portal|site|website"
_DOCUMENTS_AFTER = (
    r"receipts?|labels?|invoices?|manuals?|docs|documentation|forms?|templates?|emails?"
)
_SERVED = {
    "support": _SUPPORT_AFTER + r"|service|tickets?",  # not "front desk", "my technicians"
    "product": _PRODUCT_AFTER + r"|apps|system|software|platform|dashboards?|kiosks?|displays?",
    "documents": _DOCUMENTS_AFTER
    + r"|documents?|contracts?|letters?|reports?|statements?|reminders?|prints?|printed|printing",
}
_SERVED_WORDS = {
    thing: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for thing, words in _SERVED.items()
}
# ... or just after it: "Spanish-speaking", "French-language", "German speakers", "English-only",
# "French receipts", "a German version": what is spoken or written in it.
_USED_AFTER = re.compile(
    r"(?:\s+|\s*-\s*)(?:speaking|speakers?|language|only|version|translations?|copy|text|"
    rf"{_SUPPORT_AFTER}|{_PRODUCT_AFTER}|{_DOCUMENTS_AFTER})\b",
    re.IGNORECASE,
)
# Where data is kept, after a people's name: "German data centres", "Swiss servers".
_HOSTED_AFTER = re.compile(
    r"\s+(?:data\s*cent(?:re|er)s?|servers?|hosting|cloud|regions?|soil)\b", re.IGNORECASE
)
# Any language but one: "bilingual staff", "multilingual labels".
_MANY = re.compile(r"\b(?:bi|tri|multi)-?lingual\b", re.IGNORECASE)
_ENGLISH = "english"


def _languages(text: str, *, used: bool = True) -> frozenset[str]:
    """The languages ``text`` names, where ``used`` only if it names one as spoken or written
    (``_USED_BEFORE``, ``_USED_AFTER``: a "French door" or a "German shepherd" asks for none),
    then every one it names ("in French and German"); never one named as a market ("our French
    stores", "in French Canada") or as where data is kept ("German data centres")."""
    found: set[str] = set()
    said_used = False
    for match in _WORD.finditer(text):
        word, before, after = match.group(), text[: match.start()], text[match.end() :]
        if not names_a_language(word) or re.match(OPERATES_AFTER, after, re.IGNORECASE):
            continue
        if _HOSTED_AFTER.match(after):
            continue
        following = re.match(r"\s+([A-Z][a-z]+)", after)
        if following and regions_named(following.group(1)):
            continue  # "in French Canada", "German Switzerland": a place
        found.add(word.casefold())
        said_used = said_used or bool(_USED_BEFORE.search(before) or _USED_AFTER.match(after))
    return frozenset(found) if said_used or not used else frozenset()


def asks_language(said: str) -> bool:
    """Whether a buyer line asks for, or worries about, a language it is served in: it names
    one as spoken or written, or wants more than one ("bilingual")."""
    return bool(_languages(said)) or _MANY.search(said) is not None


def names_language_asked(fact: str, said: str) -> bool:
    """Whether a fact names the language a line asks for (a fact names one in any way: "German
    delivery screens"), of the thing the line asks it of, where it names one (``_served``):
    the languages it names besides English (an English-only worry wants another), else, where
    it names none but English or wants "bilingual", any but English."""
    asked_of = _served(said)
    if asked_of and not asked_of & _served(fact):
        return False  # the language of another thing: "receipts in French" to the help desk
    named = _languages(fact, used=False) - {_ENGLISH}
    asked = _languages(said) - {_ENGLISH}
    if asked:
        return bool(asked & named)
    return bool(named) or _MANY.search(fact) is not None


def _served(text: str) -> frozenset[str]:
    """What ``text`` names as served in a language: support, the product, its documents."""
    return frozenset(thing for thing, words in _SERVED_WORDS.items() if words.search(text))


def language_fact(
    said: str, facts: Sequence[ProfileFact], rivals: Sequence[str] = ()
) -> ProfileFact | None:
    """The fact answering a line that asks for a language (``asks_language``): one naming that
    language (``names_language_asked``), the one sharing most of what else the line names ("help
    desk") first, then one we have before one planned; None where no fact names it."""
    if not asks_language(said):
        return None
    words = telling_words(said, rivals)
    naming = [f for f in facts if names_language_asked(f.text, said)]
    return max(
        naming,
        key=lambda f: (len(words & telling_words(f.text, rivals)), f.section != PLANNED, -f.id),
        default=None,
    )


def unanswered_language(said: str, facts: Sequence[ProfileFact]) -> bool:
    """Whether a line asks for a language no fact of ``facts`` names: citing it beside them
    would answer it with another thing."""
    return asks_language(said) and not any(names_language_asked(f.text, said) for f in facts)
