"""Question themes at the grain of an FAQ entry.

The automatic k is measured for themes of many mentions: a theme needs 5-10 sampled rows before
its silhouette counts, so 17 questions on 15 subjects gave 2 themes, and one of them held
hosting, Spanish, e-sign, SOC 2 and API questions under the name of one. A buyer's question is
answered one subject at a time, so after the tree's cut a question theme is refined:

* split by topic: questions whose words name different topics (the objection categories' cue
  words: price, contract, security, integrations...) are different entries;
* kept cohesive: a question stays only while it is as close to the rest of its theme as a new
  question must be to join a theme (``ASSIGN_THRESHOLD``, the incremental bar);
* a question that left, or is alone in its piece, joins the closest theme of the topic its own
  words name, whatever the distance ("Is it per location?" is a pricing question: one FAQ
  entry; the demo had seven price themes of one question); any other (a topic only the
  detector's category gave, or none) joins a theme it is that close to, else starts its own.
  None is dropped: a question like no other is a theme of one.
* linked by subject: a question stays in, or joins, a theme only when it shares a content word
  or a topic with one of its questions (``question_subjects``). "Can it do
  split shifts?" and "does it do the room bookings?" had shared a theme, close as embeddings of
  two "can it do" questions are; "What does it cost?" and "Is it per location?" stay one (price).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipeline.cluster.algorithms import ASSIGN_THRESHOLD
from pipeline.cluster.questions import question_core, question_topic
from pipeline.cluster.representative import said_terms, used_as_verb
from pipeline.detect.capabilities import MISSING_FEATURE
from pipeline.embed import Vectors

# A topic that says what kind of ask a question is, not what it is about: every "can it do X?"
# is a missing-feature question, whatever X is.
_KINDS_OF_ASK = frozenset({MISSING_FEATURE})


def question_subjects(text: str, category: str | None = None) -> frozenset[str]:
    """What a question is about: the things its core names (its verbs only when it names no
    thing: "When could we start?") and its topic (``question_topic``) as "topic:<category>";
    two questions sharing none are two."""
    core = question_core(text)
    words = {t for t in said_terms(core) if " " not in t}
    things = {t for t in words if not used_as_verb(t, [core])} or words
    topic = question_topic(text, category)
    named = {f"topic:{topic}"} if topic and topic not in _KINDS_OF_ASK else set()
    return frozenset(things | named)


def linked_pieces(rows: Sequence[int], subjects: Sequence[frozenset[str]]) -> list[list[int]]:
    """``rows`` in groups linked by a shared subject, directly or through another row (the
    largest first; each in order of rows)."""
    pieces: list[list[int]] = []
    held: list[set[str]] = []
    for row in rows:
        joined = [i for i, words in enumerate(held) if words & subjects[row]]
        piece, words = [row], set(subjects[row])
        for i in reversed(joined):
            piece = pieces.pop(i) + piece
            words |= held.pop(i)
        pieces.append(sorted(piece, key=list(rows).index))
        held.append(words)
    return sorted(pieces, key=len, reverse=True)


def split_by_topic(group: Sequence[int], topics: Sequence[str | None]) -> list[list[int]]:
    """The group's rows per topic (rows with none together), in order of first row."""
    pieces: dict[str | None, list[int]] = {}
    for row in group:
        pieces.setdefault(topics[row], []).append(row)
    return list(pieces.values())


def _closeness(vectors: Vectors, rows: Sequence[int], total: np.ndarray) -> np.ndarray:
    """Each row's cosine with the normalised sum of the group's other rows."""
    own = vectors[list(rows)].astype(np.float64)
    dots = own @ total - np.einsum("ij,ij->i", own, own)
    rest = np.sqrt(np.maximum(total @ total - 2.0 * (own @ total) + 1.0, 1e-12))
    out: np.ndarray = dots / rest
    return out


def cohesive_core(
    vectors: Vectors, group: Sequence[int], bar: float = ASSIGN_THRESHOLD
) -> tuple[list[int], list[int]]:
    """The group less the rows farthest from the rest, one at a time, until every row left is
    within ``bar`` of the others: (core, the rows that left)."""
    core = list(group)
    left: list[int] = []
    total = vectors[core].astype(np.float64).sum(axis=0)
    while len(core) > 1:
        close = _closeness(vectors, core, total)
        worst = int(np.argmin(close))
        if close[worst] >= bar:
            break
        row = core.pop(worst)
        total -= vectors[row]
        left.append(row)
    return core, left


def refine_question_groups(
    vectors: Vectors,
    topics: Sequence[str | None],
    groups: Sequence[Sequence[int]],
    bar: float = ASSIGN_THRESHOLD,
    worded: Sequence[bool] | None = None,
    subjects: Sequence[frozenset[str]] | None = None,
) -> list[list[int]]:
    """Question groups (rows of unit ``vectors``) split by topic, made cohesive and linked by
    subject; every row ends in exactly one group. ``worded[row]``: its topic is named by its own
    words (default: every topic is); ``subjects[row]``: ``question_subjects`` (default: every
    row shares one with every other)."""
    said = [topic is not None for topic in topics] if worded is None else list(worded)
    about = list(subjects) if subjects is not None else [frozenset({""})] * len(topics)
    themes: list[list[int]] = []
    strays: list[int] = []
    for group in groups:
        pieces = split_by_topic(group, topics)
        for piece in pieces:
            if len(pieces) > 1 and topics[piece[0]] is None:
                strays.extend(piece)  # beside topics: each joins the one it is close to
                continue
            core, left = cohesive_core(vectors, piece, bar)
            core, *unlinked = linked_pieces(core, about)
            left.extend(row for rest in unlinked for row in rest)  # each joins what it shares
            if len(core) == 1 and said[core[0]]:
                strays.extend(core)  # alone: it joins its topic's theme, if there is one
            else:
                themes.append(core)
            strays.extend(left)
    sums = [vectors[theme].astype(np.float64).sum(axis=0) for theme in themes]
    held = [{topics[r] for r in theme} - {None} for theme in themes]
    shared = [set().union(*(about[r] for r in theme)) for theme in themes]
    for row in sorted(strays):
        topic = topics[row]
        linked = [i for i in range(len(themes)) if shared[i] & about[row]]
        same = [i for i in linked if said[row] and held[i] == {topic}]
        fits = same or [i for i in linked if topic is None or held[i] <= {topic}]
        if fits:
            centres = np.vstack([sums[i] for i in fits])
            close = (centres @ vectors[row]) / np.maximum(np.linalg.norm(centres, axis=1), 1e-12)
            best = int(np.argmax(close))
        if fits and (same or close[best] >= bar):
            home = fits[best]
            themes[home].append(row)
            sums[home] = sums[home] + vectors[row]
            held[home] |= {topic} - {None}
            shared[home] |= about[row]
        else:
            themes.append([row])
            sums.append(vectors[row].astype(np.float64))
            held.append({topic} - {None})
            shared.append(set(about[row]))
    return [sorted(theme) for theme in themes if theme]
