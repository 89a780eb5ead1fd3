"""What a worry is about when its category says only whom it is about: "We're mid-contract with
RivalCo through 2027", filed as a competitor worry, is a contract worry, and the profile's facts
about contracts answer it, not its features."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from pipeline.content.pairing import systems_named, topic_words
from pipeline.content.profile import CATEGORY_SECTIONS, GENERAL_SECTIONS
from pipeline.content.scale import figures
from pipeline.detect.decisions import names_a_time
from pipeline.detect.deferrals import defers_the_decision
from pipeline.detect.plain_topics import plain_topic
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
    return _most_named(said, lambda text: {c for c, n in cue_scores(text).categories.items() if n})


def named_topic(said: Sequence[str]) -> str | None:
    """The topic its buyers' quoted lines name most in any words (``topics_named``), when at
    least half of them name it: "it has to talk to ServiceTitan", filed under adoption, asks
    whether it works with their tools."""
    return _most_named(said, topics_named)


def _most_named(said: Sequence[str], named_in: Callable[[str], set[str]]) -> str | None:
    """The topic of ``TOPICS`` most of the lines ``said`` name (``named_in``), at least half of
    them and no tie."""
    named = Counter(c for text in said for c in named_in(text) if c in TOPICS)
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


# The worry categories each of ``topic_words``' topics speaks of ("who does the data move" is a
# switching and a setup worry, "sit through training" an adoption and a setup one).
_TOPIC_CATEGORIES: dict[str, tuple[str, ...]] = {
    "topic:price": ("price",),
    "topic:per_seat": ("price",),
    "topic:term": ("contract",),
    "topic:setup": ("setup_time",),
    "topic:migration": ("switching", "setup_time"),
    "topic:training": ("adoption", "setup_time"),
    "topic:login": ("adoption",),
    "topic:integration": ("integrations",),
    "topic:security": ("security",),
}


def topics_named(text: str) -> set[str]:
    """The worry categories ``text``'s own words name: the detector's topic cues, the topic its
    words settle (``plain_topic``) and the categories of its ``topic_words`` topics."""
    cues = {category for category, hits in cue_scores(text).categories.items() if hits}
    cues |= {plain} if (plain := plain_topic(text, None)) else set()
    named = (_TOPIC_CATEGORIES.get(topic, ()) for topic in topic_words(text))
    return cues | {category for categories in named for category in categories}


# A question asking when: "When is the right time to buy ...?", "How soon could we start?".
_ASKS_WHEN = re.compile(r"\W*(?:when|how soon)\b", re.IGNORECASE)


def says_when(said: str) -> bool:
    """Whether a line names a time ("not before March", "next spring", "on hold") or puts the
    decision off to one ("we'll look again after lambing")."""
    return names_a_time(said) or defers_the_decision(said)


def speaks_of_question(
    question: str,
    said: str,
    category: str | None = None,
    rivals: Sequence[str] | None = None,
) -> bool:
    """Whether a quote may be cited under a question: it shares a word with it or names its
    topic (``category``, where the question is that category's; else the topics its words
    name), or, under a question about rivals in general (``rivals``: the ones known), names a
    rival or a tool. "whether you'll still be here in five years" had been cited under a
    sign-off question, "I'm not blaming anyone." under "Why change when what we do now
    works?": a line with no topic of its own shares none. A question asking when is spoken of
    by a line that says when (``says_when``), and by no other: "She'll want to see the payback
    in black and white." had been cited under "When is the right time to buy ...?"."""
    if _ASKS_WHEN.match(question):
        return says_when(said)
    asked = {category} if category else topics_named(question)
    if topic_words(question) & topic_words(said) or asked & topics_named(said):
        return True
    if rivals is None:
        return False
    text = said.casefold()
    named = (re.search(rf"(?<!\w){re.escape(r.casefold())}(?!\w)", text) for r in rivals if r)
    return any(named) or bool(systems_named(said))


# Someone's sign-off asked for: "take it to our owners", "before anything gets signed", "the
# board has to approve it". Such a line is an approval worry whatever money it names, as the
# detector reads "I'd need sign-off from our CFO" (``pipeline.detect.topics``).
_SIGN_OFF = re.compile(
    r"\b(?:sign(?:s|ed|ing)?\s+(?:it\s+|this\s+|that\s+)?off|signs?\s+(?:anything|it)\b"
    r"|(?:gets?|got|is|be|being)\s+signed|approv\w*|green\s+light|go-ahead"
    r"|(?:take|bring|show|run|put)\s+(?:it|this|that)\s+(?:\w+\s+)?(?:to|by|past|before)"
    r"\s+(?:the|our|my|his|her|their)\b)",
    re.IGNORECASE,
)


# What a pricing page speaks of: the price, and the terms it is paid on.
_PRICED = ("price", "contract")


def about_price(text: str) -> bool:
    """Whether a line is about money or the terms it is paid on, as said: it asks no one's
    sign-off (``_SIGN_OFF``) and no other worry's cue words outnumber its price and term words
    (a price word or a figure counts once at least: "Nine a cleaner adds up fast"). "I'd have
    to take it to our owners ... they're going to want the ROI in writing before anything gets
    signed", filed as price, had opened a pricing page."""
    if _SIGN_OFF.search(text):
        return False
    hits = cue_scores(text).categories
    said = "price" in topics_named(text) or bool(figures(text))
    priced = max(sum(hits.get(c, 0) for c in _PRICED), int(said))
    return all(n <= priced for c, n in hits.items() if c not in (*_PRICED, "competitor"))
