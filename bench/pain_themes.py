"""Do pain themes hold one problem each? One JSON line: the figures per set and their mean.

Usage: bench/pain_themes.py [--sets chairtime vetdesk ...] [--unseen detect_holdout4] [--names]
Reads bench/data/pain_problems/<set>.csv (pains grouped by problem by reading, before any
clustering; its README), builds the pains' vectors as a full re-cluster does (the default
embedder, each pain beside its turn's others: ``problems.with_turn_context``, silent sentences
dropped) and clusters them with ``categories.cluster_by_category`` as ``recluster`` calls it for
pains, twice in this run: with the intent benchmarks' theme floor in rows, as pains had before
(baseline), and with ``theme_floor("pain")`` counted in turns (new). Scores against the
problems: themes vs problems told by 2+ pains, pairwise precision/recall/F1, adjusted Rand, and
the share of pains in a theme of 8+ holding 3+ problems. ``folds`` checks the pain floor
leave-one-set-out: on each set left out, the floor scoring the best mean F1 on the other sets,
from a family of ``min_theme_for`` floors counted in pains or in turns (the first of a tie: the
smaller share, nearer the intent floor on large workspaces), and its F1 on the set left out
against the baseline's. ``--unseen`` sets are scored, never used to choose. ``--names`` prints
instead each set's themes (the new floor), the names the label stage gives them and three
central quotes: what a marketer reads, to judge by eye.
"""

from __future__ import annotations

import argparse
import csv
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from common import ROOT, emit, local_embedder

from pipeline.cluster.categories import (
    automatic_scale,
    cluster_by_category,
    theme_floor,
    walled_kind,
)
from pipeline.cluster.criteria import ThemeFloor, min_theme_for
from pipeline.cluster.label import centralities, label_clusters
from pipeline.cluster.problems import with_turn_context
from pipeline.detect.rules import says_nothing
from pipeline.embed import Vectors, normalise

TRUTH = ROOT / "bench" / "data" / "pain_problems"
UNSEEN = ("detect_holdout4",)
KIND = "pain"
BIG_THEME = 8  # a theme of this many pains or more ...
MIXED = 3  # ... holding this many problems is a mixed theme
# The floors leave-one-set-out chooses from: min_theme_for(rows, smallest=, share=).
SMALLEST = (2, 3, 4, 5)
SHARES = (4, 6, 8, 12, 16, 20, 32)


@dataclass(frozen=True)
class PainSet:
    """One set's pains that say something, their turns and their problems."""

    name: str
    texts: list[str]
    turns: list[int]
    problems: list[str]


def load_set(path: Path) -> PainSet:
    """A truth CSV without the sentences a re-cluster drops as saying nothing."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not says_nothing(r["text"])]
    turn_ids: dict[tuple[str, str], int] = {}
    turns = [turn_ids.setdefault((r["file"], r["utterance"]), len(turn_ids)) for r in rows]
    return PainSet(path.stem, [r["text"] for r in rows], turns, [r["problem"] for r in rows])


def pain_space(embedder: Any, pains: PainSet) -> Vectors:
    """The vectors ``full_cluster`` clusters pains on."""
    return with_turn_context(embedder.encode(pains.texts), pains.turns)


def theme_labels(space: Vectors, floor: ThemeFloor, turns: list[int] | None) -> np.ndarray:
    """Each pain's theme, from the production pain path at the automatic grain (the floor
    counted in ``turns`` when given)."""
    rows = len(space)
    found = cluster_by_category(
        space,
        [None] * rows,
        list(range(rows)),
        scale=automatic_scale(KIND),
        walled=walled_kind(KIND),
        floor=floor,
        turns=turns,
    )
    labels = np.zeros(rows, dtype=np.int64)
    for theme, members in enumerate(found.groups):
        labels[members] = theme
    return labels


def pairwise(labels: Sequence[int], problems: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of 'same theme' against 'same problem' over pairs of pains."""
    both = together = same = 0
    for i, j in itertools.combinations(range(len(problems)), 2):
        joined, related = labels[i] == labels[j], problems[i] == problems[j]
        both += joined and related
        together += joined
        same += related
    precision = both / together if together else 1.0
    recall = both / same if same else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def mixed_share(labels: Sequence[int], problems: Sequence[str]) -> float:
    """Share of pains in a theme of ``BIG_THEME``+ pains holding ``MIXED``+ problems."""
    themes: dict[int, list[str]] = {}
    for label, problem in zip(labels, problems, strict=True):
        themes.setdefault(int(label), []).append(problem)
    mixed = [len(t) for t in themes.values() if len(t) >= BIG_THEME and len(set(t)) >= MIXED]
    return sum(mixed) / len(problems)


def scores(labels: np.ndarray, problems: Sequence[str]) -> dict[str, Any]:
    """The figures of one clustering of one set."""
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = pairwise([int(x) for x in labels], problems)
    told = Counter(problems)
    return {
        "themes": len(set(labels.tolist())),
        "problems": sum(count >= 2 for count in told.values()),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "ari": round(float(adjusted_rand_score(problems, labels)), 3),
        "mixed_share": round(mixed_share(labels.tolist(), problems), 3),
    }


