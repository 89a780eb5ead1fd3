"""The topic a sentence's own words settle, whatever the model's category head read.

Why here, apart from ``topics``: the quote spans of ``sentences`` ask it (``asked_before``)
while ``topics`` reads ``sentences``; on its own it needs only the cue words.
"""

from __future__ import annotations

import re

from pipeline.detect.adoption_said import adoption_over_security
from pipeline.detect.named_problem import named_problem
from pipeline.detect.rules import CUES, REASSURANCE, alternation, lowered

_JOINED = {
    "contract": CUES["blocker"]["lock_in"],
    "price": CUES["price_said_high"]["cues"]
    + CUES["no_budget"]["cues"]
    + CUES["price_per_head"]["refused"]
    + CUES["price_per_head"]["paying"],
    "adoption": CUES["no_signal"]["where"] + CUES["no_signal"]["offline"],
}
_PLAIN_TOPICS = {
    name: alternation(cues + _JOINED.get(name, [])) for name, cues in CUES["plain_topic"].items()
}
_PEOPLES_DATA = alternation(CUES["peoples_data"]["cues"])
_DOCUMENT = "(?:" + "|".join(CUES["document_output"]["documents"]) + ")"
_LOOK = "(?:" + "|".join(CUES["document_output"]["looks"]) + ")"
_RESEMBLES = "(?:" + "|".join(CUES["document_output"]["resembles"]) + ")"
# a document and how it must look, a few words apart either way ("the report in their own
# layout", "our own logo on the certificate")
_DOCUMENT_LOOK = re.compile(
    rf"\b{_DOCUMENT}\b(?:\W+[\w'-]+){{0,8}}?\W+(?:{_LOOK}|{_RESEMBLES})\b"
    rf"|\b{_LOOK}\b(?:\W+[\w'-]+){{0,5}}?\W+{_DOCUMENT}\b"
)
# checked before these: what a document must look like is no security nor adoption
_AFTER_DOCUMENTS = ("security", "switching", "adoption", "integrations", "missing_feature")


def plain_topic(sentence: str, category: str | None) -> str | None:
    """The category the sentence's own words settle (a topic named as the problem first), else
    ``category``; a named rival's objection stays the rival's, a topic said not to matter
    ("paying per seat is fine") settles nothing and a control their people refuse is adoption."""
    if category == "competitor":
        return category
    named = named_problem(sentence)  # "The problem is the timing, not the price."
    if named is not None:
        return named
    text = REASSURANCE.sub(" ", lowered(sentence))
    plain = next((name for name, cue in _PLAIN_TOPICS.items() if cue.search(text)), None)
    if (plain is None or plain in _AFTER_DOCUMENTS) and shapes_a_document(text):
        return "missing_feature"
    if plain is None and _PEOPLES_DATA.search(text):  # "the student data": privacy
        plain = "security"
    # "the partners won't do MFA": whether they use it, whatever the control's security word
    return adoption_over_security(text, plain or category)


def shapes_a_document(text: str) -> bool:
    """A document the product would make and the layout, template, logo or language it must
    have (``text`` lowered): a missing feature, not security (the model had read the insurer's
    certificate as data protection); a system named to connect stays integrations."""
    return bool(_DOCUMENT_LOOK.search(text)) and not _PLAIN_TOPICS["integrations"].search(text)
