"""A buyer waving a worry off, mocking the pitch or answering a colleague back, read after the
kind model: "Honestly the money's not my issue." (a worry denied), "Oh, a sales guy waiving
fees, never heard that one before." (irony), "Barely!" said back to a colleague, and the rest of
a turn that rebuts a colleague's worry by name ("They'd cope, Renee. They coped with <rival>.").

Why a rule after the model: the model reads the topic words ("money", "fees", "coped") and the
turn around them, so a buyer contradicting a colleague's worry had been that worry (adoption
objections at 0.31 and 0.70), a denial a price objection at 0.37 and the mockery a price
objection at 0.63, cited as price evidence, and a colleague teased ("You're the worst of
them.") an adoption objection (walk 8). What the sentence does is deny, mock or answer back; a
worry that holds in it ("Honestly the money is my issue.", "..., but the contract is.", "Yeah
right, that's far too expensive.") keeps it an objection. The phrases are data (``[retort]`` in
``cues.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.classify import Detection, Kind, SentenceInput, UtteranceLike
from pipeline.detect.model import KindScore
from pipeline.detect.real_worry import worry_named_instead
from pipeline.detect.rules import CUES, alternation, cue_scores, is_question, lowered
from pipeline.detect.side_remarks import colleague_answered, read_as_likeliest, rebuts_by_name
from pipeline.detect.statements import tells_a_pain

_CUES = CUES["retort"]
_DENIED = alternation(_CUES["denied"])
_CONTRAST = alternation(_CUES["contrast"])
_IRONY = "(?:" + "|".join(_CUES["irony"]) + ")"
_IRONIC_TAG = re.compile(
    r"(?:^\W*(?:oh,?\s+)?" + _IRONY + r"\b[\s,.!…-]+|[,.;!…-]\s*(?:oh,?\s+)?" + _IRONY + r"\W*$)"
)
_RETORT = re.compile(
    r"^\W*(?:(?:oh|well|ha|pfft|yeah)[,\s]+)?(?:" + "|".join(_CUES["retort"]) + r")[\s.!…]*$"
)
_TEASE = re.compile(
    r"^\W*(?:(?:oh|well|ha|haha|yeah|and)[,\s]+)?(?:" + "|".join(_CUES["tease"]) + r")[\s.!…]*$"
)
_THEIR_OWN = re.compile(r"\b(?:i|we|us|our|my|me)\b|\b(?:i|we)'")
_MEDIUM = 0.6  # "not", "still": a hedge below it
_STRONG = 1.0  # "too expensive", "can't": a worry whatever else is said


def denies_a_worry(sentence: str) -> bool:
    """A worry said not to be theirs ("Honestly the money's not my issue.", "The contract doesn't
    bother us.") and nothing else that worries them: no contrast, no worry named instead, no
    question. "Honestly the money is my issue." says it is."""
    text = lowered(sentence)
    denied = _DENIED.search(text)
    if denied is None or is_question(sentence) or _CONTRAST.search(text):
        return False
    if worry_named_instead(sentence) is not None:
        return False
    rest = text[: denied.start()] + " " + text[denied.end() :]
    return cue_scores(rest).concern < _MEDIUM


def speaks_in_irony(sentence: str) -> bool:
    """A sentence tagged as mocked at its start or end ("..., never heard that one before.",
    "Yeah right, ...", "..., famous last words."): the rest says what was pitched, with no worry
    or pain and nothing of their own ("Pull the other one, it's still too dear." objects)."""
    text = lowered(sentence).strip()
    tag = _IRONIC_TAG.search(text)
    if tag is None:
        return False
    rest = text[: tag.start()] + " " + text[tag.end() :]
    if _THEIR_OWN.search(rest):  # "Famous last words, the last vendor said that and we lost ..."
        return False
    return cue_scores(rest).concern < _MEDIUM and not tells_a_pain(rest)


def answered_back(
    utterances: Sequence[UtteranceLike],
    rows: Sequence[tuple[int, SentenceInput]],
    kinds: Sequence[Detection],
    scores: Sequence[KindScore],
) -> list[Detection]:
    """``kinds`` (one per ``rows``, in call order) with the model's objections that answer a
    colleague back read again as ``other``, or the pain they tell: a one-word comeback opening
    a turn right after a colleague's ("Barely!") or teasing them ("You're the worst of them."),
    and the sentences after a rebuttal of the
    colleague by name in the same turn ("They'd cope, Renee. They coped with <rival>.") that
    hold no worry of their own."""
    colleague = colleague_answered(utterances)
    out = list(kinds)
    rebutted: set[int] = set()  # turns whose first sentence rebuts the colleague by name
    for row, ((uid, sentence), found) in enumerate(zip(rows, kinds, strict=True)):
        before = colleague.get(uid)
        if before is None:
            continue
        if sentence.index_in_turn == 0 and rebuts_by_name(sentence.text, before[1]):
            rebutted.add(uid)
        if found.kind != "objection" or found.source != "model":
            continue
        said = lowered(sentence.text)  # "Barely!", "You're the worst of them.": back at them
        comeback = sentence.index_in_turn == 0 and bool(_RETORT.match(said) or _TEASE.match(said))
        if comeback or (uid in rebutted and sentence.index_in_turn > 0 and _no_worry(sentence)):
            told: tuple[Kind, ...] = ("pain",) if tells_a_pain(sentence.text) else ("other",)
            out[row] = read_as_likeliest(found, scores[row], told)
    return out


def _no_worry(sentence: SentenceInput) -> bool:
    cues = cue_scores(sentence.text)
    return cues.concern < _STRONG and not (
        cues.concern >= _MEDIUM and any(cues.categories.values())
    )
