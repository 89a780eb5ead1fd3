"""What a worry refuses, and whether a fact offers just that: "We can't have people on phones
in the treatment rooms" refuses phones; "Managers approve shift swaps from their phone" sells
one, so it is no answer to that worry, however near it is in words or meaning.

Why: a healthcare use case answered that worry with the phone fact. A fact that says it does
without the thing ("no phone needed", "never stores bank details") still answers it, and one
more of a thing refused ("another app", "yet another system") is left alone: one login for
everything answers "we don't want another login".
"""

from __future__ import annotations

import re

from pipeline.content.pairing import names_written, topic_words

# The buyer saying no to having, using or putting something: "we can't have", "I'm not
# putting", "they won't download", "we don't want", "half of them don't have".
_NEGATION = (
    r"\b(?:can(?:no|['’])?t|can not|won['’]t|will not|wouldn['’]t|would not|don['’]t|do not"
    r"|doesn['’]t|does not|didn['’]t|did not|not|never|refuse to|no way (?:we|i|they)\b\S*)"
)
_FILLER = (
    r"(?:(?:really|just|ever|even|be|being|going to|gonna|want to|wanting to|allowed to"
    r"|able to|prepared to|willing to|happy to|about to|like to|ask (?:\w+ )?to|expect (?:\w+ )?to"
    r"|get (?:\w+ )?to|have (?:\w+ )?(?:to )?)\s+)*"
)
_VERB = (
    r"(?:have|having|has|use|using|put|putting|carry|carrying|bring|bringing|take|taking|install"
    r"|installing|download|downloading|store|storing|allow|allowing|add|adding|hand|handing|give"
    r"|giving|want|wanting|run|running|rely on|depend on|trust|go on|log into|sign up (?:for|to)"
    r"|be on|(?:have|put|get) (?:\w+ )?on)"
)
_REFUSAL = re.compile(rf"{_NEGATION}\s+{_FILLER}{_VERB}\b(?!\s+to\b)\s*", re.IGNORECASE)
# "No phones on the ward", "phones aren't allowed in theatre", "tablets are banned".
_NO_THING = re.compile(r"(?:^|[.;:!]\s*)no\s+(?=\w+\s+(?:allowed|permitted|in|on|at|near)\b)", re.I)
_BANNED = re.compile(
    r"(?:(?:is|are)n['’]t|(?:is|are) not) (?:allowed|permitted)|(?:is|are) (?:banned|forbidden"
    r"|off[- ]limits|a no[- ]go)",
    re.IGNORECASE,
)
# Where the thing refused ends: a clause's end, or the place or purpose it is refused for
# ("phones | in the treatment rooms", "bank details | into yet another system").
_OBJECT_END = re.compile(
    r"[,.;:!?]|\s(?:in|into|inside|at|from|for|during|while|with|to|until|unless|because|but|so"
    r"|when|if|since|as|than|that|which|who|where|just|every|each)\b",
    re.IGNORECASE,
)
# One more of a thing ("another app"): refused as one more, not as the thing.
_ONE_MORE = re.compile(
    r"\b(?:another|extra|second|separate|more|new|other|different|two)\s+(\w+)", re.IGNORECASE
)
# Whose the thing is, or who would use it: not the thing refused.
_PEOPLE = frozenset(
    "people person staff employee worker team member client customer patient tenant student"
    " pupil volunteer contractor nurse driver carer guest technician manager crew agent rep"
    " picker operator doctor vet teacher engineer stylist therapist partner owner user"
    " colleague resident everyone everybody anyone anybody someone them they".split()
)
# A fact doing without the thing: "no phone needed", "without a login", "never stores".
_DOES_WITHOUT = re.compile(
    r"(?:\b(?:no|not|never|without|nor|instead of|rather than|no need (?:for|to)|free of)"
    r"|n['’]t)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# A thing refused in a state, not the thing: "we can't have vans off the road" wants vans.
_IN_A_STATE = re.compile(
    r"\s*(?:\w+\s+){1,3}(?:off|out of|down|idle|offline|away|sat|sitting|standing)\b", re.I
)
# The thing offered as one way among others: "in the Staff app or any web browser", "by
# tablet, phone or paper" (a way without it follows or comes before in the same clause).
_OR_AFTER = re.compile(r"^[\w'’ -]{0,30}?\s(?:or|and/or)\s+(?P<other>[^,.;:!?]+)", re.IGNORECASE)
_OR_BEFORE = re.compile(r"(?P<other>[^,.;:!?]+?)\s(?:or|and/or)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_SAME = {"mobile": "phone", "smartphone": "phone", "cellphone": "phone", "cell": "phone"}


def _things(span: str) -> set[str]:
    """What a refused span names: its telling words, less people, names and one-more things;
    what is before "on" where that is a thing ("tablets on the forklifts"), else what is after
    ("people on phones")."""
    parts = re.split(r"\son\s", span, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) == 2:
        return _things(parts[0]) or _things(parts[1])
    more = {w for m in _ONE_MORE.finditer(span) for w in topic_words(m.group(1))}
    words = topic_words(span) - names_written(span) - more
    return {_SAME.get(w, w) for w in words if not w.startswith("topic:") and w not in _PEOPLE}


def refused(said: str) -> set[str]:
    """The things a buyer's line says no to having or using (none if it asks: "Can't staff
    just use their phones?" wants them)."""
    things: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", said):
        if sentence.rstrip("\"'”’) ").endswith("?"):
            continue
        starts = [m.end() for m in _REFUSAL.finditer(sentence)]
        starts += [m.end() for m in _NO_THING.finditer(sentence)]
        for start in starts:
            end = _OBJECT_END.search(sentence, start)
            span = sentence[start : end.start() if end else len(sentence)]
            if not _IN_A_STATE.match(span):
                things |= _things(span)
        for match in _BANNED.finditer(sentence):
            before = re.split(r"[,;:]|\b(?:and|but|so|because)\b", sentence[: match.start()])
            things |= _things(" ".join(before[-1].split()[-4:]))
    return things


def offers_refused(fact: str, said: str) -> bool:
    """Whether a fact offers a thing the buyer's line refuses, not saying it does without it
    nor offering a way without it (``_with_another_way``): "from their phone" to "we can't
    have people on phones in the treatment rooms"."""
    things = refused(said)
    if not things:
        return False
    for match in re.finditer(r"[A-Za-z][\w'’-]*", fact):
        word = {_SAME.get(w, w) for w in topic_words(match.group())}
        if word & things and not _DOES_WITHOUT.search(fact[: match.start()].split(",")[-1]):
            before, after = fact[: match.start()], fact[match.end() :]
            if not re.match(r"[- ]free\b", after) and not _with_another_way(before, after, things):
                return True
    return False


def _with_another_way(before: str, after: str, things: set[str]) -> bool:
    """Whether a thing a fact offers is one way among others in its clause, one of them not
    refused: "mark attendance in the Staff app or any web browser" answers "they won't touch
    an app"; a rep had said the very same ("any browser, no app needed") in a won deal."""
    ways = [m.group("other") for m in (_OR_AFTER.match(after), _OR_BEFORE.search(before)) if m]
    return any(_things(way) and not _things(way) & things for way in ways)
