"""Per-kind precision and recall of the detector as configured, on a labels file you pass.

Each labelled turn is run through the configured detector (``CALLMINE_*`` settings: the model
your data dir has learnt, and with ``--llm`` the LLM check of ``CALLMINE_LLM_BASE_URL`` /
``CALLMINE_LLM_MODEL``) as a small call: the rep's turn before it (``context``), the buyer's
turn, the rep's turn after it (``reply``). Labels the detector was trained on flatter it: measure
on calls it has not learnt from (``bench/detect_learning.py`` cross-validates the built-in ones).
Prints one JSON line.

    .venv/bin/python bench/detect_quality.py --labels my_labels.csv [--llm]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from common import Line, Timing, emit, local_embedder
from sklearn.metrics import normalized_mutual_info_score

from pipeline.config import Settings
from pipeline.detect import KINDS, create_detector
from pipeline.detect import evaluate as ev
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.detect.labels import LabelledSentence, parse_labelled
from pipeline.detect.sentences import split_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--llm", action="store_true", help="Use the configured LLM check.")
    args = parser.parse_args()
    settings = Settings()
    if not args.llm:
        settings = settings.model_copy(update={"llm_detect": False})
    elif not settings.llm_configured:
        raise SystemExit("--llm needs CALLMINE_LLM_BASE_URL and CALLMINE_LLM_MODEL")
    labelled = parse_labelled(args.labels.read_text("utf-8-sig"), filename=str(args.labels))
    detector = create_detector(settings, local_embedder())
    turns: dict[tuple[str, str], list[int]] = {}
    for row, example in enumerate(labelled):
        turns.setdefault((example.group, example.sentence.turn), []).append(row)
    truth = np.array([KINDS.index(e.label) for e in labelled])  # type: ignore[arg-type]
    guessed = np.full(len(labelled), KINDS.index("other"))
    topic: list[str | None] = [None] * len(labelled)
    with Timing() as timing:
        lines: list[Line] = []
        wanted: list[tuple[int, list[int], LabelledSentence]] = []
        for number, rows in enumerate(turns.values()):
            first = labelled[rows[0]].sentence
            base = number * 3
            if first.context:
                lines.append(Line(base, "rep", first.context, number))
            lines.append(Line(base + 1, "buyer", first.turn, number))
            if first.reply:
                lines.append(Line(base + 2, "rep", first.reply, number))
            wanted.append((base + 1, rows, labelled[rows[0]]))
        found = detector.detect_utterances(lines)
        for utterance_id, rows, _ in wanted:
            kinds = [d for d in found[utterance_id] if d.kind in KINDS]
            spans = split_sentences(labelled[rows[0]].sentence.turn)
            for row in rows:
                text = " ".join(labelled[row].sentence.text.split())
                for d, (_, _, said) in zip(kinds, spans, strict=False):
                    if " ".join(said.split()) == text:
                        guessed[row] = KINDS.index(d.kind)
                        topic[row] = d.category
    checker = isinstance(detector, RuleEmbeddingDetector) and detector.checker is not None
    emit(
        {
            "labels": str(args.labels),
            "sentences": len(labelled),
            "llm": bool(checker),
            "llm_model": settings.llm_model if checker else None,
            "kinds": {
                kind: ev.rates(guessed == k, truth == k).as_dict() for k, kind in enumerate(KINDS)
            },
            "objection_categories": category_figures(labelled, guessed, topic),
            "seconds": round(timing.wall, 1),
        }
    )


def category_figures(
    labelled: list[LabelledSentence], guessed: np.ndarray, topic: list[str | None]
) -> dict[str, float | None]:
    """Of the true objections the detector also calls objections: the share filed under the
    labelled category, and how well the automatic objection themes (one per detector category:
    the walls) match the labelled categories (NMI, and purity: the share of quotes whose theme's
    most common labelled category is theirs)."""
    found = [
        row
        for row, e in enumerate(labelled)
        if e.label == "objection" and guessed[row] == KINDS.index("objection")
    ]
    if not found:
        return {"accuracy": None, "theme_nmi": None, "theme_purity": None}
    truth = [labelled[row].category for row in found]
    themes = [topic[row] or "" for row in found]
    pure = sum(
        Counter(t for t, th in zip(truth, themes, strict=True) if th == theme).most_common(1)[0][1]
        for theme in set(themes)
    )
    right = sum(t == th for t, th in zip(truth, themes, strict=True))
    return {
        "accuracy": round(right / len(found), 3),
        "theme_nmi": round(float(normalized_mutual_info_score(truth, themes)), 3),
        "theme_purity": round(pure / len(found), 3),
    }


if __name__ == "__main__":
    main()
