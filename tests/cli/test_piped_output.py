"""The CLI with its output piped (not a terminal), as `make demo | tee` or a script reads it:
paths and JSON are never cut at 80 columns, and the model libraries' progress bars
("Loading weights ... it/s") stay out of it unless --verbose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli_app import QUIET_ENV
from pipeline.content.generate import generate_document
from pipeline.workspace import Workspace
from tests.conftest import Cli, make_settings

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


@pytest.mark.slow
def test_piped_output_keeps_paths_whole_and_hides_progress_bars(
    corpus_dir: Path, tmp_path: Path
) -> None:
    deep = tmp_path / ("a-folder-name-long-enough-that-the-path-passes-eighty-columns" * 2)
    data_dir = deep / "data"
    shutil.copytree(corpus_dir, data_dir)

    workspace = Workspace(make_settings(data_dir))
    with workspace.session() as db:
        doc_id = generate_document(db, workspace.settings, doc_type="one-pager", use_llm=False).id
    workspace.close()
    target = deep / "exports" / "what-buyers-push-back-on-the-one-pager.html"
    target.parent.mkdir()
    wrote = callmine(data_dir, "export", str(doc_id), "-f", "html", "-o", str(target))
    assert wrote.returncode == 0, wrote.stderr
    assert len(str(target)) > 200
    assert any(str(target) in line for line in wrote.stderr.splitlines())
    for text in BAR_TEXT:
        assert text not in wrote.stdout + wrote.stderr


def test_third_party_progress_bars_are_silent_unless_verbose(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model loader's "Loading weights" bar is a tqdm / Hugging Face bar: every command
    turns those off before the libraries load (they load lazily, after the options are read),
    and ``--verbose`` leaves them on. (Piped, the torch backend printed "Loading weights:
    100%|...| 103/103" before this; it prints nothing now.)"""
    for name in QUIET_ENV:
        monkeypatch.delenv(name, raising=False)
    assert cli("--verbose", "jobs").exit_code == 0
    assert not set(QUIET_ENV) & set(os.environ)
    assert cli("jobs").exit_code == 0
    assert {name: os.environ.get(name) for name in QUIET_ENV} == QUIET_ENV
