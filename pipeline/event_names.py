"""A first name standing for a storm, an event or a place, not a person.

Why: storms carry first names and towns share them, so "since, gosh, since Katrina, really" (the
hurricane) had read "since [name]" in a published FAQ, as "we're based in Charlotte" would read
"based in [name]". Such a word is an event where it is the whole object of a time word ("since
Katrina", "after Sandy we rebuilt", "before Harvey hit,") and a place where it is the whole
object of "based in", "up in", "moved to" ("we're based in Charlotte."), and only when nothing
in the text treats it as a person ("since Katrina joined", "Katrina's team", "since Katrina, our
office manager"). In doubt it stays hidden: a name leaked is worse than a storm hidden.
"""

from __future__ import annotations

import re

from pipeline.person_positions import tied_to_a_person
from pipeline.word_names import names_a_person

# Before it, a word of time: "since Katrina", "Ever since Ian", "during Hugo".
_TIME_BEFORE = re.compile(r"(?<![\w'’])(?i:since|after|before|during|until|till|following)[ \t]+$")
# Before it, where a place stands: "based in", "up in", "here in", "moved to". Not a bare "in"
# or "to": "loop in Katrina", "a champion in Sandy", "send it to Adelaide" name people.
_PLACE_BEFORE = re.compile(
    r"(?<![\w'’])(?i:(?:based|located|headquartered|situated|live|lives|lived|living|"
    r"operate|operates|operated|operating|here|there|up|down|over|out)[ \t]+(?:in|near|outside)"
    r"|(?:move|moved|moving|relocate|relocated|relocating|drive|drove|driving|commute|"
    r"commuted|commuting)[ \t]+(?:to|from|up to|down to|over to))[ \t]+$"
)
# After it, where the phrase ends: a mark, the text's end, or a new clause ("after Sandy we").
_PHRASE_ENDS = re.compile(
    r"[ \t]*(?:$|\n|[.,;:!?)\]\"”—–])"
    r"|[ \t]+(?:we|I|they|you|it|our|my|their|your|the|this|that|there|everything|nothing|"
    r"things|a|an)\b"
)
# What a storm does, then the phrase ends: "before Harvey hit,", "after Ike came through we".
_STRUCK = re.compile(
    r"[ \t]+(?:hit|hits|struck|strikes|(?:came|comes|rolled|tore|blew|went) through|"
    r"made landfall)(?:[ \t]+us)?(?=[ \t]*(?:$|\n|[.,;:!?)\]\"”—–])|[ \t]+(?:we|I|they|it|our|"
    r"everything|nothing)\b)"
)


def stands_for_an_event_or_place(text: str, start: int, end: int) -> bool:
    """Does the first name ``text[start:end]`` stand for a storm, an event or a place there,
    with nothing in ``text`` treating it as a person?"""
    before, after = text[:start], text[end:]
    if _TIME_BEFORE.search(before):
        follows = _PHRASE_ENDS.match(after) or _STRUCK.match(after)
    elif _PLACE_BEFORE.search(before):
        follows = _PHRASE_ENDS.match(after)
    else:
        return False
    return bool(follows) and not _ever_a_person(text, text[start:end])


def _ever_a_person(text: str, word: str) -> bool:
    """Does ``text`` anywhere put ``word`` where a person stands ("Katrina said", "ask
    Katrina", "Katrina, our office manager", "since Katrina, she's ...")?"""
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text):
        before, after = text[: match.start()], text[match.end() :]
        if names_a_person(before, after) or tied_to_a_person(after):
            return True
    return False
