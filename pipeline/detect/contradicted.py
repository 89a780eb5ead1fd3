"""Confident ``other`` verdicts that strong signals contradict, for the review queue.

Why: an ``other`` counts in no theme, list or figure, so a wrong one is seen nowhere, and the
queue's doubts (``queue.py``) never reach it because its kind reads sure ("The thing is,
PharmStock's reorder suggestions are rubbish." other at 0.8, a rival's weakness; "That's our PMR
and I'm not changing that." at 0.8, the status quo; "It came down to price per branch, yours was
nearly double." at 0.71, a loss reason). The signals, each a thing small talk does not do:

- the learnt model reads an objection (its P(objection) at or over the threshold: a rule chose
  ``other`` over it), counted twice, or nearly does (within ``NEAR`` in log-odds below);
- a rival is named or tagged;
- a word of judgement, refusal or unease (``[judgement]`` in ``cues.toml``: rubbish, can't,
  won't, nervous, expensive, not changing);
- a cue of another kind: an objection category's topic words (price, contract, …) or a pain's.

Only ``other`` is read: a wrong objection, pain or question shows in its theme, where a user can
correct it. The queue samples them at the odd detections' rate (``odd_detections.py``), the
most contradicted first, so they are bounded to one question in five.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.detect.rules import CUES, KIND_CUES, alternation, lowered, topic_without_rival

NEAR = 0.5  # log-odds under the threshold within which the model nearly reads an objection
_JUDGEMENT = alternation(CUES["judgement"]["cues"])


@dataclass(frozen=True)
class OtherVerdict:
    """What the rule reads of one stored ``other`` sentence."""

    text: str
    objection_probability: float | None  # the learnt model's, kept beside the verdict
    rival_named: bool  # the sentence names a rival or carries a competitor tag


def contradictions(verdict: OtherVerdict, threshold: float) -> list[str]:
    """What contradicts an ``other`` verdict (see the module docstring), strongest first;
    empty when nothing does."""
    found: list[str] = []
    p = verdict.objection_probability
    if p is not None and p >= threshold:
        found += ["the model reads an objection"] * 2
    elif p is not None and p > 0 and _log_odds(threshold) - _log_odds(p) <= NEAR:
        found.append("the model nearly reads an objection")
    if verdict.rival_named:
        found.append("it names a rival")
    said = lowered(verdict.text)
    if _JUDGEMENT.search(said):
        found.append("a word of judgement")
    topic = topic_without_rival(verdict.text)
    if topic is not None or KIND_CUES["pain"].search(said):
        found.append(f"a cue of {topic or 'pain'}")
    return found


def most_contradicted(verdicts: dict[int, OtherVerdict], threshold: float) -> list[int]:
    """The keys of the contradicted verdicts, the most contradicted first (then the model's
    P(objection), highest first; then the key)."""
    scored = [
        (-len(reasons), -(v.objection_probability or 0.0), key)
        for key, v in verdicts.items()
        if (reasons := contradictions(v, threshold))
    ]
    return [key for _, _, key in sorted(scored)]


def _log_odds(p: float) -> float:
    q = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(q / (1 - q))
