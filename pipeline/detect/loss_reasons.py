"""Why a deal was lost, said by the buyer or written in the rep's note: a buyer saying they chose
a rival ("To be honest we've gone with SafetyCulture.", "The board picked Fieldwire.") and a
note's reason line ("Lost. Reason: they went with Procore's add-on", "Closed lost (reason):
price", "Loss reason: timing"). Each is an objection, the deal's loss reason; a rival it names
makes it a competitor one. The reason a buyer gives right after their choice ("It came down to
price per branch.") is one too, in its topic's category (``losses_in_order`` reads the order).

Why: the kind model had read the buyer's choice as their current set-up, and the note's reason
line as the deal's record (other 0.99), so the dashboard's objections in lost deals held no
loss reason at all. The phrases are data (``[loss_reason]`` in ``cues.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.detect.classify import SentenceInput
from pipeline.detect.competitors import CompetitorHit, places_said
from pipeline.detect.model import KindScore
from pipeline.detect.rules import CUES, lowered, not_a_statement, speaks_of_a_rival
from pipeline.detect.rules import topic_without_rival as topic_of

SURE = 0.95  # a loss reason said outright

_CUES = CUES["loss_reason"]
_ANY = "|".join
_BULLET = r"^(?:[-*•]\s*)?"
# "Lost reason:", "Closed lost - reason:", "Closed lost (reason):", "Loss reason:", "Reason lost:",
# "Reason for losing the deal:" and then the reason.
_REASON_LINE = re.compile(
    _BULLET + r"(?:(?:" + _ANY(_CUES["labels"]) + r")\s*[:\-–—]\s*)(?P<reason>\S.*)$"
)
# "Lost on price + contract overlap.": the loss and its reason in one line, no label.
_LOST_OVER = re.compile(_BULLET + r"(?:" + _ANY(_CUES["lost_over"]) + r")\s+(?P<reason>\S.*)$")
# "Reason: ..." right after a sentence saying the deal was lost ("Lost. Reason: price").
_REASON_ALONE = re.compile(_BULLET + r"reasons?\s*[:\-–—]\s*(?P<reason>\S.*)$")
_LOST_BEFORE = re.compile(r"(?:^|[.!?;\n])\s*(?:[-*•]\s*)?(?:" + _ANY(_CUES["lost"]) + r")$")
_NO_REASON = re.compile(r"^(?:" + _ANY(_CUES["no_reason"]) + r")\W*$")


def _choice_before_name(choices: list[str]) -> re.Pattern[str]:
    """Who decides, then the choice, just before a product's name: "we've gone with", "the
    board picked", "we're going to stick with"."""
    return re.compile(
        r"\b(?:"
        + _ANY(_CUES["deciders"])
        + r")(?:\s*(?:"
        + _ANY(_CUES["auxiliaries"])
        + r"))*\s+(?:"
        + _ANY(choices)
        + r")(?:\s+(?:with|for|on|to))?(?:\s+(?:the|a))?\s*$"
    )


# A buyer saying who took the deal, a known rival or one that stays: "we'll stick with X".
_CHOSE = _choice_before_name([*_CUES["choices"], *_CUES["keeps"]])
# A buyer saying they chose a product no one listed ("the board picked PharmStock"): a new
# choice only, as "we're sticking with X" may name any tool they keep.
_CHOSE_NEW = _choice_before_name(_CUES["choices"])
# A choice hedged, denied or long past is no loss reason ("If we went with X", "we went with X
# two years ago"): it is the buyer's set-up or a thought.
_NOT_NOW = re.compile(r"\b(?:" + _ANY(_CUES["not_now"]) + r")\b|n't\b")
_LATELY = re.compile(r"\b(?:" + _ANY(_CUES["lately"]) + r")\b")  # "two weeks ago": news
_REASON_AFTER = re.compile(r"\b(?:" + _ANY(_CUES["reason_after"]) + r")\b")
# "We'd go with X", "otherwise we'll stick with X": would, not had ("we'd gone with X"), and an
# alternative, so no choice made.
_WOULD = re.compile(
    r"'d\s+(?:\w+\s+)?(?:go|stick|stay|pick|choose|sign|switch|opt)\b|\botherwise\b"
)
# Where a reason given before the choice ends ("ChowNow showed us a connector, so we've gone
# with ChowNow"): the reason's own words ("not", "if") do not hedge the choice after it.
_THEREFORE = re.compile(
    r"(?:[,;:]|\band)\s+(?:so|hence|therefore|which is why|that's why|that is why)\b"
)


