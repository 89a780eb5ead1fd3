"""Whether a sentence says anything of security (data protection, who may see or reach the
data, where it is hosted, a certification, a breach), and the category a security guess falls to
when it does not.

Why a rule after the category head: security's seed phrasings name record-keeping rules and who
can see pay rates, so a compliance trade's words ("if we get audited I don't know what I'd show
them", "if it can't read the Omnitracs logs", "whether the guys can see their settlements on
their phone") drew it, and a Security theme held no security worry. The words are data
(``[security_said]``, ``[plain_topic] security`` and ``[peoples_data]`` in ``cues.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.detect.rules import CUES, alternation, lowered

_SAID = alternation(
    CUES["security_said"]["cues"] + CUES["plain_topic"]["security"] + CUES["peoples_data"]["cues"]
)
SECURITY = "security"


def says_security(sentence: str) -> bool:
    """Whether the sentence's own words touch security at all."""
    return bool(_SAID.search(lowered(sentence)))


def unless_security_unsaid(category: str | None, ranked: Sequence[str], turn: str) -> str | None:
    """``category``, except a security guess for a sentence whose turn says nothing of security
    (a short sentence's topic may sit in the rest of its turn: "That takes about six weeks."
    after a vendor review): the head's next category (``ranked``: its categories, likeliest
    first; never the rival's, which needs a rival named), None when there is none."""
    if category != SECURITY or says_security(turn):
        return category
    return next((c for c in ranked if c not in (SECURITY, "competitor")), None)
