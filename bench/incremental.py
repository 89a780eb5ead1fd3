"""Incremental assignment and re-cluster stability at 100k mentions. One JSON line.

Usage: bench/incremental.py [--n 100000] [--new 100] [--sigma 0.015]
Corpus: the Banking77 texts (train + test, 13,083) are embedded for real once (vectors kept in
``~/.cache/callmine-bench``); mention ``i`` is base text ``i mod B`` with a filler prefix per copy
("Honestly, ...", "So ...") and, beyond the first copy, the base vector plus Gaussian noise
(``--sigma`` per dimension) re-normalised. A text that reads as a question is a ``question``
mention, any other an ``objection`` (no category). Rows go straight into a fresh workspace's
database and embeddings cache, 100 mentions per call.
Measured through the real services: the full clustering (``run_clustering``), then one new call of
``--new`` buyer turns ingested with ``ingest_bytes`` and analysed with ``analyse_calls`` (detect,
embed, index, incremental assignment; its "assigning" stage is the assignment time), then a full
re-cluster and the share of cluster ids (matched by membership overlap) that survive it.
Assigning is timed around ``assign_incremental`` plus the theming of waiting mentions after it.

Paraphrases (``paraphrases``, in the same run, old bar and new side by side): Banking77's real
vectors, 5 % of each label's texts held out (by hashed text) and ``NEW_LABELS`` labels held out
whole; the rest clustered as one category of a full re-cluster is (``cluster_vectors``); then
each held-out text goes to its nearest theme and joins it when it clears the bar, the fixed
``ASSIGN_THRESHOLD`` (old) or the theme's own bound (``cluster.bounds``, new). A held-out
paraphrase joins its own theme (one whose most common label is its label), joins a wrong one,
or waits; a text of a held-out label has no theme of its own: joining any is wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from common import StageClock, Timing, emit, load_banking77, local_embedder
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.analysis import flow
from pipeline.analysis.flow import analyse_calls, run_clustering
from pipeline.cluster.algorithms import ASSIGN_THRESHOLD, assign_nearest, cluster_vectors, groups_of
from pipeline.cluster.bounds import join_bars, join_bounds
from pipeline.config import Settings
from pipeline.detect.rules import is_question
from pipeline.embed import Embedder, Vectors, normalise, text_hash
from pipeline.ingest.schemas import created_ids
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Cluster, EmbeddingCache, Mention, Utterance
from pipeline.workspace import Workspace

PREFIXES = (
    "",
    "Honestly, ",
    "So ",
    "Well, ",
    "Look, ",
    "Okay so ",
    "Quick one: ",
    "Um, ",
    "Right, ",
)
PER_CALL = 100
TARGETS = {"add_s": 1.0, "recluster_s": 60.0, "ids_stable": 0.95}
CACHE = Path.home() / ".cache" / "callmine-bench"


def base_corpus(embedder: Embedder, limit: int) -> tuple[list[str], Vectors, str]:
    """Up to ``limit`` Banking77 texts and their real vectors (read from the cache when there)."""
    train, _ = load_banking77("train")
    test, _ = load_banking77("test")
    texts = list(dict.fromkeys([*train, *test]))[:limit]
    digest = hashlib.sha256("\n".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    path = CACHE / f"banking77-{digest}.npy"
    if path.exists():
        return texts, np.load(path), "cached"
    vectors = embedder.encode(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return texts, vectors, "embedded"


def variants(
    texts: Sequence[str], vectors: Vectors, n: int, sigma: float
) -> tuple[list[str], Vectors, float]:
    """``n`` distinct texts and vectors; returns the mean cosine of a noisy copy to its source."""
    rng = np.random.default_rng(0)
    out_texts: list[str] = []
    rows = np.arange(n) % len(texts)
    for i, row in enumerate(rows.tolist()):
        copy = i // len(texts)
        prefix = PREFIXES[copy % len(PREFIXES)]
        suffix = f" ({copy // len(PREFIXES)})" if copy >= len(PREFIXES) else ""
        text = texts[row]
        out_texts.append(f"{prefix}{text[0].lower() if prefix else text[0]}{text[1:]}{suffix}")
    noise = rng.normal(0.0, sigma, size=(n, vectors.shape[1])).astype(np.float32)
    noise[: len(texts)] = 0.0  # the first copy keeps its real vector
    out = normalise(vectors[rows] + noise)
    copies = np.flatnonzero(rows != np.arange(n))
    cosine = (
        float(np.mean(np.sum(out[copies] * vectors[rows[copies]], axis=1))) if len(copies) else 1.0
    )
    return out_texts, out, cosine


FIRST_DAY = dt.date(2026, 1, 5)  # calls spread over half a year: trends have periods to compare


def fill(session: Session, model: str, texts: Sequence[str], vectors: Vectors) -> None:
    """Calls, buyer turns, one mention per turn and the embeddings cache, in bulk."""
    calls = (len(texts) + PER_CALL - 1) // PER_CALL
    session.execute(
        insert(Call),
        [
            {
                "id": c + 1,
                "content_hash": hashlib.sha256(f"bench-call-{c}".encode()).hexdigest(),
                "filename": f"bench-{c:05d}.json",
                "format": "json",
                "raw_text": "",
                "outcome": ("won", "lost", "open")[c % 3],
                "account": f"Account {c % 200}",
                "call_date": FIRST_DAY + dt.timedelta(days=c % 180),
                # written with its mentions here: a server started on it has nothing to analyse
                "analysis_state": "analysed",
            }
            for c in range(calls)
        ],
    )
    turns = [
        {
            "id": i + 1,
            "call_id": i // PER_CALL + 1,
            "seq": i % PER_CALL,
            "speaker": "Dana Ruiz",
            "role": "buyer",
            "text": text,
        }
        for i, text in enumerate(texts)
    ]
    session.execute(insert(Utterance), turns)
    session.execute(
        insert(Mention),
        [
            {
                "id": t["id"],
                "utterance_id": t["id"],
                "call_id": t["call_id"],
                "kind": "question" if is_question(str(t["text"])) else "objection",
                "text": t["text"],
                "char_start": 0,
                "char_end": len(str(t["text"])),
            }
            for t in turns
        ],
    )
    session.execute(
        insert(EmbeddingCache),
        [
            {
                "text_hash": text_hash(t),
                "model": model,
                "dim": int(v.shape[0]),
                "vector": v.tobytes(),
            }
            for t, v in zip(texts, vectors, strict=True)
        ],
    )


def snapshot(session: Session) -> tuple[set[int], dict[int, int | None]]:
    """Active cluster ids and every mention's cluster id."""
    active = set(session.scalars(select(Cluster.id).where(Cluster.status == "active")))
    members = {int(m): c for m, c in session.execute(select(Mention.id, Mention.cluster_id))}
    return active, members


