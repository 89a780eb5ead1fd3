"""A quote's text as documents compare and show it: clipped to a line, keyed for repeats, and
whether it opens a section alone. Split from ``evidence`` (what a document is built from)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.cluster.pain_names import LIGHT_VERBS, gerund, verb_bases
from pipeline.cluster.pain_shapes import AUXILIARIES, DETERMINERS, tokens
from pipeline.cluster.phrases import NUMBER_WORDS
from pipeline.content.keyword_things import a_clause
from pipeline.detect.rules import is_question
from pipeline.detect.sentences import split_sentences
from pipeline.quote_shape import MIN_OPENING_WORDS as MIN_OPENING_WORDS
from pipeline.quote_shape import continues as continues
from pipeline.quote_shape import leads_with_placeholder as leads_with_placeholder
from pipeline.quote_shape import self_contained as self_contained
from pipeline.quote_shape import stands_alone as stands_alone

MAX_QUOTE_CHARS = 320

# Where a clipped text may end: after a sentence, else before a clause's comma, semicolon,
# colon or dash. A cut anywhere else had left "(a deal with no…" and "… and the…".
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[—–-])(?=\s)|\s(?=[(\[])")
_BRACKET_END = re.compile(r"[)\]](?=\s)")
_OPENS, _CLOSES = "([“", ")]”"
# Words that leave a clause hanging when a cut at a word ends on them.
_HANGING = frozenset(
    "a an the and or but nor so of to in on at by for with from into about as than that which "
    "who whose whom our your their my his her its no not if when while because is are was were "
    "be been we they i you he she it".split()
)


def clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """One line of at most ``limit`` characters: whole when it fits, else cut at the last
    sentence or clause end that keeps ``MIN_OPENING_WORDS`` words (a sentence end first when
    it keeps half the line), a cut that leaves no bracket or quotation open before one that
    does (closed after the "…"); at a word only where there is none, never on one that leaves
    its clause hanging ("with no…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [_Cut(text, m.end(), " …") for m in _SENTENCE_END.finditer(text)]
    clauses = [_Cut(text, m.start(), "…") for m in _CLAUSE_END.finditer(text)]
    clauses += [_Cut(text, m.end(), "…") for m in _BRACKET_END.finditer(text)]
    fitting = [
        cut
        for cut in [*sentences, *clauses]
        if len(cut.shown) <= limit and len(text[: cut.at].split()) >= MIN_OPENING_WORDS
    ]
    if not fitting:
        return _at_a_word(text, limit)
    return max(
        fitting,
        key=lambda c: (not c.closers, c in sentences and c.at * 2 >= limit, c.at),
    ).shown


class _Cut:
    """``text`` cut at ``at``, ``mark`` ("…") after it, then the closers of what it leaves open."""

    def __init__(self, text: str, at: int, mark: str) -> None:
        self.at = at
        self.closers = _closers(text[:at])
        self.shown = text[:at].rstrip(" ,;:—–-") + mark + self.closers


def _closers(head: str) -> str:
    """The marks that close the brackets and quotations ``head`` leaves open, innermost first."""
    open_: list[str] = []
    for ch in head:
        if ch in _OPENS:
            open_.append(_CLOSES[_OPENS.index(ch)])
        elif ch in _CLOSES and open_ and open_[-1] == ch:
            open_.pop()
        elif ch == '"':
            if open_ and open_[-1] == '"':
                open_.pop()
            else:
                open_.append('"')
    return "".join(reversed(open_))


def _at_a_word(text: str, limit: int) -> str:
    """``text`` cut at a word, not after one that leaves its clause hanging ("with no"), its
    open marks closed after the "…", all within ``limit`` characters."""
    words = text[:limit].rsplit(" ", 1)[0].split(" ")
    while len(words) > 1 and (
        words[-1].strip(",;:—–-").casefold() in _HANGING
        or len(" ".join(words)) + 1 + len(_closers(" ".join(words))) > limit
    ):
        words.pop()
    head = " ".join(words).rstrip(",;:—–- ")
    return head + "…" + _closers(head)


def text_key(text: str) -> str:
    """A quote's words, lower case, punctuation dropped: what ``repeats`` compares."""
    return " ".join(re.findall(r"\w+", text.lower()))


MIN_REPEAT_WORDS = 3  # a quote this long inside another is the same quote


def repeats(key: str, used: Sequence[str]) -> bool:
    """``key`` (see ``text_key``) is one of ``used``, or within one, or holds one, word for word:
    "We don't have time." and "Third: we don't have time" are the same quote in a document.
    A word or two is no quote of its own: "ClockBee." had kept every other quote naming
    ClockBee off its comparison page."""

    def within(short: str, long: str) -> bool:
        return short == long or (
            len(short.split()) >= MIN_REPEAT_WORDS and f" {short} " in f" {long} "
        )

    return any(within(other, key) or within(key, other) for other in used)


def reads_as_question(text: str) -> bool:
    """A quote that may follow "what buyers ask": it ``stands_alone`` and a sentence of it asks
    (``is_question``). "What buyers ask about setup: “Training twenty-six people, the
    compliance review.”" had introduced a line that asks nothing."""
    return stands_alone(text) and any(is_question(s) for _, _, s in split_sentences(text))


def reads_as_statement(text: str) -> bool:
    """A quote that may state a problem: it ``stands_alone`` and opens on a sentence that asks
    nothing and says something (``says_a_clause``). "Does it talk to LedgerLeaf?" had stated a
    use case's problem, "Because last month a locum swapped…" had started one mid-thought, and
    "Training twenty-six people, the compliance review." (no verb) had opened a timeline."""
    sentences = [s for _, _, s in split_sentences(text)] or [text]
    first = sentences[0]
    return stands_alone(text) and not is_question(first) and says_a_clause(first)


# A contraction that is a verb ("we're", "they've", "I'll", "she'd", "I'm"); "'s" only after a
# word that is no name ("it's", "that's"): "RotaPro's deal" says whose deal, no verb.
_VERB_CONTRACTION = re.compile(
    r"'(?:re|ve|ll|d|m)$"
    r"|^(?:it|that|there|here|what|who|where|he|she|this|everyone|everything|nobody|nothing)'s$"
)
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[—–-]\s")
# Words after which the next is no verb: "the cost", "to change", "for pay", "two vets".
_NO_SUBJECT = (
    DETERMINERS | NUMBER_WORDS | frozenset("to of for in on at by with from into about as".split())
)


def says_a_clause(sentence: str) -> bool:
    """Whether a sentence says something alone: a verb said of a subject (``a_clause``: "we
    re-type", "was limping"), an auxiliary or modal ("won't", "is"), a verb's contraction
    ("it's", "they've"), or a verb's "-s"/"-ed" form or a light verb after a word that may be
    its subject ("the rota takes", "staff hate"). Not a list of things with no verb: "Training
    twenty-six people, the compliance review." had opened an implementation timeline."""
    words = [w.lower().replace("’", "'") for w in tokens(sentence)]
    if not words:
        return False
    if a_clause(words) or any(w in AUXILIARIES or _VERB_CONTRACTION.search(w) for w in words):
        return True
    for part in _CLAUSE_BREAK.split(sentence):
        said = [w.lower().replace("’", "'") for w in tokens(part)]
        if any(_verb_after(said, i) for i in range(1, len(said))):
            return True
    return False


def _verb_after(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` is a verb said of the word before it: an "-ed" form of a verb, or a
    light verb or a verb's "-s" form with more of its clause after it ("the locum agency fees."
    and "holiday pay," end on a noun); never after a determiner, a number, a preposition or
    "to" ("the cost", "two vets", "to change")."""
    word, before = words[i], words[i - 1]
    if before in _NO_SUBJECT or before.isdigit():
        return False
    if word.endswith("ed"):
        return any(b in LIGHT_VERBS for b in verb_bases(word)) or bool(gerund(word))
    if i == len(words) - 1:
        return False
    if word in LIGHT_VERBS:
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return any(b in LIGHT_VERBS for b in verb_bases(word)) or bool(gerund(word))


def heading_line(text: str, rank: Callable[[str], Any] = lambda _: 0) -> str | None:
    """The line of a quote that may head an entry: of its sentences that ``stands_alone`` (each
    with the next where that one leans back on it), the first ranked lowest (``rank``: how far
    a line is from the page's worry), else none. A pricing explainer had been headed "That's
    the bit. And the direct debits.": a fragment leaning back, and two sentences glued; a
    timeline "We've got six hundred members on DebitBridge." (what they have), not the worry
    that follows it ("If moving them means every member has to fill in a new form, ...")."""
    said = [s for _, _, s in split_sentences(text)]
    lines = [s for s in said if stands_alone(s)]
    lines += [
        f"{first} {then}"
        for first, then in zip(said, said[1:], strict=False)
        if stands_alone(first) and not continues(then) and not self_contained(then)
    ]
    return min(lines, key=rank, default=None)
