"""Which automatic names a re-cluster keeps: a marketer learns a theme's name and links it in
documents, so a name holds while its quotes mostly stay and it still fits them.

Why a second pass: a theme nothing else names is named by its most representative quote
(``quote_names``), which is one buyer's words, and ``still_fits`` lets such a name go so that
something more of the quotes say can replace it. When the namer finds nothing more either, the
swap was one buyer's words for another's: an upload of two calls had renamed "CVs get lost in
the inbox all the time" "I found a brilliant candidate's CV three weeks" with all four of its
quotes kept, and its quote still among those that could name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from pipeline.cluster.answered import asked_name
from pipeline.cluster.buyer_words import a_reps_name, by_side
from pipeline.cluster.label import LEADING_SHARE, ClusterLabel
from pipeline.cluster.name_rules import name_words, one_buyers
from pipeline.cluster.rival_themes import held_theme_name
from pipeline.cluster.stable_ids import quotes_mostly_stay
from pipeline.cluster.topic_names import a_category_label, short_label
from pipeline.store.models import Cluster


def held_name(
    theme: Cluster | None,
    old_members: dict[int, set[int]],
    now: set[int],
    texts: Sequence[str],
    weights: Sequence[float],
    rivals: Sequence[str],
    category: str | None,
    people: Collection[str] = frozenset(),
    kind: str | None = None,
    questions: Sequence[str | None] | None = None,
    roles: Sequence[str] = (),
    *,
    alone: bool = False,
) -> str | None:
    """The name a re-clustered theme keeps: the user's always; its automatic one while its
    quotes mostly stay (``quotes_mostly_stay``) and the name still fits them (``still_fits``:
    its words said by a quote that could name it, one weighed ``LEADING_SHARE`` of the best; a
    rival's theme, its pattern: ``held_theme_name``; ``alone``: one quote's words fit too). An
    upload of two calls had renamed "Hiring managers" "Every Monday I'm chasing timesheets"
    with 14 of its 15 quotes kept. A name from the question its quotes answer (``questions``)
    fits while they still answer it; one only a rep's line says (``roles``) never beside
    buyers' lines (it had named six buyer quotes "CSV export only for now")."""
    if theme is None or theme.name_locked:
        return theme.name if theme is not None else None
    before = old_members.get(theme.id, set())
    best = max(weights, default=0.0)
    ranked = sorted(zip(texts, weights, strict=True), key=lambda tw: -tw[1])  # central first
    leading = [t for t, w in ranked if w >= LEADING_SHARE * best]
    label = short_label(category)
    if a_reps_name(theme.name, *by_side(texts, roles)):
        return None
    fits = held_theme_name(
        theme.name,
        texts,
        rivals,
        label,
        leading,
        people,
        category,
        kind,
        theme.keywords or [],
        alone=alone,
    ) or (questions is not None and theme.name == asked_name(texts, weights, questions))
    return theme.name if quotes_mostly_stay(before, now) and fits else None


def a_quotes_words(
    name: str, texts: Sequence[str], category: str | None, rivals: Sequence[str]
) -> bool:
    """Whether a name is one of ``texts``' words that few of the others say (``one_buyers``):
    the namer's last resort, a quote read whole or a clause of one."""
    words = name_words(name)
    return one_buyers(name, texts, category, rivals) and any(
        words <= name_words(text) for text in texts
    )


def quote_names_kept(
    labels: Sequence[ClusterLabel],
    holding: Sequence[str | None],
    held_alone: Sequence[Callable[[], str | None]],
    texts: Sequence[Sequence[str]],
    categories: Sequence[str | None],
    rivals: Sequence[str],
) -> list[ClusterLabel]:
    """``labels``, where a theme whose old name did not hold (``holding``) is named anew by one
    quote's words (``a_quotes_words``), with its old name instead when that one still fits as
    one quote's words (``held_alone[i]``: ``held_name`` with ``alone``). Its quotes' words
    give way to what more of its quotes say, never to another quote's."""
    return [
        replace(label, name=kept)
        if held is None
        and a_quotes_words(label.name, quotes, category, rivals)
        and (kept := alone()) is not None
        else label
        for label, held, alone, quotes, category in zip(
            labels, holding, held_alone, texts, categories, strict=True
        )
    ]


_APART = re.compile(r"\s*\([^()]*\)$")
_LISTED = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def quotes_covered(name: str, texts: Sequence[str]) -> int:
    """How many of ``texts`` say all the words of the name, or of one thing it lists after a
    category's label ("Integrations: Xero, Mailchimp and CSV": each of the three); the label
    says what every quote is filed under, so its words count for none, and a bare label covers
    none: it says nothing of its quotes' words. A word ``keep_apart`` added in brackets aside."""
    base = _APART.sub("", name).strip()
    label, _, suffix = base.partition(": ")
    listed = bool(suffix) and a_category_label(label)
    if a_category_label(base):
        return 0
    things = [w for w in map(name_words, _LISTED.split(suffix) if listed else [base]) if w]
    return sum(any(thing <= name_words(text) for thing in things) for text in texts)


def names_kept(
    labels: Sequence[ClusterLabel],
    holding: Sequence[str | None],
    locked: Sequence[bool],
    texts: Sequence[Sequence[str]],
) -> list[ClusterLabel]:
    """``labels`` (named afresh) with each held name (``held_name``) in place of the new one,
    unless that one is automatic and the new one covers more of its quotes
    (``quotes_covered``): "Integrations: member" gives way to "Integrations: Xero, Mailchimp
    and CSV", "Without a proper waitlist" to "Missing feature: waitlist"; a user's never does,
    nor a bare category label ("Price"): it names what every quote is filed under."""
    return [
        replace(label, name=held)
        if held is not None
        and (
            is_locked
            or a_category_label(held)
            or quotes_covered(label.name, quotes) <= quotes_covered(held, quotes)
        )
        else label
        for label, held, is_locked, quotes in zip(labels, holding, locked, texts, strict=True)
    ]
