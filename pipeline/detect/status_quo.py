"""Praise of what the buyer runs today, put to us as the reason to stay: "We've been on <tool>
since 2008 and it's never once lost us a penny, so you've got to give me a reason.", "Our rota
book has done everything we need for twenty years, why would we change?". A status-quo objection.

Why a rule after the model: the praise holds the words of a pain ("lost", "never", "missed"), so
the model had read the sentence as a pain at 0.90, or the challenge's "move" as a switching worry.
Praise followed by a complaint ("It was great for years, but since the update it crashes") is no
such defence, and a concession of today's tool followed by its flaw ("It works, it does work, but
if someone leans on it, it's gone.", "It's fine, it's just slow.") is a pain: the model had read
its "works" as the status quo (0.86), and "it's just slow" as small talk. The phrases are data
(``[status_quo]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.text_memo import once_per_text

_PRAISE = alternation(CUES["status_quo"]["praise"])
_CHALLENGE = alternation(CUES["status_quo"]["challenge"])
_TURN = re.compile(r"\b(?:but|though|although|except|apart from|until|only|shame)\b")
_US = re.compile(r"\byou(?:r|rs|'\w+)?\b")


def _conceded(turn: str) -> re.Pattern[str]:
    """A concession of today's tool, then ``turn`` and the flaw after it."""
    return re.compile(
        "^(?:"
        + "|".join(CUES["status_quo"]["concession_who"])
        + ")(?:"
        + "|".join([*CUES["status_quo"]["concession"], *CUES["status_quo"]["praise"]])
        + ")"
        + CUES["status_quo"]["more_concession"][0]
        + r",?\s+(?:"
        + turn
        + r")\b[,\s]*(?P<flaw>.+)$"
    )


_CONCEDED = _conceded("|".join(CUES["status_quo"]["turn"]))
# "It's fine, it's just slow.": a soft turn, a flaw only when a fault follows
_SOFTLY = _conceded("|".join(CUES["status_quo"]["soft_turn"]))
_FAULT = alternation(CUES["status_quo"]["fault"])
_NOT_WORTH_CHANGE = alternation(CUES["status_quo"]["not_worth_change"])
# "That works, but ...": a reply to what the rep just said; "We're fine, but ...": people, not
# today's tool.
_NOT_A_TOOL = re.compile(
    r"^(?:that|this|which|that one|this one|we|i|you|he|she|they|everyone|everybody)$"
)


def defends_what_they_have(sentence: str) -> bool:
    """Praise of today's tool or way with a challenge to us to beat it, no turn to a complaint
    after the praise and no praise of ours (a "you" outside the challenge)."""
    text = lowered(sentence)
    challenge = _CHALLENGE.search(text)
    if challenge is None:
        return False
    rest = text[: challenge.start()] + " " + text[challenge.end() :]
    praise = _PRAISE.search(rest)
    return praise is not None and not _US.search(rest) and not _TURN.search(rest, praise.end())


def not_worth_the_change(sentence: str) -> bool:
    """A change said not worth its upheaval, hedged or not ("I don't think it justifies tearing
    everything up.", "It's not worth switching for that."): what they have, defended without
    praise. Asked ("Is it worth switching?") it is a question."""
    return not is_question(sentence) and bool(_NOT_WORTH_CHANGE.search(lowered(sentence)))


@once_per_text  # read by ``tells_a_flaw`` and its callers
def flaw_after_concession(sentence: str) -> tuple[str, str] | None:
    """Who or what a sentence concedes works ("It", "<Tool>'s inductions"), as said, and the
    flaw it turns to after "but" ("It works, but if someone leans on it, it's gone."), lowered,
    for the caller to check that neither brings us in; None when it concedes nothing, concedes
    what the rep said ("That's fine, but ...") or people ("We're okay, but ..."), or asks; after
    a soft turn ("It's fine, it's just slow."), only a fault is a flaw."""
    text = lowered(sentence).strip()
    found = _CONCEDED.match(text)
    if found is None:
        softly = _SOFTLY.match(text)  # not "It's fine, it just works.": more praise, no flaw
        found = softly if softly is not None and _FAULT.search(softly.group("flaw")) else None
    if found is None or text.rstrip("\"') ").endswith("?"):
        return None
    start, end = found.span("who")
    who = re.sub(r"'(?:s|re|m|ve|d|ll)$", "", sentence.strip()[start:end])
    return None if _NOT_A_TOOL.match(who.lower()) else (who, found.group("flaw"))