@dataclass(frozen=True)
class LossReason:
    """A loss reason's objection category and the rival it names, if any."""

    category: str | None
    rival: str | None


def reason_in_note(sentence: str, before: str = "") -> str | None:
    """The reason a rep's note line gives for a lost deal ("price" in "Loss reason: price"),
    ``before``: the note's text before the line; None when it gives none."""
    text = lowered(sentence).strip()
    found = (
        _REASON_LINE.match(text)
        or _LOST_OVER.match(text)
        or (_REASON_ALONE.match(text) if _LOST_BEFORE.search(lowered(before).strip()) else None)
    )
    if found is None or _NO_REASON.match(found.group("reason").strip()):
        return None
    return sentence.strip()[found.start("reason") :]


def chosen_rival(sentence: str, hits: Sequence[CompetitorHit]) -> CompetitorHit | None:
    """The rival a buyer says they chose or stay with ("we've gone with X", "the board picked
    X", "we're going to stick with X"), wherever in the sentence a known rival's name follows
    the choice; a name no one listed counts where the choice is new and the name follows it
    ("To be upfront, the board picked PharmStock on Monday."). None for a question, a hedge or
    an old choice."""
    text = lowered(sentence)
    if text.rstrip().endswith("?"):
        return None
    for hit in hits:
        starts = places_said(sentence, hit.name) if hit.known else [hit.start]
        choice = _CHOSE if hit.known else _CHOSE_NEW
        for start in starts:
            if choice.search(text[:start]) and not _hedged(text, start):
                return hit
    return None


def _hedged(text: str, choice: int) -> bool:
    """Whether the clause holding the choice at ``choice`` hedges, denies or dates it; a
    reason given before a "so" is another clause."""
    reason_ends = [found.end() for found in _THEREFORE.finditer(text, 0, choice)]
    clause = _LATELY.sub(" ", text[reason_ends[-1] if reason_ends else 0 :])
    return bool(_NOT_NOW.search(clause) or _WOULD.search(clause))


def reason_after_loss(scored: SentenceInput, lost: LossReason) -> LossReason | None:
    """The loss reason a sentence gives right after the buyer said they chose a rival ("It came
    down to price per branch.", "In the end it was the contract length.", "Mainly the setup
    time."): its topic's category, with that rival; None when it gives no reason with a topic
    (had been "other" or a guess of the model, and the lost deal had no reason on file)."""
    text = lowered(scored.text)
    if not_a_statement(scored.text) or text.rstrip().endswith("?"):
        return None
    topic = topic_of(scored.text) if _REASON_AFTER.search(text) else None
    return LossReason(topic, lost.rival) if topic else None


def loss_reason(
    scored: SentenceInput, role: str, hits: Sequence[CompetitorHit], score: KindScore
) -> LossReason | None:
    """The loss reason a sentence states, as an objection's category and rival: a buyer's
    choice of a rival, or a rep's note's reason line (its topic, else the model's)."""
    if not_a_statement(scored.text):
        return None
    if role in ("buyer", "unknown"):
        chosen = chosen_rival(scored.text, hits)
        return LossReason("competitor", chosen.name) if chosen else None
    if role != "rep_note":
        return None
    start = scored.turn.find(scored.text)
    reason = reason_in_note(scored.text, scored.turn[: max(start, 0)])
    if reason is None:
        return None
    offset = len(scored.text.strip()) - len(reason)
    named = [h for h in hits if h.known and h.start >= offset]
    if named:
        return LossReason("competitor", named[0].name)
    if topic := topic_of(reason):
        return LossReason(topic, None)
    if speaks_of_a_rival(reason):  # "Went with a competitor", "Stayed with the incumbent"
        return LossReason("competitor", None)
    return LossReason(score.without_rival or score.category, None)
