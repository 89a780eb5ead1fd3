"""Which sentences to ask a user about next: the ones whose verdict would teach the detector most.

Two doubts are worth an answer, and they take turns. A sentence whose *kind* is in doubt (the
kind shown is below ``sure_at``), the unanswered ones whose P(objection) is closest, in
log-odds, to the operating threshold first: that is the decision that matters. An objection
whose *category* is in doubt: the detector's category hardly leads the next one (a margin
under ``CATEGORY_TIE``, the nearest tie first), then one lying nearer the centre of another
category's theme than its own theme's (likely mis-themed, say a data-protection worry in the
"another app" theme), the farthest out first. The queue alternates, a kind doubt then a
category doubt, so neither starves the other: a confident kind with a coin-toss category ("the
DPIA" an adoption worry at 0.998) is asked in the first answers, and near-threshold kinds keep
every other slot. A sentence sure on both counts (a 0.95 question teaches nothing) is asked
only once no sentence in doubt is left, nearest the threshold first. A batch is spread over
calls (at most ``ceil(limit / calls) + 1`` per call) and themes (none within cosine
``DIVERSITY`` of a sentence already picked or answered), so ten answers teach ten things.
Cross-validated on the example calls this beats random picks at every budget (README).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from itertools import zip_longest
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.detect.features import Matrix
from pipeline.embed import normalise

DIVERSITY = 0.9
# Whose sentences the queue asks about: the buyer's (a turn, or a line a note quotes, stored as
# theirs) and, after them, an unknown speaker's (who may be the buyer). Never a rep's own note
# line ("Direct cremation only, ~700/yr, Duluth."): the user would judge words no buyer said.
ASKED_ROLES = ("buyer", "unknown")
# A category leading the next by less than this is in doubt: the runner-up is at least a
# third as likely (2/3 against 1/3 leads by 1/3), a guess a single answer can overturn.
CATEGORY_TIE = 1 / 3
Theme = TypeVar("Theme", bound=Hashable)


def _logit(p: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


def uncertainty_order(objection_probabilities: Sequence[float], threshold: float) -> list[int]:
    """Row indices, closest to the threshold (in log-odds) first; ties keep their order."""
    p = np.asarray(objection_probabilities, dtype=np.float64)
    if not len(p):
        return []
    margin = np.abs(_logit(p) - _logit(np.array(threshold)))
    return [int(i) for i in np.argsort(margin, kind="stable")]


def category_in_doubt(margin: float | None) -> bool:
    """An objection nearer another category's theme than its own (``theme_margins``)."""
    return margin is not None and margin <= 0.0


def category_tied(margin: float | None) -> bool:
    """An objection whose category barely leads the next (``model.category_margin``)."""
    return margin is not None and margin < CATEGORY_TIE


def theme_margins(
    vectors: Matrix,
    themes: Sequence[Theme | None],
    centres: Mapping[Theme, npt.NDArray[np.floating]],
    categories: Mapping[Theme, str],
) -> list[float | None]:
    """Per row: the cosine of its vector to its theme's centre less that to the nearest centre
    of a theme of another category (``categories``: theme -> category); None where the row has
    no theme with a centre or no other category has one. Negative: the row reads as another
    category's worry."""
    out: list[float | None] = []
    names = [t for t in centres if t in categories]
    if not names:
        return [None] * len(themes)
    stacked = np.stack([np.asarray(centres[t], dtype=np.float64) for t in names])
    for row, theme in enumerate(themes):
        if theme is None or theme not in categories or theme not in centres:
            out.append(None)
            continue
        cosines = stacked @ np.asarray(vectors[row], dtype=np.float64)
        own = float(cosines[names.index(theme)])
        others = [
            float(c)
            for t, c in zip(names, cosines, strict=True)
            if categories[t] != categories[theme]
        ]
        out.append(own - max(others) if others else None)
    return out


def centres_of(vectors: Matrix, themes: Sequence[Theme | None]) -> dict[Theme, Matrix]:
    """Each theme's centre: the normalised mean of its rows' vectors."""
    rows: dict[Theme, list[int]] = {}
    for i, theme in enumerate(themes):
        if theme is not None:
            rows.setdefault(theme, []).append(i)
    return {t: normalise(vectors[r].mean(axis=0, keepdims=True))[0] for t, r in rows.items()}


