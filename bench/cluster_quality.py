"""How well does callmine's clustering recover labelled themes? One JSON line.

Usage: bench/cluster_quality.py --data CSV --text-column text --label-column category
       [--k N] [--baselines] [--limit N]
Embeds the texts once with the default MiniLM embedder, runs callmine's clustering (automatic k
unless --k) and scores it with NMI, ARI and Hungarian-matched accuracy. With --baselines the same
embeddings also go through k-means with the true k and BERTopic's defaults (UMAP + HDBSCAN; its
outliers count as one cluster, as a user would see them), and the ratios are printed.
Default data: Banking77 test (CC BY 4.0, Casanueva et al. 2020).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
from common import BANKING77, add_data_arguments, emit, load_csv, local_embedder

from pipeline.cluster.algorithms import cluster_vectors


def hungarian_accuracy(truth: list[str], predicted: np.ndarray) -> float:
    """Share of rows right after the best one-to-one mapping of clusters to labels."""
    from scipy.optimize import linear_sum_assignment

    labels = sorted(set(truth))
    label_index = {name: i for i, name in enumerate(labels)}
    clusters = sorted({int(p) for p in predicted})
    cluster_index = {c: i for i, c in enumerate(clusters)}
    table = np.zeros((len(clusters), len(labels)), dtype=np.int64)
    for t, p in zip(truth, predicted, strict=True):
        table[cluster_index[int(p)], label_index[t]] += 1
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / len(truth))


def scores(truth: list[str], predicted: np.ndarray) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    return {
        "n_clusters": len({int(p) for p in predicted}),
        "nmi": round(float(normalized_mutual_info_score(truth, predicted)), 4),
        "ari": round(float(adjusted_rand_score(truth, predicted)), 4),
        "acc": round(hungarian_accuracy(truth, predicted), 4),
    }


def kmeans_true_k(vectors: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return np.asarray(KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors))


def bertopic_default(texts: list[str], vectors: np.ndarray) -> tuple[np.ndarray | None, str]:
    """BERTopic with its defaults on our embeddings; (None, reason) when it is not installed."""
    try:
        from bertopic import BERTopic
    except ImportError as exc:
        return None, f"bertopic not installed ({exc}); pip install -e .[bench]"
    topics, _ = BERTopic().fit_transform(texts, embeddings=vectors)
    return np.asarray(topics), ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser, BANKING77 / "test.csv", labels=True, count=False)
    parser.add_argument("--k", type=int, default=None, help="Fixed k (default: automatic).")
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    texts, truth = load_csv(args.data, args.text_column, args.label_column, args.limit)
    started = time.perf_counter()
    vectors = local_embedder().encode(texts)
    embed_seconds = time.perf_counter() - started

    started = time.perf_counter()
    result = cluster_vectors(vectors, k=args.k)
    seconds = time.perf_counter() - started
    record: dict[str, Any] = {
        "data": args.data.name,
        "n": len(texts),
        "true_k": len(set(truth)),
        **scores(truth, result.labels),
        "seconds": round(seconds, 3),
        "embed_seconds": round(embed_seconds, 2),
    }
    if args.baselines:
        started = time.perf_counter()
        km = scores(truth, kmeans_true_k(vectors, len(set(truth))))
        record["kmeans_true_k"] = {**km, "seconds": round(time.perf_counter() - started, 3)}
        record["nmi_vs_kmeans_true_k"] = round(record["nmi"] / max(km["nmi"], 1e-9), 4)
        started = time.perf_counter()
        topics, reason = bertopic_default(texts, vectors)
        if topics is None:
            record["bertopic"] = {"error": reason}
        else:
            bt = scores(truth, topics)
            bt["outlier_share"] = round(float(np.mean(topics == -1)), 4)
            bt["seconds"] = round(time.perf_counter() - started, 3)
            record["bertopic"] = bt
            record["nmi_vs_bertopic"] = round(record["nmi"] / max(bt["nmi"], 1e-9), 4)
    emit(record)


if __name__ == "__main__":
    main()
