"""Competitor names in a buyer sentence: the configured ones wherever they appear, and names
guessed from how buyers speak of a product they use, weigh or left ("we use X", "the X app").

Split from ``rules`` (the cue rules) because guessing names is a grammar of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.detect.not_rivals import no_rival_here
from pipeline.detect.own_names import said_as_no_rival
from pipeline.detect.rival_short_forms import short_forms, short_forms_said
from pipeline.detect.rules import CUES, normalise_quotes
from pipeline.detect.their_systems import kept_for_other_work
from pipeline.first_names import is_first_name
from pipeline.language import opens_a_clause
from pipeline.lazy_regex import Regex, lazy_compile
from pipeline.peoples import names_a_people
from pipeline.rival_names import squashed

_FLAGS = re.IGNORECASE  # patterns matched on original text (competitor names keep their case)
# A competitor tag's confidence: a configured (or call metadata's) rival's, and a guessed one's.
KNOWN_RIVAL_CONFIDENCE = 1.0
GUESSED_RIVAL_CONFIDENCE = 0.7


# Capitalised words that follow "we use ..." but are not products.
_NOT_NAMES = frozenset(CUES["competitor"]["not_names"])
# Not a name's first word: "And JobJuggler have offered" names JobJuggler, not "And JobJuggler".
_NOT_FIRST = r"(?!(?i:" + "|".join(sorted(map(re.escape, _NOT_NAMES))) + r")\b)"
# One or two capitalised words, or a word and a number ("Sage 50"); not the number of "Azuga 2
# yrs ago" (a number followed by a word in lower case counts something else). The capital is
# looked for first: ``_NOT_FIRST``'s hundreds of words had been tried at every word's start.
_NAME = (
    r"(?=[A-Z])"
    + _NOT_FIRST
    + r"(?P<name>[A-Z][\w&.+-]*[\w+](?:\s(?:[A-Z][\w&+-]*\w|\d+(?!\d)(?!\s+[a-z])))?)"
)
_START = r"(?:^\W*)"  # a note's clipped line has no subject: "Tried Azuga", "Still uses Pike13"
_CURRENT = (
    r"(?i:(?:we|i|they)(?:'re| are| were|'ve| have)?\s+(?:currently |already |still |also )?"
    r"(?:been )?(?:use|using|used|on|with|paying for|pay for|running|signed up with|switched to"
    r"|signed (?:a |an )?(?:\w+[- ]?){0,3}(?:deal|contract|agreement) with|happy with"
    r"|locked in with)\s+)"
)
_EVALUATED = (
    r"(?i:(?:we|i|they)(?:'ve| have| had)?\s+(?:also |already |just |been )*"
    r"(?:looked at|look at|looking at|tried|trialled|trialed|trialing|trialling|demoed|"
    r"compared|spoke to|spoken to|talked to|got a quote from|had a demo (?:with|from)|"
    r"switched from|moved from|left)\s+)"
)
# The frames buyers put a product they run in, beyond "we use X": what they pay, stay with,
# renew, are locked into or are moving everything off.
_CURRENT_MORE = (
    r"(?i:(?:(?:we|i|they)(?:'re| are| were|'ve| have)?\s+(?:currently |already |still |also )?"
    r"(?:run|runs)"
    r"|(?:currently|still|already)\s+(?:on|using|uses|use|with|running|runs)|been\s+(?:on|using|running)"
    r"|(?:stay|staying|stayed|stick|sticking|stuck|remain|remaining)\s+(?:with|on)"
    r"|(?:renew|renewing)(?:\s+with)?|on top of|get rid of|ditch(?:ing)?|cancel(?:led|ling)?"
    r"|(?:data|everything|history|records)\s+out\s+of|(?:un)?happy(?:-ish)?\s+with|fed up with"
    r"|(?:locked|tied)\s+in(?:to|\s+with)?|(?:contract|deal|agreement|extension|subscription"
    r"|plan)\s+with|(?:mov\w+|migrat\w+|switch\w*)\s+(?:(?:everything|everyone|it all|all|us|our"
    r" \w+|the \w+|over)\s+)*(?:from|off|out of)|(?:moved|migrated|switched)\s+(?:(?:everything"
    r"|everyone|us|over)\s+)*onto|switched to|current(?:ly| set-?up| system| provider)?:)\s+)"
)
# A product they weigh or chose: "we've decided to go with X", "chose X", "signed with X", "a
# quote from X", a note's "Lost to X".
_EVALUATED_MORE = (
    r"(?i:(?:go|goes|going|gone|went)\s+with|(?:chose|chosen|choose|choosing|picked|opted for"
    r"|decided on|settled on|signed with|switch to|switching to)|(?:did|had|have|take|taking|took)"
    r"\s+(?:a\s+)?look\s+at|(?:to|and)\s+look\s+at|(?:tried|trialled|trialed|demoed)"
    r"|(?:a|the|their) (?:quote|demo|proposal|offer) (?:from|of|with)|competitor:"
    r"|lost\s+(?:(?:the|this|a|our)\s+deal\s+|out\s+)?to)\s+"
)
_VERSUS = r"(?i:compared to|compared with|versus|vs\.?|than|against|side by side with)\s+"
# "Over at X they charge more" opens its clause; "the yard over at X" is a place.
_OVER_AT = r"(?i:(?:^|[.,;:!?–—-]\s*|\b(?:and|but|so|whereas|while)\s+)over at)\s+"
_NUMBER = (
    r"(?:\d[\d,]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:-\w+)?)"
)
_COUNT = rf"(?:{_NUMBER}|(?:a )?(?:dozen|couple of|few)|half(?: of)?|all|most(?: of)?|every|each)"
_TIME = r"(?:minutes?|hours?|days?|weeks?|months?|years?|nights?|mornings?|evenings?|weekends?)"
# "eighteen vans on X", "two studios on X": a fleet or a team counted onto a product.
_COUNTED_ON = rf"(?i:\b{_COUNT}\s+(?:\w+\s+)?(?!{_TIME}\b)[a-z]+s\s+(?:are\s+|still\s+)?on)\s+"
_ABOUT = r"(?:like|about|around|roughly|maybe|nearly|over|under|just|only)\s+"
# What must follow "we have/got X" for X to be a product: "on all sixty trucks". Not "for three
# years": "We've had Maria for three years" is a person.
_HOLDING_TAIL = re.compile(rf"\s+(?:on|across|in)\s+(?:{_ABOUT}|the\s+|our\s+)*{_COUNT}\b", _FLAGS)
_PAYING = (
    r"(?i:(?:we|i|they)(?:'re|'m| are| am| were|'ve| have)?\s+"
    r"(?:currently |already |still |also )?(?:pay|paying|paid))\s+"
)
# What must follow "we pay X" for X to be a vendor: a sum, not a wage ("We pay Maria twelve an
# hour").
_PAID_TAIL = re.compile(
    rf"\s+(?![^.?!]*\b(?:an|per|a|by the)\s+hour)(?:{_ABOUT}|less|more|[£$€]|{_NUMBER}\b)", _FLAGS
)
_HOLDING = (
    r"(?i:(?:we|i|they)(?:'ve| have| had)?\s+(?:currently |already |still |also )?"
    r"(?:have|had|got|'ve got))\s+"
)
# A product's parts and paperwork: "the X app", "our X contract", "X's support".
_THINGS = (
    r"app|software|system|platform|portal|subscription|licen[cs]es?|login|hardware|devices?"
    r"|box(?:es)?|cameras?|pricing|free (?:tier|version)"
)
# Not "plan" nor "tier": "the Growth plan" is our own price list.
_PAPERS = r"contract|renewal|deal|quote|offer|rep|one"
_OWNED = rf"\s+(?:[a-z]+\s+)?(?:{_THINGS}|{_PAPERS})\b"
_POSSESSED = rf"'s\s+(?:\w+\s+)?(?:{_THINGS}|support|quote|offer|deal)\b"
# What a vendor does with a price: "X quoted us", "X charges per van", "X let us do 12 months".
_PRICED = (
    r"(?:\s+(?:have|has|had))?(?:\s+(?:already|also|just))?\s+"
    r"(?:charges?\s+(?:us|me|per|by|an?|extra|everyone|\d|[£$€])|priced)\b"
)
_TERMS = (
    r"(?:\s+(?:have|has|had))?(?:\s+(?:already|also|just))?\s+(?:offered|matched|came back"
    r"|let us|let me|gave us|put|raised|(?:auto-?)?renew(?:ed|s))\b(?=[^.?!]{0,60}?(?:\d|[£$€%]"
    r"|\b(?:percent|months?|years?|contract|term|prices?|discount|deal|offer|trial|free|hardware"
    r"|cheaper|less|increase|renew\w*|quote|rate|fees?|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|ten|twelve)\b))"
)
_RENEWS = r"\s+(?:auto-?)?renew(?:ed|s)\b"
# Someone else's use of a product ("A friend of mine used Mintsoft at her old place"): a rival
# only mentioned (``asides.names_a_rival_only`` reads the rest); not the buyer's advisers' ("our
# accountant uses LedgerLeaf": their work). Tried only where a name follows a frame's last word.
_HEARSAY = (
    r"(?i:(?!(?:our|my) (?:accountants?|consultants?|bookkeepers?)\b)(?:"
    + "|".join(CUES["aside"]["rival_hearsay"])
    + r"))\s*(?<=\s)"
)
_HEARSAY_GATE = re.compile(r"\b(?:" + "|".join(CUES["competitor"]["hearsay_ends"]) + r")\s+[A-Z]")


@dataclass(frozen=True)
class _Frame:
    """One way buyers name a product, the relation it tells, and what must follow the name."""

    pattern: Regex  # compiled on first use: the frames are the detector's biggest patterns
    relation: str
    tail: re.Pattern[str] | None = None
    spaced: bool = False  # its words end in a space before the name: ``_SPACED_NAME`` holds
    gate: re.Pattern[str] | None = None  # found in the sentence first, where given


def _before(prefix: str, relation: str, tail: re.Pattern[str] | None = None) -> _Frame:
    return _Frame(lazy_compile(rf"(?:\b|{_START}){prefix}{_NAME}"), relation, tail, spaced=True)


def _after(suffix: str, relation: str, lead: str = "") -> _Frame:
    return _Frame(lazy_compile(rf"\b{lead}{_NAME}{suffix}"), relation)


# In order of strength: a name two frames hold keeps the first one's relation.
_FRAMES = (
    _before(_CURRENT, "current"),
    _before(_CURRENT_MORE, "current"),
    _before(_COUNTED_ON, "current"),
    _before(_HOLDING, "current", _HOLDING_TAIL),
    _before(_PAYING, "current", _PAID_TAIL),
    _after(_RENEWS, "current"),
    _after(_OWNED, "current", r"(?i:our)\s+"),
    _before(_EVALUATED, "evaluated"),
    _before(_EVALUATED_MORE, "evaluated"),
    _after(r"(?:\s+(?:have|has|had))?(?:\s+(?:already|also|just))?\s+quoted\b", "evaluated"),
    _after(
        r"(?:'s)?\s+(?:already\s+|also\s+)?"
        r"(?:does|do|has|have|offers|gives us|includes)\s+(?:that|this|it|the same)\b",
        "mention",
    ),
    _before(_VERSUS, "mention"),
    _before(_OVER_AT, "mention"),
    replace(_before(_HEARSAY, "mention"), gate=_HEARSAY_GATE),
    _after(_PRICED, "mention"),
    _after(_TERMS, "mention"),
    _after(_OWNED, "mention", r"(?i:the|an?|their|old|new|existing)\s+(?:old\s+|new\s+)?"),
    _after(_POSSESSED, "mention"),
)


# A name after a space: what every frame of words before a name needs, looked for once a
# sentence. Most sentences have none past their first word, and their frames' words had been
# tried at every position for nothing.
_SPACED_NAME = re.compile(rf"\s{_NAME}")


@dataclass(frozen=True)
class CompetitorHit:
    name: str
    start: int
    end: int
    relation: str  # current | evaluated | mention
    known: bool  # from the call metadata or configured list, not guessed from a pattern


# A note's clipped line of what the buyer runs: "400 units, on <rival> since 2021", "Been on
# <rival> for years", "On <rival>." (a comma, a dash or the line's start before "on").
_NOTED_ON = re.compile(
    r"(?:^|[,;:(]|\s[-–]|\bbeen)\s*(?:(?:all|still|currently|now|also)\s+)?on\s+$", _FLAGS
)


def _relation_at(text: str, start: int) -> str:
    before = text[max(0, start - 60) : start]
    if (
        re.search(_CURRENT + r"$", before, _FLAGS)
        or re.search(
            r"\b(happy (?:enough )?with|already (?:have|use|pay for)|our current"
            r"|(?:we|i|they) (?:currently |still |also |already )?run)\s+$",
            before,
            _FLAGS,
        )
        or _NOTED_ON.search(before)
    ):
        return "current"
    if re.search(_EVALUATED + r"$", before, _FLAGS):
        return "evaluated"
    return "mention"


def find_competitors(
    sentence: str,
    known: Sequence[str],
    *,
    ignore: Iterable[str] = (),
    around: str = "",
    call: str = "",
    listed: Sequence[str] = (),
    work: Sequence[str] = (),
) -> list[CompetitorHit]:
    """Known competitor names (word-boundary, any case) plus names after "we use/looked at X";
    none spelt as a name in ``ignore`` (ours), however it is cased or spaced, no guess that
    the sentence or the turns ``around`` it say as part of a maker's product ("Reserve" where
    "Google Reserve" or "Reserve with Google" is said), and none that they or the rest of the
    ``call`` say as the buyer's own place or a tool they keep ("our Pelican Cut site"). A known
    name's short form is the rival too ("Arbor" of "Arbor FD": ``rival_short_forms``); one that
    is an English word only where ``listed`` (the call's record) names it; no ``their_systems``."""
    text = normalise_quotes(sentence)
    said = f"{text}\n{normalise_quotes(around)}"
    told = f"{said}\n{call}"  # the call too: what else it says of a name
    ignored = {squashed(name) for name in ignore}
    names = tuple(sorted({n.strip() for n in known if n.strip()}))
    hits: dict[str, CompetitorHit] = {}
    for name, form, match in [*_configured_said(text, names), *_short_said(text, names, listed)]:
        if {squashed(name), squashed(form)} & ignored or name.casefold() in hits:
            continue
        if not _overlaps(hits, match.start()):
            relation = _relation_at(text, match.start())
            hits[name.casefold()] = CompetitorHit(name, match.start(), match.end(), relation, True)
    spaced = _SPACED_NAME.search(text) is not None
    for frame in _FRAMES:
        if (frame.spaced and not spaced) or (frame.gate and not frame.gate.search(text)):
            continue
        for match in frame.pattern.finditer(text):
            hit = _guessed(text, match, frame)
            if hit is None or squashed(hit.name) in ignored or hit.name.casefold() in hits:
                continue
            if (
                _part_of_a_makers_name(hit.name, said)
                or said_as_no_rival(hit.name, told)
                or kept_for_other_work(text, hit.name, hit.start, hit.relation, told, work)
            ):
                continue
            if not _overlaps(hits, hit.start):
                hits[hit.name.casefold()] = hit
    # A configured rival first: "NinjaOne quoted us ... their X pricing" is about NinjaOne.
    return sorted(hits.values(), key=lambda h: (not h.known, h.start, h.name))


def _overlaps(hits: dict[str, CompetitorHit], start: int) -> bool:
    return any(h.start <= start < h.end for h in hits.values())


def _configured_said(text: str, names: Sequence[str]) -> Iterator[tuple[str, str, re.Match[str]]]:
    """Each configured name where it is said, longest names first ("Verizon Connect" before
    "Verizon"): the name, the form said, the match."""
    for name in sorted(names, key=lambda n: (-len(n), n)):
        for match in _spellings(name).finditer(text):
            if _said_as_name(text, match, name):
                yield name, name, match


def _short_said(
    text: str, names: tuple[str, ...], listed: Sequence[str]
) -> Iterator[tuple[str, str, re.Match[str]]]:
    """Each configured name said by a short form (``rival_short_forms``)."""
    for short, match in short_forms_said(text, short_forms(names), listed):
        yield short.name, short.form, match


def places_said(sentence: str, name: str) -> list[int]:
    """Every start where a known rival's name is said in the sentence; a hit holds only the
    first, and "ChowNow showed us ..., so we've gone with ChowNow" chooses it at the second."""
    text = normalise_quotes(sentence)
    return [m.start() for m in _spellings(name).finditer(text) if _said_as_name(text, m, name)]


# Where a one-word name's capitals join words: "OpenSolar" is "Open" + "Solar".
_INNER_CAPITAL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = r"[\s-]?"
# The frames before a name that make it a product: "we use open solar", "than job nimbus".
_PRODUCT_BEFORE = lazy_compile(
    "(?:"
    + "|".join((_CURRENT, _CURRENT_MORE, _EVALUATED, _EVALUATED_MORE, _VERSUS, _OVER_AT))
    + ")$"
)


def _pieces(name: str) -> list[list[str]]:
    """Each word of a name, cut where its capitals join words ("SolarEdge" is Solar, Edge)."""
    return [_INNER_CAPITAL.split(word) for word in name.split()]


@lru_cache(maxsize=1024)  # a few rivals an upload, each looked for in every sentence
def _spellings(name: str) -> re.Pattern[str]:
    """A configured name in any case, and with the words its capitals join written apart:
    captions and notes write "OpenSolar" as "open solar", "Open Solar" or "open-solar"."""
    words = (_SPLIT.join(map(re.escape, pieces)) for pieces in _pieces(name))
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])", _FLAGS)


