"""The API upload, the web upload form and the CLI call one ingest service: the corpus of
third-party exports stored through each (with the team roster added through each) gives the
same calls, field by field. Parse and store only; analysis is recorded, not run."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import get_settings
from pipeline.workspace import Workspace
from tests.conftest import Cli, app_client, make_settings
from tests.real_exports import EXPECTED, FILES, OUR_COMPANY, ROSTER, corpus_paths, snapshot


def _files() -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (path.name, path.read_bytes())) for path in corpus_paths()]


def _through_api(folder: Path) -> Workspace:
    workspace = Workspace(make_settings(folder, our_company=OUR_COMPANY))
    with app_client(workspace) as client:
        for name, company in ROSTER:
            assert (
                client.post("/api/team", json={"name": name, "company": company}).status_code == 201
            )
        response = client.post("/api/calls", files=_files())
        assert response.status_code == 201, response.text
        assert response.json()["rejected"] == 0
    return workspace


def _through_web_form(folder: Path) -> Workspace:
    workspace = Workspace(make_settings(folder, our_company=OUR_COMPANY))
    with app_client(workspace) as client:
        for name, company in ROSTER:
            page = client.post("/team", data={"name": name, "company": company})
            assert page.status_code == 200 and name in page.text
        page = client.post("/upload", files=_files())
        assert page.status_code == 200, page.text
        assert "badge-rejected" not in page.text
    return workspace


def _through_cli(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("CALLMINE_OUR_COMPANY", OUR_COMPANY)
    get_settings.cache_clear()
    for name, company in ROSTER:
        assert cli("team", "add", name, "--company", company).exit_code == 0
    result = cli("ingest", *corpus_paths())
    assert result.exit_code == 0, result.output
    return Workspace(cli.settings(our_company=OUR_COMPANY))


def test_api_web_form_and_cli_store_identical_calls(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, no_analysis: list[list[int]]
) -> None:
    workspaces = [
        _through_api(tmp_path / "api"),
        _through_web_form(tmp_path / "web"),
        _through_cli(cli, monkeypatch),
    ]
    try:
        api, web, command = (snapshot(workspace) for workspace in workspaces)
    finally:
        for workspace in workspaces:
            workspace.close()
    assert sorted(api) == FILES
    assert sum(len(calls) for calls in api.values()) == sum(EXPECTED[n]["calls"] for n in FILES)
    for name in FILES:
        assert web[name] == api[name], name
        assert command[name] == api[name], name
    assert no_analysis  # every surface handed its new calls to the analysis