def doubt_order(
    objection_probabilities: Sequence[float],
    confidences: Sequence[float] | None,
    theme_doubts: Sequence[float | None] | None,
    threshold: float,
    sure_at: float = DEFAULT_CONFIDENT_AT,
    category_margins: Sequence[float | None] | None = None,
) -> list[int]:
    """Every row, best question first (see the module docstring): the rows whose kind is in
    doubt (confidence below ``sure_at``; every row when ``confidences`` is None), closest to
    the threshold first, take turns with those whose category is in doubt (``category_margins``
    the detector's, ``theme_doubts`` each row's ``theme_margins``); then the sure rows, closest
    to the threshold first."""
    order = uncertainty_order(objection_probabilities, threshold)
    if confidences is None:
        return order
    kind = [i for i in order if confidences[i] < sure_at]
    category = _category_doubts(len(order), category_margins, theme_doubts)
    asked = take_turns(kind, category)
    taken = set(asked)
    return asked + [i for i in order if i not in taken]


def _category_doubts(
    rows: int,
    category_margins: Sequence[float | None] | None,
    theme_doubts: Sequence[float | None] | None,
) -> list[int]:
    """Rows whose category is in doubt: the detector's near ties, the nearest first, then
    those nearer another category's theme, the farthest out first."""
    margins = list(category_margins) if category_margins is not None else [None] * rows
    themes = list(theme_doubts) if theme_doubts is not None else [None] * rows
    tied = sorted(
        (i for i in range(rows) if category_tied(margins[i])), key=lambda i: float(margins[i] or 0)
    )
    off_theme = sorted(
        (i for i in range(rows) if category_in_doubt(themes[i])),
        key=lambda i: float(themes[i] or 0.0),
    )
    seen = set(tied)
    return tied + [i for i in off_theme if i not in seen]


def take_turns(first: Sequence[int], second: Sequence[int]) -> list[int]:
    """``first[0], second[0], first[1], ...``, each row once; the longer list's rest after."""
    out: list[int] = []
    seen: set[int] = set()
    for pair in zip_longest(first, second):
        for i in pair:
            if i is not None and i not in seen:
                out.append(i)
                seen.add(i)
    return out


def pick(
    objection_probabilities: Sequence[float],
    calls: Sequence[Hashable],
    vectors: Matrix,
    limit: int,
    threshold: float,
    answered: Matrix | None = None,
    first: int | None = None,
    *,
    confidences: Sequence[float] | None = None,
    theme_doubts: Sequence[float | None] | None = None,
    category_margins: Sequence[float | None] | None = None,
    sure_at: float = DEFAULT_CONFIDENT_AT,
) -> list[int]:
    """Up to ``limit`` row indices of the candidates to ask about, best first (``doubt_order``).

    ``vectors`` are the candidates' sentence vectors (normalised), ``answered`` those of the
    sentences already answered; rows before ``first`` come before the rest whatever their
    doubt (the buyers' own words before an unknown speaker's); ``spread`` picks from the order.
    """
    order = doubt_order(
        objection_probabilities, confidences, theme_doubts, threshold, sure_at, category_margins
    )
    if first is not None:
        order = [i for i in order if i < first] + [i for i in order if i >= first]
    return spread(order, calls, vectors, limit, answered)


def spread(
    order: Sequence[int],
    calls: Sequence[Hashable],
    vectors: Matrix,
    limit: int,
    taken: Matrix | None = None,
) -> list[int]:
    """Up to ``limit`` of ``order``'s rows, in order, spread over calls (at most
    ``ceil(limit / calls) + 1`` each) and themes (none within cosine ``DIVERSITY`` of a row
    already picked or of ``taken``, the sentences already answered). When the caps leave the
    batch short (few calls, many near-duplicates), the next rows fill it rather than stop
    short."""
    if limit <= 0 or not order:
        return []
    cap = math.ceil(limit / max(1, len({calls[i] for i in order}))) + 1
    picked: list[int] = []
    per_call: dict[Hashable, int] = {}
    seen = list(taken) if taken is not None and len(taken) else []
    for i in order:
        if len(picked) == limit:
            break
        if per_call.get(calls[i], 0) >= cap:
            continue
        if seen and float(np.max(np.stack(seen) @ vectors[i])) >= DIVERSITY:
            continue
        picked.append(i)
        per_call[calls[i]] = per_call.get(calls[i], 0) + 1
        seen.append(vectors[i])
    if len(picked) < limit:
        chosen = set(picked)
        picked += [i for i in order if i not in chosen][: limit - len(picked)]
    return picked