def mean_of(figures: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean F1, ARI and mixed share over sets; themes and problems summed, and the mean gap."""
    return {
        "f1": round(float(np.mean([f["f1"] for f in figures])), 3),
        "ari": round(float(np.mean([f["ari"] for f in figures])), 3),
        "mixed_share": round(float(np.mean([f["mixed_share"] for f in figures])), 3),
        "themes": sum(f["themes"] for f in figures),
        "problems": sum(f["problems"] for f in figures),
        "theme_gap": round(float(np.mean([abs(f["themes"] - f["problems"]) for f in figures])), 2),
    }


def candidate_floors() -> dict[str, tuple[ThemeFloor, bool]]:
    """The floor family leave-one-set-out chooses from, by name ("turns 2/20": at least 2 turns
    or a 20th of the pains), each with whether it counts turns."""
    return {
        f"{unit} {smallest}/{share}": (
            partial(min_theme_for, smallest=smallest, share=share),
            unit == "turns",
        )
        for unit, smallest, share in itertools.product(("pains", "turns"), SMALLEST, SHARES)
    }


def f1_with(pains: PainSet, space: Vectors, floor: ThemeFloor, by_turn: bool) -> float:
    """Pairwise F1 of one set's themes with one floor."""
    labels = theme_labels(space, floor, pains.turns if by_turn else None)
    return float(scores(labels, pains.problems)["f1"])


def folds(spaces: dict[str, Vectors], sets: dict[str, PainSet]) -> list[dict[str, Any]]:
    """Per set left out: the candidate floor best on the others, and the set's F1 with it."""
    names = list(spaces)
    f1 = {
        name: {s: f1_with(sets[s], spaces[s], floor, by_turn) for s in names}
        for name, (floor, by_turn) in candidate_floors().items()
    }
    baseline = {s: f1_with(sets[s], spaces[s], min_theme_for, False) for s in names}
    out = []
    for held in names:
        others = [s for s in names if s != held]
        picked = max(f1, key=lambda name: np.mean([f1[name][s] for s in others]))
        out.append(
            {
                "held_out": held,
                "picked": picked,
                "train_f1": round(float(np.mean([f1[picked][s] for s in others])), 3),
                "baseline_f1": baseline[held],
                "held_out_f1": f1[picked][held],
            }
        )
    return out


def evaluate(name: str, space: Vectors, pains: PainSet) -> dict[str, Any]:
    """Baseline and new figures of one set."""
    return {
        "set": name,
        "pains": len(pains.texts),
        "baseline": scores(theme_labels(space, min_theme_for, None), pains.problems),
        "new": scores(theme_labels(space, theme_floor(KIND), pains.turns), pains.problems),
    }


def named_themes(space: Vectors, pains: PainSet) -> list[tuple[str, list[str]]]:
    """Each theme's name (as a re-cluster names pains: by centrality, no category, no rivals)
    and its quotes, most central first."""
    labels = theme_labels(space, theme_floor(KIND), pains.turns)
    members = [np.flatnonzero(labels == theme).tolist() for theme in sorted(set(labels.tolist()))]
    centroids = normalise(np.vstack([space[rows].sum(axis=0) for rows in members]))
    typical = centralities(space, members, centroids)
    groups = [[pains.texts[j] for j in rows] for rows in members]
    named = label_clusters(groups, typical, kind=KIND)
    return [
        (label.name, [texts[j] for j in np.argsort(-np.asarray(weights), kind="stable")])
        for label, texts, weights in zip(named, groups, typical, strict=True)
    ]


def print_names(spaces: dict[str, Vectors], sets: dict[str, PainSet]) -> None:
    """Per set, each theme's name, size and three most central quotes."""
    for name, pains in sets.items():
        print(f"## {name}")
        for theme, quotes in named_themes(spaces[name], pains):
            print(f"- {theme} ({len(quotes)})")
            for quote in quotes[:3]:
                print(f"    {quote}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    chosen = sorted(p.stem for p in TRUTH.glob("*.csv") if p.stem not in UNSEEN)
    parser.add_argument("--sets", nargs="+", default=chosen, help="Sets that choose and score.")
    parser.add_argument("--unseen", nargs="*", default=list(UNSEEN), help="Sets only scored.")
    parser.add_argument("--names", action="store_true", help="Print themes' names and quotes.")
    args = parser.parse_args()
    embedder = local_embedder()
    sets = {name: load_set(TRUTH / f"{name}.csv") for name in [*args.sets, *args.unseen]}
    spaces = {name: pain_space(embedder, pains) for name, pains in sets.items()}
    if args.names:
        print_names(spaces, sets)
        return
    per_set = [evaluate(name, spaces[name], sets[name]) for name in args.sets]
    emit(
        {
            "bench": "pain_themes",
            "embedder": embedder.name,
            "sets": per_set,
            "mean": {
                "baseline": mean_of([s["baseline"] for s in per_set]),
                "new": mean_of([s["new"] for s in per_set]),
            },
            "folds": folds({n: spaces[n] for n in args.sets}, sets),
            "unseen": [evaluate(name, spaces[name], sets[name]) for name in args.unseen],
        }
    )


if __name__ == "__main__":
    main()
