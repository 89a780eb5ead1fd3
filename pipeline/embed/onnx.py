"""ONNX Runtime embedder: the local sentence-transformers model exported once, optionally int8.

The graph is exported from the model folder on this machine (nothing is downloaded), mean
pooling included, and cached (``CALLMINE_ONNX_CACHE_DIR``) under a key of model path, weights,
quantisation and library versions. The cache is safe to share:

- concurrent first use (threads, processes, a CLI beside the server) exports once: the export
  runs under an exclusive file lock, and whoever waited finds the finished file;
- the file is written to a temporary name and renamed, then a manifest (size and SHA-256) is
  written beside it; a file without a manifest that matches (a crash, a truncated copy, a disk
  error) is not used but exported again.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.embed.base import Vectors, normalise
from pipeline.errors import CallmineError
from pipeline.store.files import locked, write_atomically, write_text_atomically

# Bump when the exported graph changes shape or meaning, so old cache entries are not reused.
EXPORT_FORMAT = 1
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "config.json")
# Rows x tokens squared per batch: 16 texts of 256 tokens (or 64 of 128), about 50 MB of attention
# scores per layer; short texts still go 64 (the batch size) at a time.
ATTENTION_AREA = 16 * 256 * 256


def cache_key(model_path: Path, quantize: bool) -> str:
    """Digest of everything the exported file depends on."""
    from importlib.metadata import version

    parts: list[str] = [
        str(EXPORT_FORMAT),
        str(model_path.resolve()),
        "int8" if quantize else "fp32",
        version("torch"),  # not imported: a server that only runs the graph never loads torch
        version("onnxruntime"),
    ]
    for name in WEIGHT_FILES:
        path = model_path / name
        if path.exists():
            stat = path.stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def onnx_model_file(model_path: Path, cache_dir: Path, *, quantize: bool) -> Path:
    """The cached ONNX file for ``model_path``, exported (and quantised) first when missing or
    not intact."""
    variant = "int8" if quantize else "fp32"
    name = os.path.basename(os.path.normpath(model_path))
    target = cache_dir / f"{name}-{variant}-{cache_key(model_path, quantize)}.onnx"
    if intact(target):
        return target
    with locked(target):
        if intact(target):  # another thread or process exported it while this one waited
            return target
        manifest_of(target).unlink(missing_ok=True)
        if quantize:
            source = onnx_model_file(model_path, cache_dir, quantize=False)
            write_atomically(target, lambda tmp: quantize_int8(source, tmp))
        else:
            write_atomically(target, lambda tmp: export_onnx(model_path, tmp))
        write_text_atomically(manifest_of(target), json.dumps(fingerprint(target)))
    return target


def manifest_of(model_file: Path) -> Path:
    return model_file.with_name(model_file.name + ".manifest.json")


def fingerprint(model_file: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file (read in 1 MiB blocks)."""
    digest = hashlib.sha256()
    with model_file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {
        "format": EXPORT_FORMAT,
        "bytes": model_file.stat().st_size,
        "sha256": digest.hexdigest(),
    }


_VERIFIED: dict[Path, tuple[int, int]] = {}


