"""Whether a buyer asks if the product does a thing ("Does it do multi-currency?"): a question
alone, but the topic of a bare reason after it that dismisses the purchase without the thing
("Because without that it's a no.": a missing feature, it had been integrations). The phrases
are data (``[capability_question]`` in ``cues.toml``)."""

from __future__ import annotations

from pipeline.detect.rules import CUES, alternation, lowered

MISSING_FEATURE = "missing_feature"
_ASKS_FOR_A_CAPABILITY = alternation(CUES["capability_question"]["cues"])


def asks_for_a_capability(sentence: str) -> bool:
    """Whether ``sentence`` asks if the product does or has a thing ("Can your system handle
    split shifts?"), whatever the thing."""
    return bool(_ASKS_FOR_A_CAPABILITY.search(lowered(sentence)))
