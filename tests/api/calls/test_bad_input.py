"""Every bad upload through the API and the CLI: a clear error naming the file, nothing lost."""

from __future__ import annotations

import functools
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

import pipeline.ingest.store as calls_service
from pipeline.calls.queries import count_rows
from pipeline.config import Settings
from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedUtterance
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.conftest import MAX_UPLOAD_BYTES, Cli, make_settings
from tests.samples import TRANSCRIPT, transcript, write

pytestmark = pytest.mark.usefixtures("no_analysis")  # about storage; insights test analysis
LIMIT = MAX_UPLOAD_BYTES  # the same small limit on both sides


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The API side runs with the same small upload limit as the CLI side."""
    return make_settings(tmp_path / "data", max_upload_bytes=LIMIT)


@functools.cache
def docx_bomb() -> bytes:
    """A ~100 KB .docx whose document.xml inflates to 100 MB (built when a test first needs it:
    deflating 100 MB at import cost every xdist worker half a second of collection)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        body = b"<w:t>" + b"a" * (100 * 1024 * 1024) + b"</w:t>"
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def undecodable() -> bytes:
    noise = random.Random(7).randbytes(4000)
    return bytes(b if b not in (0x0A, 0x0D) else 0x00 for b in noise)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4
)


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    content: bytes | Callable[[], bytes]  # or how to build it, if that is slow
    status: int
    says: str  # a word the reason must contain (lower-case)

    @property
    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


