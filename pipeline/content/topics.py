"""What a worry is about when its category says only whom it is about: "We're mid-contract with
RivalCo through 2027", filed as a competitor worry, is a contract worry, and the profile's facts
about contracts answer it, not its features."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.content.profile import CATEGORY_SECTIONS, GENERAL_SECTIONS
from pipeline.detect.rules import cue_scores

# The categories with facts of their own to answer them (price: pricing and plans), not only
# the lists about the product as a whole.
TOPICS = frozenset(
    category
    for category, sections in CATEGORY_SECTIONS.items()
    if not set(sections) <= GENERAL_SECTIONS
)


def asks_about_topic(category: str | None) -> bool:
    """Whether a theme's category names what it is about (price, contract...), not only a rival
    or the way things are done now."""
    return category in TOPICS


def quoted_topic(said: Sequence[str]) -> str | None:
    """The topic its buyers' quoted lines name most by the detector's topic cues, when at least
    half of them name it: what a worry filed under a rival is about."""
    named: Counter[str] = Counter()
    for text in said:
        named.update(c for c, hits in cue_scores(text).categories.items() if hits and c in TOPICS)
    if not named:
        return None
    (topic, count), *rest = named.most_common(2) + [("", 0)]
    tied = rest[0][1] == count
    return topic if 2 * count >= len(said) and not tied else None


def worry_topic(category: str | None, said: Sequence[str]) -> str | None:
    """The category whose facts answer a worry: its own, or where that says only whom it is
    about, the topic its buyers' lines ``said`` name (``quoted_topic``)."""
    if asks_about_topic(category):
        return category
    return quoted_topic(said) or category
