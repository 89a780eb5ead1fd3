"""A mention of a word or two that says nothing alone ("Bad.", "Twice.") counts as uncertain and
is never quoted: it had been a pain at 0.93 and a theme's quote. Calls from three trades
through the real ingest, detection, embedding and clustering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app
from pipeline.detect.quotable import says_nothing_alone
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.bare_mention_calls import BARE, ingest_bare_mention_calls


def test_a_bare_word_or_two_is_uncertain_and_never_quoted(
    workspace: Workspace,
    client: TestClient,
    point_cli_at: Callable[..., None],
    tmp_path: Path,
) -> None:
    ingest_bare_mention_calls(workspace, tmp_path / "calls")
    with workspace.session() as db:
        bare = db.scalars(select(Mention).where(Mention.text.in_(BARE))).all()
        detected = [m for m in bare if m.kind in ("pain", "objection", "question")]
        themes = {m.cluster_id for m in detected if m.cluster_id is not None}
        assert len(detected) >= 2 and themes
        assert all(m.confidence < workspace.settings.confident_at for m in detected)
    point_cli_at(workspace.settings.data_dir, workspace.settings.database_url)
    for theme in themes:
        quotes = client.get(f"/api/clusters/{theme}").json()["quotes"]
        assert quotes and not [q["text"] for q in quotes if q["text"] in BARE]
        shown = CliRunner().invoke(app, ["cluster-show", str(theme)])
        assert shown.exit_code == 0, shown.output
        assert not [text for text in BARE if f'"{text}"' in shown.output]


def test_only_words_that_name_nothing_say_nothing_alone() -> None:
    for text in ("Bad.", "Twice.", "Never again.", "Not great.", "Terrible, honestly."):
        assert says_nothing_alone(text), text
    for text in ("Too expensive.", "No integrations.", "Payroll.", "No-shows.", "That was bad."):
        assert not says_nothing_alone(text), text
