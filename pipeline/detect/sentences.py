"""Sentence spans of an utterance (the unit detection scores and quotes cite) and where an
utterance sits in its call (the rep's turns around it, its position)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.detect.antecedents import leans_back
from pipeline.detect.asked_before import may_take_before
from pipeline.detect.classify import UtteranceLike
from pipeline.detect.labels import context_text, reply_text
from pipeline.detect.rules import says_nothing
from pipeline.text_memo import TEXTS_REMEMBERED

_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "ltd",
    "co", "corp", "llc", "approx", "est", "no", "nos", "dept", "fig", "a.m", "p.m", "u.s", "u.k",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "min", "max", "vol", "ref", "cf", "al", "ca", "mins", "hrs", "wk", "mo",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?:[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*)")
# The word before a full stop; not the end of a contraction ("hasn't." is no initial "t.").
_WORD_BEFORE = re.compile(r"(?<![\w'’])([\w.]+)\.$")
_NUMBER_SIGNS = {"no", "nos"}  # "No. 5" is an abbreviation, "No. Never." two sentences
# Shortenings written inside a sentence ("On Keyroster incl. their gate module", "excl. VAT"):
# no end unless a sentence opener follows ("incl." had ended a rep's note; "excl. VAT" goes on,
# "…and the gate incl. We" ends one).
_MID_SENTENCE = frozenset("incl excl esp approx appx avg misc qty yr yrs mgmt pcs pkg".split())
# Titles written before a name or a post ("Hon. Treasurer", "Rev. Okafor", "Cllr. Patel"): the
# stop ends no sentence when the title is capitalised and a capitalised word follows, so "office
# mgr. She said" still ends one ("Hon." had cut "Tom Vickery, Hon. Treasurer" in two).
_TITLES = frozenset(
    "hon rt rev revd fr msgr mgr cllr capt cmdr col gen lt maj sgt cpl supt insp det sen gov "
    "amb asst assoc mme mlle".split()
)
# Words that open a sentence rather than a name after a title: "Ask the Gen. They know".
_OPENERS = frozenset(
    "i we you he she they it the a an this that these those then so but and or if".split()
)


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, sentence)`` spans of ``text``, ``text[start:end] == sentence``.

    Regex based: a boundary is ``.``/``!``/``?`` before whitespace, or a line break; abbreviations
    (``e.g.``, ``Mr.``, ``No.`` before a number), initials (``J.``), decimals (``$1.5k``) and an
    ellipsis before a lower-case word do not end a sentence.
    """
    spans: list[tuple[int, int, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        after = text[match.end() :]
        if match.group().startswith(".") and _is_abbreviation(
            text[start : match.start() + 1], after
        ):
            continue
        if match.group().startswith(("..", "…")) and after.lstrip()[:1].islower():
            continue  # trailing off mid-sentence: "That's... that's actually good."
        _add_span(spans, text, start, match.end())
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


@lru_cache(maxsize=TEXTS_REMEMBERED)  # some rules a sentence ask it: one split of the turn
def sentence_before(turn: str, sentence: str) -> str:
    """The sentence said just before ``sentence`` in its ``turn`` ("" for the first): what a
    bare reason or a note's answer goes on from."""
    spans = split_sentences(turn[: max(turn.find(sentence), 0)])
    return spans[-1][2] if spans else ""


def said_just_before(turn: str, sentence: str, asked: str = "") -> str:
    """The buyer's sentence just before ``sentence``: in its ``turn``, or for a turn's first the
    last of their turn before the rep's (``asked``, ``SentenceInput.asked``); "" for none."""
    before = sentence_before(turn, sentence)
    if before or not asked:
        return before
    spans = split_sentences(asked)
    return spans[-1][2] if spans else ""


def _is_abbreviation(before: str, after: str) -> bool:
    """Does the text up to and including a ``.`` end with an abbreviation or an initial?"""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).casefold().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return _is_initial(before[: match.start()], after)
    if word in _NUMBER_SIGNS:
        return after.lstrip()[:1].isdigit()
    if word in _MID_SENTENCE:
        return not _opens_sentence(after)
    return word in _ABBREVIATIONS or _is_title(match.group(1), after)


def _is_initial(before: str, after: str) -> bool:
    """A lone letter's stop is a name's initial ("J. Smith", "Mary K. Jones", "Dr. A. Patel"),
    unless a lower-case word comes before the letter and a sentence opener after it: "past row
    F. If the boys are…" ends one ("row F." had run into the next sentence)."""
    words = before.split()
    return not (words and words[-1][:1].islower() and _opens_sentence(after))


def _opens_sentence(after: str) -> bool:
    """The next word is a capitalised sentence opener ("If", "We", "It's")."""
    following = after.split(maxsplit=1)[0] if after.split() else ""
    opener = re.split(r"['’]", following.strip(".,;:"), maxsplit=1)[0]
    return following[:1].isupper() and opener.casefold() in _OPENERS


def _is_title(word: str, after: str) -> bool:
    """A capitalised title before a capitalised word that opens no sentence ("Hon. Treasurer")."""
    following = after.split(maxsplit=1)[0] if after.split() else ""
    return (
        word.rstrip(".").casefold() in _TITLES
        and word[:1].isupper()
        and following[:1].isupper()
        and following.strip(".,;:").casefold() not in _OPENERS
    )


def _add_span(spans: list[tuple[int, int, str]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end, text[start:end]))


def _calls(utterances: Sequence[UtteranceLike]) -> list[list[UtteranceLike]]:
    """The utterances cut into calls: a run of one ``call_id`` (none: one call)."""
    calls: list[list[UtteranceLike]] = []
    current: object = object()
    for utterance in utterances:
        this_call = getattr(utterance, "call_id", None)
        if not calls or this_call != current:
            calls.append([])
            current = this_call
        calls[-1].append(utterance)
    return calls


def call_texts(utterances: Sequence[UtteranceLike]) -> list[str]:
    """Each utterance's whole call, its turns one a line: what else the call says of a name."""
    return [
        text
        for turns in _calls(utterances)
        for text in ["\n".join(u.text for u in turns)] * len(turns)
    ]


def surroundings(
    utterances: Sequence[UtteranceLike],
) -> list[tuple[UtteranceLike, str, str, float]]:
    """Each utterance with the rep's turn before it and after it in the same call ("" when
    none) and the position of its turn in the call (0 first, 1 last)."""
    out: list[tuple[UtteranceLike, str, str, float]] = []
    for turns in _calls(utterances):
        last = max(1, len(turns) - 1)
        before = ""
        after: list[str] = [""] * len(turns)
        following = ""
        for index in range(len(turns) - 1, -1, -1):
            after[index] = following
            if turns[index].role == "rep":
                following = reply_text(turns[index].text)
        for index, utterance in enumerate(turns):
            out.append((utterance, before, after[index], index / last))
            if utterance.role == "rep":
                before = context_text(utterance.text)
    return out


def answered_turns(utterances: Sequence[UtteranceLike]) -> list[str]:
    """Each utterance with the buyer's turn the rep's turn just before it answered: the turn
    before that rep turn, not the rep's own ("" when the utterance does not follow a rep's
    turn, or nothing came before that one in its call)."""
    out: list[str] = []
    for turns in _calls(utterances):
        for index in range(len(turns)):
            follows_rep = index >= 2 and turns[index - 1].role == "rep"
            out.append(
                turns[index - 2].text if follows_rep and turns[index - 2].role != "rep" else ""
            )
    return out


# A quote keeps the sentences around it that its meaning depends on. The next one when it turns
# against it ("... quite a lot more. But the partners see it as one system") or goes on about a
# short one ("We also looked at Staffly. They wanted a three-week implementation"); the one
# before when this one continues it ("So I'm going up a lot."), is a bare answer ("Twice."),
# ends on a word pointing back ("I don't want to lose it.") or opens on one after a short one
# ("We also looked at Staffly. They wanted a three-week implementation"), or points back at
# what it does not name (``leans_back``: "We got a complaint about that in the summer.").
_TURNING = re.compile(
    r"^(?:but|however|though|although|yet|still|except|that said|then again|having said that|"
    r"on the other hand|mind you|saying that|not|actually|to be fair|in fairness|admittedly)\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"^(?:they|it|that|this|those|these|which|he|she)\b", re.IGNORECASE)
# A sentence opening the buyer's next point ("The other thing is waitlists.", "Second, half
# our drivers..."): a quote of what they said of a rival does not run on into it.
_NEXT_POINT = re.compile(
    r"^\W*(?:(?:and|oh|also|plus)\W+){0,2}(?:the other thing|another thing"
    r"|one (?:more|other) thing"
    r"|the (?:next|last|second|third|other) (?:thing|issue|point|question|problem)"
    r"|second(?:ly)?|third(?:ly)?|separately|on (?:a|an|another) (?:separate|different|other)"
    r" (?:note|topic)|by the way|moving on)\b",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"^\W*(?:so|because|'?cause|and|or|which|then)\b", re.IGNORECASE)
_ADDS = re.compile(r"^\W*(?:and|or)\b\W*", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:it|that|this|them|those|these|one)\W*$", re.IGNORECASE)
SHORT_SENTENCE_WORDS = 6
BARE_ANSWER_WORDS = 2
# The longest quote a sentence leaning on the one before it (``leans_back``) is shown in with
# it: a document's quoted line, so clipping it never drops the sentence quoted.
LEANING_QUOTE_CHARS = 240


def quote_span(text: str, start: int, end: int, *, goes_on: bool = False) -> tuple[int, int]:
    """The span a quote of ``text[start:end]`` (one sentence of the turn ``text``) shows: with
    the sentence before or after it in the same turn that its meaning depends on (see above;
    a bare answer at the start of a turn, "ClockBee.", takes the sentence after it), the
    sentence alone otherwise (or when the span is not inside ``text``). ``goes_on``: with the
    next sentence unless it opens the buyer's next point (what a buyer says of a named rival:
    "We had a look at RotaPro a while back. The rep was pushy and it was a two-year
    contract.", not "... so I can't just walk away. The other thing is waitlists.")."""
    if not 0 <= start < end <= len(text):
        return start, end
    sentence = text[start:end]
    words = len(sentence.split())
    short = words <= SHORT_SENTENCE_WORDS
    bare = words <= BARE_ANSWER_WORDS
    preceding = [span for span in split_sentences(text[:start]) if not says_nothing(span[2])]
    following = [span for span in split_sentences(text[end:]) if not says_nothing(span[2])]
    if following:
        _next_start, next_end, after = following[0]
        if (
            (goes_on and not _NEXT_POINT.match(after))
            or _TURNING.match(after)
            or (short and _GOES_ON.match(after))
            or (bare and not preceding)
        ):
            end += next_end
    if (
        preceding
        and (
            (_CONTINUES.match(sentence) and _needs_the_one_before(sentence, preceding[-1][2]))
            or bare
            or (short and _POINTS_BACK.search(sentence.rstrip(".!?…")))
            or (_GOES_ON.match(sentence) and len(preceding[-1][2].split()) <= SHORT_SENTENCE_WORDS)
            or (leans_back(sentence) and end - preceding[-1][0] <= LEANING_QUOTE_CHARS)
        )
        and may_take_before(sentence, preceding[-1][2])
    ):
        start = preceding[-1][0]
    return start, end


def quote_text(
    utterance_text: str, sentence: str, start: int, end: int, *, goes_on: bool = False
) -> str:
    """What a quote of a detected ``sentence`` (at ``start:end`` of its utterance) shows: see
    ``quote_span``; the sentence as stored when its span no longer matches the utterance."""
    if utterance_text[start:end] != sentence:
        return sentence
    start, end = quote_span(utterance_text, start, end, goes_on=goes_on)
    return utterance_text[start:end]


def _needs_the_one_before(sentence: str, before: str) -> bool:
    """Whether a ``sentence`` opening on a word that carries on ("And", "Because", "So") needs
    the one ``before`` it to be understood: it is short, points back to it, or gives a reason
    or consequence of a statement. "Timing. Because of the renewal we can't..." and "I'd need
    to see that on paper. And the commissioners only meet quarterly..." carry their point
    alone: a headline fragment, or the request before an "And" that starts a point of its own,
    had been printed with them."""
    if len(sentence.split()) <= SHORT_SENTENCE_WORDS or _POINTS_BACK.search(
        sentence.rstrip(".!?…")
    ):
        return True
    adds = _ADDS.match(sentence)
    if adds:
        return bool(_GOES_ON.match(sentence[adds.end() :]))
    return len(before.split()) > BARE_ANSWER_WORDS