def intact(model_file: Path) -> bool:
    """The file exists and matches its manifest (hashed once per process while unchanged)."""
    try:
        stat = model_file.stat()
        expected = json.loads(manifest_of(model_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    seen = (stat.st_size, stat.st_mtime_ns)
    if _VERIFIED.get(model_file) == seen:
        return True
    if expected != fingerprint(model_file):
        return False
    _VERIFIED[model_file] = seen
    return True


def pooling_mode(model_path: Path) -> str:
    """The sentence-transformers pooling of the model folder ("mean" when it says nothing)."""
    config = model_path / "1_Pooling" / "config.json"
    if not config.exists():
        return "mean"
    settings = json.loads(config.read_text(encoding="utf-8"))
    modes = [key for key, on in settings.items() if key.startswith("pooling_mode_") and on is True]
    return "mean" if modes == ["pooling_mode_mean_tokens"] else ",".join(modes) or "none"


def _json_setting(path: Path, key: str) -> Any:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get(key)


def max_seq_length(model_path: Path) -> int:
    """The truncation length sentence-transformers uses for this folder: its own setting, else
    the tokenizer's limit (at most 512, BERT's positions)."""
    length = _json_setting(model_path / "sentence_bert_config.json", "max_seq_length")
    if isinstance(length, int) and length > 0:
        return length
    limit = _json_setting(model_path / "tokenizer_config.json", "model_max_length")
    return min(limit, 512) if isinstance(limit, int) and limit > 0 else 512


def fast_tokenizer_file(model_path: Path) -> Path | None:
    """``tokenizer.json`` when it alone says how to tokenise. transformers applies
    ``tokenizer_config.json``'s lower-casing, accent stripping and truncation side over it, so
    a folder whose two files disagree (or with no ``tokenizer.json``) is read by transformers."""
    file = model_path / "tokenizer.json"
    config = model_path / "tokenizer_config.json"
    if not file.exists() or _json_setting(config, "truncation_side") not in (None, "right"):
        return None
    normalizer = json.loads(file.read_text(encoding="utf-8")).get("normalizer") or {}
    for setting, field in (("do_lower_case", "lowercase"), ("strip_accents", "strip_accents")):
        wanted = _json_setting(config, setting)
        if wanted is not None and normalizer.get(field) != wanted:
            return None
    return file


class TokenIds:
    """Token ids as the model folder's tokenizer makes them (special tokens added, truncated,
    not padded). Where ``tokenizer.json`` says it all, the ``tokenizers`` library alone reads
    it: transformers' AutoTokenizer imports torch, 190 MB more in every process that embeds."""

    def __init__(self, model_path: Path, max_length: int) -> None:
        file = fast_tokenizer_file(model_path)
        if file is None:
            from transformers import AutoTokenizer

            slow = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
            self.pad_id = int(slow.pad_token_id or 0)
            self._encode: Callable[[list[str]], list[list[int]]] = lambda texts: slow(
                texts, truncation=True, max_length=max_length
            )["input_ids"]
            return
        from tokenizers import Tokenizer

        fast = Tokenizer.from_file(str(file))
        fast.no_padding()  # batches are padded to their own longest text
        fast.enable_truncation(max_length)
        pad = _json_setting(model_path / "special_tokens_map.json", "pad_token")
        pad_text = pad.get("content") if isinstance(pad, dict) else pad
        found = fast.token_to_id(pad_text) if isinstance(pad_text, str) else None
        self.pad_id = int(found or 0)
        self._encode = lambda texts: [encoding.ids for encoding in fast.encode_batch(texts)]

    def __call__(self, texts: Sequence[str]) -> list[list[int]]:
        return self._encode(list(texts))


def export_onnx(model_path: Path, destination: Path) -> None:
    """Trace the Hugging Face model plus mean pooling into an ONNX graph with dynamic shapes."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
    names = list(tokenizer.model_input_names)

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            features = dict(zip(names, inputs, strict=True))
            hidden = self.model(**features).last_hidden_state
            mask = features["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled: torch.Tensor = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return pooled

    sample = tokenizer(["a short one", "and a somewhat longer sample sentence"], padding=True)
    args = tuple(torch.tensor(sample[name], dtype=torch.int64) for name in names)
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with torch.no_grad(), warnings.catch_warnings():
        # The TorchScript exporter works offline without onnxscript; its tracer warnings are
        # about shape branches in the mask code that dynamic axes make irrelevant.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            MeanPooled(),
            args,
            str(destination),
            input_names=names,
            output_names=["embedding"],
            dynamic_axes={**axes, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )


def quantize_int8(source: Path, destination: Path) -> None:
    """Dynamic int8 quantisation; per-channel weights keep cosine to fp32 near 0.99.

    Activations are scaled per batch, so an int8 vector shifts slightly with its batch mates.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(destination), weight_type=QuantType.QInt8, per_channel=True)


def length_batches(lengths: Sequence[int], max_rows: int, max_area: int) -> list[list[int]]:
    """Positions in batches of similar length (little work wasted on padding), shortest first:
    at most ``max_rows`` each, and rows x longest length squared within ``max_area``, so a batch
    of long texts is smaller (its attention scores grow with the square of its length)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for position in order:
        rows = len(current) + 1
        if current and (rows > max_rows or rows * lengths[position] ** 2 > max_area):
            batches.append(current)
            current = []
        current.append(position)
    if current:
        batches.append(current)
    return batches


class OnnxEmbedder:
    """The local model run by ONNX Runtime on CPU: same vectors as sentence-transformers."""

    def __init__(
        self, model_path: Path, cache_dir: Path, *, quantize: bool = False, batch_size: int = 64
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import onnxruntime

        mode = pooling_mode(model_path)
        if mode != "mean":
            raise CallmineError(f"the onnx embedder needs a mean-pooling model, not {mode}")
        self.model_file = onnx_model_file(model_path, cache_dir, quantize=quantize)
        self._token_ids = TokenIds(model_path, max_seq_length(model_path))
        options = onnxruntime.SessionOptions()
        # No arena: it keeps the largest batch's buffers for the life of the process (a batch of
        # 64 texts of 256 tokens left 1.3 GB resident); plain allocations are handed back.
        options.enable_cpu_mem_arena = False
        # Idle pool threads sleep instead of spinning for the next batch: the same vectors for
        # about 30 % less CPU (3,000 Banking77 texts 18.7 -> 13.3 s), and the spinning thread
        # took a core from the detector's rules, which run between batches on these 2 cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(self.model_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = [item.name for item in self._session.get_inputs()]
        self.batch_size = batch_size
        base = os.path.basename(os.path.normpath(model_path))
        self.name = f"onnx-int8:{base}" if quantize else f"onnx:{base}"
        self.dim = int(self._session.get_outputs()[0].shape[1])

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = self._token_ids(texts)
        pad = self._token_ids.pad_id
        vectors = np.zeros((len(ids), self.dim), dtype=np.float32)
        for rows in length_batches([len(i) for i in ids], self.batch_size, ATTENTION_AREA):
            width = len(ids[rows[-1]])
            input_ids = np.full((len(rows), width), pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, i in enumerate(rows):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            feed["token_type_ids"] = np.zeros_like(input_ids)
            (pooled,) = self._session.run(
                ["embedding"], {k: v for k, v in feed.items() if k in self._inputs}
            )
            vectors[rows] = pooled
        return normalise(vectors)
