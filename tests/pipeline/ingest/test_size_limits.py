"""A file over the upload limit is refused with sizes people read ("25 MB"), the file's own
where it is known, not "the 26,214,400-byte upload limit"."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pipeline.config import Settings
from pipeline.wording import file_size
from tests.conftest import MAX_UPLOAD_BYTES, Cli, make_settings

pytestmark = pytest.mark.usefixtures("no_analysis")  # refused before anything is analysed

# Long calls from three trades, repeated past the tests' 256 KB limit.
LINES = (
    "Gemma Doyle: The nurses won't log into yet another app, and the partners want the price.\n",
    "Rachel Imbert: We already pay for WhenToWork across both depots, switching is out.\n",
    "Maya Brooks: It's way more than Fresha for a four-chair salon, and stylists hate tablets.\n",
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The API with the same small upload limit as the CLI fixture."""
    return make_settings(tmp_path / "data", max_upload_bytes=MAX_UPLOAD_BYTES)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (26_214_400, "25 MB"),  # the default limit
        (31_457_335, "30 MB"),
        (1_572_864, "1.5 MB"),
        (262_144, "256 KB"),
        (104_857_600, "100 MB"),
        (3 * 1024**3, "3 GB"),
        (900, "900 bytes"),
        (1, "1 byte"),
    ],
)
def test_file_sizes_read_as_people_write_them(size: int, shown: str) -> None:
    assert file_size(size) == shown


@pytest.mark.parametrize("line", LINES, ids=["vets", "warehouse", "salon"])
def test_the_cli_says_the_files_size_and_the_limit(line: str, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "long-call.txt"
    path.write_text((line * (300 * 1024 // len(line) + 1))[: 300 * 1024])  # 300 KB
    result = cli("ingest", path)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "file is 300 KB, over the 256 KB upload limit" in said
    assert "262,144 bytes" in said  # the setting's own value, to set it higher
    assert "-byte" not in said


def test_an_upload_says_the_limit_in_kb_or_mb(client: TestClient) -> None:
    data = "".join(LINES).encode() * (MAX_UPLOAD_BYTES // len("".join(LINES)) + 2)
    response = client.post("/api/calls", files=[("files", ("long-call.txt", data))])
    assert response.status_code == 413, response.text
    [result] = response.json()["results"]
    assert result["reason"].startswith("file is larger than the 256 KB upload limit")
    assert "CALLMINE_MAX_UPLOAD_BYTES: 262,144 bytes" in result["reason"]
