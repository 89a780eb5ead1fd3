"""How fast is the whole pipeline next to raw embedding? One JSON line.

Usage: bench/throughput.py [--n N] [--data CSV] [--text-column text] [--per-call 20]
Wraps the texts as calls (``--per-call`` texts become one call's buyer turns, callmine JSON
schema), ingests them through ``pipeline.ingest.service.ingest_bytes`` into a temporary data
dir, then analyses them as one upload batch (detect, embed, index, assign, cluster) through
``pipeline.analysis.flow.analyse_calls`` with the default embedder (ONNX fp32: the same
vectors as sentence-transformers). The same texts then go through raw
``SentenceTransformer.encode`` in the same process. Rates are utterances per second; the ratio
pipeline/raw is the figure to watch (target >= 1.0: the whole pipeline at least as fast as the
raw encode it replaces).
Model loading is excluded from both (the raw model is loaded once per run).
``--rounds R`` repeats raw, pipeline, raw R times and reports the median round: this 2-core
machine's speed drifts by 10 % and more between minutes, so one round's ratio swings.
Default data: Banking77 train (CC BY 4.0, Casanueva et al. 2020).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from common import BANKING77, StageClock, Timing, add_data_arguments, emit, load_csv, local_embedder

from pipeline.analysis.flow import analyse_calls
from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.ingest.schemas import created_ids
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace

TARGET_RATIO = 1.0
BUYERS = ("Dana Ruiz", "Sam Okafor")  # alternate, so consecutive turns are not merged


def call_documents(texts: Sequence[str], per_call: int) -> Iterator[bytes]:
    """Each run of ``per_call`` texts as one callmine-schema JSON call of buyer turns."""
    for number, start in enumerate(range(0, len(texts), per_call)):
        turns = [
            {"speaker": BUYERS[i % 2], "role": "buyer", "start": 5.0 * i, "text": text}
            for i, text in enumerate(texts[start : start + per_call])
        ]
        document = {
            "callmine": 1,
            "title": f"Bench call {number + 1}",
            "account": f"Account {number % 50}",
            "outcome": ("won", "lost", "open")[number % 3],
            "utterances": turns,
        }
        yield json.dumps(document).encode("utf-8")


def run_pipeline(
    texts: Sequence[str], per_call: int, embedder: Embedder, data_dir: Path
) -> tuple[Timing, dict[str, float], dict[str, Any]]:
    """Ingest and analyse ``texts`` in a fresh workspace: (total, stage seconds, summary)."""
    settings = Settings(_env_file=None, data_dir=data_dir)
    workspace = Workspace(settings, embedder=embedder)
    clock = StageClock()
    try:
        with Timing() as total:
            clock(0.0, "ingest")
            ids: list[int] = []
            for number, document in enumerate(call_documents(texts, per_call)):
                name = f"call-{number:05d}.json"
                ids.extend(created_ids(ingest_bytes(workspace, document, name, analyse=False)))
            summary = dict(analyse_calls(workspace, ids, progress=clock))
            clock.stop()
        summary["calls_created"] = len(ids)
    finally:
        workspace.close()
    return total, clock.rounded(), summary


class RawEncoder(Protocol):
    def encode(self, inputs: list[str], /, *, batch_size: int) -> Any: ...


def raw_model(model_path: str, texts: Sequence[str], batch_size: int) -> RawEncoder:
    """Plain ``SentenceTransformer``, loaded and warmed up once per run (the load is not
    measured, and every round's two baselines use the same model)."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
    model.encode(list(texts[:batch_size]), batch_size=batch_size)  # warm-up
    return model


def raw_encode_seconds(model: RawEncoder, texts: Sequence[str], batch_size: int) -> Timing:
    """Plain ``SentenceTransformer.encode`` at the pipeline's batch size (on 2 CPU cores its
    default of 32 is much slower than 64, which would flatter the pipeline)."""
    with Timing() as timing:
        model.encode(list(texts), batch_size=batch_size)
    return timing


@dataclass(frozen=True)
class Round:
    """One round: raw encode, the pipeline, raw encode again."""

    pipeline: Timing
    before: Timing
    after: Timing
    stages: dict[str, float]
    summary: dict[str, Any]

    @property
    def raw(self) -> Timing:
        """The two raws' mean: one baseline on either side, so a drift does not tilt the ratio."""
        return Timing.mean([self.before, self.after])

    @property
    def ratio(self) -> float:
        return self.raw.wall / self.pipeline.wall


def one_round(
    texts: Sequence[str], per_call: int, embedder: Embedder, raw: RawEncoder, batch_size: int
) -> Round:
    before = raw_encode_seconds(raw, texts, batch_size)
    with tempfile.TemporaryDirectory(prefix="callmine-bench-") as folder:
        pipeline, stages, summary = run_pipeline(texts, per_call, embedder, Path(folder))
    after = raw_encode_seconds(raw, texts, batch_size)
    return Round(pipeline, before, after, stages, summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser, BANKING77 / "train.csv")
    parser.add_argument("--per-call", type=int, default=20, help="Buyer turns per call.")
    parser.add_argument("--rounds", type=int, default=1, help="Rounds; the median is reported.")
    args = parser.parse_args()

    texts, _ = load_csv(args.data, args.text_column, None, args.n)
    settings = Settings(_env_file=None, data_dir=Path("unused"))
    embedder = local_embedder()
    embedder.encode(texts[: settings.embed_batch_size])  # warm-up: model load is not measured
    raw_encoder = raw_model(str(settings.resolved_model_path), texts, settings.embed_batch_size)
    rounds = [
        one_round(texts, args.per_call, embedder, raw_encoder, settings.embed_batch_size)
        for _ in range(max(args.rounds, 1))
    ]
    median = sorted(rounds, key=lambda r: r.ratio)[len(rounds) // 2]
    pipeline, raw, summary = median.pipeline, median.raw, dict(median.summary)
    n = len(texts)
    ratio = median.ratio
    emit(
        {
            "data": args.data.name,
            "n": n,
            "embedder": embedder.name,
            "calls": summary.pop("calls_created"),
            "rounds": len(rounds),
            "ratios": [round(r.ratio, 3) for r in rounds],
            "pipeline_utterances_per_s": round(n / pipeline.wall, 1),
            "raw_encode_utterances_per_s": round(n / raw.wall, 1),
            "ratio": round(ratio, 3),
            "target_ratio": TARGET_RATIO,
            "meets_target": ratio >= TARGET_RATIO,
            "ratio_cpu_time": round(raw.cpu / pipeline.cpu, 3),
            "pipeline_seconds": round(pipeline.wall, 2),
            "raw_encode_seconds": round(raw.wall, 2),
            "raw_encode_seconds_before_after": [
                round(median.before.wall, 2),
                round(median.after.wall, 2),
            ],
            "pipeline_cpu_seconds": round(pipeline.cpu, 2),
            "raw_encode_cpu_seconds": round(raw.cpu, 2),
            "batch_size": settings.embed_batch_size,
            "stages_s": median.stages,
            "analysis": summary,
        }
    )


if __name__ == "__main__":
    main()
