"""The detector on products it never saw: leave one labelled set out of the fit in turn.

Cross-validation by call file (``tests/pipeline/detect/test_example_labels.py``) keeps a
product's other calls in the fit, which flatters it; here every labelled set (one to three
products, one hand) is scored by a model fitted on the seeds and the other sets only. Per set
and pooled: objection and pain precision/recall at the shipped threshold, and objection
precision at recall 0.85 (best threshold). The threshold is then chosen as it would be for a new
product, nested: for each set, the threshold that reaches objection recall 0.85 over the other
sets' left-out scores, applied to the set. Prints one JSON line.

    .venv/bin/python bench/detect_new_products.py [--threshold 0.2]
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
from common import Timing, emit, local_embedder

from pipeline.config import DEFAULT_OBJECTION_THRESHOLD
from pipeline.detect import evaluate as ev
from pipeline.detect import load_seeds
from pipeline.detect.labels import builtin_labelled


def _figures(
    data: ev.Dataset, rows: np.ndarray, probabilities: Any, threshold: float
) -> dict[str, Any]:
    truth = data.truth[rows]
    decided = ev.decide(data, probabilities, threshold)[rows]
    objection = ev.rates(decided == 0, truth == 0).as_dict()
    pain = ev.rates(decided == 1, truth == 1).as_dict()
    return {
        "sentences": int(len(rows)),
        "objection": {k: objection[k] for k in ("precision", "recall")},
        "pain": {k: pain[k] for k in ("precision", "recall")},
        "p_at_r85": round(ev.precision_at_recall(probabilities[rows, 0], truth == 0), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_OBJECTION_THRESHOLD)
    args = parser.parse_args()
    with Timing() as timing:
        data = ev.build_dataset(local_embedder(), builtin_labelled(), load_seeds())
        sets, probabilities = ev.leave_one_set_out(data)
    names = sorted(set(sets))
    of = np.array(sets)
    every = np.arange(len(sets))
    objection = data.truth == 0
    per_set, nested = {}, np.zeros(len(sets), dtype=bool)
    chosen: dict[str, float] = {}
    for name in names:
        rows, others = every[of == name], every[of != name]
        per_set[name or "examples"] = _figures(data, rows, probabilities, args.threshold)
        chosen[name or "examples"] = round(
            ev.recall_threshold(probabilities[others, 0], objection[others]), 3
        )
        nested[rows] = ev.decide(data, probabilities, chosen[name or "examples"])[rows] == 0
    nested_rates = ev.rates(nested, objection).as_dict()
    emit(
        {
            "benchmark": "detect_new_products",
            "sets": len(names),
            "threshold": args.threshold,
            "pooled": _figures(data, every, probabilities, args.threshold),
            "nested_threshold": {
                "objection": {k: nested_rates[k] for k in ("precision", "recall")},
                "thresholds": chosen,
            },
            "per_set": per_set,
            "seconds": round(timing.wall, 1),
        }
    )


if __name__ == "__main__":
    main()