def _said_as_name(text: str, match: re.Match[str], name: str) -> bool:
    """Whether a match is the rival, not ordinary words: written whole ("opensolar"), split
    with each word's capital kept ("Open Solar"), or split in lower case where a product's
    frame comes before it ("we use open solar"); "the open solar market" is no rival."""
    pieces = [piece for word in _pieces(name) for piece in word]
    parts = re.split(r"[\s-]+", match.group())
    if len(parts) < len(pieces) or len(pieces) == len(name.split()):
        return True  # as configured, in any case
    if all(part[:1] == piece[:1] for part, piece in zip(parts, pieces, strict=False)):
        return True
    return _PRODUCT_BEFORE.search(text[max(0, match.start() - 80) : match.start()]) is not None


def _guessed(text: str, match: re.Match[str], frame: _Frame) -> CompetitorHit | None:
    """The product a frame's match names, unless the name is no product's or ``no_rival_here``
    ("we use LedgerLeaf for payroll", "our GMB rep", "their MSP pricing")."""
    raw = match.group("name")
    lead = _past_openers(raw)
    guess = _clean_name(raw[lead:])
    if guess is None:
        return None
    start = match.start("name") + lead
    if frame.tail is not None and not frame.tail.match(text[start + len(guess) :]):
        return None
    if no_rival_here(text, guess, start, frame.relation):
        return None  # a trade term, a tool kept for other work, our plan, an insurer, a council
    return CompetitorHit(guess, start, start + len(guess), frame.relation, False)