CASES = [
    Case("empty", "empty.txt", b"", 422, "empty"),
    Case("blank", "blank.txt", b" \n\r\n\t\n", 422, "empty"),
    Case("png-as-txt", "logo.txt", PNG, 422, "png"),
    Case("pdf-as-txt", "deck.txt", PDF, 422, "pdf"),
    Case("too-large", "huge.txt", TRANSCRIPT * (LIMIT // len(TRANSCRIPT) + 2), 413, "limit"),
    Case("undecodable", "garbled.txt", undecodable(), 422, ""),
    Case("vtt", "call.vtt", b"WEBVTT\n\n00:00:01.000 --> \nHello\n\nxx:yy --> zz\nHi\n", 422, ""),
    Case("srt", "call.srt", b"1\n00:00:01,000 --> banana\nAna: hi\n\n2\nnot a time\n", 422, ""),
    Case("json", "call.json", b'{"transcript": [{"speaker": "Ana", "text": "hi"', 422, "json"),
    Case("csv", "notes.csv", b'Note Body,Company\n"unterminated, Acme\n', 422, ""),
    Case("docx-bomb", "bomb.docx", docx_bomb, 422, ""),
    Case("no-utterances", "silent.vtt", b"WEBVTT\n\n", 422, "utterance"),
    Case("dotdot", "../../etc/passwd.txt", TRANSCRIPT, 422, "traversal"),
    Case("absolute", "/etc/passwd", TRANSCRIPT, 422, "absolute"),
    Case("nul", "evil\x00.txt", TRANSCRIPT, 422, "nul"),
]


def printable(name: str) -> str:
    return name.replace("\x00", "\\x00")


def post_raw(client: TestClient, files: list[tuple[str, bytes]]) -> Response:
    """POST multipart bytes built by hand: httpx would percent-escape a NUL in a file name."""
    boundary = "callmine-test-boundary"
    body = b""
    for name, data in files:
        body += (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    content_type = f"multipart/form-data; boundary={boundary}"
    return client.post("/api/calls", content=body, headers={"content-type": content_type})


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_api_rejects_with_a_problem_naming_the_file(
    case: Case, client: TestClient, workspace: Workspace
) -> None:
    client.post("/api/calls", files=[("files", ("kept.txt", transcript("kept")))])
    with workspace.session() as db:
        before = count_rows(db)
    response = post_raw(client, [(case.filename, case.data)])
    assert response.status_code == case.status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == case.status
    assert problem["filename"] == printable(case.filename)
    [result] = problem["results"]
    assert result["status"] == "rejected" and result["reason"]
    assert case.says in result["reason"].lower()
    assert result["reason"] in problem["detail"]
    with workspace.session() as db:
        assert count_rows(db) == before


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_api_keeps_the_good_files_of_a_mixed_upload(case: Case, client: TestClient) -> None:
    response = post_raw(client, [("good.txt", TRANSCRIPT), (case.filename, case.data)])
    assert response.status_code == 207, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["created", "rejected"]
    assert client.get("/api/calls").json()["total"] == 1


ON_DISK = [c for c in CASES if c.id not in ("dotdot", "absolute", "nul")]


@pytest.mark.parametrize("case", ON_DISK, ids=[c.id for c in ON_DISK])
def test_cli_reports_the_file_and_exits_non_zero_after_the_good_ones(
    case: Case,
    cli: Cli,
    tmp_path: Path,
) -> None:
    good = write(tmp_path / "in", "good.txt", TRANSCRIPT)
    bad = write(tmp_path / "in", case.filename, case.data)
    result = cli("ingest", good, bad)
    assert result.exit_code == 1, result.output
    assert case.filename in result.output
    assert "rejected" in result.output
    assert cli.counts() == (1, 4)  # the good file is in, nothing of the bad one
    as_json = cli("ingest", bad, "--json")
    assert as_json.exit_code == 1
    assert case.says in as_json.stdout.lower()


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/passwd", "a\x00b.txt"])
def test_cli_manifest_with_unsafe_file_names(
    name: str,
    cli: Cli,
    tmp_path: Path,
) -> None:
    """On the CLI, names come from the disk or a manifest: unsafe manifest rows are refused."""
    folder = tmp_path / "calls"
    write(tmp_path, "outside.txt", transcript("outside"))
    write(folder, "good.txt", TRANSCRIPT)
    manifest = write(folder, "manifest.csv", f"file,outcome\n{name},won\ngood.txt,lost\n".encode())
    result = cli("ingest", folder, "--manifest", manifest)
    assert result.exit_code == 1, result.output
    assert "unsafe file name" in result.output
    assert printable(name) in result.output
    assert cli.counts() == (1, 4)
    assert cli.json("calls")["items"][0]["outcome"] == "lost"


def test_cli_checks_the_size_before_reading(cli: Cli, tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024**3)  # 10 GB on paper, nothing on disk: must not be read
    result = cli("ingest", sparse)
    assert result.exit_code == 1 and "limit" in result.output and "sparse.txt" in result.output
    assert cli.counts() == (0, 0)


def test_duplicate_upload_is_idempotent(
    client: TestClient,
    workspace: Workspace,
    cli: Cli,
    tmp_path: Path,
) -> None:
    first = client.post("/api/calls", files=[("files", ("a.txt", TRANSCRIPT))]).json()
    again = client.post("/api/calls", files=[("files", ("a-again.txt", TRANSCRIPT))])
    assert again.status_code == 200
    assert again.json()["results"][0]["call_id"] == first["results"][0]["call_id"]
    with workspace.session() as db:
        assert count_rows(db) == (1, 4)
    path = write(tmp_path, "a.txt", TRANSCRIPT)
    assert cli.json("ingest", path)["created"] == 1
    out = cli.json("ingest", path)
    assert (out["created"], out["duplicates"]) == (0, 1)
    assert cli.counts() == (1, 4)


@pytest.fixture
def fail_half_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Storing the third utterance of any call fails, after the call row is flushed."""
    real_row = calls_service._utterance_row

    def failing_row(call_id: int, seq: int, utterance: ParsedUtterance) -> Utterance:
        if seq == 2:
            raise BadInput("utterance 3 could not be stored")
        return real_row(call_id, seq, utterance)

    monkeypatch.setattr(calls_service, "_utterance_row", failing_row)


@pytest.mark.usefixtures("fail_half_way")
def test_exception_half_way_rolls_back_in_api_and_cli(
    client: TestClient,
    workspace: Workspace,
    cli: Cli,
    tmp_path: Path,
) -> None:
    response = client.post("/api/calls", files=[("files", ("half.txt", TRANSCRIPT))])
    assert response.status_code == 422
    assert response.json()["filename"] == "half.txt"
    assert "could not be stored" in response.json()["detail"]
    with workspace.session() as db:
        assert count_rows(db) == (0, 0)
    result = cli("ingest", write(tmp_path, "half.txt", TRANSCRIPT))
    assert result.exit_code == 1 and "half.txt" in result.output
    assert "could not be stored" in result.output
    assert cli.counts() == (0, 0)
