"""Embed and cluster many utterances on the GPU when there is one (CPU otherwise). One JSON line.

Usage: bench/gpu_embed.py [--n 1000000] [--device auto|cuda|cpu] [--batch-size N]
Corpus: every text of the labelled sets in ``../shared/data/`` (Banking77, HWU64, SNIPS; about 37k
distinct utterances), repeated with a filler prefix per copy ("Honestly, ...", "So ...") until
``--n`` distinct strings: the length and vocabulary of real buyer turns, at any size.
Measured: the bundled all-MiniLM-L6-v2 through sentence-transformers on ``--device`` (fp16 on
CUDA), against the same model on the CPU over the first ``--baseline-n`` texts in the same
process (the ratio is texts per second, device over CPU); then callmine's own clustering
(``cluster_vectors``: a Ward tree on a stable sample picks k, spherical k-means assigns every
row) on all the vectors. Without a GPU the default ``--n`` is 20,000, no baseline runs and the
ratio is 1 (the figure is then the CPU throughput).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import DATA, Timing, emit, load_csv

from pipeline.cluster.algorithms import cluster_vectors
from pipeline.config import Settings

PREFIXES = ("", "Honestly, ", "So ", "Well, ", "Look, ", "Okay so ", "Um, ", "Right, ", "And ")
LABELLED = ("banking77/train.csv", "banking77/test.csv", "hwu64/all.csv", "snips/all.csv")


def corpus(n: int, data_root: Path = DATA) -> list[str]:
    """``n`` distinct utterances from the labelled sets, prefixed copies beyond the first."""
    base: list[str] = []
    for name in LABELLED:
        if (data_root / name).exists():
            base.extend(load_csv(data_root / name, "text")[0])
    base = list(dict.fromkeys(base))
    if not base:
        raise SystemExit(f"no labelled CSV under {data_root}")
    out: list[str] = []
    for copy, prefix in enumerate(PREFIXES * (n // (len(base) * len(PREFIXES)) + 1)):
        marker = "" if copy < len(PREFIXES) else f" ({copy // len(PREFIXES)})"
        out.extend(f"{prefix}{text}{marker}" for text in base[: n - len(out)])
        if len(out) >= n:
            break
    return out


def encoder(device: str) -> Any:
    from sentence_transformers import SentenceTransformer

    path = Settings(_env_file=None, data_dir=Path("unused")).resolved_model_path
    model = SentenceTransformer(str(path), device=device, local_files_only=True)
    # Weights may be stored in half precision (a copy small enough to send to a GPU machine):
    # fp16 on CUDA, fp32 on the CPU, whatever the file holds.
    return model.half() if device.startswith("cuda") else model.float()


def texts_per_second(model: Any, texts: list[str], batch_size: int) -> tuple[np.ndarray, float]:
    model.encode(texts[:batch_size], batch_size=batch_size)  # warm-up (CUDA kernels, caches)
    with Timing() as timing:
        vectors = model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
    return np.asarray(vectors, dtype=np.float32), len(texts) / max(timing.wall, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="1,000,000 on a GPU, 20,000 on CPU")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--baseline-n", type=int, default=2000)
    parser.add_argument("--data-root", type=Path, default=DATA, help="Folder of the labelled CSVs.")
    args = parser.parse_args()

    import torch

    device = args.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    n = args.n or (1_000_000 if device.startswith("cuda") else 20_000)
    batch = args.batch_size or (1024 if device.startswith("cuda") else 64)
    texts = corpus(n, args.data_root)

    model = encoder(device)
    started = time.perf_counter()
    vectors, rate = texts_per_second(model, texts, batch)
    embed_s = time.perf_counter() - started
    cpu_rate = rate
    if not device.startswith("cpu"):
        del model
        _, cpu_rate = texts_per_second(encoder("cpu"), texts[: args.baseline_n], 64)
    with Timing() as clustering:
        result = cluster_vectors(vectors)
    emit(
        {
            "benchmark": "gpu_embed",
            "device": device,
            "gpu": torch.cuda.get_device_name(0) if device.startswith("cuda") else None,
            "n": len(texts),
            "batch_size": batch,
            "embed_s": round(embed_s, 2),
            "texts_per_s": round(rate, 1),
            "cpu_texts_per_s": round(cpu_rate, 1),
            "ratio_vs_cpu": round(rate / cpu_rate, 2),
            "cluster_s": round(clustering.wall, 2),
            "clusters": int(result.labels.max()) + 1 if len(result.labels) else 0,
            "total_s": round(embed_s + clustering.wall, 2),
        }
    )


if __name__ == "__main__":
    main()
