"""Whether a sentence says anything of security (data protection, who may see or reach the
data, where it is kept, a certification, a breach), and the category a security guess falls to
when it does not.

Why a rule after the category head: security's seed phrasings name record-keeping rules and who
can see pay rates, so a compliance trade's words ("if we get audited I don't know what I'd show
them", "if it can't read the depot's logs", "whether the techs can see their timesheets on their
phone") drew it, and a Security theme held no security worry. The words are data
(``[security_said]``, ``[plain_topic] security`` and ``[peoples_data]`` in ``cues.toml``), all
phrases: a bare "data", "access", "servers" or "hosted" is said in every trade. The pairing
list (``topic_words.toml`` security) is not reused: its bare "hosted" is "Hosted events".
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.detect.rules import CUES, alternation, lowered
from pipeline.detect.sentences import sentence_before

_SAID = alternation(
    CUES["security_said"]["cues"] + CUES["plain_topic"]["security"] + CUES["peoples_data"]["cues"]
)
SECURITY = "security"


def says_security(text: str) -> bool:
    """Whether ``text`` (a sentence, or a sentence with the one before it) names security."""
    return bool(_SAID.search(lowered(text)))


def unless_security_unsaid(
    category: str | None, ranked: Sequence[str], sentence: str, turn: str
) -> str | None:
    """``category``, except a security guess when neither ``sentence`` nor the sentence before it
    in its ``turn`` says security. The one before counts because a short follow-on takes its
    topic from it ("That takes about six weeks." after "Our IT team will want a vendor
    review."); the rest of the turn does not, or one "who can see it" in a long turn kept every
    sentence of it. The fallback is the head's next category (``ranked``: its categories,
    likeliest first; never the rival's, which needs a rival named), or None when it ranks no
    other: no category rather than a security one nobody said, for objections and questions
    alike."""
    if category != SECURITY or says_security(f"{sentence_before(turn, sentence)} {sentence}"):
        return category
    return next((c for c in ranked if c not in (SECURITY, "competitor")), None)
