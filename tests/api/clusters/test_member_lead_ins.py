"""Every quote of a theme that cannot stand alone ("And then the price.") follows its lead-in
where all of them are listed: the theme page's table of quotes, ``cluster-show`` (dim, after an
ellipsis) and its ``--json`` mentions. Only the chosen quotes had it; the lists showed them
bare. Calls from four trades, through the real ingest, detection, embedding and clustering."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.lead_in_calls import ingest_lead_in_calls

# (the fragment, the sentence before it in the same buyer turn)
LEANING = [
    (
        "And then the price.",
        "Setting up the X-ray & lab codes took our front desk three full weeks.",
    ),
    ("Plus the contract.", "The pickers found the scanner app slow on the night shift."),
    (
        "Also the annual contract.",
        "Our bookkeeper Janet Morris spent two weeks re-keying client files in the trial.",
    ),
]


def _theme_of(workspace: Workspace, text: str) -> int:
    with workspace.session() as db:
        mention = db.scalars(select(Mention).where(Mention.text == text)).one()
        assert mention.cluster_id is not None, text
        return mention.cluster_id


def test_every_listed_quote_follows_its_lead_in(
    workspace: Workspace,
    client: TestClient,
    point_cli_at: Callable[..., None],
    tmp_path: Path,
) -> None:
    ingest_lead_in_calls(workspace, tmp_path / "calls")
    point_cli_at(workspace.settings.data_dir, workspace.settings.database_url)
    for fragment, before in LEANING:
        theme = _theme_of(workspace, fragment)
        page = client.get(f"/clusters/{theme}?show=all").text
        listed = page.split('id="all-title"', 1)[1]
        escaped = before.replace("&", "&amp;")
        assert f'<span class="quote-lead">…{escaped}</span> {fragment}”' in listed, fragment
        assert f"“{fragment}”" not in listed
        shown = CliRunner().invoke(app, ["cluster-show", str(theme), "--json"])
        mentions = json.loads(shown.output)["mentions"]
        assert next(m for m in mentions if m["text"] == fragment)["lead_in"] == before
        alone = [m for m in mentions if m["text"] not in {f for f, _ in LEANING}]
        assert alone and all(m["lead_in"] == "" for m in alone)


def test_cluster_show_prints_a_fragment_after_its_lead_in(
    workspace: Workspace, point_cli_at: Callable[..., None], tmp_path: Path
) -> None:
    ingest_lead_in_calls(workspace, tmp_path / "calls")
    point_cli_at(workspace.settings.data_dir, workspace.settings.database_url)
    fragment, before = LEANING[0]
    shown = CliRunner().invoke(app, ["cluster-show", str(_theme_of(workspace, fragment))])
    assert shown.exit_code == 0, shown.output
    said = " ".join(shown.output.split())
    assert f'"…{before} {fragment}"' in said
    assert f'"{fragment}"' not in said
