"""The ONNX Runtime embedder (the default): a local export matching sentence-transformers, cached
safely (one export under concurrent first use, a corrupt or partial file exported again)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

import pipeline.embed.onnx as embed_onnx
from pipeline.config import bundled_model_path
from pipeline.embed import Embedder, create_embedder, embedder_name
from pipeline.embed.local import SentenceTransformerEmbedder
from pipeline.embed.onnx import OnnxEmbedder, manifest_of, onnx_model_file
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import EmbeddingCache, Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings

pytestmark = pytest.mark.slow

SENTENCES = [
    "",
    " ",
    "?",
    "ok",
    "The price is too high for a cafe our size.",
    "We already use RotaPro and the team is used to it.",
    "Setup would take weeks and we're in our busy season.",
    "Is there a monthly plan, or is it a twelve-month contract?",
    "My staff won't use another app, honestly.",
    "I'd need to run it past the owner before we sign anything.",
    "Does it integrate with Xero and Square?",
    "How do you store employee data, and where are your servers?",
    "That's nearly nine hundred a year.",
    "Wie viel kostet das pro Monat?",
    "¿Cuánto cuesta? 😅 — £4 a head adds up!!!",
    "payroll payroll payroll payroll payroll",
    "We looked at ClockBee last year but it was too fiddly for part-timers.",
    "Our current spreadsheet works fine, why would we change?",
    "call me back next quarter",
    # Longer than the model's 256-token limit: both backends must truncate at the same place.
    " ".join(["The rota changes every week because of school holidays and sick leave."] * 40),
    " ".join(f"word{i}" for i in range(600)),
]

CALL = b"""Maria Chen: Thanks for making time today.
Dana Ruiz: Honestly, the price is the problem for a clinic our size.
Maria Chen: Understood. What are you using today?
Dana Ruiz: We already use RotaPro and switching sounds like a lot of work.
Dana Ruiz: Is there a monthly plan?
"""


def cosines(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.asarray(np.sum(left * right, axis=1))


@pytest.fixture(scope="module")
def onnx_cache(onnx_exports: Path) -> Path:
    return onnx_exports


@pytest.fixture(scope="module")
def model_path() -> Path:
    path = bundled_model_path()
    assert path is not None
    return path


@pytest.fixture(scope="module")
def st_embedder(model_path: Path) -> Embedder:
    """sentence-transformers itself, the reference the onnx export must match."""
    return create_embedder(make_settings(Path("unused"), embedder="sentence-transformers"))


@pytest.fixture(scope="module")
def expected(st_embedder: Embedder) -> np.ndarray:
    """sentence-transformers' vectors of ``SENTENCES``, computed once: both exports are held
    to them (the two long texts make it the module's costliest encode)."""
    return st_embedder.encode(SENTENCES)


@pytest.fixture(scope="module")
def onnx_fp32(model_path: Path, onnx_cache: Path) -> OnnxEmbedder:
    return OnnxEmbedder(model_path, onnx_cache)


@pytest.fixture(scope="module")
def onnx_int8(model_path: Path, onnx_cache: Path) -> OnnxEmbedder:
    return OnnxEmbedder(model_path, onnx_cache, quantize=True)


def test_fp32_matches_sentence_transformers(
    st_embedder: Embedder, expected: np.ndarray, onnx_fp32: OnnxEmbedder
) -> None:
    assert isinstance(st_embedder, SentenceTransformerEmbedder)
    got = onnx_fp32.encode(SENTENCES)
    assert got.dtype == np.float32 and got.shape == expected.shape == (len(SENTENCES), 384)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert cosines(got, expected).min() >= 0.999


def test_int8_is_close_to_sentence_transformers(
    expected: np.ndarray, onnx_int8: OnnxEmbedder
) -> None:
    similarity = cosines(onnx_int8.encode(SENTENCES), expected)
    tiny = np.array([len(text.strip()) < 4 for text in SENTENCES])
    # Measured: 0.95-0.97 for the four texts of one or two tokens, >= 0.985 for the rest
    # (1,000 Banking77 texts: min 0.981, mean 0.993), per-channel dynamic int8.
    assert similarity[tiny].min() >= 0.94
    assert similarity[~tiny].min() >= 0.98
    assert similarity.mean() >= 0.98


def test_running_the_graph_never_imports_torch(model_path: Path, onnx_fp32: OnnxEmbedder) -> None:
    # torch is 190 MB of every embedding process's memory; only the one-off export needs it.
    script = (
        "import sys; from pathlib import Path; from pipeline.embed.onnx import OnnxEmbedder; "
        f"e = OnnxEmbedder(Path({str(model_path)!r}), Path({str(onnx_fp32.model_file.parent)!r})); "
        "v = e.encode(['too dear for us', 'we use a spreadsheet']); "
        "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split("\n")[-2] == "(2, 384) False False", done.stderr[-2000:]


def test_batching_and_order_do_not_change_vectors(onnx_fp32: OnnxEmbedder) -> None:
    together = onnx_fp32.encode(SENTENCES)
    one_by_one = np.vstack([onnx_fp32.encode([text]) for text in SENTENCES])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    assert onnx_fp32.encode([]).shape == (0, 384)


def test_names_differ_per_backend(
    st_embedder: Embedder, onnx_fp32: OnnxEmbedder, onnx_int8: OnnxEmbedder, embedder: Embedder
) -> None:
    # The name keys the embeddings cache and the faiss index: vectors differ, so names must.
    assert len({st_embedder.name, onnx_fp32.name, onnx_int8.name}) == 3
    assert onnx_fp32.model_file != onnx_int8.model_file
    assert embedder.name == onnx_fp32.name  # onnx fp32 is the default
    # The name is known without building the embedder (a re-cut of themes loads no model).
    for backend, built in (("sentence-transformers", st_embedder), ("onnx-int8", onnx_int8)):
        assert embedder_name(make_settings(Path("unused"), embedder=backend)) == built.name


def test_cache_is_reused_without_export(
    model_path: Path,
    onnx_cache: Path,
    onnx_fp32: OnnxEmbedder,
    onnx_int8: OnnxEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(embed_onnx, "export_onnx", refuse)
    monkeypatch.setattr(embed_onnx, "quantize_int8", refuse)
    mtimes = {path: path.stat().st_mtime_ns for path in onnx_cache.iterdir()}
    again = OnnxEmbedder(model_path, onnx_cache, quantize=True)
    assert again.model_file == onnx_int8.model_file
    assert {path: path.stat().st_mtime_ns for path in onnx_cache.iterdir()} == mtimes
    # The two finished files with their manifests (and lock files): no temporary leftovers.
    models = [onnx_fp32.model_file, onnx_int8.model_file]
    assert sorted(p.name for p in onnx_cache.iterdir() if not p.name.endswith(".lock")) == sorted(
        [m.name for m in models] + [manifest_of(m).name for m in models]
    )


def test_failed_export_leaves_nothing_behind(
    model_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(_model: Path, destination: Path) -> None:
        destination.write_bytes(b"not a whole model")
        raise RuntimeError("killed mid-export")

    monkeypatch.setattr(embed_onnx, "export_onnx", half_written)
    with pytest.raises(RuntimeError, match="mid-export"):
        OnnxEmbedder(model_path, tmp_path / "cache")
    assert [p for p in (tmp_path / "cache").iterdir() if not p.name.endswith(".lock")] == []


@pytest.fixture
def copy_export(onnx_fp32: OnnxEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports for a fresh data dir copy the module's file instead of tracing the model again."""

    def copy(_model: Path, destination: Path) -> None:
        destination.write_bytes(onnx_fp32.model_file.read_bytes())

    monkeypatch.setattr(embed_onnx, "export_onnx", copy)


@pytest.mark.usefixtures("copy_export")
def test_create_embedder_builds_onnx_in_the_cache_dir(
    tmp_path: Path, onnx_fp32: OnnxEmbedder
) -> None:
    built = create_embedder(make_settings(tmp_path / "data", onnx_cache_dir=tmp_path / "cache"))
    assert isinstance(built, OnnxEmbedder)  # the default backend
    assert built.name == onnx_fp32.name
    assert built.model_file.parent == tmp_path / "cache"
    np.testing.assert_allclose(
        built.encode(SENTENCES[:5]), onnx_fp32.encode(SENTENCES[:5]), atol=1e-6
    )


def test_concurrent_first_use_exports_once(
    model_path: Path, tmp_path: Path, onnx_fp32: OnnxEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two threads (each with its own lock file handle, as two processes would have) start
    at once: one exports, the other waits and uses the finished file."""
    exports: list[int] = []

    def slow_copy(_model: Path, destination: Path) -> None:
        exports.append(threading.get_ident())
        time.sleep(0.5)  # long enough for the other thread to arrive mid-export
        destination.write_bytes(onnx_fp32.model_file.read_bytes())

    monkeypatch.setattr(embed_onnx, "export_onnx", slow_copy)
    found: list[Path] = []
    start = threading.Barrier(2)

    def first_use() -> None:
        start.wait()
        found.append(onnx_model_file(model_path, tmp_path / "cache", quantize=False))

    threads = [threading.Thread(target=first_use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(exports) == 1 and len(found) == 2 and found[0] == found[1]
    built = OnnxEmbedder(model_path, tmp_path / "cache")
    np.testing.assert_allclose(built.encode(SENTENCES[4:6]), onnx_fp32.encode(SENTENCES[4:6]))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "no manifest"])
def test_a_corrupt_or_partial_export_is_rebuilt(
    damage: str,
    model_path: Path,
    tmp_path: Path,
    onnx_fp32: OnnxEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exports: list[Path] = []

    def copy(_model: Path, destination: Path) -> None:
        exports.append(destination)
        destination.write_bytes(onnx_fp32.model_file.read_bytes())

    monkeypatch.setattr(embed_onnx, "export_onnx", copy)
    cache = tmp_path / "cache"
    target = onnx_model_file(model_path, cache, quantize=False)
    data = target.read_bytes()
    if damage == "truncated":  # e.g. a copy or a disk that stopped half way
        target.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # same size, one byte wrong
        target.write_bytes(data[:1000] + bytes([data[1000] ^ 0xFF]) + data[1001:])
    else:  # a crash between the rename and the manifest
        manifest_of(target).unlink()
    built = OnnxEmbedder(model_path, cache)
    assert len(exports) == 2 and built.model_file == target
    assert target.read_bytes() == data
    np.testing.assert_allclose(built.encode(SENTENCES[4:6]), onnx_fp32.encode(SENTENCES[4:6]))


@pytest.mark.usefixtures("copy_export")
def test_workspace_ingest_with_onnx(tmp_path: Path, onnx_fp32: OnnxEmbedder) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", onnx_cache_dir=tmp_path / "cache"))
    try:
        [result] = ingest_bytes(workspace, CALL, "call.txt")
        assert result.status == "created"
        assert workspace.embedder.name == onnx_fp32.name
        with workspace.session() as session:
            mentions = session.scalars(select(Mention)).all()
            models = set(session.scalars(select(EmbeddingCache.model)).all())
        assert any(m.kind == "objection" for m in mentions)
        assert any(m.cluster_id is not None for m in mentions)
        assert models == {onnx_fp32.name}
    finally:
        workspace.close()


def test_long_texts_go_in_smaller_batches() -> None:
    lengths = [256] * 40 + [12] * 130 + [128] * 70
    batches = embed_onnx.length_batches(lengths, 64, embed_onnx.ATTENTION_AREA)
    assert sorted(p for batch in batches for p in batch) == list(range(len(lengths)))
    for batch in batches:
        widths = [lengths[p] for p in batch]
        assert widths == sorted(widths) and len(batch) <= 64
        assert len(batch) * max(widths) ** 2 <= embed_onnx.ATTENTION_AREA
    assert [len(b) for b in batches] == [64, 64, 64, 16, 16, 16]  # the 256-token texts: 16 a batch
    # One text longer than the area on its own still gets a batch of its own.
    assert embed_onnx.length_batches([600, 3], 64, 1000) == [[1], [0]]


@pytest.mark.parametrize(
    ("change", "uses_tokenizer_json"),
    [
        ("as shipped", True),
        ("config says no lower-casing", False),
        ("truncation from the left", False),
        ("no tokenizer.json", False),
    ],
)
def test_token_ids_match_transformers_however_the_folder_is_set_up(
    model_path: Path, tmp_path: Path, change: str, uses_tokenizer_json: bool
) -> None:
    from transformers import AutoTokenizer

    folder = tmp_path / "model"
    folder.mkdir()
    for item in model_path.iterdir():
        if item.is_file() and item.suffix in {".json", ".txt"}:
            (folder / item.name).write_bytes(item.read_bytes())
    config = json.loads((folder / "tokenizer_config.json").read_text())
    if change == "config says no lower-casing":
        config["do_lower_case"] = False
    elif change == "truncation from the left":
        config["truncation_side"] = "left"
    elif change == "no tokenizer.json":
        (folder / "tokenizer.json").unlink()
    (folder / "tokenizer_config.json").write_text(json.dumps(config))
    assert (embed_onnx.fast_tokenizer_file(folder) is not None) == uses_tokenizer_json
    texts = ["Hello World, ÉCOLE Café", *SENTENCES]
    reference = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    expected = reference(texts, truncation=True, max_length=embed_onnx.max_seq_length(folder))
    assert (
        embed_onnx.TokenIds(folder, embed_onnx.max_seq_length(folder))(texts)
        == expected["input_ids"]
    )
