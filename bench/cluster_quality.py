"""How well does callmine's clustering recover labelled themes? One JSON line per dataset.

Usage: bench/cluster_quality.py [--data CSV --text-column text --label-column category]
       [--k N] [--baselines] [--limit N]
       bench/cluster_quality.py --all
Embeds the texts with the default embedder (vectors cached in bench/results/vectors/), runs
callmine's clustering (automatic k unless --k) and scores it with NMI, ARI and Hungarian-matched
accuracy. With --baselines the same vectors also go through k-means told the true k
(scikit-learn, n_init=10, random_state=0) and BERTopic's defaults (UMAP + HDBSCAN, not seeded, so
its figures move a little run to run; its outliers count as one cluster, as a user would see
them; ``pip install -e .[bench]``). --all runs every CSV of every dataset folder in
../shared/data/ with the baselines and says which targets each meets: clusters within 0.7-1.4 x
the labels, NMI at least k-means', accuracy at least BERTopic's, no outlier bucket.

Data (in ../shared/data/, each folder with its README and LICENSE): Banking77 (CC BY 4.0,
Casanueva et al. 2020), HWU64 (CC BY 4.0, Liu et al. 2019), SNIPS (CC0 1.0, Coucke et al. 2018,
whose publisher asks that publications based on it cite that paper). Default: Banking77 test.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path
from typing import Any

import numpy as np
from common import BANKING77, DATA, ROOT, add_data_arguments, emit, load_csv, local_embedder

from pipeline.cluster.algorithms import cluster_vectors

VECTORS = ROOT / "bench" / "results" / "vectors"
BAND = (0.7, 1.4)


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


def embed(texts: list[str]) -> tuple[np.ndarray, float]:
    """The texts' vectors from the default embedder, cached on disk by embedder and texts."""
    embedder = local_embedder()
    digest = hashlib.sha256("\n".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    cached = VECTORS / f"{digest}.npy"
    if cached.exists():
        return np.load(cached), 0.0
    started = time.perf_counter()
    vectors = embedder.encode(texts)
    seconds = time.perf_counter() - started
    VECTORS.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors, seconds


def evaluate(path: Path, args: argparse.Namespace, baselines: bool) -> dict[str, Any]:
    texts, truth = load_csv(path, args.text_column, args.label_column, args.limit)
    vectors, embed_seconds = embed(texts)
    started = time.perf_counter()
    result = cluster_vectors(vectors, k=args.k)
    seconds = time.perf_counter() - started
    true_k = len(set(truth))
    record: dict[str, Any] = {
        "data": f"{path.parent.name}/{path.name}",
        "n": len(texts),
        "true_k": true_k,
        **scores(truth, result.labels),
        "k_ratio": round(result.k / true_k, 3),
        "seconds": round(seconds, 3),
        "embed_seconds": round(embed_seconds, 2),
    }
    if result.tree is not None:
        record["k_silhouette"] = result.tree.k_silhouette
        record["k_modularity"] = result.tree.k_modularity
    if baselines:
        record.update(compare(texts, truth, vectors, record))
    return record


def compare(
    texts: list[str], truth: list[str], vectors: np.ndarray, ours: dict[str, Any]
) -> dict[str, Any]:
    """k-means told the true k, BERTopic's defaults, and which targets ours meets."""
    out: dict[str, Any] = {}
    started = time.perf_counter()
    km = scores(truth, kmeans_true_k(vectors, ours["true_k"]))
    out["kmeans_true_k"] = {**km, "seconds": round(time.perf_counter() - started, 3)}
    started = time.perf_counter()
    topics, reason = bertopic_default(texts, vectors)
    targets: dict[str, bool] = {
        "k_ratio_in_band": BAND[0] <= ours["k_ratio"] <= BAND[1],
        "nmi_at_least_kmeans": ours["nmi"] >= km["nmi"],
        "no_outlier_bucket": True,  # every row gets a theme (singletons fold into neighbours)
    }
    if topics is None:
        out["bertopic"] = {"error": reason}
    else:
        bt = scores(truth, topics)
        bt["outlier_share"] = round(float(np.mean(topics == -1)), 4)
        bt["seconds"] = round(time.perf_counter() - started, 3)
        out["bertopic"] = bt
        targets["acc_at_least_bertopic"] = ours["acc"] >= bt["acc"]
    out["targets"] = targets
    out["targets_met"] = all(targets.values())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add_data_arguments(parser, BANKING77 / "test.csv", labels=True, count=False)
    parser.add_argument("--k", type=int, default=None, help="Fixed k (default: automatic).")
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--all", action="store_true", help="Every CSV in ../shared/data/*/, with the baselines."
    )
    parser.add_argument("--data-root", type=Path, default=DATA, help="Folder --all reads.")
    args = parser.parse_args()
    if not args.all:
        emit(evaluate(args.data, args, args.baselines))
        return
    paths = sorted(args.data_root.glob("*/*.csv"))
    if not paths:
        raise SystemExit(f"no labelled CSV under {args.data_root}")
    for path in paths:
        emit(evaluate(path, args, baselines=True))


if __name__ == "__main__":
    main()
