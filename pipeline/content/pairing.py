"""Whether a profile fact or a won deal's reply answers a theme: it must be about what the
theme's buyers said, not only of its category. "I can't see the partners signing that off" had
been answered "Month-to-month: no minimum contract", and "Will my staff actually use it?" with
a reply about patient logins; a gap to write beats a wrong answer."""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from pipeline.cluster.representative import generic_words
from pipeline.content.profile import content_words
from pipeline.detect.sentences import split_sentences
from pipeline.person_positions import english_words, is_english

# A fact that states what we cannot do yet: said in an internal brief, never as the answer to
# a buyer's worry on a published page ("PhysioNotes sync is planned for Q2 2027").
_GAP_RE = re.compile(
    r"\b(?:not (?:yet )?(?:available|supported|possible)|planned for|on the roadmap|"
    r"coming soon|not yet|in beta|later this year|does(?:n't| not) (?:yet )?support|"
    r"under ?way|no (?:\w+ ){1,2}yet)\b",
    re.IGNORECASE,
)


@cache
def _vocabulary() -> tuple[frozenset[str], dict[str, re.Pattern[str]]]:
    """The generic words (``generic_words``, the theme namer's) and the topics' patterns, from
    ``pipeline/data/topic_words.toml``."""
    text = resources.files("pipeline").joinpath("data", "topic_words.toml").read_text("utf-8")
    topics = {
        name: re.compile("|".join(patterns), re.IGNORECASE)
        for name, patterns in tomllib.loads(text)["topics"].items()
    }
    return generic_words(), topics


def states_gap(text: str) -> bool:
    """Whether a fact admits something missing or only planned."""
    return _GAP_RE.search(text) is not None


def topic_words(text: str, besides: Iterable[str] = ()) -> set[str]:
    """What ``text`` is about: its content words less the generic ones and ``besides`` (rival
    names say whom, not what), and the topics it names in other words (``topic:part_time``)."""
    generic, topics = _vocabulary()
    left_out = generic | {w.casefold() for name in besides for w in content_words(name)}
    words = {w for w in content_words(text) if w not in left_out}
    return words | {f"topic:{name}" for name, pattern in topics.items() if pattern.search(text)}


def said_once(shared: set[str]) -> set[str]:
    """``shared`` (``topic_words`` two lines share) less each topic that one of its words
    names already: "casual" and ``topic:part_time`` are one thing shared, and "casual passes"
    had answered "half of them are casuals" as if two were."""
    _, topics = _vocabulary()
    words = [w for w in shared if not w.startswith("topic:")]
    return {
        w
        for w in shared
        if not w.startswith("topic:")
        or not any(topics[w.removeprefix("topic:")].search(word) for word in words)
    }


def rivals_named(text: str, rivals: Iterable[str]) -> set[str]:
    """The rivals ``text`` names, as words of their own (``rival:procore``): a fact about one
    (its integration, a move from it) speaks to buyers who have that rival."""
    return {
        f"rival:{name.casefold()}"
        for name in rivals
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    }


def concern_words(text: str, rivals: Iterable[str] = ()) -> set[str]:
    """What a worry or a fact is about (``topic_words``) and which ``rivals`` it names."""
    names = list(rivals)
    return topic_words(text, names) | rivals_named(text, names)


def names_their_rival(text: str, said: Iterable[str], rivals: Iterable[str]) -> bool:
    """Whether a fact names a rival the lines ``said`` name: "Procore: incidents and permits
    pushed into the Procore project" speaks to "we'll stick with Procore"."""
    names = list(rivals)
    heard = set().union(*(rivals_named(line, names) for line in said))
    return bool(rivals_named(text, names) & heard)


def word_weights(facts: Iterable[str], rivals: Iterable[str] = ()) -> dict[str, float]:
    """How much sharing each word of the ``facts`` says: the fewer facts have it, the more
    (log of the inverse share). "Site" in most facts of a site-safety product had picked the
    first price fact for every per-site worry; "prorated" names one fact."""
    names = list(rivals)
    bags = [concern_words(text, names) for text in facts]
    counts = Counter(word for bag in bags for word in bag)
    return {word: math.log((len(bags) + 1) / n) for word, n in counts.items()}


def shared_weight(
    said: str, fact: str, weights: dict[str, float], rivals: Iterable[str] = ()
) -> float:
    """How much of what a worry ``said`` a ``fact`` speaks of: its words and topics they
    share, each by its weight (``word_weights``)."""
    names = list(rivals)
    shared = concern_words(said, names) & concern_words(fact, names)
    return sum(weights.get(word, 0.0) for word in shared)