def new_call(texts: Sequence[str], count: int) -> bytes:
    """One call of ``count`` buyer turns (texts not in the corpus, so they are embedded)."""
    turns = [
        {"speaker": ("Dana Ruiz", "Sam Okafor")[i % 2], "role": "buyer", "text": f"Also, {t}"}
        for i, t in enumerate(texts[:count])
    ]
    return json.dumps({"callmine": 1, "title": "New call", "utterances": turns}).encode()


HELD_OUT = 5  # % of each label's texts assigned after the fit
NEW_LABELS = 4  # labels held out whole: topics no theme holds


def hashed(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def paraphrases(texts: Sequence[str], vectors: Vectors) -> dict[str, Any]:
    """Held-out paraphrases and new topics: shares that join their own theme, a wrong one, or
    wait, at the old fixed bar and at each theme's own bound."""
    train, train_labels = load_banking77("train")
    test, test_labels = load_banking77("test")
    label_of = dict(
        reversed(list(zip([*train, *test], [*train_labels, *test_labels], strict=True)))
    )
    labels = [label_of[t] for t in texts]
    new = set(sorted(set(labels), key=hashed)[:NEW_LABELS])
    held = [i for i, t in enumerate(texts) if labels[i] not in new and hashed(t) % 100 < HELD_OUT]
    unseen = [i for i, label in enumerate(labels) if label in new]
    fit = sorted(set(range(len(texts))) - set(held) - set(unseen))
    found = cluster_vectors(vectors[fit], keys=fit)
    groups = groups_of(found.labels, found.k)
    majority = [Counter(labels[fit[p]] for p in g).most_common(1)[0][0] for g in groups]
    bars = {"old": np.full(found.k, ASSIGN_THRESHOLD, np.float32)}
    bars["new"] = join_bars(join_bounds(vectors[fit], groups))
    out: dict[str, Any] = {"themes": found.k, "held_out": len(held), "new_topic": len(unseen)}
    for name, rows in (("paraphrase", held), ("new_topic", unseen)):
        if not rows or not len(found.centroids):  # a small --n holds none back
            continue
        nearest, sims = assign_nearest(vectors[rows], found.centroids)
        right = np.array(
            [majority[n] == labels[r] for n, r in zip(nearest, rows, strict=True)], dtype=bool
        )
        for bar, at in bars.items():
            joins = sims >= at[nearest]
            out[f"{name}_{bar}"] = {
                "own_theme": round(float(np.mean(joins & right)), 4),
                "wrong_theme": round(float(np.mean(joins & ~right)), 4),
                "waits": round(float(np.mean(~joins)), 4),
            }
    return out


class AssignClock:
    """Seconds spent in ``assign_incremental`` (wrapped where the analysis calls it)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.original = flow.assign_incremental

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        with Timing() as timing:
            joined: int = self.original(*args, **kwargs)
        self.seconds += timing.wall
        return joined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="Mentions in the corpus.")
    parser.add_argument("--new", type=int, default=100, help="Turns in the added call.")
    parser.add_argument("--sigma", type=float, default=0.015, help="Noise per dimension.")
    parser.add_argument(
        "--paraphrases-only", action="store_true", help="Only the held-out paraphrase measure."
    )
    args = parser.parse_args()

    embedder = local_embedder()
    base_texts, base_vectors, source = base_corpus(embedder, args.n)
    texts, vectors, cosine = variants(base_texts, base_vectors, args.n, args.sigma)
    record: dict[str, Any] = {"n": args.n}
    with Timing() as measured:
        record["paraphrases"] = paraphrases(base_texts, base_vectors)
    record["paraphrases"]["seconds"] = round(measured.wall, 1)
    if args.paraphrases_only:
        emit(record)
        return
    assigning = AssignClock()
    flow.assign_incremental = assigning  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="callmine-bench-") as folder:
        workspace = Workspace(Settings(_env_file=None, data_dir=Path(folder)), embedder=embedder)
        try:
            with Timing() as setup, workspace.session() as session:
                fill(session, embedder.name, texts, vectors)
            with Timing() as clustering:
                first = run_clustering(workspace, rebuild=True)
            # A small first upload: caches the detector's seed vectors and builds the index,
            # as any workspace that has analysed a call before has them.
            with Timing() as warm:
                ids = created_ids(ingest_bytes(workspace, new_call(base_texts[-1:], 1), "w.json"))
            clock = StageClock()
            with Timing() as add:
                document = new_call(base_texts[-1 - args.new : -1], args.new)
                ids = created_ids(ingest_bytes(workspace, document, "new.json", analyse=False))
                added = analyse_calls(workspace, ids, progress=clock)
                clock.stop()
            with workspace.session() as session:
                before_ids, before_members = snapshot(session)
            with Timing() as recluster:
                second = run_clustering(workspace, rebuild=True)
            with workspace.session() as session:
                after_ids, after_members = snapshot(session)
        finally:
            workspace.close()
            flow.assign_incremental = assigning.original  # a process that goes on gets it back
    kept_ids = len(before_ids & after_ids) / max(len(before_ids), 1)
    same = sum(1 for m, c in before_members.items() if after_members.get(m) == c)
    # Assigning: the new mentions to their themes, then the waiting ones to new themes.
    assign_s = assigning.seconds + clock.seconds.get("cluster", 0.0)
    record.update(
        {
            "corpus": (
                f"{len(base_texts)} Banking77 texts (train+test) embedded for real "
                f"({source}); {args.n} mentions = text with a filler prefix per copy, vector "
                f"= real vector + N(0, {args.sigma}^2) per dim, re-normalised (mean cosine to "
                f"source {cosine:.3f}); kind by question rule, no category; {PER_CALL} per call"
            ),
            "kinds": {k: v.get("mentions") for k, v in first.items()},
            "setup_s": round(setup.wall, 2),
            "cluster_s": round(clustering.wall, 2),
            "clusters": {k: v.get("clusters") for k, v in first.items()},
            "warmup_call_s": round(warm.wall, 2),
            "add_new_turns": args.new,
            "add_call_s": round(add.wall, 3),
            "add_stages_s": clock.rounded(),
            "assign_s": round(assign_s, 3),
            "assign_only_s": round(assigning.seconds, 3),
            "add_mentions": added.get("clustered_mentions"),
            "add_assigned": added.get("assigned"),
            "add_reclustered_kinds": added.get("reclustered_kinds"),
            "recluster_s": round(recluster.wall, 2),
            "recluster": {k: {**v} for k, v in second.items()},
            "ids_stable": round(kept_ids, 4),
            "mentions_same_cluster": round(same / max(len(before_members), 1), 4),
            "targets": TARGETS,
            "meets_targets": {
                "add_s": assign_s < TARGETS["add_s"],
                "add_call_s": add.wall < TARGETS["add_s"],
                "recluster_s": recluster.wall < TARGETS["recluster_s"],
                "ids_stable": kept_ids >= TARGETS["ids_stable"],
            },
        }
    )
    emit(record)


if __name__ == "__main__":
    main()
