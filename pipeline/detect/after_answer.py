"""What a buyer says right after the rep answered their question: "Does it work offline in the
basement plant rooms?" / "Not yet." / "That's the one thing I'd need." After a no ("Not at the
moment.", "That's on the roadmap.") the need, or the purchase given up ("Then it's a no for
us.", "Shame, we'd have signed today."), is an objection about the thing asked, which names its
topic; after a yes ("Yes, it does.") the same need is met, no objection. A rep's note says it in
one turn: "Asked about offline mode - not yet. Said it's essential."

Why: the need was read alone, its thing named only in the buyer's turn before the rep's, so it
had no topic, and a met need read like a missing one. The phrases are data (``[after_answer]``
in ``cues.toml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pipeline.detect.blockers import blocks_the_deal
from pipeline.detect.capabilities import calls_it_essential, lacked_topic
from pipeline.detect.classify import SentenceInput
from pipeline.detect.note_reports import reports_a_question
from pipeline.detect.rules import CUES, alternation, is_question, lowered, says_nothing
from pipeline.detect.said_no import says_no_to_us
from pipeline.detect.sentences import sentence_before, split_sentences
from pipeline.text_memo import TEXTS_REMEMBERED

Answer = Literal["no", "yes"]
_CUES = CUES["after_answer"]
_GAP = alternation(CUES["blocker"]["gap"])  # "not yet", "on the roadmap", "we don't support"
_NO = alternation(_CUES["no"])
_YES = alternation(_CUES["yes"])
_NEED = alternation(_CUES["need"])
_LOSS = alternation(_CUES["loss"])
# Words before an answer that say nothing of it: "Ah, not yet.", "Honestly? No."
_FILLERS = re.compile(
    r"^(?:\W*\b(?:ah|oh|um+|uh+|er+|erm|hmm+|well|so|honestly|right|okay|ok|look|i mean"
    r"|to be honest|good question)\b)*\W*"
)
# Where a note's reported question ends and the rep's answer starts: "Asked about SSO - not yet".
_NOTE_CLAUSE = re.compile(r"\s+[-–—]+\s*|\s*[;:,]\s+|[.!?]\s+")


def rep_answer(answer: str) -> Answer | None:
    """Whether the rep's ``answer`` says no (a gap said in its first sentence: "Not yet.",
    "It's on the roadmap for spring.") or yes ("Yes, it does."), read from its start; None when
    neither."""
    spans = split_sentences(lowered(answer))
    first = spans[0][2] if spans else ""
    opening = _FILLERS.sub("", first, count=1)
    if _GAP.search(first) or _NO.match(opening):
        return "no"
    return "yes" if _YES.match(opening) else None


def _needs_it(text: str) -> bool:
    """The thing called needed ("That's the one thing I'd need.", "Said it's essential.")."""
    return calls_it_essential(text) or bool(_NEED.search(lowered(text)))


def _gives_it_up(text: str, context: str) -> bool:
    """The purchase given up or blocked without it ("Then it's a no for us.", "Shame, we'd have
    signed today.", "That's a deal-breaker.")."""
    return (
        bool(_LOSS.search(lowered(text))) or says_no_to_us(text) or blocks_the_deal(text, context)
    )


def _answered(sentence: SentenceInput) -> tuple[str, Answer] | None:
    """The question the sentence follows on from and the rep's answer to it: the buyer's turn
    before the rep's, ending on a question, when nothing but filler is said before the sentence
    in its own turn; in a note, the reported question of its turn before it ("Asked about SSO -
    not yet. Said it's essential.", or in the sentence itself). None when there is none."""
    return _answered_in(sentence.text, sentence.turn, sentence.asked, sentence.context)


@lru_cache(maxsize=TEXTS_REMEMBERED)  # the refused and the granted need both ask it
def _answered_in(text: str, turn: str, asked: str, context: str) -> tuple[str, Answer] | None:
    if reports_a_question(text):
        return _noted_answer(text)
    prior = sentence_before(turn, text)
    if reports_a_question(prior):
        return _noted_answer(prior)
    before, _, _ = turn.partition(text)
    said_before = [s[2] for s in split_sentences(before) if not says_nothing(s[2])]
    questions = split_sentences(asked)
    if said_before or not questions or not is_question(questions[-1][2]):
        return None
    answer = rep_answer(context)
    return (questions[-1][2], answer) if answer else None


def _noted_answer(record: str) -> tuple[str, Answer] | None:
    """A note's reported question and the rep's answer written after it ("Asked about offline
    mode - not yet."): the clause of the question and the first clause that answers."""
    clauses = [c for c in _NOTE_CLAUSE.split(record.strip()) if c]
    for clause in clauses[1:]:
        if (answer := rep_answer(clause)) is not None:
            return clauses[0], answer
    return None


def needs_what_was_refused(sentence: SentenceInput) -> bool:
    """Whether the sentence needs, or gives up the purchase without, what the rep just said no
    to (see above): an objection, its topic the thing asked (``refused_topic``)."""
    if is_question(sentence.text):
        return False
    found = _answered(sentence)
    if found is None or found[1] != "no":
        return False
    said = _after_the_answer(sentence)
    return _needs_it(said) or _gives_it_up(said, sentence.context)


def needs_what_was_granted(sentence: SentenceInput) -> bool:
    """Whether the sentence calls needed what the rep just said the product does ("Yes, it
    does." / "That's the one thing I'd need."): a need met, no objection."""
    found = _answered(sentence)
    return (
        found is not None
        and found[1] == "yes"
        and not is_question(sentence.text)
        and _needs_it(_after_the_answer(sentence))
    )


def refused_question(sentence: SentenceInput) -> str | None:
    """The buyer's question the rep said no to, for a sentence that ``needs_what_was_refused``
    ("Does it work offline in the plant rooms?" of "That's the one thing I'd need."): what its
    "that" stands for, which a theme of it is grouped and named by; None for any other."""
    if not needs_what_was_refused(sentence):
        return None
    found = _answered(sentence)
    return found[0] if found else None


def refused_topic(sentence: SentenceInput) -> str | None:
    """The topic of what the rep said no to, for a sentence that ``needs_what_was_refused``
    (``capabilities.lacked_topic``); None for any other sentence."""
    asked = refused_question(sentence)
    return None if asked is None else lacked_topic(asked)


def _after_the_answer(sentence: SentenceInput) -> str:
    """The sentence's words after a note's answer when it holds one ("Asked re SSO - not yet,
    deal-breaker."), the sentence itself otherwise."""
    if not reports_a_question(sentence.text):
        return sentence.text
    clauses = [c for c in _NOTE_CLAUSE.split(sentence.text.strip()) if c]
    answered = next((i for i, c in enumerate(clauses) if i and rep_answer(c)), len(clauses))
    return " ".join(clauses[answered + 1 :])
