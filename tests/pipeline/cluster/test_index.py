"""The faiss mention index: add/remove/search, atomic save, rebuild; nearest-quote search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.cluster import search
from pipeline.cluster.index import (
    DELTA_FILENAME,
    INDEX_FILENAME,
    MentionIndex,
    ivf_layout,
    open_index,
)
from pipeline.embed import Embedder, normalise
from pipeline.errors import BadInput
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES

pytestmark = pytest.mark.postgres


def test_add_search_remove_save_load(embedder: Embedder, tmp_path: Path) -> None:
    texts = [s for sentences in THEMES.values() for s in sentences]
    vectors = embedder.encode(texts)
    ids = list(range(100, 100 + len(texts)))
    index = MentionIndex.build(ids, vectors, model=embedder.name, dim=vectors.shape[1])
    hits = index.search(embedder.encode(["it costs too much money"]), 3)
    assert texts[ids.index(hits[0].mention_id)] in THEMES["price"]
    assert hits[0].similarity >= hits[1].similarity >= hits[2].similarity
    index.remove([hits[0].mention_id])
    assert len(index) == len(texts) - 1
    assert hits[0].mention_id not in {h.mention_id for h in index.search(vectors[:1], 50)}
    removed = ids.index(hits[0].mention_id)
    index.add([ids[removed]], vectors[removed : removed + 1])
    index.add([ids[removed]], vectors[removed : removed + 1])  # re-adding replaces, no duplicate
    assert len(index) == len(texts)
    index.save(tmp_path)
    assert not list(tmp_path.glob("*.tmp"))
    loaded = MentionIndex.load(tmp_path)
    assert loaded is not None and len(loaded) == len(texts)
    assert loaded.search(vectors[5:6], 1)[0].mention_id == ids[5]


def test_missing_or_corrupt_file_loads_as_none(tmp_path: Path) -> None:
    assert MentionIndex.load(tmp_path) is None
    (tmp_path / INDEX_FILENAME).write_bytes(b"not faiss")
    (tmp_path / f"{INDEX_FILENAME}.json").write_text('{"dim": 384, "model": "x"}')
    assert MentionIndex.load(tmp_path) is None


def test_search_quotes_nearest_with_context(ws: Workspace) -> None:
    workspace = ws
    hits = search.search_quotes(workspace, "We cannot afford this, it costs too much", k=3)
    assert len(hits) == 3
    assert hits[0]["text"] in THEMES["price"]
    first = hits[0]
    assert first["call_id"] and first["date"] and first["account"] and first["outcome"]
    assert first["speaker"] == "Buyer" and first["cluster_id"] is not None
    questions = search.search_quotes(workspace, "does it integrate", k=2, kind="question")
    assert questions and all("?" in q["text"] for q in questions)
    with pytest.raises(BadInput):
        search.search_quotes(workspace, "  ")


def test_index_rebuilt_when_file_missing(ws: Workspace) -> None:
    workspace = ws
    (workspace.settings.data_dir / INDEX_FILENAME).unlink()
    with workspace.session() as session:
        index = open_index(workspace, session)
    assert len(index) > 0
    assert (workspace.settings.data_dir / INDEX_FILENAME).exists()
    assert search.search_quotes(workspace, "setup takes months", k=1)[0]["text"] in THEMES["setup"]


def test_delta_file_applied_on_load_and_folded_on_save(embedder: Embedder, tmp_path: Path) -> None:
    vectors = embedder.encode(THEMES["price"] + THEMES["setup"])
    index = MentionIndex.build([1, 2, 3, 4, 5, 6], vectors[:6], model="m", dim=vectors.shape[1])
    index.save(tmp_path)
    MentionIndex.append(tmp_path, [1], [7, 8], vectors[6:8])
    MentionIndex.append(tmp_path, [2], [9], vectors[8:9])
    loaded = MentionIndex.load(tmp_path)
    assert loaded is not None
    assert sorted(loaded.ids().tolist()) == [3, 4, 5, 6, 7, 8, 9]
    assert loaded.search(vectors[7:8], 1)[0].mention_id == 8
    loaded.save(tmp_path)
    assert not (tmp_path / DELTA_FILENAME).exists()
    reloaded = MentionIndex.load(tmp_path)
    assert reloaded is not None and len(reloaded) == 7


def test_ivf_index_finds_what_the_flat_one_finds_and_survives_a_save(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(60, 32))
    vectors = normalise(
        (centres[rng.integers(0, 60, 6000)] + rng.normal(0, 0.4, (6000, 32))).astype(np.float32)
    )
    ids = list(range(1, 6001))
    flat = MentionIndex.build(ids, vectors, model="m", dim=32)
    ivf = MentionIndex.build(ids, vectors, model="m", dim=32, ivf_from=5000)
    nlist, nprobe = ivf_layout(len(ids))
    assert (nlist, nprobe) == (309, 32) and ivf_layout(100_000) == (1264, 63)
    queries_ = normalise((vectors[:200] + rng.normal(0, 0.1, (200, 32))).astype(np.float32))

    def recall(index: MentionIndex) -> float:
        found = 0
        for query in queries_:
            exact = {h.mention_id for h in flat.search(query[None, :], 10)}
            found += len(exact & {h.mention_id for h in index.search(query[None, :], 10)})
        return found / (10 * len(queries_))

    assert recall(ivf) >= 0.95
    ivf.remove([1, 2])
    ivf.add([6001], vectors[:1])
    assert len(ivf) == 5999 and {1, 2}.isdisjoint(ivf.ids().tolist())
    assert ivf.search(vectors[:1], 1)[0].mention_id in {6001}
    ivf.save(tmp_path)
    loaded = MentionIndex.load(tmp_path)
    assert loaded is not None and len(loaded) == 5999
    assert [h.mention_id for h in loaded.search(queries_[:1], 10)] == [
        h.mention_id for h in ivf.search(queries_[:1], 10)
    ]
