"""``CALLMINE_EMBEDDER=openai`` against a real OpenAI-compatible ``/v1/embeddings`` server
(llama.cpp serving SmolLM2 on 127.0.0.1, which answers with per-token vectors).

The tiny model's vectors say little about meaning: these tests check the plumbing (pooling,
batching, normalising, errors, the index and search running on them), not their quality.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.cluster import search
from pipeline.config import Settings
from pipeline.embed import create_embedder
from pipeline.embed.openai_compatible import OpenAIEmbedder, pooled
from pipeline.errors import LLMError
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.insights_corpus import THEMES
from tests.plugins.llm_server import MODEL_ALIAS, free_port

TEXTS = [
    "The price is too high for us.",
    "Setup will take months.",
    "Does it work with our CRM?",
    "The price is too high for us.",
    "We already use a spreadsheet.",
]


def openai_settings(data_dir: Path, base_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "embedder": "openai",
        "llm_base_url": base_url,
        "embedding_model": MODEL_ALIAS,
        "llm_timeout_s": 300,
        "llm_max_retries": 0,
    }
    values.update(overrides)
    return make_settings(data_dir, **values)


def test_pooled_takes_a_vector_or_averages_token_vectors() -> None:
    assert pooled([1.0, 2.0]).tolist() == [1.0, 2.0]
    assert pooled([[1.0, 2.0], [3.0, 6.0]]).tolist() == [2.0, 4.0]
    with pytest.raises(LLMError, match="shape"):
        pooled([])


@pytest.mark.slow
@pytest.mark.llm
@pytest.mark.timeout(900)
def test_vectors_from_a_real_server_are_pooled_and_normalised(
    embedding_server: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    embedder = create_embedder(openai_settings(tmp_path, embedding_server, embed_batch_size=2))
    assert isinstance(embedder, OpenAIEmbedder) and embedder.name == f"openai:{MODEL_ALIAS}"
    vectors = embedder.encode(TEXTS)
    # This server answers per token and garbles the second text of a request: after the first
    # reply the embedder sends texts one by one.
    assert embedder.batch_size == 1 and "one text per request" in caplog.text
    assert vectors.shape == (5, embedder.dim) and embedder.dim > 100
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[3], atol=1e-5)  # same text, same vector
    one_by_one = np.vstack([embedder.encode([t]) for t in TEXTS[:3]])
    assert np.allclose(one_by_one, vectors[:3], atol=1e-4)
    # Related texts are closer than unrelated ones even with this tiny model.
    price, setup = embedder.encode(["The price is too high.", "Setup will take months."])
    assert float(vectors[0] @ price) > float(vectors[0] @ setup)
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_a_down_server_is_a_clear_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    embedder = create_embedder(openai_settings(tmp_path, url, llm_timeout_s=5))
    with pytest.raises(LLMError, match="embedding request failed"):
        embedder.encode(["anything"])


@pytest.mark.slow
@pytest.mark.llm
@pytest.mark.timeout(900)
def test_search_runs_on_the_servers_vectors(
    embedding_server: str, corpus_dir: Path, tmp_path: Path
) -> None:
    """The corpus was indexed with MiniLM; switching the embedder rebuilds the faiss index with
    the server's vectors, and a quote searched word for word comes back first."""
    shutil.copytree(corpus_dir, tmp_path / "data")
    workspace = Workspace(openai_settings(tmp_path / "data", embedding_server))
    quote = THEMES["integrations"][2]
    hits = search.search_quotes(workspace, quote, k=3)
    workspace.close()
    assert hits[0]["text"] == quote and hits[0]["similarity"] == pytest.approx(1.0, abs=1e-3)
    assert len(hits) == 3