# A capitalised word and the capital after it: "Because Arbor", "Honestly Gusto".
_OPENING_WORD = re.compile(r"(?P<word>[A-Z][\w'’]*)\s+(?=[A-Z])")


def _past_openers(raw: str) -> int:
    """Where a frame's name starts past the words its clause opens with: "Because Arbor
    charges us per case" names Arbor (a guessed "Because Arbor" had joined the dashboard)."""
    at = 0
    while (word := _OPENING_WORD.match(raw, at)) and _opens_a_clause(word["word"]):
        at = word.end()
    return at


def _opens_a_clause(word: str) -> bool:
    return opens_a_clause(word) and not is_first_name(word)


def _part_of_a_makers_name(guess: str, said: str) -> bool:
    """Whether ``said`` names the guess as the tail of a maker's product, a capitalised word
    before it mid-sentence ("your Google Reserve integration", "on Microsoft Teams") or after
    "with"/"by" ("a Reserve with Google partner"): a platform's feature, no rival."""
    name = re.escape(guess)
    before = re.finditer(rf"(?<=[\w,;:] )(?P<maker>[A-Z][\w&]+) {name}\b", said)
    after = re.finditer(rf"\b{name} (?:with|by) (?P<maker>[A-Z][\w&]+)\b", said)
    return any(_a_maker(m.group("maker")) for m in (*before, *after))


def _a_maker(word: str) -> bool:
    """A company's name: capitalised mid-sentence, and neither "I" nor a person ("with Sarah")."""
    return word != "I" and not is_first_name(word)


def _clean_name(raw: str) -> str | None:
    words = raw.rstrip(".").split()
    while words and words[-1].casefold().strip(".") in _NOT_NAMES:
        words.pop()
    if not words or words[0].casefold().strip(".") in _NOT_NAMES or is_first_name(words[0]):
        return None  # "Marcus has it", "we went with Frank Hughes": a person
    name = " ".join(words)
    if names_a_people(name):
        return None  # "better than English", "compared to German suppliers"
    # A lone sentence-case word ("Paper", "Someone") is too weak; products usually have an inner
    # capital (RotaPro), a digit, or are more than one capitalised word.
    inner_signal = any(c.isupper() or c.isdigit() for c in name[1:])
    return name if inner_signal or len(name) >= 4 else None
