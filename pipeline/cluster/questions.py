"""Questions worth a theme: what a buyer asks about (product, price, integrations, security,
onboarding), not small talk, a clarification, asking for the floor or fixing the next meeting
("Say that again?", "Can I say something first?", "Next Tuesday morning?"). Analysis applies
it as mentions are stored, so those never reach a question theme.

A question is worth a theme when, once its lead-in is dropped, it names a topic (a word that is
neither a function word nor a time, number or vague word) and either opens like a question
("does it...", "what about...", also after a short lead-in of its own: "So, first thing, do you
support SSO?"), asks how far the product reaches ("Including the history?") or is long enough
to say something on its own. A short echo ("In the contract?", "A free one?") counts only when
the detector gave it a topic. The word lists and patterns are data, in
``pipeline/data/questions.toml``.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

from pipeline.cluster.phrases import FUNCTION_WORDS, WORD_TOKEN
from pipeline.detect.rules import cue_scores, lowered, topic_without_rival

# A sentence that does not open like a question says something only from this many words on.
ECHO_WORDS = 5
OPENERS = frozenset(
    "how what what's when where which who whom whose why can could does do did is are was were "
    "will would should has have may might shall am isn't aren't doesn't don't can't won't".split()
)
# 'Carla asked: "why would I pay..."' -> the quoted question.
_REPORTED = re.compile(r'^[^"]*\b(?:asked|asks|question|wondered|wonders)\b[^"]*?"(?P<q>[^"]+)')


def _load() -> dict[str, Any]:
    text = resources.files("pipeline").joinpath("data", "questions.toml").read_text("utf-8")
    return tomllib.loads(text)


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_DATA = _load()
NOT_TOPICAL = _alternation(_DATA["not_topical"])
TOPICAL = _alternation(_DATA["topical"])
SCOPE = _alternation(_DATA["scope"])
# A short lead-in of the buyer's own, then the question: "thing, do you ...", "quick one, is it".
_AFTER_A_LEAD_IN = re.compile(
    r"^(?:[\w'-]+ ){0,3}[\w'-]+\s*[,:;—–-]+\s*(?:(?:and|but|so|then) )?(?:"
    + "|".join(sorted(OPENERS, key=len, reverse=True))
    + r")\b"
)
LEAD_IN = re.compile(f"^(?:{'|'.join(f'(?:{p})' for p in _DATA['lead_ins'])})+")
NO_TOPIC_WORDS = FUNCTION_WORDS | frozenset(_DATA["no_topic_words"].split())


def question_core(text: str) -> str:
    """The question itself: lower case, a reported question's quote, lead-ins dropped."""
    core = lowered(text).strip()
    reported = _REPORTED.match(core)
    if reported:
        core = reported.group("q")
    return LEAD_IN.sub("", core).strip()


def topic_words(text: str) -> list[str]:
    """The words of a question that name something."""
    return [w for w in WORD_TOKEN.findall(text) if w not in NO_TOPIC_WORDS and not w.isdigit()]


def worth_a_theme(text: str, category: str | None = None) -> bool:
    """Whether a buyer question is substantive enough to join a question theme."""
    core = question_core(text)
    if not core or NOT_TOPICAL.search(core):
        return False
    if TOPICAL.search(core):
        return True
    words = WORD_TOKEN.findall(core)
    if not topic_words(core):
        return False
    # A short echo ("By text? Like normal SMS?") joins a theme when its own words name a buying
    # topic, not on the detector's category alone (the clarification read as a theme).
    named = category is not None and worded_topic(text, category) is not None
    opens = words[0] in OPENERS or _AFTER_A_LEAD_IN.match(core) is not None
    return opens or len(words) > ECHO_WORDS or named or asks_how_far(core)


def asks_how_far(core: str) -> bool:
    """A follow-up asking how far the product reaches ("including the history?", "the gift aid
    records too?"), naming something besides its scope word ("even now?" names nothing)."""
    return SCOPE.search(core) is not None and bool(topic_words(SCOPE.sub(" ", core)))


def stored_kind(kind: str, text: str, category: str | None, source: str) -> tuple[str, str | None]:
    """The kind and category a detected sentence is stored with: a question not worth a theme
    is kept as small talk ("other"), never dropped. Why: every buyer sentence keeps its one kind
    row, so a user can see, measure and correct it (a question it misread as small talk
    included); a user's own verdict stands as said."""
    if kind != "question" or source == "user" or worth_a_theme(text, category):
        return kind, category
    return "other", None


def worded_topic(text: str, category: str | None = None) -> str | None:
    """The objection category a question's own words name: the detector's ``category`` when
    its words name it at all ("Asked where the data is stored (US, SOC 2) and about the
    contract" stays with the other data questions), else the one they name most ("Is there
    an onboarding fee?": price), or None."""
    core = question_core(text)
    if category and category != "competitor" and cue_scores(core).categories.get(category):
        return category
    return topic_without_rival(core)


def question_topic(text: str, category: str | None = None) -> str | None:
    """What a question is about, for its theme: ``worded_topic``, else the detector's
    category, else none."""
    return worded_topic(text, category) or category
