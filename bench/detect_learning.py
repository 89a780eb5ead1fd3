"""How fast the detector learns from a user's answers: a learning curve on labelled calls.

Cross-validated by call file (6 folds): each held-out fold stands for one user's calls. The
detector scores the fold, then a simulated user answers 10, 30, 100 sentences chosen by the
review queue (or at random, mean of ``--seeds`` runs) with the true labels; the model re-fits
warm after each batch, as in the product. Prints one JSON line: per budget and strategy,
objection precision at recall >= 0.85 (per sentence and per utterance, best threshold) and
objection and pain precision/recall at the operating threshold: as the product, the fold's
workspace threshold measured after each re-fit (``pipeline/detect/fit_state.py``; the shipped
threshold before any), its mean in ``threshold``; ``--fixed-threshold``: the shipped one always.

    .venv/bin/python bench/detect_learning.py [--labels examples/labels.csv | --builtin]
        [--budgets 0 10 30 100] [--fixed-threshold] [--no-neighbours]

``--no-neighbours``: answers only re-fit the model; by default they also pull their near
neighbours (``pipeline/detect/neighbours.py``). ``--builtin``: every labelled set that ships
(the example calls and examples/labelled/*, as the model is fitted on them), folds still by
call file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from common import ROOT, Timing, emit, local_embedder

from pipeline.detect import evaluate as ev
from pipeline.detect import load_seeds
from pipeline.detect.labels import builtin_labelled, parse_labelled


def _figures(data: ev.Dataset, probabilities: Any, thresholds: Any) -> dict[str, Any]:
    summary = ev.summary(data, probabilities, thresholds)
    kinds = summary["kinds"]
    assert isinstance(kinds, dict)
    return {
        "threshold": round(float(thresholds.mean()), 3),
        "p_at_r85_sentence": summary["objection_p_at_r85_sentence"],
        "p_at_r85_utterance": summary["objection_p_at_r85_utterance"],
        "objection": {k: kinds["objection"][k] for k in ("precision", "recall")},
        "pain": {k: kinds["pain"][k] for k in ("precision", "recall")},
    }


def _mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in runs[0].items():
        if isinstance(value, dict):
            out[key] = _mean([r[key] for r in runs])
        else:
            out[key] = round(sum(float(r[key]) for r in runs) / len(runs), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "examples" / "labels.csv")
    parser.add_argument(
        "--builtin", action="store_true", help="All the labelled sets the model ships with."
    )
    parser.add_argument("--budgets", type=int, nargs="+", default=list(ev.BUDGETS))
    parser.add_argument("--seeds", type=int, default=3, help="Random runs to average.")
    parser.add_argument(
        "--fixed-threshold", action="store_true", help="No workspace threshold: the shipped one."
    )
    parser.add_argument(
        "--no-neighbours", action="store_true", help="Answers do not pull their neighbours."
    )
    args = parser.parse_args()
    labelled = (
        builtin_labelled()
        if args.builtin
        else parse_labelled(args.labels.read_text("utf-8-sig"), filename=str(args.labels))
    )
    with Timing() as timing:
        data = ev.build_dataset(local_embedder(), labelled, load_seeds())
        auto, near = not args.fixed_threshold, not args.no_neighbours
        queue = ev.learning_curve(data, args.budgets, ("queue",), auto=auto, neighbours=near)
        randoms = [
            ev.learning_curve(
                data, args.budgets, ("random",), seed=seed, auto=auto, neighbours=near
            )
            for seed in range(args.seeds)
        ]
    curve = {
        str(budget): {
            "queue": _figures(
                data, queue.probabilities["queue"][budget], queue.thresholds["queue"][budget]
            ),
            "random": _mean(
                [
                    _figures(
                        data, run.probabilities["random"][budget], run.thresholds["random"][budget]
                    )
                    for run in randoms
                ]
            ),
        }
        for budget in args.budgets
    }
    emit(
        {
            "labels": "builtin" if args.builtin else str(args.labels),
            "sentences": len(data.examples),
            "folds": ev.FOLDS,
            "random_runs": args.seeds,
            "threshold": "fixed" if args.fixed_threshold else "workspace",
            "neighbours": near,
            "curve": curve,
            "seconds": round(timing.wall, 1),
        }
    )


if __name__ == "__main__":
    main()
