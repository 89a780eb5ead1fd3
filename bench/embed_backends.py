"""How much faster is the ONNX Runtime embedder, and what does it cost in clustering? One JSON line.

Usage: bench/embed_backends.py [--data CSV] [--text-column text] [--label-column category]
       [--n N] [--repeats 2] [--cache-dir DIR]
Encodes the same texts with raw ``SentenceTransformer.encode`` (the baseline, at callmine's batch
size), callmine's ``onnx`` embedder and its ``onnx-int8`` embedder, after one warm-up batch each;
the backends take turns for ``--repeats`` passes and a rate is texts per second of the fastest.
Each backend's vectors then go through callmine's clustering and are scored against the labels
(NMI as in bench/cluster_quality.py). The ONNX files are exported into ``--cache-dir`` (default:
a temporary folder, so the export time is measured too).
Default data: Banking77 test (CC BY 4.0, Casanueva et al. 2020).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from cluster_quality import scores
from common import BANKING77, Timing, add_data_arguments, emit, load_csv

from pipeline.cluster.algorithms import cluster_vectors
from pipeline.config import Settings
from pipeline.embed.onnx import OnnxEmbedder

Encode = Callable[[Sequence[str]], np.ndarray]


def timed_rounds(
    encoders: dict[str, Encode], texts: Sequence[str], batch_size: int, repeats: int
) -> tuple[dict[str, np.ndarray], dict[str, Timing]]:
    """Each backend's vectors and fastest pass; passes alternate between backends so a busy
    machine slows them alike."""
    for encode in encoders.values():
        encode(texts[:batch_size])  # warm-up
    vectors: dict[str, np.ndarray] = {}
    best: dict[str, Timing] = {}
    for _ in range(repeats):
        for name, encode in encoders.items():
            with Timing() as timing:
                vectors[name] = encode(texts)
            if name not in best or timing.wall < best[name].wall:
                best[name] = timing
    return vectors, best


def sentence_transformers_encoder(model_path: Path, batch_size: int) -> Encode:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(
            model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)
        )

    return encode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser, BANKING77 / "test.csv", labels=True)
    parser.add_argument("--repeats", type=int, default=3, help="Timed passes per backend.")
    parser.add_argument("--cache-dir", type=Path, default=None)
    args = parser.parse_args()

    texts, truth = load_csv(args.data, args.text_column, args.label_column, args.n)
    settings = Settings(_env_file=None, data_dir=Path("unused"))
    model_path, batch_size = settings.resolved_model_path, settings.embed_batch_size
    record: dict[str, Any] = {"data": args.data.name, "n": len(texts), "batch_size": batch_size}
    backends: dict[str, dict[str, Any]] = {"sentence_transformers": {}}
    with tempfile.TemporaryDirectory(prefix="callmine-onnx-") as folder:
        cache_dir = args.cache_dir or Path(folder)
        encoders: dict[str, Encode] = {
            "sentence_transformers": sentence_transformers_encoder(model_path, batch_size)
        }
        for name, quantize in (("onnx", False), ("onnx_int8", True)):
            with Timing() as build:
                embedder = OnnxEmbedder(
                    model_path, cache_dir, quantize=quantize, batch_size=batch_size
                )
            encoders[name] = embedder.encode
            backends[name] = {"export_and_load_s": round(build.wall, 2)}
        vectors, timings = timed_rounds(encoders, texts, batch_size, args.repeats)
    reference = vectors["sentence_transformers"]
    for name, timing in timings.items():
        cosine = np.sum(vectors[name] * reference, axis=1)
        backends[name] = {
            **backends[name],
            "texts_per_s": round(len(texts) / timing.wall, 1),
            "texts_per_cpu_s": round(len(texts) / timing.cpu, 1),
            "cosine_to_st_min": round(float(cosine.min()), 4),
            "cosine_to_st_mean": round(float(cosine.mean()), 4),
            **scores(truth, cluster_vectors(vectors[name]).labels),
        }
    base = backends["sentence_transformers"]
    for name in ("onnx", "onnx_int8"):
        record[f"speedup_{name}"] = round(backends[name]["texts_per_s"] / base["texts_per_s"], 3)
        record[f"nmi_change_{name}"] = round(backends[name]["nmi"] - base["nmi"], 4)
    record["backends"] = backends
    emit(record)


if __name__ == "__main__":
    main()
