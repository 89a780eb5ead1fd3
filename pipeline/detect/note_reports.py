"""What a rep's note reports the buyer said: a question ("Asked whether we integrate with
Mindbody.") and a worry opening the sentence ("Worried about retraining 25 seasonal pickers").

Why apart from ``rules.py``: the cue rules read any speaker's words; these read a note's
grammar of reported speech, and the verdict (``verdict.py``) is their only reader.
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, REASSURANCE, alternation, lowered
from pipeline.person_positions import ROLE

# "Asked whether we integrate with Mindbody.", "She also asked about SSO": a note reporting the
# buyer's question.
# (A name before "asked" only for a question about us, "Alan asked whether we integrate with
# Paylocity": in a rep's note "Priya asked if they run payroll" may be the rep.)
# A topic in shorthand ("Asked re SSO.") or the question itself after "asked" ("Asked the price
# goes up after year one?") is one too.
_REPORTED_QUESTION = re.compile(
    r"^(?:[-*•]\s*)?(?i:(?:she|he|they)\s+)?(?i:(?:also|then)\s+)?(?i:asked)\s+"
    r"(?:(?i:whether|if|about|re|regarding|how|what|when|why|who|which|where"
    r"|us\s+(?:whether|if|about|re))\b|[^?]*\?\W*$)"
    r"|^(?:[-*•]\s*)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?i:(?:also|then)\s+)?(?i:asked)\s+"
    r"(?i:(?:us\s+)?(?:whether|if|how|when|about)\s+(?:we|you|our|your)\b)"
    # Their side named by its role, any topic: "Owner asked whether the deposits sit with us.",
    # "The practice manager asked if reminders go by text." ("our" manager may be ours).
    rf"|^(?:[-*•]\s*)?(?!(?i:our|my)\b)(?i:(?:the|their|her|his)\s+)?(?i:[a-z]+\s+)?(?i:{ROLE})\s+"
    r"(?i:(?:also|then)\s+)?(?i:asked)\s+(?i:(?:us\s+)?(?:whether|if|about|how|what|when|why|which|where))\b"
)


def reports_a_question(sentence: str) -> bool:
    """A rep's note sentence that reports the buyer's question ("Asked whether we integrate
    with Mindbody."): a question, whatever the topic (it had been read as an objection)."""
    return bool(_REPORTED_QUESTION.match(sentence.strip()))


_REPORTED_WORRY = re.compile(
    r"^(?:[-*•]\s*)?(?:[\w'-]+\s+){0,3}?(?:"
    + "|".join(CUES["rep_note"]["worry"])
    + r")\b\s*(?:[:\-–]|(?:"
    + "|".join(CUES["rep_note"]["worry_follows"])
    + r")\b)"
)
_WORRY_SETTLED = alternation(CUES["rep_note"]["worry_settled"])


def reports_a_worry(sentence: str) -> bool:
    """A rep's note sentence that opens on the buyer's worry ("Worried about retraining 25
    seasonal pickers before Black Friday", "Concern: scanner hardware cost"): an objection
    about us, whatever the topic (it had been a pain and a contract worry), unless the note
    says it is absent or was settled."""
    text = lowered(sentence).strip()
    return (
        bool(_REPORTED_WORRY.match(text))
        and not REASSURANCE.search(text)
        and not _WORRY_SETTLED.search(text)
    )
