"""``callmine demo`` can run again: the second run reuses its one-pager instead of a copy; each
run says how many themes of each kind the analysis made."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from api.cli import app
from pipeline.store.models import Document
from pipeline.workspace import Workspace


def test_demo_twice_keeps_one_one_pager(
    ws: Workspace, point_cli_at: Callable[..., None], tmp_path: Path
) -> None:
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    examples = tmp_path / "no-new-calls"  # the analysed corpus is there already
    examples.mkdir()
    (examples / "manifest.csv").write_text("file,date,account,outcome\n", "utf-8")
    runner = CliRunner()
    outputs = []
    for _ in range(2):
        result = runner.invoke(app, ["demo", "--examples", str(examples), "--no-serve"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    with ws.session() as db:
        count = db.scalar(
            select(func.count()).select_from(Document).where(Document.doc_type == "one-pager")
        )
    assert count == 1
    assert "reusing the demo's one-pager" in outputs[1]
    assert "one-pager (pdf)" in outputs[1]
    # it says what the analysis made: the corpus's themes of each kind
    assert re.search(r"themes: [1-9]\d* objection, \d+ pain, \d+ question", outputs[1]), outputs[1]