def best_pairing(scores: Sequence[Sequence[float]]) -> dict[int, int]:
    """Worry index -> fact index, each fact to one worry at most, the pairs' total score
    highest over all worries at once; a pair scoring nothing is no pair. First come, first
    served had given the first of two price worries the fact the second one asked about."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not scores or not scores[0]:
        return {}
    matrix = np.array(scores, dtype=np.float64)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if matrix[r, c] > 0}


def about_the_same(
    answer: str, said: Iterable[str], besides: Iterable[str] = (), *, fact: bool = False
) -> bool:
    """Whether ``answer`` speaks of what the buyers ``said``: they share a word that is not
    generic, or a topic; two where a ``fact`` is about a topic they do not name
    (``on_their_point``). A ``fact`` of our profile must share more than a name
    (``names_written``): a tool, partner or rival both name says whom the worry is about, not
    what, and "Toast" had answered "We signed a three year Toast contract and I can't rip that
    out". A won deal's reply followed the worry in the call, so its names count."""
    said, names = list(said), list(besides)
    heard = set().union(*(topic_words(text, names) for text in said))
    named = set().union(*(names_written(t) for t in [answer, *said])) if fact else set()
    shared = topic_words(answer, names) & heard - named
    if fact and not on_their_point(answer, heard):
        return len(shared) >= 2  # one noun shared is chance when the fact is about another thing
    return bool(shared)


def on_their_point(fact: str, heard: set[str]) -> bool:
    """Whether a fact's point is one the buyers' words (``heard``: their ``topic_words``) make:
    it names no topic, or one of theirs. "We migrate your data from ... spreadsheets for free"
    is about moving data, and had answered "we'd still need the spreadsheet for that" (a
    missing capability) on the one word they share."""
    mine = {word for word in topic_words(fact) if word.startswith("topic:")}
    return not mine or bool(mine & heard)


# A word and where it starts: a name is written with a capital where no sentence starts.
_CASED_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;…]|[“\"(\[*])\s*$")


def names_written(text: str) -> set[str]:
    """The content words ``text`` writes as names (a capital where no sentence starts:
    "Toast", "Lightspeed", a plan's "Pro"), as ``content_words`` spells them."""
    found = {
        match.group()
        for match in _CASED_WORD_RE.finditer(text)
        if match.group()[0].isupper() and not _SENTENCE_START_RE.search(text[: match.start()])
    }
    return content_words(" ".join(found))


def says_something(fact: str) -> bool:
    """Whether a fact states something rather than only names it: one of its content words is
    written in lower case. A bare integration ("Toast"), plan ("Enterprise") or standard
    ("SOC 2 Type II") answers no worry, however well its name matches one."""
    return any(word[0].islower() and content_words(word) for word in _CASED_WORD_RE.findall(fact))


def shares_topic(text: str, said: Iterable[str]) -> bool:
    """Whether ``text`` names a topic (``topic:security``) one of the lines ``said`` names."""
    mine = {w for w in topic_words(text) if w.startswith("topic:")}
    return any(mine & topic_words(line) for line in said)


def speaks_of_other_industry(
    text: str, own: Iterable[str], industries: Iterable[str], said: Iterable[str] = ()
) -> bool:
    """Whether ``text`` names one of the ``industries`` the theme's calls (``own``) are not
    ("the main dental systems" said to a physio clinic's worry). A word the lines ``said``
    use is the buyers' own: "A landlord portal..." answers a letting agent's "Landlords won't
    log into another portal" though a "Private landlord" call is in the workspace."""
    mine = {i.casefold() for i in own}
    heard = set().union(*(content_words(line) for line in said))
    words = content_words(text) - heard
    return any(content_words(name) & words for name in industries if name.casefold() not in mine)


_CAPITALISED_RE = re.compile(r"(?<![\w'’])[A-Z][A-Za-z0-9]*[A-Za-z0-9](?=(?:['’]s)?(?![\w'’]))")


# A tool named to say it is not the one: "Our books are in Xero, not QuickBooks."
_DENIED_RE = re.compile(r"\b(?:not|no|never|rather than|instead of)\s+$", re.IGNORECASE)


def systems_named(text: str) -> set[str]:
    """The names of tools ``text`` gives as the ones it has or wants: capitalised words that
    are no English word ("Xero", "QuickBooks"; not "Online" or "Desktop"), lower case, less
    those it denies ("not QuickBooks")."""
    english = english_words()
    return {
        found.group().casefold()
        for found in _CAPITALISED_RE.finditer(text)
        if not is_english(found.group(), english)
        and found.group().upper() != found.group()
        and not _DENIED_RE.search(text[: found.start()])
    }


