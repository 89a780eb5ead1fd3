"""Praise of what the buyer runs today, put to us as the reason to stay: "We've been on <tool>
since 2008 and it's never once lost us a penny, so you've got to give me a reason.", "Our rota
book has done everything we need for twenty years, why would we change?". A status-quo objection.

Why a rule after the model: the praise holds the words of a pain ("lost", "never", "missed"), so
the model had read the sentence as a pain at 0.90, or the challenge's "move" as a switching worry.
Praise followed by a complaint ("It was great for years, but since the update it crashes") is no
such defence. The phrases are data (``[status_quo]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, lowered

_PRAISE = alternation(CUES["status_quo"]["praise"])
_CHALLENGE = alternation(CUES["status_quo"]["challenge"])
_TURN = re.compile(r"\b(?:but|though|although|except|apart from|until|only|shame)\b")
_US = re.compile(r"\byou(?:r|rs|'\w+)?\b")


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
