"""Every detection the detector makes, one a line, so a speed-up of its rules can be shown to
change nothing: the file written before and after must be byte-identical.

Two sources: the example calls the app's way (``ingest_paths`` with their manifest, no
analysis, then ``detected_rows`` as an analysis batch calls it), and Banking77 and HWU64 texts
(CC BY 4.0) as calls of ten buyer turns between rep turns, some as CRM notes or unknown
speakers, every other call with rivals listed. Prints one JSON line: the detections, the
file's sha256, the sentences and the detector's seconds with its vectors already in memory.

    .venv/bin/python bench/detect_golden.py --out golden.tsv [--n 1500]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from common import DATA, Line, emit, load_banking77, load_csv, local_embedder

from pipeline.analysis.detect_rows import detected_rows
from pipeline.config import Settings
from pipeline.detect import Detection, create_detector
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.embed import Embedder
from pipeline.embed.memo import MemoEmbedder
from pipeline.ingest.paths import ingest_paths
from pipeline.store.models import Call
from pipeline.text_memo import TEXTS_REMEMBERED
from pipeline.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "calls"
REP_TURNS = (
    "What else should I know?",
    "How are you handling that today?",
    "Would the price be a problem for you?",
    "Is anything stopping you from moving over this quarter?",
)
LISTED = ["Apple Pay", "Google Pay"]  # rivals a call's record lists
ELSEWHERE = ["Western Union"]  # rivals other calls' records list
OURS = ("Brightbank",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--n", type=int, default=1500, help="Texts of each data set.")
    args = parser.parse_args()
    embedder = MemoEmbedder(local_embedder())
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=Path(folder),
            llm_base_url=None,
            llm_model=None,
        )
        example_lines = example_rows(settings, embedder)
        detector = create_detector(settings, embedder)
        assert isinstance(detector, RuleEmbeddingDetector)
        calls = intent_calls(args.n)
        detect_all(detector, calls)  # fills the embedder's memory: the timing is the rules'
        forget_texts()
        started = time.perf_counter()
        found = detect_all(detector, calls)
        seconds = time.perf_counter() - started
    lines = [*example_lines, *detection_lines(found)]
    text = "".join(line + "\n" for line in lines)
    args.out.write_text(text, encoding="utf-8")
    emit(
        {
            "out": str(args.out),
            "detections": len(lines),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "intent_sentences": sum(1 for call in calls for line in call if line.role != "rep"),
            "detector_seconds": round(seconds, 2),
        }
    )


def example_rows(settings: Settings, embedder: Embedder) -> list[str]:
    """The example calls' mention rows as an analysis batch makes them, one line each."""
    workspace = Workspace(settings, embedder=embedder)
    try:
        ingest_paths(workspace, [EXAMPLES], manifest=EXAMPLES / "manifest.csv", analyse=False)
        detector = create_detector(settings, embedder)
        with workspace.session() as session:
            ids = sorted(session.scalars(Call.__table__.select().with_only_columns(Call.id)))
            rows = detected_rows(workspace, detector, session, ids)
    finally:
        workspace.close()
    return [
        "\t".join(
            [
                "example",
                str(row["call_id"]),
                str(row["utterance_id"]),
                f"{row['char_start']}-{row['char_end']}",
                row["kind"],
                row["category"] or "",
                row["competitor"] or "",
                _rounded(row["confidence"]),
                _rounded(row["objection_probability"]),
                _rounded(row["category_margin"]),
                row["source"],
                row["text"],
            ]
        )
        for row in rows
    ]


def intent_calls(n: int) -> list[list[Line]]:
    """Banking77 and HWU64 texts spread over their intents, ten buyer turns a call."""
    texts = _spread(load_banking77("test")[0], n) + _spread(
        load_csv(DATA / "hwu64" / "test.csv", "text")[0], n
    )
    calls: list[list[Line]] = []
    for number, start in enumerate(range(0, len(texts), 10)):
        role = ("buyer", "buyer", "rep_note", "unknown")[number % 4]
        call: list[Line] = []
        for offset, text in enumerate(texts[start : start + 10]):
            if role != "rep_note":  # a CRM note has no rep turns around it
                call.append(Line(len(call), "rep", REP_TURNS[offset % len(REP_TURNS)], number))
            call.append(Line(len(call), role, text, number))
        calls.append(call)
    return calls


def detect_all(
    detector: RuleEmbeddingDetector, calls: list[list[Line]]
) -> list[tuple[Line, Detection]]:
    """Each call's detections in utterance order, rivals listed on every other call."""
    found: list[tuple[Line, Detection]] = []
    for number, call in enumerate(calls):
        listed = LISTED if number % 2 else []
        by_id = detector.detect_utterances(call, competitors=listed, ours=OURS, elsewhere=ELSEWHERE)
        found.extend((line, d) for line in call for d in by_id[line.id])
    return found


def detection_lines(found: Iterable[tuple[Line, Detection]]) -> list[str]:
    return [
        "\t".join(
            [
                "intent",
                str(line.call_id),
                str(line.id),
                f"{d.char_start}-{d.char_end}",
                d.kind,
                d.category or "",
                d.competitor or "",
                _rounded(d.confidence),
                _rounded(d.objection_probability),
                _rounded(d.category_margin),
                d.source,
                d.text,
            ]
        )
        for line, d in found
    ]


def forget_texts() -> None:
    """Empty the rules' memos of texts read (``pipeline.text_memo``), so the timed pass reads
    each text for the first time, as an upload does."""
    for name, module in list(sys.modules.items()):
        if name.startswith("pipeline."):
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper):
                    if value.cache_info().maxsize == TEXTS_REMEMBERED:
                        value.cache_clear()


def _spread(texts: list[str], n: int) -> list[str]:
    """``n`` texts taken evenly through a file sorted by intent: every intent has some."""
    step = max(len(texts) / n, 1.0)
    return [texts[int(i * step)] for i in range(min(n, len(texts)))]


def _rounded(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


if __name__ == "__main__":
    main()