def names_other_systems(text: str, said: Iterable[str]) -> bool:
    """Whether an integration fact (``text``) names tools and the lines ``said`` name others,
    none of them its own: "QuickBooks Online and QuickBooks Desktop sync" is no answer to
    "Without a Xero integration we'd be doing double entry again"."""
    if "topic:integration" not in topic_words(text):
        return False
    mine = systems_named(text)
    heard = set().union(*(systems_named(line) for line in said))
    return bool(mine and heard) and not mine & heard


def answers_theme(
    text: str,
    said: Iterable[str],
    *,
    rivals: Iterable[str] = (),
    own: Iterable[str] = (),
    industries: Iterable[str] = (),
    fact: bool = False,
) -> bool:
    """Whether a fact or reply (``text``) may answer a theme whose buyers ``said`` these
    lines in calls of the ``own`` industries: it is about the same (``about_the_same``) and
    names none of the other ``industries`` nor only tools other than theirs
    (``names_other_systems``); a ``fact`` says something (``says_something``)."""
    said = list(said)
    return (
        (says_something(text) or not fact)
        and about_the_same(text, said, rivals, fact=fact)
        and not speaks_of_other_industry(text, own, industries, said)
        and not names_other_systems(text, said)
    )


# Topics as wide as a whole kind of worry: a fact sharing only one of them is of the same kind,
# not an answer ("half price for part-timers" to "they put our price up by forty percent").
BROAD_TOPICS = frozenset(
    {
        "topic:price",
        "topic:per_seat",
        "topic:term",
        "topic:integration",
        "topic:setup",
        "topic:security",
    }
)


def answers_beyond(
    text: str,
    said: Iterable[str],
    heading: Iterable[str],
    *,
    rivals: Iterable[str] = (),
    own: Iterable[str] = (),
    industries: Iterable[str] = (),
    fact: bool = False,
) -> bool:
    """Whether a fact answers what buyers ``said`` beyond the row's ``heading`` (the words
    naming its topic, "price", "integrate"): it shares another word, or a narrower topic
    ("seasonal" and "part-timers"). "QuickBooks Online and Xero sync" had answered "they
    already integrate with our tax software"; a gap to write beats that. A ``fact`` as in
    ``about_the_same``: more than a name shared, and something said."""
    said, names = list(said), list(rivals)
    named = {w.casefold() for h in heading for w in content_words(h)}
    if fact:
        named |= set().union(*(names_written(t) for t in [text, *said]))
    heard = set().union(*(topic_words(t, names) for t in said)) - named - BROAD_TOPICS
    return (
        (says_something(text) or not fact)
        and bool(topic_words(text, names) & heard)
        and not speaks_of_other_industry(text, own, industries, said)
    )


# A fact about what the buyer has now ("when your current contract ends", "keep the old system
# read-only"): it meets a reason to stay with a rival on that reason's own topic.
_WHAT_THEY_HAVE = re.compile(
    r"\b(?:your|the)\s+(?:current|existing|old|previous|present)\b", re.IGNORECASE
)


def meets_what_they_have(text: str) -> bool:
    """Whether a fact speaks of the buyer's current tool or contract."""
    return _WHAT_THEY_HAVE.search(text) is not None


_QUESTION_RE = re.compile(r"[^.!?]*\?")


def answers_another_line(turn: str, objection: str, reply: str, quoted: str = "") -> bool:
    """Whether a rep's ``reply`` answers another line of the buyer's ``turn`` rather than the
    ``objection`` (``quoted``: the words its quote shows, default its own): a question asked in
    the turn or a request the buyer went on to after the objection, which the reply speaks of
    while it speaks of nothing the quote says. "Will patients need a new login? If they do,
    I'll get a hundred phone calls" got "No, patients book without an account"; "We can't go
    live before December. And I want the old system running alongside. Is that alright?" got
    "We run alongside for one billing month": neither answers the worry."""
    quoted = quoted or objection
    at = turn.find(objection)
    after = turn[at + len(objection) :] if at >= 0 else ""
    lines = [q for q in _QUESTION_RE.findall(turn.replace(objection, " ")) if q.strip()]
    lines += [sentence for _, _, sentence in split_sentences(after) if sentence not in quoted]
    mine = topic_words(reply)
    return any(mine & topic_words(line) for line in lines) and not mine & topic_words(quoted)
