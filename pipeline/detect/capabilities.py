"""Whether a buyer asks if the product does a thing ("Does it do multi-currency?"): a question
alone, but the topic of a bare reason after it that dismisses the purchase without the thing
("Because without that it's a no.": a missing feature, it had been integrations), and of the
thing called the one they need right after it ("That's the one thing I'd need.": it had been
integrations too). The phrases are data (``[capability_question]`` in ``cues.toml``)."""

from __future__ import annotations

from pipeline.detect.classify import SentenceInput
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.rules import CUES, alternation, is_question, lowered, topic_without_rival
from pipeline.detect.sentences import sentence_before

MISSING_FEATURE = "missing_feature"
_ASKS_FOR_A_CAPABILITY = alternation(CUES["capability_question"]["cues"])
_ESSENTIAL = alternation(CUES["capability_question"]["essential"])
_DEAL_TERMS = alternation(CUES["capability_question"]["deal_terms"])
CONTRACT = "contract"
# What a product can lack besides a feature: a system to connect, a safeguard; and a term of
# the deal, when the question asks for one ("Can we pay monthly?"), not of what the product does
# ("Does it handle service contracts?" is a feature).
_LACKED_PARTS = ("integrations", "security")
_LACKED_TERMS = ("contract", "price")


def asks_for_a_capability(sentence: str) -> bool:
    """Whether ``sentence`` asks if the product does or has a thing ("Can your system handle
    split shifts?"), whatever the thing."""
    return bool(_ASKS_FOR_A_CAPABILITY.search(lowered(sentence)))


def calls_it_essential(sentence: str) -> bool:
    """Whether ``sentence`` calls a thing the one they need ("That's the one thing I'd need.",
    "It's the only thing that matters to us."), not the one thing they need to know."""
    return bool(_ESSENTIAL.search(lowered(sentence)))


def needs_what_was_asked(sentence: SentenceInput) -> bool:
    """Whether the sentence calls the capability the buyer asked about just before, in the same
    turn, the one they need ("Does it do the controlled drugs register digitally? That's the one
    thing I'd need.", "Can it handle split shifts? It's the only thing that matters to us."): a
    condition on buying, so an objection; not asked itself, and not after any other sentence
    ("That's the one thing I'd need to know." is no need of a feature)."""
    if is_question(sentence.text) or not calls_it_essential(sentence.text):
        return False
    said_before = sentence_before(sentence.turn, sentence.text)
    return bool(said_before) and asks_for_a_capability(said_before)


def lacked_topic(asked: str) -> str:
    """The category of the thing a buyer ``asked`` for, needed and lacking: the question's topic
    when a product can lack it (``_LACKED_PARTS``, and ``_LACKED_TERMS`` unless it asks what the
    product does), else a missing feature ("Does it work offline in the plant rooms?" names
    adoption's words, but offline is what we lack); a term of the deal asked in any words
    (``deal_terms``: paying monthly, a trial, a shorter term) a contract."""
    if _DEAL_TERMS.search(lowered(asked)):
        return CONTRACT  # "Can we pay monthly?", "Do you do a free trial?": how the deal runs
    named = plain_topic(asked, None) or topic_without_rival(asked)
    kept = _LACKED_PARTS if asks_for_a_capability(asked) else (*_LACKED_PARTS, *_LACKED_TERMS)
    return named if named is not None and named in kept else MISSING_FEATURE
