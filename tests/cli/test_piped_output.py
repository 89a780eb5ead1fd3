"""The CLI with its output piped (not a terminal), as `make demo | tee` or a script reads it:
paths and table rows are never cut at 80 columns, and the model libraries' progress bars
("Loading weights ... it/s") stay out of it unless --verbose."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BAR_TEXT = ("Loading weights", "it/s]", "%|")


def callmine(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CALLMINE_")}
    clean.pop("COLUMNS", None)
    clean.update({"CALLMINE_DATA_DIR": str(data_dir), "CALLMINE_LLM_BASE_URL": "", **env})
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,  # pipes: stdout and stderr are not terminals
        text=True,
        env=clean,
        timeout=180,
        check=False,
    )


def test_piped_output_keeps_paths_whole_and_hides_progress_bars(
    corpus_dir: Path, tmp_path: Path
) -> None:
    deep = tmp_path / ("a-folder-name-long-enough-that-the-path-passes-eighty-columns" * 2)
    data_dir = deep / "data"
    shutil.copytree(corpus_dir, data_dir)

    made = callmine(data_dir, "generate", "--type", "one-pager", "--offline", "--json")
    assert made.returncode == 0, made.stderr
    document = json.loads(made.stdout)  # JSON is never wrapped either
    target = deep / "exports" / "what-buyers-push-back-on-the-one-pager.html"
    target.parent.mkdir()
    wrote = callmine(data_dir, "export", str(document["id"]), "-f", "html", "-o", str(target))
    assert wrote.returncode == 0, wrote.stderr
    assert len(str(target)) > 200
    assert any(str(target) in line for line in wrote.stderr.splitlines())

    # The torch backend loads its weights behind a tqdm bar; piped, it must not show.
    found = callmine(
        data_dir,
        "search",
        "it costs too much",
        "-k",
        "1",
        CALLMINE_EMBEDDER="sentence-transformers",
    )
    assert found.returncode == 0, found.stderr
    for text in BAR_TEXT:
        assert text not in found.stdout + found.stderr
    rows = [line for line in found.stdout.splitlines() if "│" in line]
    assert len(rows) == 1  # one quote, one line: no cell folded onto a second line
